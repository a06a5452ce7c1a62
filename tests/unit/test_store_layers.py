"""The store's layers: no Textual anywhere in it, and TinyDB only where the storage and the facade are."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tui.store

PACKAGE = Path(tui.store.__file__).parent


def _imported(path: Path) -> set[str]:
    """The top-level packages a module's source imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_storage_and_the_facade_import_tinydb() -> None:
    using = {path.stem for path in PACKAGE.glob("*.py") if "tinydb" in _imported(path)}
    assert using == {"tinydb_storage", "facade"}


def test_no_module_of_the_store_imports_textual() -> None:
    assert not any("textual" in _imported(path) for path in PACKAGE.glob("*.py"))
    probe = "import sys, tui.store\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = {name.split(".")[0] for name in done.stdout.split()}
    assert "tinydb" in loaded  # the probe did import the store
    assert "textual" not in loaded
