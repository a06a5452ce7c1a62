"""The help screen (every key, from the key declarations) and the colour legend."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import groupby
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tui import keys
from tui.domain.calling import call_hours_text
from tui.domain.nag_wording import legend_meaning, rule_in_brief
from tui.domain.rules import Rules
from tui.domain.stages import URGENCY, Status
from tui.palette import NAG_STYLE, STATUS_STYLE
from tui.screens import close, hint_word
from tui.screens.base import AppModalScreen

RULES_IN_BRIEF = (
    "Each card's next step and its window come from the rule book, in business days:",
    "  Interviewed  send a thank-you note: by the next business day",
    "  Thanked      call the interviewer: from 5 to 10 business days after the note",
    "  Checked in   email if they have not answered: 2 to 5 business days after the call",
    "  Waiting      ask for news: 10 to 15 business days after the last contact",
    "If they asked you to call on a date, that date wins. If they said they would get back",
)


def rules_in_brief(rules: Rules) -> str:
    """The rule book in a few lines, with the configured nag limit and call hours."""
    lines = (*RULES_IN_BRIEF, *rule_in_brief(rules.nag_limit))
    return "\n".join(lines) + f"\nCalls: {call_hours_text(rules)}."


def legend_table(rules: Rules) -> Table:
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    table.add_column("mark")
    table.add_column("word")
    table.add_column("meaning")
    for status in URGENCY:
        style = STATUS_STYLE[status]
        table.add_row(Text(status.glyph, style=style), Text(status.word, style=style), status.meaning)
    table.add_row(Text("NAG", style=NAG_STYLE), "", legend_meaning(rules.nag_limit))
    return table


class _InfoScreen(AppModalScreen[None]):
    """A scrollable panel that any of escape, q or its own key closes."""

    KEY_TABLE: ClassVar[keys.KeyTable] = keys.PANELS
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()

    title_text = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="info-panel") as panel:
            panel.border_title = self.title_text
            panel.border_subtitle = Content(f"{hint_word(self, 'panel_close')} closes")
            yield Static(self.body(), classes="info-body")

    def body(self) -> RenderableType:
        raise NotImplementedError

    @property
    def rules(self) -> Rules:
        return self.board_app.settings.rules

    def action_dismiss_screen(self) -> None:
        close(self)

    def action_scroll(self, direction: str) -> None:
        panel = self.query_one(VerticalScroll)
        if direction == "down":
            panel.scroll_down()
        else:
            panel.scroll_up()


class HelpScreen(_InfoScreen):
    """Every key: the board's, grouped, then each other screen's; with the user's own keymap applied."""

    title_text = "Keys"

    def body(self) -> RenderableType:
        mapping = self.board_app.settings.keymap
        on_board = keys.table_keymap(keys.BOARD, mapping)
        sections: list[tuple[str, list[tuple[str, str]]]] = [
            (group, _rows(members, on_board))
            for group, members in groupby(keys.ALL_KEYS, key=lambda k: k.group)
        ]
        sections[-1][1].append((keys.PALETTE_KEY, "Command palette: every command by name"))
        sections += [
            # A list's cursor keys are the board's, listed first.
            (other.title, _rows(other.keys, keys.table_keymap(other, mapping)))
            for other in keys.TABLES
            if other is not keys.BOARD
        ]
        # One width for every section's keys: the sections line up, and a long heading
        # (a screen's name) does not widen the keys' column.
        width = max(cell_len(shown) for _, rows in sections for shown, _ in rows)
        parts: list[RenderableType] = []
        for heading, rows in sections:
            table = Table(box=None, padding=(0, 1), show_header=False, expand=True)
            table.add_column("keys", style="bold", no_wrap=True, width=width)
            table.add_column("what", ratio=1)
            for shown, what in rows:
                table.add_row(shown, what)
            parts += [Text(f" {heading}", style="underline"), table, Text()]
        rules = self.rules
        brief = Text(rules_in_brief(rules))
        return Group(
            *parts, Text("The rules in brief", style="bold underline"), brief, Text(), legend_table(rules)
        )


class LegendScreen(_InfoScreen):
    """What the colours and marks of the cards mean."""

    title_text = "Legend"

    def body(self) -> RenderableType:
        note = Text(
            "Every card carries its mark and its state in words, so the board reads the same "
            "without colour (NO_COLOR=1) and on any terminal.",
        )
        return Group(legend_table(self.rules), Text(), note)


__all__ = ["HelpScreen", "LegendScreen", "Status", "legend_table"]


def _rows(members: Iterable[keys.Key], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """A help section's rows: each key's keys on its screen (``keys.table_keymap``), and what it does."""
    return [(keys.keys_text(key, keymap), key.help) for key in members]
