"""The app's working parts, each small and tested on its own; ``tui.app`` wires them together.

- ``save_queue``: changes saved one at a time, in order, off the UI thread;
  a failed save kept and tried again;
- ``reload``: the board file read again when another program changed it;
- ``undo``: the history of changes, to take them back one by one;
- ``stop_signals``: SIGHUP and SIGTERM passed on to an editor, then the app stopped;
- ``crash_report``: what a crash prints (where it happened, never the cards).

None of them imports Textual: the app gives them its timers and messages.
"""
