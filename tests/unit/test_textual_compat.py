"""The private Textual names followup relies on are all in tui/textual_compat.py, and all still there."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

import tui
from tui import textual_compat
from tui.textual_compat import PRIVATE_NAMES, TextualChanged

TUI = Path(tui.__file__).parent
#: The repository's own check: these names appear in no other module of the package.
FENCED = re.compile(
    r"from textual\._|_repaint_required|_dirty_widgets|_set_dirty\(|_clear_arrangement_cache"
    r"|_divide_cache|_fatal_error"
)


def _instance(where: str) -> object:
    """An object of the Textual class named ``where`` (instance attributes are set by ``__init__``)."""
    module_name, _, class_name = where.partition(":")
    module = importlib.import_module(module_name)
    if not class_name:
        return module
    made: dict[str, Callable[[], object]] = {
        "App": App,
        "Widget": Widget,
        "Screen": Screen,
        "Strip": lambda: Strip([]),
    }
    return made[class_name]()


@pytest.mark.parametrize(("where", "name"), PRIVATE_NAMES, ids=[f"{w}.{n}" for w, n in PRIVATE_NAMES])
def test_every_private_name_used_is_still_in_textual(where: str, name: str) -> None:
    assert hasattr(_instance(where), name), f"{where}.{name} is gone: see tui/textual_compat.py"


def test_every_private_name_listed_is_used_in_the_compat_module() -> None:
    source = Path(textual_compat.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    used |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert {name for _where, name in PRIVATE_NAMES} <= used


def test_no_other_module_of_the_package_uses_them() -> None:
    users = sorted(
        str(path.relative_to(TUI.parent))
        for path in TUI.rglob("*.py")
        if FENCED.search(path.read_text(encoding="utf-8"))
    )
    assert users == ["tui/textual_compat.py"]


class _NotAStrip:
    """What a Strip would look like to the compat module once Textual dropped its caches."""


def test_a_private_name_gone_is_reported_clearly_not_misused() -> None:
    with pytest.raises(TextualChanged, match=r"_NotAStrip\._divide_cache is gone"):
        textual_compat.forget_cuts(_NotAStrip())  # type: ignore[arg-type]
    with pytest.raises(TextualChanged, match=r"_filter_cache is gone"):
        textual_compat.strips_made_from(_NotAStrip())  # type: ignore[arg-type]
    with pytest.raises(TextualChanged, match=r"_clear_arrangement_cache is gone"):
        textual_compat.forget_arrangement(_NotAStrip())  # type: ignore[arg-type]
    with pytest.raises(TextualChanged, match=r"_dirty_widgets is gone"):
        textual_compat.draw_with_layout(_NotAStrip())  # type: ignore[arg-type]


def test_a_strips_made_lines_are_found_and_their_cuts_forgotten() -> None:
    from rich.segment import Segment

    strip = Strip([Segment("abcdef")], 6)
    cropped = strip.crop(1, 4)
    strip.divide([3, 6])
    assert cropped in textual_compat.strips_made_from(strip)
    assert len(strip._divide_cache)
    textual_compat.forget_cuts(strip)
    assert not len(strip._divide_cache)


def _typed(parser: Any, *reads: str) -> list[str]:
    """What ``parser`` makes of ``reads`` and the end of input: key names, or "paste:" and the text."""
    made = [event for data in (*reads, "") for event in parser.feed(data)]
    return [
        f"paste:{e.text}" if isinstance(e, events.Paste) else e.key
        for e in made
        if isinstance(e, events.Key | events.Paste)
    ]


@pytest.mark.parametrize(
    ("reads", "keys"),
    [
        (["\x1bt"], ["escape", "t"]),
        (["\x1b>"], ["escape", "greater_than_sign"]),
        (["\x1b\r"], ["escape", "enter"]),
        (["\x1b\x1bq"], ["escape", "escape", "q"]),
        (["ab\x1bcd"], ["a", "b", "escape", "c", "d"]),
        (["\x1b", "t"], ["escape", "t"]),  # the Esc ended one read, the key began the next
        (["\x1b[A\x1bOP"], ["up", "f1"]),  # a key's own sequences are left whole
        (["\x1b", "[B"], ["down"]),
        (["\x1b[200~a b\x1b[201~\x1bt"], ["paste:a b", "escape", "t"]),
        (["x\x1b[20", "0~a b\x1b[2", "01~\x1bt"], ["x", "paste:a b", "escape", "t"]),
    ],
)
def test_esc_typed_just_before_a_key_is_read_as_esc_then_the_key(reads: list[str], keys: list[str]) -> None:
    assert _typed(textual_compat.escape_first_parser_class()(), *reads) == keys


def test_textual_reads_esc_then_a_key_as_one_key_without_it() -> None:
    """Why the parser above exists: the same reads, Textual's own parser (Alt+t; ``>`` without the Esc)."""
    from textual._xterm_parser import XTermParser

    assert _typed(XTermParser(), "\x1bt") == ["alt+t"]
    assert _typed(XTermParser(), "\x1b>") == ["greater_than_sign"]


def test_a_lone_esc_is_the_esc_key_once_nothing_followed_it_in_time() -> None:
    parser = textual_compat.escape_first_parser_class()()
    assert list(parser.feed("\x1b")) == []
    assert list(parser.tick()) == []
    parser.held_since -= 1.0  # a second has gone by
    assert [e.key for e in parser.tick() if isinstance(e, events.Key)] == ["escape"]
    assert _typed(parser, "t") == ["t"]


@pytest.mark.parametrize("reads", [["\x1b[200~a\x1bb\x1b[201~"], ["\x1b[20", "0~a\x1b", "b\x1b[2", "01~"]])
def test_a_paste_is_read_as_textual_reads_it(reads: list[str]) -> None:
    from textual._xterm_parser import XTermParser

    assert _typed(textual_compat.escape_first_parser_class()(), *reads) == _typed(XTermParser(), *reads)


def test_alt_backspace_in_a_text_box_is_left_to_textual() -> None:
    from textual._xterm_parser import XTermParser

    assert _typed(textual_compat.escape_first_parser_class()(), "\x1b\x7f") == _typed(
        XTermParser(), "\x1b\x7f"
    )
