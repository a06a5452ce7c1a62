"""The colour of each status, in the terminal's own ANSI colours.

ANSI names follow the user's terminal theme and survive a 16-colour terminal
(``TERM=screen``) unchanged. Red and green are never the only difference: each
status also has its glyph and word (see ``Status``).
"""

from __future__ import annotations

from rich.style import Style

from tui.domain.stages import Status

STATUS_STYLE: dict[Status, Style] = {
    Status.OVERDUE: Style.parse("bold red"),
    Status.DUE: Style.parse("bold yellow"),
    Status.PREMATURE: Style.parse("cyan"),
    Status.HOLD: Style.parse("magenta"),
    Status.CLOSED: Style.parse("dim"),
}

NAG_STYLE = Style.parse("bold reverse red")

#: Without colour (``NO_COLOR``) the statuses differ by weight and decoration as well as glyph.
MONO_STATUS_STYLE: dict[Status, Style] = {
    Status.OVERDUE: Style.parse("bold underline"),
    Status.DUE: Style.parse("bold"),
    Status.PREMATURE: Style(),
    Status.HOLD: Style.parse("italic"),
    Status.CLOSED: Style(dim=True),
}

MONO_NAG_STYLE = Style.parse("bold reverse")


def status_style(status: Status, no_color: bool) -> Style:
    return (MONO_STATUS_STYLE if no_color else STATUS_STYLE)[status]
