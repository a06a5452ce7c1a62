"""No module imports upward: the package's layers, checked on its source (as import-linter would).

From the bottom: the domain (pure rules), then the store and the services, then
widgets, screens, the app and the command line. An import inside a function
counts (it runs all the same); one under ``if TYPE_CHECKING:`` does not (it
only names a type).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tui

TUI = Path(tui.__file__).parent

#: For each part of the package, the modules (and their submodules) it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "tui.domain": (
        "textual",
        "tinydb",
        "tui.store",
        "tui.services",
        "tui.widgets",
        "tui.screens",
        "tui.app",
        "tui.cli",
    ),
    "tui.store": ("textual", "tui.services", "tui.widgets", "tui.screens", "tui.app", "tui.cli"),
    "tui.services": ("textual", "tui.widgets", "tui.screens", "tui.app", "tui.cli"),
    "tui.sync": ("textual", "tui.services", "tui.widgets", "tui.screens", "tui.app"),
    "tui.widgets": ("tinydb", "tui.store", "tui.services", "tui.screens", "tui.app", "tui.cli"),
    "tui.screens": ("tinydb", "tui.store", "tui.services", "tui.app", "tui.cli"),
    "tui.app": ("tui.cli",),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(TUI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(source: str, module: str) -> set[str]:
    """The modules ``source`` imports when it runs (relative imports resolved against ``module``)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for branch in node.orelse:
                visit(branch)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, base] if base else package)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def violations() -> list[str]:
    found = []
    for path in sorted(TUI.rglob("*.py")):
        module = _module_name(path)
        for layer, forbidden in FORBIDDEN.items():
            if not _within(module, layer):
                continue
            for imported in sorted(runtime_imports(path.read_text(encoding="utf-8"), module)):
                if any(_within(imported, banned) for banned in forbidden):
                    found.append(f"{module} imports {imported}")
    return found


def test_no_module_imports_upward() -> None:
    assert violations() == []


def test_every_layer_named_exists() -> None:
    names = {_module_name(path) for path in TUI.rglob("*.py")}
    assert set(FORBIDDEN) <= names


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("from tui.store import Store", True),
        ("def later():\n    import tui.store.facade", True),
        ("from tui import store", True),
        ("from ..store import Store", True),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tui.store import Store", False),
        ("from tui.state import BoardState", False),
    ],
)
def test_the_check_sees_an_import_wherever_it_runs(source: str, caught: bool) -> None:
    imported = runtime_imports(source, "tui.screens.board")
    assert any(_within(name, "tui.store") for name in imported) is caught
