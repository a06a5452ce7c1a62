"""Every key of every screen, declared once.

The same declarations make the Textual bindings, the footer, the help screen,
the command palette's entries and the README's key tables, so none of them
can drift from what the keys really do. Each key has an ``id``: the config's
``[keymap]`` table rebinds it (``move_next = "g"``). A card action offered on
several screens (``log_followup`` on the board, the card and the agenda) has
one id, so one line of the keymap rebinds it everywhere.

Importing this module does not import Textual (the config checks a keymap
against it): the bindings are made when a screen asks for them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

if TYPE_CHECKING:
    from textual.binding import Binding, BindingType


class Key(Struct, frozen=True):
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
    #: Checked before the focused widget sees the key (see Textual's ``Binding.priority``).
    priority: bool = False

    def binding(self) -> Binding:
        from textual.binding import Binding

        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )

    def key_list(self, keymap: Mapping[str, str] | None = None) -> list[str]:
        keys = (keymap or {}).get(self.id, self.keys)
        return [k.strip() for k in keys.split(",") if k.strip()]

    def shown(self) -> Key:
        """The same key, listed in the footer (a screen where it is one of the few)."""
        return replace(self, show=True)


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
    Key("round", "n", "round", "Round", "Add an interview round, past or scheduled", CARD, show=False),
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
    Key(
        "mail",
        "m",
        "mail",
        "Mail",
        "What your mail folders suggest: replies, invites, follow-ups",
        VIEW,
        show=False,
    ),
    Key("help", "question_mark", "help", "Help", "Every key, and the rules in brief", APP),
    Key("quit", "q", "quit", "Quit", "Quit (everything is already saved)", APP),
)


def _board_key(key_id: str) -> Key:
    return next(key for key in BOARD_KEYS if key.id == key_id)


#: Textual's command palette, which runs every command, keyed or not.
PALETTE_KEY = "ctrl+p"

#: Keys that work on every screen (bound on the app).
APP_KEYS: tuple[Key, ...] = (
    Key("quit_app", "ctrl+c", "quit", "Quit", "Quit, from any screen", APP, show=False, palette=False),
)

#: The card's detail: the board's card keys, each listed in the footer (the draft first: the screen
#: says what to do next, and at 80 columns the keys after the first few give way to the palette's).
DETAIL_KEYS: tuple[Key, ...] = (
    Key("detail_back", "escape,q", "back", "Back", "Back to where the card was opened", NAVIGATE),
    *(
        _board_key(key_id).shown()
        for key_id in (
            "draft",
            "log_followup",
            "log_reply",
            "instruct",
            "move_dated",
            "close",
            "edit",
            "delete",
            "undo",
        )
    ),
    _board_key("round"),
    Key(
        "remove_round",
        "N",
        "remove_round",
        "Remove round",
        "Remove one of the card's rounds: moved or cancelled (undoable)",
        CARD,
        show=False,
    ),
)

#: The agenda (its list's cursor keys are the columns' ``COLUMN_KEYS``).
AGENDA_KEYS: tuple[Key, ...] = (
    Key("agenda_back", "escape,q,t", "back", "Board", "Back to the board", NAVIGATE),
    *(_board_key(key_id).shown() for key_id in ("open", "log_followup", "log_reply", "draft")),
    _board_key("round"),
)

#: The mail screen: what the configured mail folders suggest, applied one by one or all at once.
MAIL_KEYS: tuple[Key, ...] = (
    Key("mail_apply", "enter", "apply", "Apply", "Apply the highlighted suggestion (undoable)", CARD),
    Key(
        "mail_apply_all", "A", "apply_all", "Apply all", "Apply every suggestion shown (each undoable)", CARD
    ),
    Key("mail_back", "escape,q", "back", "Board", "Back to the board (nothing more is applied)", NAVIGATE),
    Key("mail_up", "up,k", "cursor_up", "Up", "Previous suggestion", NAVIGATE, show=False, palette=False),
    Key("mail_down", "down,j", "cursor_down", "Down", "Next suggestion", NAVIGATE, show=False, palette=False),
)

STATS_KEYS: tuple[Key, ...] = (
    Key("stats_back", "escape,q,S", "back", "Board", "Back to the board", NAVIGATE),
)

#: The help and legend panels.
PANEL_KEYS: tuple[Key, ...] = (
    Key("panel_close", "escape,q", "dismiss_screen", "Close", "Close the panel", NAVIGATE),
    Key("panel_down", "down,j", "scroll('down')", "Down", "Scroll down", NAVIGATE, show=False, palette=False),
    Key("panel_up", "up,k", "scroll('up')", "Up", "Scroll up", NAVIGATE, show=False, palette=False),
)

DRAFT_KEYS: tuple[Key, ...] = (
    Key("draft_back", "escape,q", "back", "Back", "Back to the card", NAVIGATE),
    Key("draft_copy", "y", "copy", "Copy", "Copy the draft to the clipboard", CARD),
    Key("draft_edit", "E", "edit", "Edit in $EDITOR", "Edit the draft in your $EDITOR", CARD),
    Key("draft_save", "w", "save", "Save to file", "Save the draft to a file", CARD),
)

FORM_KEYS: tuple[Key, ...] = (
    Key("form_save", "ctrl+s", "save", "Save", "Save the card", CARD, priority=True),
    Key("form_cancel", "escape", "cancel", "Cancel", "Close the form without saving", CARD),
    Key("form_add_contact", "ctrl+n", "add_contact", "Add interviewer", "Add an interviewer's fields", CARD),
    Key(
        "form_remove_contact",
        "ctrl+d",
        "remove_contact",
        "Remove interviewer",
        "Remove the focused interviewer",
        CARD,
    ),
    # Before the keys after them are handed out: "Acme<tab>Analyst" typed in one burst
    # fills two boxes (Textual's own tab waits until the focused box has had its keys).
    Key(
        "form_next_field", "tab", "app.focus_next", "Next", "Next field", NAVIGATE, show=False, priority=True
    ),
    Key(
        "form_previous_field",
        "shift+tab",
        "app.focus_previous",
        "Previous",
        "Previous field",
        NAVIGATE,
        show=False,
        priority=True,
    ),
)

CONFIRM_KEYS: tuple[Key, ...] = (
    Key("confirm_yes", "y", "answer(True)", "Yes", "Yes: do it", CARD),
    Key("confirm_no", "n,escape", "answer(False)", "No", "No: leave things as they are", CARD),
)

#: The small forms: a date and a note, an instruction, a move, an outcome.
PROMPT_KEYS: tuple[Key, ...] = (
    Key("prompt_save", "ctrl+s", "submit", "Save", "Save the answer (enter too)", CARD),
    Key("prompt_cancel", "escape", "cancel", "Cancel", "Close without saving", CARD),
)


class KeyTable(Struct, frozen=True):
    """The keys one screen answers to, in the order its footer lists them."""

    #: Names the table in the README's markers (``<!-- keys-table:board:start -->``).
    slug: str
    title: str
    #: Declared on the screen (or its dialog) itself.
    keys: tuple[Key, ...]
    #: Active on it too, from the widgets it holds (the lists' cursor keys).
    inner: tuple[Key, ...] = ()

    def bindings(self) -> list[BindingType]:
        """The bindings the screen declares (its widgets declare ``inner``)."""
        return bindings(self.keys)

    def all_keys(self) -> tuple[Key, ...]:
        """Every key that works while the screen is shown."""
        return self.inner + self.keys + APP_KEYS


BOARD = KeyTable("board", "The board", BOARD_KEYS, inner=COLUMN_KEYS)
AGENDA = KeyTable("agenda", "Today (the agenda)", AGENDA_KEYS, inner=COLUMN_KEYS)
DETAIL = KeyTable("detail", "A card", DETAIL_KEYS)
DRAFT = KeyTable("draft", "A draft", DRAFT_KEYS)
FORM = KeyTable("form", "The card form", FORM_KEYS)
CONFIRM = KeyTable("confirm", "Questions", CONFIRM_KEYS)
PROMPT = KeyTable("prompt", "Dialogs (dates, instructions, moves, outcomes)", PROMPT_KEYS)
STATS = KeyTable("stats", "Stats", STATS_KEYS)
MAIL = KeyTable("mail", "Mail", MAIL_KEYS)
PANELS = KeyTable("panels", "Help and legend", PANEL_KEYS)
EVERYWHERE = KeyTable("app", "Everywhere", APP_KEYS)

#: Every screen's table, in the README's order.
TABLES: tuple[KeyTable, ...] = (
    BOARD,
    AGENDA,
    DETAIL,
    DRAFT,
    FORM,
    CONFIRM,
    PROMPT,
    STATS,
    MAIL,
    PANELS,
    EVERYWHERE,
)

#: The board's keys, as the help screen lists them (its cursor keys first).
ALL_KEYS: tuple[Key, ...] = COLUMN_KEYS + BOARD_KEYS


def every_key() -> dict[str, Key]:
    """Each id once (a card key shared by several screens has one id and the same keys)."""
    found: dict[str, Key] = {}
    for table in TABLES:
        for key in table.inner + table.keys:
            found.setdefault(key.id, key)
    return found


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
    """The key's keys as people write them (``no key`` when a keymap left it none: see ``table_keymap``)."""
    return " ".join(pretty(k) for k in key.key_list(keymap)) or "no key"


