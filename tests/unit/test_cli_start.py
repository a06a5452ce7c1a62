"""How the command starts: the board opened (or refused) from it, ``python -m tui``, the collector."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tests.unit.cli_runner import Cli, add
from tui import cli as cli_module
from tui import start
from tui.store import Store

# -- the board


class FakeApp(types.ModuleType):
    def __init__(self) -> None:
        super().__init__("tui.app")
        self.calls: list[tuple[Path, str, bool]] = []

    def run_board(
        self, store: Store, clock: Any, settings: Any, demo: bool = False, cards: list[Any] | None = None
    ) -> int:
        assert cards == store.load(), "the board opens on the cards the command line already read"
        self.calls.append((store.file, os.environ.get("ESCDELAY", ""), demo))
        return 0


@pytest.fixture
def fake_board(monkeypatch: pytest.MonkeyPatch) -> FakeApp:
    fake = FakeApp()
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    monkeypatch.setattr(cli_module, "_has_terminal", lambda: True)
    return fake


def test_no_command_opens_the_board(cli: Cli, fake_board: FakeApp) -> None:
    add(cli)
    assert cli() == (0, "", "")
    assert fake_board.calls == [(cli.db, "250", False)]


def test_the_board_keeps_a_set_escdelay(
    cli: Cli, fake_board: FakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESCDELAY", "100")
    assert cli()[0] == 0
    assert fake_board.calls[0][1] == "100"


def test_demo_opens_a_scratch_copy(cli: Cli, fake_board: FakeApp) -> None:
    assert cli("--demo")[0] == 0
    [(path, _, demo)] = fake_board.calls
    assert demo is True
    assert path != cli.db
    assert not cli.db.exists()
    assert len(Store(path).load()) > 0


def test_the_board_refuses_a_corrupt_file_before_taking_the_screen(cli: Cli, fake_board: FakeApp) -> None:
    cli.db.write_bytes(b"{")
    assert str(cli.db) in cli.fails(1)
    assert fake_board.calls == []


def test_board_needs_a_terminal(cli: Cli) -> None:
    assert "needs a terminal" in cli.fails(2)


# -- as a process


def test_script_commands_do_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "b.json"
    code = (
        "import sys, tui.cli\n"
        f"rc = tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'add', '--company', 'A',"
        " '--interviewed', 'yesterday'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'due', '--count'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'list'])\n"
        f"rc += tui.cli.main(['--db', {str(db)!r}, '--now', '2026-11-24', 'show', '1'])\n"
        "assert rc == 0, rc\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'icalendar')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0] == "1"
    assert lines[1] == "1"
    assert lines[-1] == "[]"


def test_python_dash_m_tui_exits_with_the_code(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(tmp_path / "b.json"), "show", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "followup: no card with id 3"
    usage = subprocess.run([sys.executable, "-m", "tui", "nope"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2


# -- the collector while starting


@pytest.fixture
def collector_restored() -> Any:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_command_starts_with_the_collector_off(
    monkeypatch: pytest.MonkeyPatch, collector_restored: None
) -> None:
    """``followup`` turns the collector off before the first of its imports."""
    seen: list[bool] = []

    def fake_main() -> int:
        seen.append(gc.isenabled())
        return 7

    gc.enable()
    monkeypatch.setattr(cli_module, "main", fake_main)
    assert start.main() == 7
    assert seen == [False]


def test_a_command_runs_with_the_collector_on(cli: Cli, collector_restored: None) -> None:
    add(cli)
    gc.disable()
    assert cli.ok("due", "--count").strip() == "1"
    assert gc.isenabled()


def test_the_console_script_and_python_m_tui_start_the_same_way() -> None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["followup"] == "tui.start:main"
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("followup ")
