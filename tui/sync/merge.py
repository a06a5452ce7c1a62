"""Three versions of a board merged into one, card by card: nothing typed is ever lost.

Pure: cards in, cards out, no files, no git, no clock (the merge's day is an
argument). Cards are matched by their lasting name (``uid``), never by their
short number:

- a card added on one side is kept; one deleted on one side is deleted only
  if the other side left it as it was, else it is kept as the other side has it;
- events are the union of both sides, each once, in date order; the stage
  and outcome are then those of the last move; rounds too are those of both
  sides (a round one side removed and the other left alone goes);
- a field changed on one side takes that side's value; changed on both to
  different values, ours stays and theirs is written into the card's notes
  on a line saying it came from the other machine and when;
- numbers: a card numbered differently on the two sides keeps the higher
  number; two cards wanting one number leave it to the one created first,
  and the other takes a new number above every number in use.

Swapping ours and theirs gives the same board (same cards, numbers, events
and field values) except where both sides changed one field: there the
field holds ours and the notes hold theirs, whichever side that is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import msgspec

from tui.domain.model import Contact, Event, EventKind, Interview, Round

#: Label of the notes line that keeps a value from the other side.
OTHER_MACHINE = "From the other machine"


def uid_of(card: Interview) -> str:
    """The name a card is known by across machines: its uid, or its number on a board made before uids."""
    return card.uid or f"#{card.id}"


@dataclass(frozen=True)
class Board:
    """One version of a board: its cards and the number its next new card would take."""

    cards: tuple[Interview, ...]
    next_id: int = 1


@dataclass(frozen=True)
class Merged:
    """The merged board and what the merge had to decide."""

    board: Board
    #: uid -> (number before, number after), for cards whose number on ours changed.
    renumbered: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: uid -> the fields both sides changed (theirs went to the notes).
    conflicts: dict[str, tuple[str, ...]] = field(default_factory=dict)


def merge(base: Board, ours: Board, theirs: Board, *, on: date) -> Merged:
    """The board that keeps what each side did to ``base``; ``on`` dates the notes a conflict writes."""
    b = _by_uid(base)
    o, t = _by_uid(ours, "ours", b), _by_uid(theirs, "theirs", b)
    kept: dict[str, Interview] = {}
    conflicts: dict[str, tuple[str, ...]] = {}
    for uid in sorted(o.keys() | t.keys()):
        was, mine, other = b.get(uid), o.get(uid), t.get(uid)
        if mine is None or other is None:
            present = mine if mine is not None else other
            assert present is not None
            if was is not None and _same(was, present):
                continue  # deleted on one side, left alone on the other
            kept[uid] = present
            continue
        card, clashed = _merge_card(was, mine, other, on)
        kept[uid] = card
        if clashed:
            conflicts[uid] = clashed
    numbered = _numbers(kept, o, t, max(ours.next_id, theirs.next_id))
    cards = tuple(sorted(numbered.values(), key=lambda c: c.id))
    next_id = max([ours.next_id, theirs.next_id, *(c.id + 1 for c in cards)])
    renumbered = {
        uid: (o[uid].id, card.id) for uid, card in numbered.items() if uid in o and o[uid].id != card.id
    }
    return Merged(Board(cards, next_id), renumbered, conflicts)


def _by_uid(
    board: Board, side: str = "", base: Mapping[str, Interview] | None = None
) -> dict[str, Interview]:
    """The cards by the name they are matched by.

    A common ancestor written before uids holds cards known only by their
    number, which no merge changes: a side's card of that number is that
    card, whatever uid the side has given it since. Any other card without
    a uid is that side's own, so two cards added apart under one number are
    both kept.
    """
    cards: dict[str, Interview] = {}
    for card in board.cards:
        key = uid_of(card)
        if base is not None and key not in base:
            number = f"#{card.id}"
            if number in base:
                key = number
            elif not card.uid:
                key = f"{side}{key}"
        cards[key] = card
    return cards


def _same(a: Interview, b: Interview) -> bool:
    """The same card but perhaps its number and the uid it got since ``a`` (neither is the user's change)."""
    return a == msgspec.structs.replace(b, id=a.id, uid=b.uid if a.uid else "")


# -- one card


def _text(value: Any) -> str:
    return str(value)


def _contacts_text(contacts: Sequence[Contact]) -> str:
    people = [", ".join(x for x in (c.name, c.title, c.email, c.phone, c.address) if x) for c in contacts]
    return "; ".join(people) or "(none)"


#: The fields merged one by one: name, label in the notes, how a value is written there.
_FIELDS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("company", "company", _text),
    ("role", "role", _text),
    ("employer_zone", "employer's time zone", _text),
    ("contacts", "contacts", _contacts_text),
)


