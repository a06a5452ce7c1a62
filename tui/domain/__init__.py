"""The pure core of followup: records, the follow-up policy, business days, dates.

Nothing in this package imports Textual or TinyDB, and nothing reads the
system clock: every function that needs "now" takes it as an argument.
"""

from tui.domain.model import Contact, Event, EventKind, Instruction, InstructionKind, Interview
from tui.domain.policy import Assessment, assess
from tui.domain.rules import Rules
from tui.domain.stages import STAGES, Action, Outcome, Stage, Status
from tui.domain.wall import WallTime, WallTimeError

__all__ = [
    "STAGES",
    "Action",
    "Assessment",
    "Contact",
    "Event",
    "EventKind",
    "Instruction",
    "InstructionKind",
    "Interview",
    "Outcome",
    "Rules",
    "Stage",
    "Status",
    "WallTime",
    "WallTimeError",
    "assess",
]
