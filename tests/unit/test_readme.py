"""The README's key tables are generated from the key declarations: they must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import keys

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_key_tables_match_the_bindings() -> None:
    text = README.read_text(encoding="utf-8")
    assert keys.readme_with_tables(text) == text, "run: python -m tui.keys README.md"


@pytest.mark.parametrize("table", keys.TABLES, ids=lambda t: t.slug)
def test_each_screen_has_its_table_in_the_readme(table: keys.KeyTable) -> None:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"<!-- keys-table:{table.slug}:start -->")
    end = text.index(f"<!-- keys-table:{table.slug}:end -->")
    block = text[start:end]
    assert keys.markdown_table(table) in block
    for key in table.inner + table.keys:
        assert f"`{key.id}`" in block


def test_every_key_id_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    missing = [key_id for key_id in keys.every_key() if f"`{key_id}`" not in text]
    assert missing == []


def test_a_stale_table_is_rewritten_and_a_missing_block_is_named() -> None:
    text = README.read_text(encoding="utf-8")
    stale = text.replace("| `a` | Add an interview | `add` |", "| `A` | Add an interview | `add` |")
    assert stale != text
    assert keys.readme_with_tables(stale) == text
    without = text.replace("<!-- keys-table:stats:start -->", "")
    with pytest.raises(ValueError, match="keys-table:stats:start"):
        keys.readme_with_tables(without)


def test_readme_screenshot_exists() -> None:
    text = README.read_text(encoding="utf-8")
    assert "](screenshots/board.svg)" in text
    assert (README.parent / "screenshots" / "board.svg").is_file()
