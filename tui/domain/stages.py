"""The fixed vocabularies of the board: stages, outcomes, statuses and actions."""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
    """Where an interview stands, in board order."""

    INTERVIEWED = "interviewed"
    THANKED = "thanked"
    CHECKED_IN = "checked_in"
    WAITING = "waiting"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def index(self) -> int:  # type: ignore[override]
        return STAGES.index(self)

    @property
    def next(self) -> Stage | None:
        i = self.index + 1
        return STAGES[i] if i < len(STAGES) else None

    @property
    def previous(self) -> Stage | None:
        i = self.index - 1
        return STAGES[i] if i >= 0 else None

    @classmethod
    def parse(cls, text: str) -> Stage:
        """Read a stage id or label; raise ValueError naming the valid ids."""
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for stage in cls:
            if key in (stage.value, stage.label.lower().replace(" ", "_")):
                return stage
        valid = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown stage {text!r} (use one of: {valid})")


_STAGE_LABELS = {
    Stage.INTERVIEWED: "Interviewed",
    Stage.THANKED: "Thanked",
    Stage.CHECKED_IN: "Checked in",
    Stage.WAITING: "Waiting",
    Stage.CLOSED: "Closed",
}

STAGES: tuple[Stage, ...] = tuple(Stage)
OPEN_STAGES: tuple[Stage, ...] = STAGES[:-1]


class Outcome(str, Enum):
    """How a closed interview ended."""

    OFFER = "offer"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, text: str) -> Outcome:
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for outcome in cls:
            if key == outcome.value:
                return outcome
        valid = ", ".join(o.value for o in cls)
        raise ValueError(f"unknown outcome {text!r} (use one of: {valid})")


class Status(str, Enum):
    """How urgent the next follow-up is on a given day."""

    PREMATURE = "premature"
    DUE = "due"
    OVERDUE = "overdue"
    HOLD = "hold"
    CLOSED = "closed"

    @property
    def glyph(self) -> str:
        """A one-cell mark that carries the status without colour."""
        return _STATUS_GLYPHS[self]

    @property
    def word(self) -> str:
        """A short word that carries the status without colour."""
        return _STATUS_WORDS[self]

    @property
    def meaning(self) -> str:
        return _STATUS_MEANINGS[self]

    @classmethod
    def parse(cls, text: str) -> Status:
        key = text.strip().lower()
        for status in cls:
            if key == status.value:
                return status
        valid = ", ".join(s.value for s in cls)
        raise ValueError(f"unknown status {text!r} (use one of: {valid})")


_STATUS_GLYPHS = {
    Status.OVERDUE: "!",
    Status.DUE: "*",
    Status.PREMATURE: "~",
    Status.HOLD: "=",
    Status.CLOSED: "-",
}
_STATUS_WORDS = {
    Status.OVERDUE: "LATE",
    Status.DUE: "DUE",
    Status.PREMATURE: "WAIT",
    Status.HOLD: "HOLD",
    Status.CLOSED: "DONE",
}
_STATUS_MEANINGS = {
    Status.PREMATURE: "too early: contacting them now would look like nagging",
    Status.DUE: "the window is open: act now",
    Status.OVERDUE: "the window has passed: act today",
    Status.HOLD: "the employer asked you not to chase until a date",
    Status.CLOSED: "nothing left to do",
}

#: Most urgent first: the default sort order of a column and of the agenda.
URGENCY: tuple[Status, ...] = (
    Status.OVERDUE,
    Status.DUE,
    Status.PREMATURE,
    Status.HOLD,
    Status.CLOSED,
)


class Action(str, Enum):
    """The next thing to do for an open card."""

    THANK_YOU = "thank_you"
    CHECK_IN_CALL = "check_in_call"
    FOLLOW_UP_EMAIL = "follow_up_email"
    STATUS_CHECK = "status_check"
    #: A round is scheduled: chasing waits for it (see POLICY.md, "Rounds").
    INTERVIEW = "interview"

    @property
    def instruction(self) -> str:
        """The action as an imperative sentence fragment."""
        return _ACTION_TEXT[self][0]

    @property
    def noun(self) -> str:
        """The action as a short noun for a card line."""
        return _ACTION_TEXT[self][1]

    @property
    def is_call(self) -> bool:
        return self in (Action.CHECK_IN_CALL, Action.STATUS_CHECK)


_ACTION_TEXT = {
    Action.THANK_YOU: ("send a thank-you note", "thank-you"),
    Action.CHECK_IN_CALL: ("phone the interviewer to check in", "check-in call"),
    Action.FOLLOW_UP_EMAIL: ("send a short follow-up email", "follow-up email"),
    Action.STATUS_CHECK: ("ask where the decision stands", "status check"),
    Action.INTERVIEW: ("go to the interview", "interview"),
}

STAGE_ACTIONS: dict[Stage, Action] = {
    Stage.INTERVIEWED: Action.THANK_YOU,
    Stage.THANKED: Action.CHECK_IN_CALL,
    Stage.CHECKED_IN: Action.FOLLOW_UP_EMAIL,
    Stage.WAITING: Action.STATUS_CHECK,
}
