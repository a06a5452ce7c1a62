"""The numbers of the follow-up policy, each a default the user can change."""

from __future__ import annotations

from datetime import date, time

from msgspec import Struct

from tui.domain.stages import Stage

#: (opens, due by) in business days after the stage's anchor.
Window = tuple[int, int]
#: A span of wall-clock time, start inclusive, end exclusive.
TimeSpan = tuple[time, time]

#: Read once: ``window`` is asked for every open card of a board (see ``policy``'s aliases).
_INTERVIEWED, _THANKED = Stage.INTERVIEWED, Stage.THANKED
_CHECKED_IN, _WAITING = Stage.CHECKED_IN, Stage.WAITING


class Rules(Struct, frozen=True, kw_only=True):
    """Every tunable number of the policy (see POLICY.md); an immutable record, like those of ``model``."""

    holidays: frozenset[date] = frozenset()
    #: The thank-you opens once the interview is over and is due this many business days after it.
    thank_you_due: int = 1
    check_in: Window = (5, 10)
    follow_up_email: Window = (2, 5)
    status_check: Window = (10, 15)
    #: "We will get back to you" with no date means this many business days.
    wait_default: int = 15
    #: Once a "wait for them" date has passed: (opens, due by) after it.
    after_wait: Window = (1, 3)
    #: Status checks in waiting, without a reply, that flag a card as nagging.
    nag_limit: int = 3
    call_hours: tuple[TimeSpan, ...] = (
        (time(10, 0), time(11, 30)),
        (time(14, 0), time(16, 0)),
    )
    #: No calls on Monday before this time, nor on Friday from this time.
    monday_from: time = time(12, 0)
    friday_until: time = time(12, 0)

    def window(self, stage: Stage) -> Window:
        """The (opens, due by) offsets of a stage's next action."""
        if stage is _INTERVIEWED:
            return (0, self.thank_you_due)
        if stage is _THANKED:
            return self.check_in
        if stage is _CHECKED_IN:
            return self.follow_up_email
        if stage is _WAITING:
            return self.status_check
        raise ValueError(f"{stage.value} has no follow-up window")

    def __post_init__(self) -> None:
        for name in ("check_in", "follow_up_email", "status_check", "after_wait"):
            opens, due = getattr(self, name)
            if not 0 <= opens <= due:
                raise ValueError(f"{name}: the window must open before it is due ({opens} > {due})")
        if self.thank_you_due < 0 or self.wait_default < 0:
            raise ValueError("day counts must not be negative")
        if self.nag_limit < 1:
            raise ValueError("nag_limit must be at least 1")
        for start, end in self.call_hours:
            if not start < end:
                raise ValueError(f"call hours {start:%H:%M}-{end:%H:%M}: the start must come first")
