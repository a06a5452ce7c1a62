"""A crash report says where the crash happened, never with which cards."""

from __future__ import annotations

from rich.console import Console

from tui.services.crash_report import crash_report


def test_the_report_names_the_error_and_where_but_not_local_values() -> None:
    def fail(phone: str) -> None:
        raise ValueError("broken on purpose")

    console = Console(width=100, record=True, color_system=None)
    try:
        fail(f"+44 20 {7946 * 3}")  # made at run time: not in the source lines shown
    except ValueError:
        console.print(crash_report())
    text = console.export_text()
    assert "broken on purpose" in text
    assert "fail" in text
    assert "23838" not in text
