"""The garbage collector's policy: off while starting, big boards set aside, on again after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui import gc_policy


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_while_starting_and_on_for_a_command() -> None:
    gc.enable()
    gc_policy.off_while_starting()
    assert not gc.isenabled()
    gc_policy.on_for_a_command()
    assert gc.isenabled()


def test_a_small_file_is_read_with_the_collector_as_it_was() -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    with gc_policy.paused_then_set_aside(gc_policy.SET_ASIDE_FILE_SIZE - 1):
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_big_file_is_read_with_the_collector_paused_then_set_aside() -> None:
    gc.enable()
    kept = [[n] for n in range(1_000)]  # objects the read made, alive after it
    with gc_policy.paused_then_set_aside(gc_policy.SET_ASIDE_FILE_SIZE):
        assert not gc.isenabled()
        kept.append([])
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_a_big_file_read_while_starting_leaves_the_collector_off() -> None:
    gc_policy.off_while_starting()
    with gc_policy.paused_then_set_aside(gc_policy.SET_ASIDE_FILE_SIZE):
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize(
    ("cards", "set_aside"), [(gc_policy.SET_ASIDE_CARDS - 1, False), (gc_policy.SET_ASIDE_CARDS, True)]
)
def test_once_drawn_a_big_board_is_set_aside_and_the_collector_is_on(cards: int, set_aside: bool) -> None:
    gc_policy.off_while_starting()
    gc.unfreeze()
    assert gc_policy.set_aside_once_drawn(cards) is set_aside
    assert gc.isenabled()
    assert (gc.get_freeze_count() > 0) is set_aside
