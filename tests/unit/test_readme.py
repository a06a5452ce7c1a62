"""The README's key table is generated from the key declarations: it must not drift."""

from __future__ import annotations

from pathlib import Path

from tui.keys import ALL_KEYS, markdown_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_key_table_matches_the_bindings() -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- keys-table:start -->")
    end = text.index("<!-- keys-table:end -->")
    assert markdown_table() in text[start:end], "run: python -m tui.keys, and paste the table into the README"
    for key in ALL_KEYS:
        assert key.id in text[start:end]


def test_readme_screenshot_exists() -> None:
    text = README.read_text(encoding="utf-8")
    assert "](screenshots/board.svg)" in text
    assert (README.parent / "screenshots" / "board.svg").is_file()
