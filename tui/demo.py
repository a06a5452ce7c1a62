"""The demo board: a dozen realistic interviews in every stage and status.

``data/demo.json`` is written by ``python -m tui.demo`` from ``build`` and read
by ``followup --demo``, the snapshot tests and the screenshots. The board is
dated for Tuesday 24 November 2026, 09:30 in London (``DEMO_NOW``: the tests
and screenshots are made at that moment). Opened on another day, every date
moves with it (``to_day``): by whole weeks to the latest Tuesday, then by as
many business days as that Tuesday is from today. Follow-up windows are
counted in business days, so every card keeps its status whatever the day:
a newcomer sees what the screenshots show, some too early (a final round
two weeks ahead), some due, some late, one on hold, some closed, and
applications with several rounds. ``data/`` itself is never written to: the
demo opens on a scratch copy.
"""

from __future__ import annotations

import json
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

import msgspec

from tui.codec import card_from_dict
from tui.domain import ops
from tui.domain.businessdays import add_business_days
from tui.domain.model import Contact, Instruction, Interview
from tui.domain.stages import Outcome, Stage
from tui.domain.wall import WallTime

#: The moment the demo board was written for.
DEMO_NOW = datetime(2026, 11, 24, 9, 30)
DEMO_ZONE = "Europe/London"
DEMO_FILE = "demo.json"


def _d(month: int, day: int) -> date:
    return date(2026, month, day)


def _card(
    card_id: int,
    company: str,
    role: str,
    at: tuple[int, int, int, int],
    *contacts: Contact,
    notes: str = "",
    zone: str = DEMO_ZONE,
    employer_zone: str = "",
) -> Interview:
    month, day, hour, minute = at
    when = WallTime(datetime(2026, month, day, hour, minute), zone)
    # The same uid at every build: data/demo.json is rebuilt only when the demo changes.
    uid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://followup.invalid/demo/{card_id}"))
    return ops.new_interview(
        card_id=card_id,
        company=company,
        role=role,
        interviewed_at=when,
        created_on=min(when.local.date(), DEMO_NOW.date()),  # a card for an interview ahead is added today
        employer_zone=employer_zone,
        contacts=contacts,
        notes=notes,
        uid=uid,
    )


def _round(
    card: Interview, at: tuple[int, int, int, int], label: str, *met: str, zone: str = ""
) -> Interview:
    month, day, hour, minute = at
    when = WallTime(datetime(2026, month, day, hour, minute), zone or card.interviewed_at.zone)
    return ops.add_round(card, when, label=label, met=met)


def _labelled_first(card: Interview, label: str) -> Interview:
    """``card`` (with several rounds) whose first round is called ``label``."""
    first = msgspec.structs.replace(card.rounds[0], label=label)
    return msgspec.structs.replace(card, rounds=(first, *card.rounds[1:]))


