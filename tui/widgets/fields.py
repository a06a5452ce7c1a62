"""Text fields that show what they hold, and never pass it to the terminal as commands.

Textual's ``Input`` and ``TextArea`` draw their value as it is: an escape
sequence pasted into a field, or loaded from a card imported from elsewhere,
would reach the terminal and could clear it, retitle it or move the cursor.
These two draw each control character as a visible one instead, one for one,
so the cursor and the selection still point at the same characters. The value
itself is untouched: what is saved is exactly what was typed.

``NotesArea`` lives in ``tui.widgets.notes_area`` and is loaded on first use
(Textual's ``TextArea`` takes a while to import, and the board only needs
``TextInput``); importing it from here works as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Input

from tui.text import literal_same_length

if TYPE_CHECKING:
    from tui.widgets.notes_area import NotesArea

__all__ = ["NotesArea", "TextInput"]


class TextInput(Input):
    """A one-line field."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(literal_same_length(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


def __getattr__(name: str) -> object:
    if name == "NotesArea":
        from tui.widgets.notes_area import NotesArea

        return NotesArea
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
