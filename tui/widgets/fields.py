"""Text fields that show what they hold, and never pass it to the terminal as commands.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an escape
sequence pasted into a field, or loaded from a card imported from elsewhere,
would reach the terminal and could clear it, retitle it or move the cursor.
These two draw each control character as a visible one instead, one for one,
so the cursor and the selection still point at the same characters. The value
itself is untouched: what is saved is exactly what was typed.

The multi-line ``NotesArea`` is in ``tui.widgets.notes_area``: Textual's
``TextArea`` is slow to import, and only the card form needs it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input

from tui.text import literal_same_length


class TextInput(Input):
    """A one-line field."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(literal_same_length(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text