def key_word(key_id: str, keymap: Mapping[str, str] | None = None, table: KeyTable | None = None) -> str:
    """The first key of ``key_id`` as a sentence names it (``x``, ``Esc``), after the user's keymap.

    With ``table``, the key it has on that screen: one the keymap gave another
    command there is not its own (``table_keymap``). A command left with no key
    there is reached through the command palette, and named by its key.
    """
    if table is not None and keymap:
        keymap = table_keymap(table, keymap)
    keys = every_key()[key_id].key_list(keymap)
    return pretty(keys[0] if keys else PALETTE_KEY)


def hint_word(key_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """``key_word`` as a box's bottom line and its buttons write keys: named keys in lower case
    (``ctrl+s``, ``esc``), a character as it is typed (``E`` is not ``e``)."""
    word = key_word(key_id, keymap)
    return word if len(word) == 1 else word.lower()


# -- checking a keymap


def key_name(key: str) -> str:
    """A key as Textual names it: ``>`` -> ``greater_than_sign``, ``Ctrl+S`` kept as written.

    Textual names a printable symbol by its Unicode name (its ``_character_to_key``);
    two spellings of one key must be seen as the same key when looking for clashes.
    """
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        try:
            return unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return key
    return key


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """What is wrong with a ``[keymap]`` table: unknown ids, and two commands of one screen on one key.

    A key the user gives a command is not a clash with another command of
    the same screen that has it only by default: the user's wins there (as
    Textual binds it), and the other keeps its other keys (``table_keymap``,
    ``keymap_notes``). Two of the user's own keys on one key are a clash, and
    so is a key the screen's lists or the whole app answer to first.
    """
    known = every_key()
    problems = [
        f"keymap.{key_id}: no key has this id (the README's key tables list them)"
        for key_id in keymap
        if key_id not in known
    ]
    for key_id, value in keymap.items():
        if key_id in known and not [k for k in value.split(",") if k.strip()]:
            problems.append(f'keymap.{key_id}: give at least one key, such as "{known[key_id].keys}"')
    for table in TABLES:
        own = {key.id for key in table.keys}
        holders: dict[str, str] = {}
        for key in dict.fromkeys(table.all_keys()):
            for name in {key_name(k) for k in key.key_list(keymap)}:
                other = holders.setdefault(name, key.id)
                if other == key.id or (key.id not in keymap and other not in keymap):
                    continue
                if {key.id, other} <= own and (key.id in keymap) != (other in keymap):
                    continue  # the user's key takes a default one of the same screen
                problems.append(
                    f"keymap: {pretty(name)} would do both {other} and {key.id} ({table.title.lower()})"
                )
    return problems


def table_keymap(table: KeyTable, keymap: Mapping[str, str]) -> dict[str, str]:
    """``keymap`` as it holds on ``table``'s screen: a default key the user gave another command is gone.

    A command left with none maps to "" (``key_list`` gives no key for it).
    """
    taken = _user_keys(table, keymap)
    if not taken:
        return dict(keymap)
    effective = dict(keymap)
    for key in table.keys:
        if key.id not in keymap:
            defaults = key.key_list()
            left = [k for k in defaults if key_name(k) not in taken]
            if len(left) != len(defaults):
                effective[key.id] = ",".join(left)
    return effective


def _user_keys(table: KeyTable, keymap: Mapping[str, str]) -> dict[str, str]:
    """The keys the user gave commands of ``table``'s screen (as Textual names them), and whose each is."""
    return {key_name(k): key.id for key in table.keys if key.id in keymap for k in key.key_list(keymap)}


def keymap_notes(keymap: Mapping[str, str]) -> list[str]:
    """What a valid keymap takes away: each command it leaves without a key on a screen, and where.

    (A keymap made for an older release may give one of its keys to a command
    that has it by default now; the user's choice stands and the board says so.)
    """
    left_without: dict[tuple[str, str], list[str]] = {}
    for table in TABLES:
        holder = _user_keys(table, keymap)
        effective = table_keymap(table, keymap)
        for key in table.keys:
            if key.id not in keymap and effective.get(key.id) == "":
                taker = holder[key_name(key.key_list()[0])]
                left_without.setdefault((key.id, taker), []).append(table.title.lower())
    return [
        f"keymap: your {keys_text(every_key()[taker], keymap)} for {taker} leaves {key_id} with no key "
        f"on {' or '.join(screens)}: give it one in [keymap] (ctrl+p runs it meanwhile)"
        for (key_id, taker), screens in left_without.items()
    ]


# -- the README's tables


def markdown_table(table: KeyTable = BOARD, keymap: Mapping[str, str] | None = None) -> str:
    """One screen's key table for the README."""
    lines = ["| keys | what it does | keymap id |", "|---|---|---|"]
    for key in table.inner + table.keys:
        shown = keys_text(key, keymap).replace("|", "\\|")
        lines.append(f"| `{shown}` | {key.help} | `{key.id}` |")
    return "\n".join(lines)


def _block(slug: str) -> re.Pattern[str]:
    return re.compile(
        rf"(<!-- keys-table:{slug}:start -->\n)(.*?)(<!-- keys-table:{slug}:end -->)", re.DOTALL
    )


def readme_with_tables(text: str) -> str:
    """``text`` (the README) with each ``keys-table`` block made from the declarations."""
    for table in TABLES:
        match = _block(table.slug).search(text)
        if match is None:
            raise ValueError(f"the README has no block <!-- keys-table:{table.slug}:start -->")
        text = text[: match.start(2)] + markdown_table(table) + "\n" + text[match.end(2) :]
    return text


if __name__ == "__main__":
    # python -m tui.keys README.md: write the tables into the README; without it, print them.
    if len(sys.argv) > 1:
        from pathlib import Path

        path = Path(sys.argv[1])
        path.write_text(readme_with_tables(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        for each in TABLES:
            print(f"{each.title}\n\n{markdown_table(each)}\n")
