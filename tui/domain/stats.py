"""How the job hunt is going: counts, reply rate, timings, thank-yous on time.

Pure: computed from the cards and their assessments, nothing stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any

from tui.domain.businessdays import add_business_days
from tui.domain.describe import counted
from tui.domain.model import EventKind, Interview
from tui.domain.queries import Assessed
from tui.domain.rules import Rules
from tui.domain.stages import STAGES, Outcome, Stage, Status


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
        }


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
    - Replied: a reached-out card with at least one reply logged. The reply
      rate is replied / reached out (None when no card reached out).
    - Median days to a stage: from the interview's date to the first forward
      move into that stage, over the cards that made such a move.
    - Thank-yous on time: of the cards moved forward to Thanked, those moved
      there within ``rules.thank_you_due`` business days of the interview.
    - Status counts come from ``items``, the other counts from ``cards``.
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
            if any(e.kind is EventKind.REPLY for e in card.events):
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


def render_text(stats: BoardStats, width: int = 60) -> str:
    """A plain-text report with small bar charts."""
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
        value = stats.median_days.get(stage)
        lines.append(
            f"  to {stage.label:<11} {value:g} day{'' if value == 1 else 's'}"
            if value is not None
            else f"  to {stage.label:<11} n/a"
        )
    return "\n".join(lines)
