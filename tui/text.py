"""User text on screen: always data, never commands.

A company called ``[bold red]Evil[/]`` or a note holding ``\\x1b[2J`` must show
exactly as typed and must not restyle, clear or reorder the terminal. Rich's
``Text`` never parses markup, so the only work left is to make control
characters visible: C0/C1 controls become their Unicode "control picture"
(``\\x1b`` shows as ``␛``), and bidirectional overrides, which could reorder the
rest of the line, show as ``�``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Rich is imported only when text is drawn: the CLI stays light
    from rich.text import Text

_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _table(single_line: bool) -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(32)}
    table[0x7F] = "\u2421"
    table.update((code, "\ufffd") for code in range(0x80, 0xA0))
    table.update((code, "\ufffd") for code in _BIDI)
    if single_line:
        table[ord("\n")] = " \u23ce "
        table[ord("\t")] = " "
        table[ord("\r")] = ""
    else:
        table.pop(ord("\n"))
        table[ord("\t")] = "    "
    return table


_LINE = _table(single_line=True)
_BLOCK = _table(single_line=False)
#: One character for one character (tabs kept): for text being edited, where the
#: cursor's index into the value must still point at the same character.
_SAME_LENGTH = {**_BLOCK, ord("\t"): "\t", ord("\n"): "\u240a"}


def literal(value: str) -> str:
    """``value`` on one line, with every control character made visible."""
    return value.translate(_LINE)


def literal_block(value: str) -> str:
    """Like ``literal`` but keeps line breaks (for notes shown in full)."""
    return value.translate(_BLOCK)


def literal_same_length(value: str) -> str:
    """Control characters made visible one for one, tabs kept: for editable fields."""
    return value.translate(_SAME_LENGTH)


def safe(value: str, style: str = "") -> Text:
    """A one-line Rich ``Text`` that shows ``value`` literally."""
    from rich.text import Text

    return Text(literal(value), style=style, no_wrap=True, end="")


def safe_block(value: str, style: str = "") -> Text:
    """A multi-line Rich ``Text`` that shows ``value`` literally."""
    from rich.text import Text

    return Text(literal_block(value), style=style)
