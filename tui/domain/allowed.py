"""Which card actions make sense for a card in each stage.

The board, the card's detail and the agenda ask the same question here, so a
key is dimmed (and the palette leaves it out) the same way on every screen.
Actions are named as the keys' actions are (``log_followup``, ``close_card``).
"""

from __future__ import annotations

from tui.domain.stages import Stage

#: Every action that works on one card (the screens' dispatcher runs these).
CARD_ACTIONS: frozenset[str] = frozenset(
    {
        "move_next",
        "move_back",
        "open",
        "edit",
        "delete",
        "log_followup",
        "log_reply",
        "instruct",
        "move_dated",
        "close_card",
        "draft",
        "round",
        "remove_round",
    }
)

#: The stages in which an action makes no sense (absent: it works in every stage).
_NOT_IN: dict[str, frozenset[Stage]] = {
    # A closed card has no next stage, no follow-up to make, no instruction to keep and no round
    # (closing it again is allowed: it changes the outcome, e.g. no response -> rejected).
    "move_next": frozenset({Stage.CLOSED}),
    "log_followup": frozenset({Stage.CLOSED}),
    "instruct": frozenset({Stage.CLOSED}),
    "round": frozenset({Stage.CLOSED}),
    # The first stage has none before it.
    "move_back": frozenset({Stage.INTERVIEWED}),
}


def allows(stage: Stage, action: str) -> bool:
    """Whether ``action`` (one of ``CARD_ACTIONS``) makes sense for a card in ``stage``."""
    if action not in CARD_ACTIONS:
        raise ValueError(f"{action!r} is not a card action")
    return stage not in _NOT_IN.get(action, frozenset())
