"""What the unit tests share as fixtures: the command line on a scratch board."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.unit.cli_runner")

from tests.unit.cli_runner import Cli  # noqa: E402 (registered first: its checks explain a failure)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "board.json", capsys)
