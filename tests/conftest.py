"""Test isolation: no test depends on the machine's clock, zone, colours or files."""

from __future__ import annotations

from pathlib import Path

import pytest

_MACHINE_VARS = ("TZ", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "ESCDELAY")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Clear what the machine would leak in, and point every default path at a temp dir."""
    import os

    for name in list(os.environ):
        if name.startswith("TEXTUAL_SNAPSHOT_"):
            continue  # set by pytest-textual-snapshot for its report, not machine state
        if name.startswith(("TEXTUAL_", "FOLLOWUP_")) or name in _MACHINE_VARS:
            monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    return tmp_path / "board.json"