def build() -> list[Interview]:
    """The demo cards, as of ``DEMO_NOW``."""
    cards: list[Interview] = []

    # Interviewed: a thank-you overdue, one due today, one with no address, one still ahead.
    c = _card(
        1,
        "Northwind Analytics",
        "Senior Data Analyst",
        (11, 20, 10, 0),
        Contact("Priya Raman", "Head of Analytics", "priya.raman@northwind.example", "+44 20 7946 0321"),
        notes=(
            "Panel of three. They liked the churn-model case study.\nWhen does the team plan its Q1 roadmap?"
        ),
    )
    cards.append(c)
    cards.append(
        _card(
            2,
            "Brightline Health",
            "Product Designer",
            (11, 23, 15, 0),
            Contact("Tomás Ortega", "Design Lead", "tomas@brightline.example"),
            Contact("Hannah Cole", "Product Manager", "hannah.cole@brightline.example"),
            notes="Portfolio review went long. Hannah asked about accessibility audits.",
        )
    )
    cards.append(
        _card(
            3,
            "Oak & Ash Studio",
            "UX Researcher",
            (11, 23, 11, 30),
            Contact("Ines Duarte", "Research Director", phone="+351 21 000 0420"),
            notes="Met at their studio; no email given. Ask the recruiter for an address.",
        )
    )
    # Kestrel: the on-site is ahead, and the final is already booked.
    c = _card(
        4,
        "Kestrel Robotics",
        "Firmware Engineer",
        (11, 26, 14, 0),
        Contact("Dana Whitfield", "Engineering Manager", "dana@kestrel.example", "+1 617 555 0134"),
        notes="On-site: bring the motor-controller write-up.",
        employer_zone="America/New_York",
    )
    c = _round(c, (12, 3, 10, 0), "final", "Dana Whitfield", "Sam Okafor", zone="America/New_York")
    cards.append(_labelled_first(c, "on-site"))

    # Thanked: a check-in due, one overdue, one too early, one they asked to call on Thursday.
    c = _card(
        5,
        "Halcyon Bank",
        "Backend Developer",
        (11, 6, 16, 0),
        Contact("Jonas Becker", "Tech Lead", "jonas.becker@halcyon.example", "+49 30 901820"),
        notes="Kotlin and Postgres. Asked whether the team is on call?",
        employer_zone="Europe/Berlin",
    )
    # Halcyon: a phone screen, then the technical round; thanked for it.
    c = _round(c, (11, 13, 9, 30), "technical", "Jonas Becker")
    c = ops.move(c, Stage.THANKED, _d(11, 16), note="Emailed Jonas the same evening")
    cards.append(_labelled_first(c, "phone screen"))
    c = _card(
        6,
        "Tidewater Logistics",
        "Operations Lead",
        (11, 5, 14, 0),
        Contact("Margaret Osei", "COO", "m.osei@tidewater.example", "+44 161 496 0001"),
    )
    cards.append(ops.move(c, Stage.THANKED, _d(11, 9)))
    # Juniper: a screen, then the technical round (thanked), the final two weeks ahead.
    c = _card(
        7,
        "Juniper Labs",
        "Machine Learning Engineer",
        (11, 10, 11, 0),
        Contact("Wei Zhang", "Research Scientist", "wei@juniperlabs.example"),
        notes="Take-home next? They mentioned a paper-reading round.",
    )
    c = ops.move(c, Stage.THANKED, _d(11, 10))
    c = _round(c, (11, 19, 16, 0), "technical", "Wei Zhang", "Noor Haddad")
    c = ops.move(c, Stage.THANKED, _d(11, 20), note="Thanked Wei and Noor")
    cards.append(_labelled_first(_round(c, (12, 8, 10, 0), "final", "Noor Haddad"), "screen"))
    c = _card(
        8,
        "Cobalt Systems",
        "Site Reliability Engineer",
        (11, 17, 10, 0),
        Contact("Ravi Menon", "SRE Manager", "ravi.menon@cobalt.example", "+44 113 496 0777"),
    )
    c = ops.move(c, Stage.THANKED, _d(11, 18))
    cards.append(ops.instruct_contact_on(c, _d(11, 26), _d(11, 18), note="Ravi: call me Thursday afternoon"))

    # Checked in: the follow-up email is due.
    c = _card(
        9,
        "Meridian Media",
        "Content Strategist",
        (11, 3, 11, 0),
        Contact("Chloé Lefèvre", "Editor-in-Chief", "chloe@meridian.example", "+33 1 70 36 39 50"),
        employer_zone="Europe/Paris",
    )
    c = ops.move(c, Stage.THANKED, _d(11, 4))
    cards.append(ops.move(c, Stage.CHECKED_IN, _d(11, 18), note="Left a voicemail, then spoke to Chloé"))

    # Waiting: on hold until a promised date, nagged three times, a reply that restarted the clock.
    c = _card(
        10,
        "Fernhill Energy",
        "Project Manager",
        (10, 20, 13, 0),
        Contact("Gareth Lloyd", "Programme Director", "g.lloyd@fernhill.example"),
    )
    c = ops.move(c, Stage.THANKED, _d(10, 21))
    c = ops.move(c, Stage.CHECKED_IN, _d(10, 28))
    c = ops.move(c, Stage.WAITING, _d(11, 2))
    cards.append(ops.instruct_wait(c, _d(12, 4), _d(11, 2), note="Decision after the board meets on 3 Dec"))
    c = _card(
        11,
        "Lumen Education",
        "Instructional Designer",
        (10, 12, 10, 0),
        Contact("Sofia Marković", "Head of Learning", "sofia@lumen.example", "+44 117 496 0555"),
    )
    c = ops.move(c, Stage.THANKED, _d(10, 13))
    c = ops.move(c, Stage.CHECKED_IN, _d(10, 20))
    c = ops.move(c, Stage.WAITING, _d(10, 23))
    for day in (_d(11, 6), _d(11, 13), _d(11, 20)):
        c = ops.log_followup(c, day, note="Voicemail, no answer")
    cards.append(c)
    c = _card(
        12,
        "Sable & Finch",
        "Marketing Lead",
        (10, 14, 15, 0),
        Contact("Olivia Brandt", "CMO", "olivia@sablefinch.example"),
    )
    c = ops.move(c, Stage.THANKED, _d(10, 15))
    c = ops.move(c, Stage.CHECKED_IN, _d(10, 22))
    c = ops.move(c, Stage.WAITING, _d(10, 27))
    cards.append(ops.log_reply(c, _d(11, 10), note="Still interviewing; final decision in a few weeks"))

    # Closed: an offer accepted, a rejection (ask for referrals).
    c = _card(
        13,
        "Quarry Street Books",
        "Store Manager",
        (10, 6, 10, 0),
        Contact("Alan Pike", "Owner", "alan@quarrystreet.example"),
    )
    c = ops.move(c, Stage.THANKED, _d(10, 6))
    cards.append(ops.move(c, Stage.CLOSED, _d(10, 30), outcome=Outcome.DECLINED, note="Salary too low"))
    c = _card(
        14,
        "Atlas Freight",
        "Data Engineer",
        (10, 27, 9, 0),
        Contact("Maya Lindqvist", "Data Platform Lead", "maya@atlasfreight.example"),
    )
    c = ops.move(c, Stage.THANKED, _d(10, 27))
    c = ops.move(c, Stage.CHECKED_IN, _d(11, 4))
    cards.append(
        ops.move(c, Stage.CLOSED, _d(11, 19), outcome=Outcome.REJECTED, note="Went with an internal hire")
    )
    return cards


