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


def _loaded_after_import(module: str) -> set[str]:
    probe = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "print('\\n'.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


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
