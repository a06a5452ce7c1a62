"""How the job hunt is going: counts, reply rate, timings, thank-yous on time,
replies by company and what became of the cards in each stage.

Pure: computed from the cards and their assessments, nothing stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from tui.domain.businessdays import add_business_days
from tui.domain.describe import counted
from tui.domain.model import EventKind, Interview
from tui.domain.queries import Assessed
from tui.domain.report import Kind, kind_of
from tui.domain.rules import Rules
from tui.domain.stages import OPEN_STAGES, STAGES, Outcome, Stage, Status


@dataclass(frozen=True)
class CompanyReplies:
    """How one company answered your follow-ups."""

    company: str
    #: Days from each answered follow-up to the answer, in the order they happened.
    days_to_reply: tuple[int, ...]
    #: Follow-ups with no answer (chased again before one came, or none yet).
    unanswered: int

    @property
    def follow_ups(self) -> int:
        return len(self.days_to_reply) + self.unanswered

    @property
    def median_days(self) -> float | None:
        return float(median(self.days_to_reply)) if self.days_to_reply else None

    def to_json(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "follow_ups": self.follow_ups,
            "unanswered": self.unanswered,
            "days_to_reply": list(self.days_to_reply),
            "median_days_to_reply": self.median_days,
        }


@dataclass(frozen=True)
class StageFlow:
    """What became of the cards that were in one open stage."""

    stage: Stage
    #: Cards that moved on from it to a later open stage.
    moved_on: int
    #: Cards closed while in it.
    closed: int
    #: Median days a card spent there, over the cards that left it (None: none did).
    median_days: float | None

    def to_json(self) -> dict[str, Any]:
        return {"moved_on": self.moved_on, "closed": self.closed, "median_days": self.median_days}


@dataclass(frozen=True)
class RoundStats:
    """The interviews of each application: how many, before an offer, and how long to an answer."""

    #: How many cards have n rounds, held or scheduled (n -> cards).
    per_card: dict[int, int] = field(default_factory=dict)
    #: Per card offered the job: the rounds held by the day of the offer.
    before_offer: tuple[int, ...] = ()
    #: Per closed card: days from its first round to the close.
    days_to_outcome: tuple[int, ...] = ()

    @property
    def mean_per_card(self) -> float | None:
        cards = sum(self.per_card.values())
        return sum(n * k for n, k in self.per_card.items()) / cards if cards else None

    @property
    def median_before_offer(self) -> float | None:
        return float(median(self.before_offer)) if self.before_offer else None

    @property
    def median_days_to_outcome(self) -> float | None:
        return float(median(self.days_to_outcome)) if self.days_to_outcome else None

    def to_json(self) -> dict[str, Any]:
        return {
            "per_card": {str(n): self.per_card[n] for n in sorted(self.per_card)},
            "mean_per_card": self.mean_per_card,
            "before_offer": list(self.before_offer),
            "median_before_offer": self.median_before_offer,
            "days_to_outcome": list(self.days_to_outcome),
            "median_days_to_outcome": self.median_days_to_outcome,
        }


_OFFERED = frozenset({Outcome.OFFER, Outcome.ACCEPTED})


def round_stats(cards: list[Interview]) -> RoundStats:
    """Rounds per card (held or scheduled), rounds before an offer, days from the first round to the close.

    The offer is the first close with an offer (or its acceptance); the close
    counted for a closed card is its last.
    """
    per_card: Counter[int] = Counter()
    before_offer: list[int] = []
    to_outcome: list[int] = []
    for card in cards:
        days = [held.day for held in card.all_rounds]
        per_card[len(days)] += 1
        closes = [e for e in card.events if e.kind is EventKind.MOVED and e.stage is Stage.CLOSED]
        offer = next((e.on for e in closes if e.outcome in _OFFERED), None)
        if offer is not None:
            before_offer.append(sum(1 for day in days if day <= offer))
        if card.stage is Stage.CLOSED and closes:
            to_outcome.append(max(0, (closes[-1].on - days[0]).days))
    return RoundStats(dict(per_card), tuple(before_offer), tuple(to_outcome))


def _heard_back(card: Interview, today: date) -> bool:
    """A reply logged, or a round after the first held: they came back to you either way."""
    if any(e.kind is EventKind.REPLY for e in card.events):
        return True
    return any(held.day <= today for held in card.rounds[1:])


@dataclass(frozen=True)
class BoardStats:
    """A summary of the board on one day."""

    today: date
    total: int
    by_stage: dict[Stage, int]
    by_outcome: dict[Outcome, int]
    by_status: dict[Status, int]
    #: Cards that heard back at least once, of the cards that reached out past the thank-you.
    replied: int
    reached_out: int
    #: Median days from the interview to first reaching each later stage (None: no card did).
    median_days: dict[Stage, float | None]
    thank_you_on_time: int
    thank_you_sent: int
    #: Companies you followed up with, the most chased first.
    companies: tuple[CompanyReplies, ...] = ()
    #: One per open stage, in board order.
    stages: tuple[StageFlow, ...] = ()
    #: The rounds of each application.
    rounds: RoundStats | None = None

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.reached_out if self.reached_out else None

    def to_json(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "total": self.total,
            "by_stage": {s.value: self.by_stage.get(s, 0) for s in STAGES},
            "by_outcome": {o.value: self.by_outcome.get(o, 0) for o in Outcome},
            "by_status": {s.value: self.by_status.get(s, 0) for s in Status},
            "replied": self.replied,
            "reached_out": self.reached_out,
            "reply_rate": self.reply_rate,
            "median_days_to_stage": {s.value: self.median_days.get(s) for s in STAGES[1:]},
            "thank_you_on_time": self.thank_you_on_time,
            "thank_you_sent": self.thank_you_sent,
            "replies_by_company": [c.to_json() for c in self.companies],
            "stages": {flow.stage.value: flow.to_json() for flow in self.stages},
            "rounds": (self.rounds or RoundStats()).to_json(),
        }


#: Contacts that ask for an answer (a thank-you does not) and what counts as the answer:
#: a reply, or an offer or a rejection (the employer's word, even when no reply was logged).
_CHASES = frozenset({Kind.CHECK_IN_CALL, Kind.FOLLOW_UP_EMAIL, Kind.FOLLOW_UP_CALL, Kind.STATUS_CHECK})
_ANSWERS = frozenset({Kind.REPLY, Kind.OFFER, Kind.REJECTED})


def _replies(card: Interview) -> tuple[list[int], int]:
    """Days from each answered follow-up of ``card`` to its answer, and how many went unanswered.

    An answer settles the latest follow-up before it (the same day counts); a
    follow-up chased again before any answer, or still without one, is unanswered.
    """
    days: list[int] = []
    unanswered = 0
    pending: date | None = None
    for event in sorted(card.events, key=lambda e: e.on):  # stable: the order logged within a day
        kind = kind_of(event)
        if kind in _CHASES:
            unanswered += pending is not None
            pending = event.on
        elif kind in _ANSWERS and pending is not None:
            days.append((event.on - pending).days)
            pending = None
    return days, unanswered + (pending is not None)


def replies_by_company(cards: list[Interview]) -> tuple[CompanyReplies, ...]:
    """Per company (named as on its first card; case and spaces aside), the most chased first."""
    names: dict[str, str] = {}
    days: dict[str, list[int]] = {}
    unanswered: Counter[str] = Counter()
    for card in cards:
        answered, missed = _replies(card)
        if not answered and not missed:
            continue
        key = " ".join(card.company.split()).casefold()
        names.setdefault(key, card.company)
        days.setdefault(key, []).extend(answered)
        unanswered[key] += missed
    found = [CompanyReplies(names[key], tuple(days[key]), unanswered[key]) for key in names]
    return tuple(sorted(found, key=lambda c: (-c.follow_ups, c.company.casefold())))


def stage_flows(cards: list[Interview]) -> tuple[StageFlow, ...]:
    """Per open stage: cards that moved on from it, cards closed from it, median days there.

    A card enters Interviewed on its interview's day; each move ends its stay in
    the stage it leaves. Days are summed per card over its stays in a stage, and
    only stays that ended count (a card still there has not finished its time).
    """
    moved_on: dict[Stage, set[int]] = {stage: set() for stage in OPEN_STAGES}
    closed: dict[Stage, set[int]] = {stage: set() for stage in OPEN_STAGES}
    spent: dict[Stage, list[int]] = {stage: [] for stage in OPEN_STAGES}
    for card in cards:
        stage, since = Stage.INTERVIEWED, card.interview_day
        stays: Counter[Stage] = Counter()
        for event in card.events:
            if event.kind is not EventKind.MOVED or event.stage is None or event.stage is stage:
                continue
            if stage is not Stage.CLOSED:
                stays[stage] += max(0, (event.on - since).days)
                if event.stage is Stage.CLOSED:
                    closed[stage].add(card.id)
                elif event.stage.index > stage.index:
                    moved_on[stage].add(card.id)
            stage, since = event.stage, event.on
        for left, total in stays.items():
            spent[left].append(total)
    return tuple(
        StageFlow(
            stage,
            len(moved_on[stage]),
            len(closed[stage]),
            float(median(spent[stage])) if spent[stage] else None,
        )
        for stage in OPEN_STAGES
    )


def _first_reached(card: Interview) -> dict[Stage, date]:
    reached: dict[Stage, date] = {}
    for event in card.events:
        if event.kind is EventKind.MOVED and event.stage is not None and event.is_forward_move:
            reached.setdefault(event.stage, event.on)
    return reached


def _reached_out(card: Interview) -> bool:
    for event in card.events:
        if event.kind is EventKind.FOLLOWUP:
            return True
        if event.is_forward_move and event.stage is not None and event.from_stage is not None:
            if event.stage in (Stage.CHECKED_IN, Stage.WAITING):
                return True
            if event.stage is Stage.CLOSED and event.from_stage is not Stage.INTERVIEWED:
                return True
    return False


def compute(cards: list[Interview], items: list[Assessed], today: date, rules: Rules) -> BoardStats:
    """The statistics of ``cards`` (``items`` are their assessments on ``today``).

    - Reached out: a card with a follow-up logged, or moved forward into
      Checked in or Waiting, or closed from Thanked or a later stage. Sending
      the thank-you alone does not count (it asks for no answer), nor does a
      card closed straight from Interviewed.
    - Replied: a reached-out card with at least one reply logged, or a round
      after its first held by ``today`` (a new round is their answer). The reply
      rate is replied / reached out (None when no card reached out).
    - Median days to a stage: from the interview's date to the first forward
      move into that stage, over the cards that made such a move.
    - Thank-yous on time: of the cards moved forward to Thanked, those moved
      there within ``rules.thank_you_due`` business days of the interview.
    - Status counts come from ``items``, the other counts from ``cards``.
    - Replies by company and what became of each stage: ``replies_by_company``
      and ``stage_flows``.
    """
    by_stage = Counter(card.stage for card in cards)
    by_outcome = Counter(card.outcome for card in cards if card.outcome is not None)
    by_status = Counter(item.verdict.status for item in items)
    days: dict[Stage, list[int]] = {stage: [] for stage in STAGES[1:]}
    replied = reached_out = on_time = sent = 0
    for card in cards:
        reached = _first_reached(card)
        for stage, on in reached.items():
            days[stage].append((on - card.interview_day).days)
        if _reached_out(card):
            reached_out += 1
            if _heard_back(card, today):
                replied += 1
        thanked = reached.get(Stage.THANKED)
        if thanked is not None:
            sent += 1
            if thanked <= add_business_days(card.interview_day, rules.thank_you_due, rules.holidays):
                on_time += 1
    medians = {stage: (float(median(values)) if values else None) for stage, values in days.items()}
    return BoardStats(
        today=today,
        total=len(cards),
        by_stage=dict(by_stage),
        by_outcome=dict(by_outcome),
        by_status=dict(by_status),
        replied=replied,
        reached_out=reached_out,
        median_days=medians,
        thank_you_on_time=on_time,
        thank_you_sent=sent,
        companies=replies_by_company(cards),
        stages=stage_flows(cards),
        rounds=round_stats(cards),
    )


def _bars(rows: list[tuple[str, int]], width: int) -> list[str]:
    """One line per row, ``  label  count bar``, no longer than ``width`` (bars of at least 4)."""
    label_width = max((len(label) for label, _ in rows), default=0)
    top = max((count for _, count in rows), default=0)
    count_width = max(4, len(str(top)))
    room = max(4, width - (2 + label_width + 2 + count_width + 1))
    lines = []
    for label, count in rows:
        length = round(room * count / top) if top else 0
        bar = "█" * length if length else ("▏" if count else "")
        lines.append(f"  {label:<{label_width}}  {count:>{count_width}} {bar}")
    return lines


def _two_part_bar(first: int, second: int, top: int, room: int, marks: str) -> str:
    """``first`` then ``second`` cells of ``marks[0]`` and ``marks[1]``, scaled so ``top`` fills ``room``.

    A part that is not zero keeps at least one cell, so a small count still shows.
    """
    if not top:
        return ""
    a = max(1, round(room * first / top)) if first else 0
    b = max(1, round(room * (first + second) / top) - a) if second else 0
    return marks[0] * a + marks[1] * b


def _days(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:g} day{'' if value == 1 else 's'}"


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _stage_lines(flows: tuple[StageFlow, ...], width: int) -> list[str]:
    tails = [f"{f.moved_on:>3} on {f.closed:>3} closed  {_days(f.median_days)}" for f in flows]
    tail_width = max((len(t) for t in tails), default=0)
    room = max(4, width - (2 + 11 + 2 + 2 + tail_width))
    top = max((f.moved_on + f.closed for f in flows), default=0)
    lines = []
    for flow, tail in zip(flows, tails, strict=True):
        bar = _two_part_bar(flow.moved_on, flow.closed, top, room, "█▒")
        lines.append(f"  {flow.stage.label:<11}  {bar:<{room}}  {tail}".rstrip())
    return lines


def _company_lines(
    companies: tuple[CompanyReplies, ...], width: int, shown: Callable[[str], str]
) -> list[str]:
    if not companies:
        return ["  No follow-ups logged yet."]
    names = [_fit(shown(c.company), 20) for c in companies]
    name_width = max(len(n) for n in names)
    top = max(c.follow_ups for c in companies)
    room = min(top, 12)
    counts = [f"{len(c.days_to_reply)} of {c.follow_ups}" for c in companies]
    count_width = max(len(t) for t in counts)
    lines = []
    for company, name, count in zip(companies, names, counts, strict=True):
        bar = _two_part_bar(len(company.days_to_reply), company.unanswered, top, room, "█░")
        head = f"  {name:<{name_width}}  {bar:<{room}}  {count:>{count_width}}"
        days = ", ".join(str(d) for d in company.days_to_reply)
        if days:
            head += "  " + _fit(f"{days} day{'' if days == '1' else 's'}", width - len(head) - 2)
        lines.append(head)
    return lines


def _round_lines(rounds: RoundStats) -> list[str]:
    mean = rounds.mean_per_card
    per = ", ".join(f"{counted(k, 'card')} with {n}" for n, k in sorted(rounds.per_card.items()))
    lines = [
        f"  Per application: {mean:.1f} on average ({per})" if mean is not None else "  Per application: n/a"
    ]
    offer = rounds.median_before_offer
    lines.append(f"  Before an offer: {f'{offer:g}' if offer is not None else 'n/a'} (median)")
    lines.append(f"  From the first round to the outcome: {_days(rounds.median_days_to_outcome)} (median)")
    return lines


def render_text(stats: BoardStats, width: int = 60, *, shown: Callable[[str], str]) -> str:
    """A plain-text report with small bar charts (``shown`` makes company names safe to show)."""
    lines = [f"{counted(stats.total, 'card')} on {stats.today.isoformat()}", "", "By stage"]
    lines += _bars([(s.label, stats.by_stage.get(s, 0)) for s in STAGES], width)
    if stats.by_outcome:
        lines += ["", "Outcomes"]
        lines += _bars([(o.label, stats.by_outcome.get(o, 0)) for o in Outcome], width)
    lines += ["", "Follow-up"]
    rate = stats.reply_rate
    rate_text = f"{rate:.0%}" if rate is not None else "n/a"
    lines.append(
        f"  Reply rate: {rate_text} ({stats.replied} of {stats.reached_out} cards you chased heard back)"
    )
    lines.append(f"  Thank-yous on time: {stats.thank_you_on_time} of {stats.thank_you_sent}")
    lines += ["", "Median days from the interview"]
    for stage in STAGES[1:]:
        lines.append(f"  to {stage.label:<11} {_days(stats.median_days.get(stage))}")
    if stats.stages:
        lines += ["", "Leaving each stage: moved on, ▒ closed; median days there"]
        lines += _stage_lines(stats.stages, width)
    if stats.rounds is not None and stats.rounds.per_card:
        lines += ["", "Rounds"]
        lines += _round_lines(stats.rounds)
    lines += ["", "Replies by company: answered, ░ unanswered; days to reply"]
    lines += _company_lines(stats.companies, width, shown)
    return "\n".join(lines)