def _merge_card(
    was: Interview | None, mine: Interview, other: Interview, on: date
) -> tuple[Interview, tuple[str, ...]]:
    """One card present on both sides; the fields both changed, by name."""
    changes: dict[str, Any] = {}
    lines: list[str] = []
    clashed: list[str] = []
    stamp = f"{OTHER_MACHINE} (merged {on.isoformat()})"
    for name, label, show in _FIELDS:
        value, theirs = _three_way(was, mine, other, name)
        changes[name] = value
        if theirs is not None:
            clashed.append(name)
            lines.append(f"{stamp}, {label}: {show(theirs)}")
    rounds, lost_rounds = _merge_rounds(was, mine, other)
    if lost_rounds:
        clashed.append("rounds")
        shown = "; ".join(_round_text(r) for r in lost_rounds)
        lines.append(f"{stamp}, interview rounds: {shown}")
    if rounds:
        changes["interviewed_at"] = rounds[0].at
        only = rounds[0]
        names = tuple(c.name for c in changes["contacts"] if c.name)
        # One round that says no more than a card's first round does: the card as before rounds.
        plain = len(rounds) == 1 and not only.label and only.met in ((), names)
        changes["rounds"] = () if plain else rounds
    else:
        changes["rounds"] = ()
        changes["interviewed_at"], theirs_at = _three_way(was, mine, other, "interviewed_at")
        if theirs_at is not None:
            clashed.append("interviewed_at")
            lines.append(f"{stamp}, interview: {_round_text(Round(theirs_at))}")
    notes, theirs_notes = _three_way(was, mine, other, "notes")
    if theirs_notes is not None:
        clashed.append("notes")
        lines.append(f"{stamp}, notes:\n{theirs_notes}")
    if lines:
        notes = "\n".join([notes.rstrip("\n"), *lines]) if notes.strip() else "\n".join(lines)
    changes["notes"] = notes
    events = _merge_events(was.events if was else None, mine.events, other.events)
    changes["events"] = events
    if events in (mine.events, other.events):
        source = mine if events == mine.events else other
        changes["stage"], changes["outcome"] = source.stage, source.outcome
    else:
        last_move = next((e for e in reversed(events) if e.kind is EventKind.MOVED and e.stage), None)
        if last_move is not None:
            changes["stage"], changes["outcome"] = last_move.stage, last_move.outcome
        else:
            before = (was.stage, was.outcome) if was is not None else None
            place, _ = _pick(before, (mine.stage, mine.outcome), (other.stage, other.outcome))
            changes["stage"], changes["outcome"] = place
    # Two uids for one card (each side gave a card of a board from before uids its own): either
    # side merging keeps the same one.
    changes["uid"] = min(filter(None, (mine.uid, other.uid)), default="")
    card = msgspec.structs.replace(mine, **changes)
    return card, tuple(clashed)


def _three_way(was: Interview | None, mine: Interview, other: Interview, name: str) -> tuple[Any, Any]:
    """The merged value of a field, and theirs when both sides changed it differently (else None)."""
    before = getattr(was, name) if was is not None else None
    return _pick(before, getattr(mine, name), getattr(other, name))


def _pick(before: Any, ours: Any, theirs: Any) -> tuple[Any, Any]:
    """Three versions of one value: the merged one, and theirs if it lost to ours (else None)."""
    if theirs in (ours, before):
        return ours, None
    if ours == before:
        return theirs, None
    return ours, theirs


def _round_text(r: Round) -> str:
    text = f"{r.at.local:%Y-%m-%d %H:%M} {r.at.zone}"
    if r.label:
        text += f" ({r.label})"
    if r.met:
        text += f" with {', '.join(r.met)}"
    return text


def _merge_rounds(
    was: Interview | None, mine: Interview, other: Interview
) -> tuple[tuple[Round, ...], tuple[Round, ...]]:
    """Every round of either side (keyed by its moment), in date order; and theirs that lost to ours.

    Empty when no version holds more than the first round: the interview
    time is then merged as a field. A round removed on one side and left as it
    was on the other is removed.
    """
    if not (mine.rounds or other.rounds or (was is not None and was.rounds)):
        return (), ()
    base = _rounds_by_moment(was) if was is not None else {}
    o, t = _rounds_by_moment(mine), _rounds_by_moment(other)
    merged: dict[Any, Round] = {}
    lost: list[Round] = []
    for moment in o.keys() | t.keys():
        before, ours, theirs = base.get(moment), o.get(moment), t.get(moment)
        if ours is None or theirs is None:
            present = ours if ours is not None else theirs
            assert present is not None
            if before is None or before != present:
                merged[moment] = present
            continue
        merged[moment] = ours
        if ours != theirs:
            if before == ours:
                merged[moment] = theirs
            elif before != theirs:
                lost.append(theirs)
    if not merged:  # each side removed the rounds the other kept: the earliest stays (a card has one)
        both = {**t, **o}
        first = min(both)
        merged[first] = both[first]
    return tuple(merged[m] for m in sorted(merged)), tuple(lost)


