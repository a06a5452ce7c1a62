"""The core stays light: domain, config and codec never pull in Textual (nor the domain TinyDB)."""

from __future__ import annotations

import importlib.util
import pkgutil
import subprocess
import sys

import pytest

import tui.domain


def _domain_modules() -> list[str]:
    return ["tui.domain", *(f"tui.domain.{m.name}" for m in pkgutil.iter_modules(tui.domain.__path__))]


DOMAIN = _domain_modules()
OTHERS = ["tui.config", "tui.codec", "tui.cli"]


def _full_names_after_import(module: str) -> set[str]:
    """Every module loaded once ``module`` is imported in a fresh interpreter."""
    probe = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def _loaded_after_import(module: str) -> set[str]:
    """The top-level packages loaded once ``module`` is imported."""
    return {name.split(".")[0] for name in _full_names_after_import(module)}


def test_domain_has_submodules() -> None:
    assert {"tui.domain.policy", "tui.domain.dates", "tui.domain.wall"} <= set(DOMAIN)


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_imports_neither_textual_nor_tinydb(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert "tui" in loaded  # the probe did import something
    assert "textual" not in loaded
    assert "tinydb" not in loaded


@pytest.mark.parametrize("module", OTHERS)
def test_core_modules_do_not_import_textual(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist")
    loaded = _loaded_after_import(module)
    assert "tui" in loaded
    assert "textual" not in loaded


def form_only() -> set[str]:
    """What only the card form and the dialogs need: slow to import, and some 1.5 MiB.

    Textual's modules are named from its public classes, so a release that
    moves them cannot make the check below pass by looking for old names.
    """
    from textual.widgets import RadioSet, TextArea

    return {TextArea.__module__, RadioSet.__module__, "tui.screens.card_form"}


@pytest.mark.parametrize("module", ["tui.screens.board", "tui.screens.agenda", "tui.screens.detail"])
def test_the_board_and_its_lists_open_without_the_form_and_dialogs(module: str) -> None:
    loaded = _full_names_after_import(module)
    assert module in loaded
    assert not form_only() & loaded