# -- moving the demo to another week


def shift(card: Interview, delta: timedelta) -> Interview:
    """``card`` with every date and time moved by ``delta``."""
    return _moved(card, lambda day: day + delta)


def to_day(card: Interview, today: date) -> Interview:
    """``card`` moved from the demo's day to ``today``, keeping every business-day distance.

    Each date moves by whole weeks to the latest Tuesday on or before
    ``today``, then on by the business days from that Tuesday to ``today``
    (a day of a weekend moves as the Friday before it does). A thank-you due
    tomorrow on the demo's Tuesday is due tomorrow on a Thursday, and on a
    Monday; nothing lands after ``today``.
    """
    weeks, business_days = demo_offset(today)
    if not (weeks or business_days):
        return card
    return _moved(card, lambda day: add_business_days(day + timedelta(weeks=weeks), business_days))


def demo_offset(today: date) -> tuple[int, int]:
    """Whole weeks from the demo's day to the latest Tuesday by ``today``, then business days on to it.

    (0, 0) on the demo's day and before it.
    """
    days = (today - DEMO_NOW.date()).days
    if days <= 0:
        return 0, 0
    weeks, extra = divmod(days, 7)
    tuesday = DEMO_NOW.date() + timedelta(weeks=weeks)
    business_days = sum(1 for n in range(1, extra + 1) if (tuesday + timedelta(days=n)).weekday() < 5)
    return weeks, business_days


def _moved(card: Interview, move: Callable[[date], date]) -> Interview:
    """``card`` with every date moved by ``move`` (a time keeps its hour, on its moved day)."""

    def moved_time(at: WallTime) -> WallTime:
        local = at.local
        return msgspec.structs.replace(at, local=datetime.combine(move(local.date()), local.time()))

    def moved_instruction(instruction: Instruction | None) -> Instruction | None:
        if instruction is None:
            return None
        until = move(instruction.until) if instruction.until else None
        return msgspec.structs.replace(instruction, given_on=move(instruction.given_on), until=until)

    events = tuple(
        msgspec.structs.replace(e, on=move(e.on), instruction=moved_instruction(e.instruction))
        for e in card.events
    )
    rounds = tuple(msgspec.structs.replace(r, at=moved_time(r.at)) for r in card.rounds)
    at = moved_time(card.interviewed_at)
    return msgspec.structs.replace(card, interviewed_at=at, events=events, rounds=rounds)


def demo_source() -> Path:
    """The demo board shipped with the package (``data/demo.json`` in a checkout)."""
    packaged = resources.files("tui").joinpath("data").joinpath(DEMO_FILE)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "data" / DEMO_FILE


def scratch_board(today: date | None = None, folder: Path | None = None) -> Path:
    """A fresh copy of the demo board, moved to ``today`` (``to_day``), in ``folder`` (or a temp dir)."""
    from tui.store import Store

    cards = read_demo(demo_source())
    if today is not None:
        cards = [to_day(card, today) for card in cards]
    target = folder if folder is not None else Path(tempfile.mkdtemp(prefix="followup-demo-"))
    scratch = Store(target / "board.json")
    scratch.add_many([_keep(card) for card in cards])
    return scratch.path


def read_demo(path: Path) -> list[Interview]:
    """The cards of a demo file, read without locking or touching its folder."""
    records = json.loads(path.read_text(encoding="utf-8"))["interviews"]
    return [
        card_from_dict(int(key), record) for key, record in sorted(records.items(), key=lambda kv: int(kv[0]))
    ]


def _keep(card: Interview) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(card, id=card_id)


def write(path: Path) -> None:
    """Write the demo board to ``path`` (used to refresh ``data/demo.json``)."""
    from tui.store import Store

    if path.exists():
        path.unlink()
    Store(path).add_many([_keep(card) for card in build()])


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        sys.exit("usage: python -m tui.demo [FILE]  (rewrites data/demo.json by default)")
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "data" / DEMO_FILE
    )
    write(target)
    Path(f"{target}.lock").unlink(missing_ok=True)
    print(json.dumps({"written": str(target), "cards": len(build())}))
