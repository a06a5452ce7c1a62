"""How the nag rule is put in words, from the configured limit (``Rules.nag_limit``).

A card in waiting is flagged NAG once this many status checks went without
a reply. Every sentence that mentions the number is made here, so a user who
sets ``nag_limit = 5`` never reads "three".
"""

from __future__ import annotations

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """``3`` -> ``three`` (up to ten; larger numbers stay figures)."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def _checks(n: int) -> str:
    return f"{number_word(n)} check{'' if n == 1 else 's'}"


def agenda_flag(limit: int) -> str:
    """The agenda row's line: ``NAG: three checks with no reply; consider closing``."""
    return f"NAG: {_checks(limit)} with no reply; consider closing"


def detail_advice(limit: int, close_key: str = "x") -> str:
    """The card detail's warning (``close_key`` closes the card)."""
    return (
        f"{number_word(limit).capitalize()} or more checks without a reply: more calls will not help. "
        f"Consider closing it ({close_key})."
    )


def legend_meaning(limit: int) -> str:
    """The legend's line for the NAG mark."""
    return f"{number_word(limit)} or more checks with no reply: stop chasing"


def rule_in_brief(limit: int) -> tuple[str, str]:
    """The rule's two lines in the help screen's summary of the rules."""
    return (
        f"to you, the card is on hold until then. A reply restarts the clock. After {number_word(limit)}",
        f"unanswered status check{'' if limit == 1 else 's'} the card is marked NAG: consider closing it.",
    )


def due_suffix(limit: int) -> str:
    """Added to a card's line in ``followup due``."""
    return f"; {_checks(limit)} without a reply: consider closing"


def show_line(limit: int) -> str:
    """The line in ``followup show``."""
    first = number_word(limit).capitalize()
    return f"{first} or more status checks without a reply: consider closing this card."
