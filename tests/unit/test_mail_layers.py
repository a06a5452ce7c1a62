"""The mail package stays in its layers: no UI toolkit, no database, and deciding apart from reading."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import tui.mail

MODULES = [f"tui.mail.{m.name}" for m in pkgutil.iter_modules(tui.mail.__path__)]
#: Where a message's card and action are decided: given values, they never reach for files.
DECIDING = ["tui.mail.match", "tui.mail.classify", "tui.mail.headers", "tui.mail.body", "tui.mail.describe"]


def _loaded_after_import(module: str) -> set[str]:
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


def test_the_package_has_its_modules() -> None:
    assert {"tui.mail.read", "tui.mail.command", *DECIDING} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_no_mail_module_imports_textual_or_tinydb(module: str) -> None:
    loaded = {name.split(".")[0] for name in _loaded_after_import(module)}
    assert "tui" in loaded
    assert "textual" not in loaded
    assert "tinydb" not in loaded


@pytest.mark.parametrize("module", DECIDING)
def test_deciding_modules_do_not_import_the_reader_nor_the_store(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert module in loaded
    assert "tui.mail.read" not in loaded
    assert "tui.store" not in loaded
    assert "mailbox" not in loaded
