"""``python -m tui`` runs the same entry point as the ``followup`` command."""

from tui.start import main

raise SystemExit(main())
