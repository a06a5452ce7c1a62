"""What a matched message would do: replies, rejections, the user's own follow-ups, and invites."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import msgspec
import pytest

from tests.unit.mail_kit import (
    ME,
    NOW,
    ZONE,
    card,
    eml,
    google_invite,
    greenhouse_invite,
    maildir,
    message,
    one,
    outlook_invite,
    read,
)
from tui.domain import ops
from tui.domain.stages import Stage
from tui.domain.wall import WallTime
from tui.mail.body import parse_body
from tui.mail.classify import reconcile, rejection_phrase
from tui.mail.plan import Reading, suggest
from tui.mail.read import read_path
from tui.mail.suggestion import (
    CancelRound,
    FollowUpKind,
    LogFollowUp,
    LogReply,
    MaybeRejection,
    MessageInfo,
    MoveRound,
    ScheduleRound,
    Skipped,
    Suggestion,
)

ACME = card(1, "Acme Ltd", "anna@acme.com")
NOV = {d: date(2026, 11, d) for d in range(1, 31)}

# -- from the employer


def test_a_reply_is_logged_on_its_day_in_the_users_zone(tmp_path: Path) -> None:
    # 23:30 in New York on the 24th is the 25th in London.
    found = one(
        [ACME], message("anna@acme.com", subject="Re: Thanks", sent="Tue, 24 Nov 2026 23:30 -0500"), tmp_path
    )
    assert found.action == LogReply(NOV[25], "Re: Thanks")


@pytest.mark.parametrize(
    "text",
    [
        "We have decided not to move forward with your application.",
        "After careful thought we are moving forward with other candidates.",
        "The position has   now\nbeen filled.",
        "We regret to inform you that you were not selected.",
        "We won\u2019t be moving forward — we are not moving forward at this time.",
    ],
)
def test_words_of_a_rejection_ask_whether_to_close_but_never_close(text: str, tmp_path: Path) -> None:
    found = one([ACME], message("anna@acme.com", subject="Your application", text=text), tmp_path)
    assert isinstance(found.action, MaybeRejection)
    assert found.action.on == NOV[24]
    assert found.action.phrase


def test_a_friendly_reply_is_no_rejection() -> None:
    assert (
        rejection_phrase("Unfortunately I need to move our call; we are moving forward with the process!")
        == ""
    )


def test_an_html_only_rejection_is_read_without_its_tags(tmp_path: Path) -> None:
    html = "<html><style>p{}</style><body><p>We are <b>not moving</b> forward.</p></body></html>"
    found = one([ACME], message("anna@acme.com", text=None, html=html), tmp_path)
    assert isinstance(found.action, MaybeRejection)
    assert found.action.phrase == "not moving forward"
    assert parse_body(message("a@b.c", text=None, html=html).as_bytes(), "UTC").text.strip() == (
        "We are not moving forward."
    )


def test_a_reply_already_on_the_board_is_not_logged_twice(tmp_path: Path) -> None:
    logged = ops.log_reply(ACME, NOV[24], "typed by hand")
    found = one([logged], message("anna@acme.com"), tmp_path)
    assert found.action == Skipped("already on the board: a reply logged on 2026-11-24")


def test_messages_before_the_interview_or_after_now_do_nothing(tmp_path: Path) -> None:
    early = one([ACME], message("anna@acme.com", sent="Mon, 16 Nov 2026 10:00 +0000"), tmp_path)
    assert isinstance(early.action, Skipped)
    assert "before the interview" in early.action.reason
    late = one([ACME], message("anna@acme.com", sent="Mon, 7 Dec 2026 10:00 +0000"), tmp_path)
    assert isinstance(late.action, Skipped)
    assert "after now" in late.action.reason
    undated = one([ACME], message("anna@acme.com", sent="the day after tomorrow"), tmp_path)
    assert isinstance(undated.action, Skipped)
    assert "Date" in undated.action.reason


# -- from the user


def test_a_message_sent_on_the_interview_morning_is_no_thank_you(tmp_path: Path) -> None:
    late = message(ME, to="anna@acme.com", subject="Running late", sent="Fri, 20 Nov 2026 09:50:00 +0000")
    found = one([ACME], late, tmp_path)
    assert found.action == Skipped("sent 2026-11-20 09:50, before the interview (2026-11-20 10:00)")
    after = message(ME, to="anna@acme.com", subject="Thank you", sent="Fri, 20 Nov 2026 16:00:00 +0000")
    assert one([ACME], after, tmp_path).action == LogFollowUp(FollowUpKind.THANK_YOU, NOV[20], "Thank you")


@pytest.mark.parametrize(
    ("moves", "kind"),
    [
        ((), FollowUpKind.THANK_YOU),
        (((Stage.THANKED, NOV[21]),), FollowUpKind.NOTE),
        (((Stage.THANKED, NOV[21]), (Stage.CHECKED_IN, NOV[23])), FollowUpKind.FOLLOW_UP_EMAIL),
        (
            ((Stage.THANKED, NOV[21]), (Stage.CHECKED_IN, NOV[22]), (Stage.WAITING, NOV[23])),
            FollowUpKind.STATUS_CHECK,
        ),
    ],
)
def test_the_users_message_is_the_follow_up_its_stage_waits_for(
    moves: tuple[tuple[Stage, date], ...], kind: FollowUpKind, tmp_path: Path
) -> None:
    at = card(1, "Acme Ltd", "anna@acme.com", moves=moves)
    found = one([at], message(ME, to="Anna <anna@acme.com>", subject="Thank you"), tmp_path)
    assert found.action == LogFollowUp(kind, NOV[24], "Thank you")


def test_a_thank_you_already_on_the_board_is_not_logged_again(tmp_path: Path) -> None:
    thanked = card(1, "Acme Ltd", "anna@acme.com", moves=[(Stage.THANKED, NOV[24])])
    found = one([thanked], message(ME, to="anna@acme.com", subject="Thank you"), tmp_path)
    assert found.action == Skipped("already on the board: moved to Thanked on 2026-11-24")
    status = ops.log_followup(card(1, "Acme Ltd", "anna@acme.com", moves=[(Stage.WAITING, NOV[21])]), NOV[24])
    again = one([status], message(ME, to="anna@acme.com"), tmp_path)
    assert again.action == Skipped("already on the board: a follow-up logged on 2026-11-24")


def test_a_thank_you_after_a_later_round_moves_the_card_on(tmp_path: Path) -> None:
    # Interviewed on the 20th and thanked; a second round on the 24th puts the card back in
    # Interviewed: the user's message that evening is the thank-you for it.
    thanked = card(1, "Acme Ltd", "anna@acme.com", moves=[(Stage.THANKED, NOV[20])])
    second = ops.add_round(thanked, WallTime(datetime(2026, 11, 24, 9, 0), ZONE), label="final")
    found = one([second], message(ME, to="anna@acme.com", subject="Thank you"), tmp_path)
    assert found.action == LogFollowUp(FollowUpKind.THANK_YOU, NOV[24], "Thank you")
    # The next day, the same kind of message is the thank-you still owed for that round.
    later = one(
        [second],
        message(ME, to="anna@acme.com", subject="Thanks again", sent="Wed, 25 Nov 2026 10:00:00 +0000"),
        tmp_path,
    )
    assert later.action == LogFollowUp(FollowUpKind.THANK_YOU, NOV[25], "Thanks again")


def test_a_card_placed_in_a_stage_without_moves_uses_its_stage(tmp_path: Path) -> None:
    imported = msgspec.structs.replace(ACME, stage=Stage.WAITING)  # as an import places it
    found = one([imported], message(ME, to="anna@acme.com"), tmp_path)
    assert isinstance(found.action, LogFollowUp)
    assert found.action.kind is FollowUpKind.STATUS_CHECK


# -- invites


def _invite_mail(
    calendar: bytes, sender: str = "anna@acme.com", message_id: str | None = None
) -> EmailMessage:
    return message(sender, subject="Invitation: interview", calendar=calendar, message_id=message_id)


def test_a_google_invite_books_a_round_in_its_zone(tmp_path: Path) -> None:
    start = datetime(2026, 12, 2, 14, 0, tzinfo=ZoneInfo("America/New_York"))
    found = one([ACME], _invite_mail(google_invite(start)), tmp_path)
    assert found.action == ScheduleRound(
        start,
        "America/New_York",
        "Technical interview: Ann Example",
        "7kukuqrfedlm2f9t0p1lmnbq4c@google.com",
        0,
    )


def test_an_outlook_invite_with_a_windows_zone_keeps_the_zone(tmp_path: Path) -> None:
    found = one([ACME], _invite_mail(outlook_invite(datetime(2026, 12, 3, 11, 0))), tmp_path)
    assert isinstance(found.action, ScheduleRound)
    assert found.action.zone == "Europe/Berlin"
    assert found.action.at == datetime(2026, 12, 3, 11, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_a_greenhouse_invite_in_utc_is_read_in_the_users_zone(tmp_path: Path) -> None:
    start = datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)
    mail = _invite_mail(greenhouse_invite(start), '"Acme Recruiting" <no-reply@greenhouse.io>')
    found = one([ACME], mail, tmp_path)
    assert found.match is not None
    assert isinstance(found.action, ScheduleRound)
    assert (found.action.at, found.action.zone) == (start, "Europe/London")
    # The summary was folded over two lines in the file: it comes back whole.
    assert (
        found.action.label
        == "Interview with Acme Ltd - Onsite, Senior Data Engineer (Platform) - Ann Example"
    )


def test_an_invite_sent_alone_as_text_calendar(tmp_path: Path) -> None:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    found = one([ACME], message("anna@acme.com", text=None, calendar=google_invite(start)), tmp_path)
    assert isinstance(found.action, ScheduleRound)


def test_an_invite_attached_as_an_ics_file(tmp_path: Path) -> None:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    mail = message("hr@acme.com", subject="Interview")
    mail.add_attachment(
        google_invite(start), maintype="application", subtype="octet-stream", filename="invite.ics"
    )
    found = one([ACME], mail, tmp_path)
    assert found.match is not None
    assert isinstance(found.action, ScheduleRound)
    assert found.action.at == start


def test_an_answer_to_an_invite_and_an_all_day_invite_do_nothing(tmp_path: Path) -> None:
    start = datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    answer = one(
        [ACME], message(ME, to="anna@acme.com", calendar=google_invite(start, method="REPLY")), tmp_path
    )
    assert isinstance(answer.action, Skipped)
    assert "answer to an invite" in answer.action.reason
    all_day = google_invite(datetime(2026, 12, 2, tzinfo=ZoneInfo("Europe/London")))
    day_only = all_day.replace(b"DTSTART;TZID=Europe/London:20261202T000000", b"DTSTART;VALUE=DATE:20261202")
    found = one([ACME], _invite_mail(day_only), tmp_path)
    assert found.action == Skipped("an all-day invite: no time to meet at")


def test_a_broken_calendar_part_is_read_as_a_plain_reply(tmp_path: Path) -> None:
    found = one([ACME], _invite_mail(b"BEGIN:VCALENDAR\r\nthis is not\r\n"), tmp_path)
    assert isinstance(found.action, LogReply)


def _versions(tmp_path: Path, *calendars: bytes) -> list[Suggestion]:
    mails = [_invite_mail(c, message_id=f"<v{i}@acme.com>") for i, c in enumerate(calendars)]
    return read([ACME], maildir(tmp_path / "INBOX", mails))


def test_an_updated_invite_supersedes_the_first_whatever_the_reading_order(tmp_path: Path) -> None:
    first = datetime(2026, 12, 2, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    later = datetime(2026, 12, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))
    found = _versions(tmp_path, google_invite(later, sequence=1), google_invite(first, sequence=0))
    assert isinstance(found[0].action, ScheduleRound)
    assert found[0].action.at == later
    assert found[1].action == Skipped("an older version of the invite (sequence 0; newest 1)")


def test_a_cancelled_invite_cancels_what_came_before(tmp_path: Path) -> None:
    start = datetime(2026, 12, 2, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    found = _versions(tmp_path, google_invite(start), google_invite(start, sequence=1, method="CANCEL"))
    assert found[0].action == Skipped("cancelled by a later message")
    assert found[1].action == Skipped("cancels an interview that is not on the board")


def test_invites_already_on_the_board_move_or_cancel_their_round(tmp_path: Path) -> None:
    uid = "7kukuqrfedlm2f9t0p1lmnbq4c@google.com"
    start = datetime(2026, 12, 2, 14, 0, tzinfo=ZoneInfo("Europe/London"))
    box = maildir(tmp_path / "INBOX", [_invite_mail(google_invite(start, sequence=2))])
    cancel = maildir(tmp_path / "Other", [_invite_mail(google_invite(start, sequence=2, method="CANCEL"))])

    def with_board(path: Path, on_board: int) -> Suggestion:
        reading = Reading(frozenset({ME}), "Europe/London", NOW, rounds={(1, uid): on_board})
        (found,) = suggest(read_path(str(path)), [ACME], reading)
        return found

    assert with_board(box, 1).action == MoveRound(
        start, "Europe/London", "Technical interview: Ann Example", uid, 2
    )
    assert with_board(box, 2).action == Skipped("already on the board")
    assert with_board(cancel, 2).action == CancelRound(uid, 2, "Technical interview: Ann Example")
    assert with_board(cancel, 3).action == Skipped("an older cancellation than the invite on the board")


def test_the_same_message_twice_and_a_message_already_applied(tmp_path: Path) -> None:
    reply = message("anna@acme.com", message_id="<same@acme.com>")
    inbox = maildir(tmp_path / "INBOX", [reply])
    archive = eml(tmp_path / "saved.eml", reply)
    found = read([ACME], inbox, archive)
    assert isinstance(found[0].action, LogReply)
    assert found[1].action == Skipped(f"the same message as {found[0].message.source}")
    reading = Reading(frozenset({ME}), "Europe/London", NOW, applied={"<same@acme.com>"})
    (again,) = suggest(read_path(str(archive)), [ACME], reading)
    assert again.action == Skipped("already applied")


def test_a_message_without_message_id_is_known_by_its_headers(tmp_path: Path) -> None:
    reply = message("anna@acme.com", subject="no id")
    found = read([ACME], eml(tmp_path / "a.eml", reply), eml(tmp_path / "b.eml", reply))
    assert found[0].message.identity.startswith("sha256:")
    assert found[0].message.identity == found[1].message.identity
    assert isinstance(found[1].action, Skipped)


def test_reconcile_keeps_skips_and_order() -> None:
    info = MessageInfo("<x@y>", "a")
    items = [
        Suggestion(info, Skipped("unreadable")),
        Suggestion(replace(info, source="b"), LogReply(NOV[24], "")),
    ]
    assert reconcile(items) == items
