"""The private Textual names followup relies on are all in tui/textual_compat.py, and all still there."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
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
