"""User text is shown literally: markup stays text, control characters become visible."""

from __future__ import annotations

import pytest

from tui.text import literal, literal_block, safe, safe_block


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("[bold red]Evil[/]", "[bold red]Evil[/]", id="markup-stays-text"),
        pytest.param("Zoë 日本 café", "Zoë 日本 café", id="unicode-unchanged"),
        pytest.param("\x1b[2J", "\u241b[2J", id="escape-visible"),
        pytest.param("a\x00b", "a\u2400b", id="nul"),
        pytest.param("a\x07b", "a\u2407b", id="bell"),
        pytest.param("a\x7fb", "a\u2421b", id="delete"),
        pytest.param("a\x9bb", "a\ufffdb", id="c1-csi"),
        pytest.param("a\x85b", "a\ufffdb", id="c1-next-line"),
        pytest.param("abc\u202edef", "abc\ufffddef", id="bidi-override"),
        pytest.param("x\u2066y\u2069", "x\ufffdy\ufffd", id="bidi-isolate"),
        pytest.param("one\ntwo", "one \u23ce two", id="newline-marked"),
        pytest.param("a\tb", "a b", id="tab-space"),
        pytest.param("a\r\nb", "a \u23ce b", id="crlf"),
        pytest.param("", "", id="empty"),
    ],
)
def test_literal(value: str, shown: str) -> None:
    assert literal(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("one\ntwo", "one\ntwo", id="newline-kept"),
        pytest.param("a\tb", "a    b", id="tab-spaces"),
        pytest.param("a\r\nb", "a\u240d\nb", id="cr-visible"),
        pytest.param("\x1b]0;title\x07", "\u241b]0;title\u2407", id="osc-visible"),
        pytest.param("[link=x]y[/link]", "[link=x]y[/link]", id="markup-stays-text"),
    ],
)
def test_literal_block(value: str, shown: str) -> None:
    assert literal_block(value) == shown


def test_safe_is_a_plain_one_line_text() -> None:
    text = safe("[b]Acme[/b]\x1b[31m\nline", style="bold")
    assert text.plain == "[b]Acme[/b]\u241b[31m \u23ce line"
    assert text.spans == []
    assert str(text.style) == "bold"
    assert text.no_wrap is True


def test_safe_block_keeps_lines() -> None:
    text = safe_block("[i]a[/i]\nb\x1b")
    assert text.plain == "[i]a[/i]\nb\u241b"
    assert text.spans == []
