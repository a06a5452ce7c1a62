"""Which toasts go on screen: news replaces news; a warning or an error is neither taken down nor stacked."""

from __future__ import annotations

from tui.services.toasts import Admit, ToastLog


class Ticks:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_news_replaces_the_news_on_screen() -> None:
    log = ToastLog(Ticks())
    assert log.admit("information", "Undid: a", 5) is Admit.REPLACE  # nothing up: replacing nothing is fine
    assert log.admit("information", "Undid: b", 5) is Admit.REPLACE
    assert log.admit("information", "Undid: b", 5) is Admit.REPLACE  # the same news again: shown afresh


def test_news_stacks_beside_a_warning_or_an_error_until_it_times_out() -> None:
    ticks = Ticks()
    log = ToastLog(ticks)
    assert log.admit("information", "Today", 5) is Admit.REPLACE
    assert log.admit("error", "Not saved", 15) is Admit.ADD  # an error never takes down what is up
    assert log.admit("information", "Undid: a", 5) is Admit.ADD
    ticks.now += 14.9
    assert log.admit("information", "Undid: b", 5) is Admit.ADD
    ticks.now += 0.2  # the error's 15 s are over
    assert log.admit("information", "Undid: c", 5) is Admit.REPLACE
    assert log.admit("warning", "Your keymap", 10) is Admit.ADD
    ticks.now += 9
    assert log.admit("information", "Undid: d", 5) is Admit.ADD
    ticks.now += 1.5
    assert log.admit("information", "Undid: e", 5) is Admit.REPLACE


def test_the_same_error_is_not_stacked_while_it_is_up_and_comes_back_once_gone() -> None:
    ticks = Ticks()
    log = ToastLog(ticks)
    assert log.admit("error", "Not saved\nNo space left on device", 15) is Admit.ADD
    for _ in range(7):  # a retry every two seconds, failing the same way
        ticks.now += 2
        assert log.admit("error", "Not saved\nNo space left on device", 15) is Admit.SKIP
    assert log.admit("error", "Not saved\nPermission denied", 15) is Admit.ADD  # another trouble: said too
    assert log.admit("warning", "Not saved\nNo space left on device", 15) is Admit.ADD  # not the same toast
    ticks.now += 1.1  # 15.1 s after the first: it has gone
    assert log.admit("error", "Not saved\nNo space left on device", 15) is Admit.ADD
