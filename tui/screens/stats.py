"""Stats: cards per stage and outcome, reply rate, timings, thank-yous on time,
replies by company and what became of each stage (it scrolls at 80x24)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui import keys
from tui.domain.stats import compute, render_text
from tui.screens import close, follow
from tui.screens.base import AppScreen
from tui.state import BoardState
from tui.text import literal
from tui.widgets.keybar import KeyBar


class StatsScreen(AppScreen[None]):
    KEY_TABLE: ClassVar[keys.KeyTable] = keys.STATS
    BINDINGS: ClassVar[list[BindingType]] = KEY_TABLE.bindings()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats") as box:
            box.border_title = "Stats"
            yield Static(id="stats-body")
        yield KeyBar()

    def on_mount(self) -> None:
        follow(self, "state", self._show)

    def _show(self, state: BoardState) -> None:
        stats = compute(state.cards, list(state.items), state.today, state.rules)
        width = max(40, min(90, self.size.width - 6))
        self.query_one("#stats-body", Static).update(Text(render_text(stats, width, shown=literal)))

    def action_back(self) -> None:
        close(self)
