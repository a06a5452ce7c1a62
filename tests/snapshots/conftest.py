"""Snapshot tests reuse the UI fixtures (the demo board and a fixed clock)."""

from tests.ui.conftest import demo_path, make_app

__all__ = ["demo_path", "make_app"]
