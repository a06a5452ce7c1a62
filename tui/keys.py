"""Every key of the board, declared once.

The same declaration makes the Textual bindings, the footer, the help screen,
the command palette's entries and the README's key table, so none of them can
drift from what the keys really do. Each key has an ``id``: the config's
``[keymap]`` table rebinds it (``move_next = "n"``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    """One user command and the keys that trigger it."""

    id: str
    keys: str
    action: str
    description: str
    help: str
    group: str
    show: bool = True
    #: Offered in the command palette.
    palette: bool = True

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            tooltip=self.help,
            id=self.id,
        )

    def key_list(self, keymap: Mapping[str, str] | None = None) -> list[str]:
        keys = (keymap or {}).get(self.id, self.keys)
        return [k.strip() for k in keys.split(",") if k.strip()]


NAVIGATE = "Move around"
CARD = "Act on the card"
VIEW = "View"
APP = "App"

#: Keys handled by a column (the cursor inside it).
COLUMN_KEYS: tuple[Key, ...] = (
    Key(
        "cursor_up",
        "up,k",
        "cursor_up",
        "Up",
        "Previous card in the column",
        NAVIGATE,
        show=False,
        palette=False,
    ),
    Key(
        "cursor_down",
        "down,j",
        "cursor_down",
        "Down",
        "Next card in the column",
        NAVIGATE,
        show=False,
        palette=False,
    ),
    Key("cursor_first", "home", "cursor_first", "First", "First card of the column", NAVIGATE, show=False),
    Key("cursor_last", "end", "cursor_last", "Last", "Last card of the column", NAVIGATE, show=False),
    Key(
        "page_up",
        "pageup",
        "page_up",
        "Page up",
        "One screen of cards up",
        NAVIGATE,
        show=False,
        palette=False,
    ),
    Key(
        "page_down",
        "pagedown",
        "page_down",
        "Page down",
        "One screen of cards down",
        NAVIGATE,
        show=False,
        palette=False,
    ),
)

#: Keys handled by the board screen.
BOARD_KEYS: tuple[Key, ...] = (
    Key(
        "column_left", "left,h", "column_left", "Left", "Previous column", NAVIGATE, show=False, palette=False
    ),
    Key(
        "column_right", "right,l", "column_right", "Right", "Next column", NAVIGATE, show=False, palette=False
    ),
    Key(
        "move_next",
        "greater_than_sign,shift+right",
        "move_next",
        "Next stage",
        "Move the card to the next stage, dated today",
        CARD,
    ),
    Key(
        "move_back",
        "less_than_sign,shift+left",
        "move_back",
        "Back",
        "Move the card back a stage (its earlier clock returns)",
        CARD,
        show=False,
    ),
    Key("add", "a", "add", "Add", "Add an interview", CARD),
    Key("open", "enter", "open", "Open", "Open the card: contacts, notes, timeline, next step", CARD),
    Key("edit", "e", "edit", "Edit", "Edit the card", CARD, show=False),
    Key("delete", "d", "delete", "Delete", "Delete the card (asks first; undoable)", CARD, show=False),
    Key(
        "log_followup",
        "f",
        "log_followup",
        "Log follow-up",
        "Log a follow-up you made (a status check when waiting)",
        CARD,
    ),
    Key(
        "log_reply",
        "r",
        "log_reply",
        "Reply",
        "Log that they got back to you (restarts the clock)",
        CARD,
        show=False,
    ),
    Key(
        "instruct",
        "i",
        "instruct",
        "Instruction",
        "Record what they asked: contact on a date, or wait for them",
        CARD,
        show=False,
    ),
    Key(
        "move_dated",
        "M",
        "move_dated",
        "Move on date",
        "Move the card to a stage on a date you choose",
        CARD,
        show=False,
    ),
    Key("close", "x", "close_card", "Close", "Close the card with an outcome", CARD, show=False),
    Key(
        "draft", "c", "draft", "Draft", "Draft the message or call notes for the next step", CARD, show=False
    ),
    Key("undo", "u,ctrl+z", "undo", "Undo", "Undo the last change (repeatable)", CARD),
    Key("agenda", "t", "agenda", "Today", "What to do today, then the week ahead", VIEW),
    Key("filter", "slash", "filter", "Filter", "Filter by company, role, contact or notes", VIEW),
    Key(
        "clear_filter", "escape", "clear_filter", "Clear", "Clear the filter", VIEW, show=False, palette=False
    ),
    Key(
        "sort", "s", "sort", "Sort", "Cycle the order: most urgent, interview date, company", VIEW, show=False
    ),
    Key("stats", "S", "stats", "Stats", "Counts, reply rate and timings", VIEW, show=False),
    Key("legend", "L", "legend", "Legend", "What the colours and marks mean", VIEW, show=False),
    Key("help", "question_mark", "help", "Help", "Every key, and the rules in brief", APP),
    Key("quit", "q", "quit", "Quit", "Quit (everything is already saved)", APP),
)

ALL_KEYS: tuple[Key, ...] = COLUMN_KEYS + BOARD_KEYS

_PRETTY = {
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "question_mark": "?",
    "slash": "/",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "enter": "Enter",
    "escape": "Esc",
    "home": "Home",
    "end": "End",
}


def pretty(key: str) -> str:
    """How a key is written for people: ``shift+right`` -> ``Shift+→``."""
    parts = key.split("+")
    words = [_PRETTY.get(p, p.capitalize() if len(p) > 1 else p) for p in parts]
    return "+".join(words)


def bindings(keys: Iterable[Key]) -> list[BindingType]:
    return [key.binding() for key in keys]


def keys_text(key: Key, keymap: Mapping[str, str] | None = None) -> str:
    return " ".join(pretty(k) for k in key.key_list(keymap))


def markdown_table(keymap: Mapping[str, str] | None = None) -> str:
    """The README's key table (``python -m tui.keys`` prints it)."""
    lines = ["| keys | what it does | keymap id |", "|---|---|---|"]
    for key in ALL_KEYS:
        shown = keys_text(key, keymap).replace("|", "\\|")
        lines.append(f"| `{shown}` | {key.help} | `{key.id}` |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())
