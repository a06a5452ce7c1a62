"""A second followup process for the store's fault tests.

store_worker.py churn BOARD          rewrite card 1's notes with a counter, forever;
                                     print the counter after each completed save
store_worker.py add BOARD COUNT TAG  print "ready", wait for a line on stdin, then add
                                     COUNT cards one save at a time; print "done"
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import msgspec

from tui.domain import ops
from tui.domain.model import Interview
from tui.domain.wall import WallTime
from tui.store import Store


def churn(board: Path) -> None:
    store = Store(board, lock_timeout=30)
    counter = int(store.get(1).notes)
    while True:
        counter += 1
        store.update(1, _with_notes(str(counter)))
        print(counter, flush=True)


def add(board: Path, count: int, tag: str) -> None:
    store = Store(board, lock_timeout=30)
    print("ready", flush=True)
    sys.stdin.readline()
    for k in range(count):
        store.add(_maker(f"{tag} {k}"))
        # A person adds cards seconds apart; a short pause lets the other writer
        # take the lock between two of ours instead of losing every race to it.
        time.sleep(0.003)
    print("done", flush=True)


def _with_notes(notes: str) -> Callable[[Interview], Interview]:
    return lambda card: msgspec.structs.replace(card, notes=notes)


def _maker(company: str) -> Callable[[int], Interview]:
    return lambda card_id: _card(card_id, company)


def _card(card_id: int, company: str) -> Interview:
    return ops.new_interview(
        card_id=card_id,
        company=company,
        interviewed_at=WallTime(datetime(2026, 11, 20, 10, 0), "Europe/London"),
        created_on=date(2026, 11, 20),
    )


def main(argv: list[str]) -> None:
    command, board = argv[0], Path(argv[1])
    if command == "churn":
        churn(board)
    elif command == "add":
        add(board, int(argv[2]), argv[3])
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
