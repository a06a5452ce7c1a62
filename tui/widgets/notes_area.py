"""The multi-line notes field: control characters drawn visibly (see ``tui.widgets.fields``)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tui.text import literal_same_length


class NotesArea(TextArea):
    """A multi-line field."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        return Text(literal_same_length(line), end="", no_wrap=True)
