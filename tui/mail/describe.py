"""Suggestions in words (one line each) and as JSON rows.

Everything that came from a message (names, addresses, subjects, reasons
quoting them) is shown literally: markup stays text and control characters
are made visible, so a hostile subject cannot restyle or clear the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from tui.domain.describe import counted
from tui.domain.wall import zone
from tui.mail.classify import MOVES_TO
from tui.mail.suggestion import (
    Action,
    CancelRound,
    LogFollowUp,
    LogReply,
    MaybeRejection,
    MoveRound,
    ScheduleRound,
    Skipped,
    Suggestion,
    Unmatched,
)
from tui.text import literal

_SUBJECT_WIDTH = 60


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def action_text(action: Action) -> str:
    """What the action would do, as a phrase: ``log a reply on 2026-11-21``."""
    if isinstance(action, LogReply):
        return f"log a reply on {action.on.isoformat()}"
    if isinstance(action, MaybeRejection):
        phrase = literal(action.phrase)
        return f'log a reply on {action.on.isoformat()}; may be a rejection ("{phrase}"): close it?'
    if isinstance(action, LogFollowUp):
        stage = MOVES_TO.get(action.kind)
        moves = f" (moves to {stage.label})" if stage is not None else ""
        return f"log {action.kind.noun} on {action.on.isoformat()}{moves}"
    if isinstance(action, ScheduleRound | MoveRound):
        verb = "add a round" if isinstance(action, ScheduleRound) else "move the round"
        to = "" if isinstance(action, ScheduleRound) else " to"
        when = action.at.astimezone(zone(action.zone)).strftime("%Y-%m-%d %H:%M")
        return f'{verb} "{literal(_short(action.label, _SUBJECT_WIDTH))}"{to} {when} ({action.zone})'
    if isinstance(action, CancelRound):
        return f'remove the round "{literal(_short(action.label, _SUBJECT_WIDTH))}" (cancelled)'
    if isinstance(action, Unmatched):
        return f"unmatched: {literal(action.reason)}"
    return f"skipped: {literal(action.reason)}"


def done_text(action: Action, card_id: int, close_hint: str = "") -> str:
    """What applying the action did, as a phrase: ``logged a reply on 2026-11-21``.

    ``close_hint`` says how to close a card (default: the command line's way).
    """
    if isinstance(action, MaybeRejection):
        phrase = literal(action.phrase)
        hint = close_hint or f"followup move {card_id} closed --outcome rejected closes it"
        return (
            f'logged a reply on {action.on.isoformat()}; may be a rejection ("{phrase}"): '
            f"the card stays open ({hint})"
        )
    text = action_text(action).replace(" (moves to ", " (moved to ")
    for verb, past in _PAST:
        if text.startswith(verb):
            return past + text[len(verb) :]
    return text


_PAST = (
    ("log ", "logged "),
    ("add ", "added "),
    ("move the round", "moved the round"),
    ("remove ", "removed "),
)


def outcome_text(item: Suggestion, problem: str | None) -> str:
    """What became of the suggestion once applied: done, or why not (``problem``)."""
    if problem is not None:
        return f"not applied: {literal(problem)}"
    if item.changes_board and item.match is not None:
        return done_text(item.action, item.match.card_id)
    return action_text(item.action)


def line(item: Suggestion, zone_name: str, outcome: str | None = None) -> str:
    """One line for one message: the message, the card it matched (rule, certainty), what it would do.

    ``outcome`` (from ``outcome_text``) says what was done instead, once applied.
    """
    message, action = item.message, item.action
    said_action = outcome if outcome is not None else action_text(action)
    if not message.identity:  # not read as mail at all: only where it was
        return f"{literal(message.source)}: {said_action}"
    day = message.sent.astimezone(zone(zone_name)).strftime("%Y-%m-%d") if message.sent else "(no date)"
    if message.from_me:
        others = ", ".join(message.recipients[:2]) + (" ..." if len(message.recipients) > 2 else "")
        who = f"to {others or '(no one)'}"
    else:
        who = f"from {message.sender}"
    subject = literal(_short(message.subject, _SUBJECT_WIDTH)) if message.subject else "(no subject)"
    said = f'{day} {literal(who)} "{subject}"'
    if item.match is None:
        return f"{said} -> {said_action}"
    match = item.match
    card = f"#{match.card_id} {literal(_short(match.company, 40))}"
    why = f"rule {int(match.rule)} {match.rule.label}, {match.certainty.value}"
    return f"{said} -> {card} ({why}): {said_action}"


def summary(items: Sequence[Suggestion]) -> str:
    """``12 messages: 3 would change the board, 8 unmatched, 1 skipped.``"""
    changes = sum(1 for i in items if i.changes_board)
    unmatched = sum(1 for i in items if isinstance(i.action, Unmatched))
    skipped = sum(1 for i in items if isinstance(i.action, Skipped))
    return (
        f"{counted(len(items), 'message')}: {changes} would change the board, "
        f"{unmatched} unmatched, {skipped} skipped. Nothing was changed."
    )


def applied_summary(items: Sequence[Suggestion], problems: Mapping[int, str]) -> str:
    """``12 messages: 3 changed the board, 1 not applied, 8 unmatched, 0 skipped.``"""
    tried = [index for index, item in enumerate(items) if item.changes_board and item.match is not None]
    failed = sum(1 for index in tried if index in problems)
    unmatched = sum(1 for i in items if isinstance(i.action, Unmatched))
    skipped = sum(1 for i in items if isinstance(i.action, Skipped))
    return (
        f"{counted(len(items), 'message')}: {len(tried) - failed} changed the board, {failed} not applied, "
        f"{unmatched} unmatched, {skipped} skipped."
    )


def row(item: Suggestion, problem: str | None = None, applied: bool | None = None) -> dict[str, Any]:
    """The suggestion as a JSON object (text as read: the JSON encoding keeps it inert).

    Once applied (``applied`` not None), ``applied`` says whether it changed the
    board and ``not_applied`` why a change did not fit.
    """
    message, action, match = item.message, item.action, item.match
    done: dict[str, Any] = {}
    if applied is not None:
        done = {"applied": applied, "not_applied": problem}
    return done | {
        "source": message.source,
        "message_id": message.identity or None,
        "date": message.sent.isoformat() if message.sent else None,
        "from": message.sender or None,
        "from_name": message.sender_name or None,
        "to": list(message.recipients),
        "subject": message.subject,
        "from_me": message.from_me,
        "card": match.card_id if match else None,
        "company": match.company if match else None,
        "rule": int(match.rule) if match else None,
        "rule_name": match.rule.name.lower() if match else None,
        "certainty": match.certainty.value if match else None,
        "evidence": match.evidence if match else None,
        "changes_board": item.changes_board,
        "action": action_row(action),
    }


def action_row(action: Action) -> dict[str, Any]:
    kind = {
        LogReply: "log_reply",
        MaybeRejection: "maybe_rejection",
        LogFollowUp: "log_followup",
        ScheduleRound: "schedule_round",
        MoveRound: "move_round",
        CancelRound: "cancel_round",
        Unmatched: "unmatched",
        Skipped: "skipped",
    }[type(action)]
    fields: dict[str, Any] = {"kind": kind}
    for name in action.__slots__:
        value = getattr(action, name)
        if isinstance(value, (datetime, date)):
            value = value.isoformat()
        elif hasattr(value, "value"):
            value = value.value
        fields[name if name != "kind" else "followup"] = value
    return fields


#: Characters JSON leaves raw that a terminal may still act on (C1 controls, DEL, bidi overrides).
_INERT = {
    code: f"\\u{code:04x}" for code in (*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def to_json(items: Sequence[Suggestion], problems: Mapping[int, str] | None = None) -> str:
    """The rows as a JSON array; every control character escaped, so printing it is safe.

    ``problems`` (after ``--apply``: why a change did not fit, by row) adds ``applied`` to each row.
    """
    rows = [
        row(item)
        if problems is None
        else row(
            item, problems.get(index), item.changes_board and item.match is not None and index not in problems
        )
        for index, item in enumerate(items)
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False).translate(_INERT)