def _rounds_by_moment(card: Interview) -> dict[Any, Round]:
    """The card's rounds by their moment; a card before rounds has its interview, meeting no one named.

    Not ``all_rounds``: that names the card's contacts as met in the first
    round, so a change of contacts would look like a change of the round.
    """
    return {r.at.instant(): r for r in card.rounds or (Round(card.interviewed_at),)}


# -- events


def _merge_events(
    base: tuple[Event, ...] | None, ours: tuple[Event, ...], theirs: tuple[Event, ...]
) -> tuple[Event, ...]:
    """Both timelines as one: each event once, in date order.

    A side that did not change the timeline gives way to the other whole.
    Otherwise every event of either side is kept as many times as the side
    holding it most often has it. Within a day, events both sides hold come
    first in their common order, then each side's own, the two runs ordered
    by their content so that either side merging gets the same timeline.
    """
    if ours == theirs or (base is not None and theirs == base):
        return ours
    if base is not None and ours == base:
        return theirs
    keys = {event: _event_key(event) for event in (*ours, *theirs)}
    placed: list[tuple[date, int, bytes, int, int, Event]] = []
    in_ours, in_theirs = _occurrences(ours), _occurrences(theirs)
    common = in_ours.keys() & in_theirs.keys()
    for occurrence in common:
        event = occurrence[0]
        placed.append((event.on, 0, b"", in_ours[occurrence] + in_theirs[occurrence], 0, event))
    for side in (in_ours, in_theirs):
        own = [(where, occ[0]) for occ, where in side.items() if occ not in common]
        runs: dict[date, list[tuple[int, Event]]] = {}
        for where, event in own:
            runs.setdefault(event.on, []).append((where, event))
        for day, run in runs.items():
            run.sort(key=lambda pair: pair[0])
            run_key = b"\n".join(keys[e] for _, e in run)
            for where, event in run:
                placed.append((day, 1, run_key, where, 0, event))
    placed.sort(key=lambda p: (p[0], p[1], p[2], p[3], keys[p[5]]))
    return tuple(p[5] for p in placed)


def _occurrences(events: Iterable[Event]) -> dict[tuple[Event, int], int]:
    """Each event with how many equal ones came before it, mapped to its place in the timeline."""
    seen: Counter[Event] = Counter()
    places: dict[tuple[Event, int], int] = {}
    for where, event in enumerate(events):
        places[event, seen[event]] = where
        seen[event] += 1
    return places


def _event_key(event: Event) -> bytes:
    return msgspec.json.encode(event)


# -- numbers


def _numbers(
    cards: Mapping[str, Interview],
    ours: Mapping[str, Interview],
    theirs: Mapping[str, Interview],
    next_id: int,
) -> dict[str, Interview]:
    """The cards with their numbers settled (see the module's docstring)."""
    wanted: dict[str, int] = {}
    for uid, card in cards.items():
        numbers = [side[uid].id for side in (ours, theirs) if uid in side] or [card.id]
        wanted[uid] = max(numbers)
    holders: dict[int, list[str]] = {}
    for uid, number in wanted.items():
        holders.setdefault(number, []).append(uid)
    fresh = max([next_id, *(n + 1 for n in wanted.values())])
    movers: list[str] = []
    for uids in holders.values():
        if len(uids) > 1:
            uids.sort(key=lambda u: _created(cards[u]))
            movers.extend(uids[1:])
    for uid in sorted(movers, key=lambda u: _created(cards[u])):
        wanted[uid] = fresh
        fresh += 1
    return {uid: msgspec.structs.replace(card, id=wanted[uid]) for uid, card in cards.items()}


def _created(card: Interview) -> tuple[date, str, bytes]:
    """When a card was made (its first ``created`` event, else its interview), then its uid and content."""
    made = next((e.on for e in card.events if e.kind is EventKind.CREATED), card.interview_day)
    return (made, card.uid, msgspec.json.encode(msgspec.structs.replace(card, id=0)))


__all__ = ["OTHER_MACHINE", "Board", "Merged", "merge", "uid_of"]
