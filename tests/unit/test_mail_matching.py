"""Which card a message belongs to: the three rules, in order, and the refusals to guess."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.unit.mail_kit import ME, card, message, one
from tui.domain.stages import Stage
from tui.mail.headers import parse_head
from tui.mail.match import CardIndex, company_pattern, contact_addresses
from tui.mail.senders import is_hiring_system, is_public_provider
from tui.mail.suggestion import Certainty, LogReply, Match, Rule, Unmatched

ACME = card(1, "Acme Ltd", "Anna Li <anna@acme.com>")
BETA = card(2, "Beta GmbH", "bo@beta.example", "friend@gmail.com")
GAMMA = card(3, "Gamma", "cy@gamma.io")
BOARD = [ACME, BETA, GAMMA]


def match(raw: str, cards: list = BOARD) -> Match | Unmatched:  # type: ignore[type-arg]
    head = parse_head(raw.encode(), "test", frozenset({ME}))
    return CardIndex(cards).match(head, frozenset({ME}))


def test_rule_1_a_contacts_address_is_sure() -> None:
    found = match("From: Anna <ANNA@acme.com>\nSubject: Re: our chat\n\n")
    assert found == Match(1, "Acme Ltd", Rule.CONTACT_EMAIL, "anna@acme.com")
    assert found.certainty is Certainty.SURE


def test_rule_1_also_reads_reply_to() -> None:
    found = match("From: no-reply@mailer.example\nReply-To: bo@beta.example\nSubject: x\n\n")
    assert isinstance(found, Match)
    assert (found.card_id, found.rule) == (2, Rule.CONTACT_EMAIL)


def test_the_sending_service_in_sender_is_no_employer() -> None:
    google = card(4, "Google", "recruiter@google.com")
    raw = (
        "From: Dee <dee@unknown.example>\n"
        "Sender: Google Calendar <calendar-notification@google.com>\nSubject: x\n\n"
    )
    assert isinstance(match(raw, [*BOARD, google]), Unmatched)


def test_rule_2_the_company_domain_is_likely() -> None:
    found = match("From: hr@acme.com\nSubject: Next steps\n\n")
    assert found == Match(1, "Acme Ltd", Rule.COMPANY_DOMAIN, "acme.com")
    assert found.certainty is Certainty.LIKELY


def test_rule_2_reaches_subdomains_of_the_company_domain() -> None:
    found = match("From: talent@careers.acme.com\nSubject: x\n\n")
    assert isinstance(found, Match)
    assert (found.card_id, found.rule, found.evidence) == (1, Rule.COMPANY_DOMAIN, "acme.com")


def test_rule_2_never_uses_a_public_mail_provider() -> None:
    found = match("From: stranger@gmail.com\nSubject: x\n\n")  # Beta has a gmail.com contact
    assert isinstance(found, Unmatched)
    assert "gmail.com: a public mail provider" in found.reason
    assert match("From: friend@gmail.com\nSubject: x\n\n") == Match(
        2, "Beta GmbH", Rule.CONTACT_EMAIL, "friend@gmail.com"
    )


@pytest.mark.parametrize(
    ("sender", "subject"),
    [
        ('"Acme Recruiting" <no-reply@greenhouse.io>', "Your application"),
        ("no-reply@us.greenhouse-mail.io", "Interview confirmed: Acme - Data Engineer"),
        ("Hiring Team <notifications@hire.lever.co>", "Thanks for applying to ACME LTD"),
        ("talent@ashbyhq.com", "Acme: interview schedule"),
        ("Acme <acme@myworkday.com>", "Update"),
        ("jobs@smartrecruiters.com", "Your Acme application"),
    ],
)
def test_rule_3_a_hiring_system_naming_the_company_is_possible(sender: str, subject: str) -> None:
    found = match(f"From: {sender}\nSubject: {subject}\n\n")
    assert isinstance(found, Match), found
    assert (found.card_id, found.rule, found.certainty) == (1, Rule.HIRING_SYSTEM, Certainty.POSSIBLE)


def test_rule_3_needs_whole_words_and_a_hiring_system() -> None:
    assert isinstance(match("From: no-reply@greenhouse.io\nSubject: Acmeville newsletter\n\n"), Unmatched)
    assert isinstance(match("From: news@shop.example\nSubject: Acme sale\n\n"), Unmatched)
    unnamed = match("From: no-reply@greenhouse.io\nSubject: Your application\n\n")
    assert isinstance(unnamed, Unmatched)
    assert "greenhouse.io" in unnamed.reason


def test_the_rules_are_tried_in_order() -> None:
    # The contact's own address wins over a domain and a name pointing elsewhere.
    found = match("From: Gamma via Greenhouse <cy@gamma.io>\nSubject: about Acme\n\n")
    assert isinstance(found, Match)
    assert (found.card_id, found.rule) == (3, Rule.CONTACT_EMAIL)


def test_an_address_on_two_cards_matches_neither() -> None:
    twice = [ACME, card(4, "Acme Ltd", "anna@acme.com")]  # two applications at one company
    found = match("From: anna@acme.com\nSubject: x\n\n", twice)
    assert isinstance(found, Unmatched)
    assert "2 cards (#1 Acme Ltd, #4 Acme Ltd)" in found.reason
    by_domain = match("From: hr@acme.com\nSubject: x\n\n", twice)
    assert isinstance(by_domain, Unmatched)
    by_name = match("From: no-reply@lever.co\nSubject: Acme\n\n", [ACME, card(5, "ACME", "x@other.example")])
    assert isinstance(by_name, Unmatched)


def test_closed_cards_are_not_matched() -> None:
    closed = card(1, "Acme Ltd", "anna@acme.com", moves=[(Stage.CLOSED, date(2026, 11, 25))])
    assert isinstance(match("From: anna@acme.com\nSubject: x\n\n", [closed]), Unmatched)


def test_the_users_own_message_matches_by_its_recipients() -> None:
    found = match(f"From: {ME}\nTo: someone@else.example, Anna <anna@acme.com>\nSubject: Thank you\n\n")
    assert isinstance(found, Match)
    assert (found.card_id, found.rule) == (1, Rule.CONTACT_EMAIL)
    to_self = match(f"From: {ME}\nTo: {ME}\nSubject: note to self\n\n")
    assert isinstance(to_self, Unmatched)
    assert "your own message" in to_self.reason
    nowhere = match(f"From: {ME}\nTo: pal@gmail.com\nSubject: x\n\n")
    assert isinstance(nowhere, Unmatched)
    assert nowhere.reason.startswith("to no contact")


def test_a_match_leads_to_an_action_and_an_unmatched_message_to_none(tmp_path: Path) -> None:
    matched = one(BOARD, message("anna@acme.com"), tmp_path)
    assert isinstance(matched.action, LogReply)
    assert matched.match is not None
    assert matched.changes_board
    unmatched = one(BOARD, message("x@nowhere.example"), tmp_path)
    assert unmatched.match is None
    assert not unmatched.changes_board


@pytest.mark.parametrize(
    ("company", "text", "found"),
    [
        ("Acme Ltd", "interview at acme", True),
        ("Acme Ltd", "acme ltd", True),
        ("The Data Co.", "data co: your interview", True),
        ("Meta", "metadata engineer", False),
        ("AT&T", "at t interview", True),
        ("X", "x", False),  # too short to tell from any word
    ],
)
def test_company_names_are_found_as_whole_words(company: str, text: str, found: bool) -> None:
    pattern = company_pattern(company)
    assert (pattern is not None and pattern.search(text) is not None) is found


def test_contact_fields_and_kept_lists() -> None:
    assert contact_addresses("Anna Li <Anna@Acme.com>; bo@acme.com") == ["anna@acme.com", "bo@acme.com"]
    assert contact_addresses("+44 20 7946 0000") == []
    assert is_public_provider("gmail.com")
    assert is_public_provider("proton.me")
    assert not is_public_provider("acme.com")
    assert is_hiring_system("us.greenhouse-mail.io")
    assert not is_hiring_system("greenhouse.io.evil.example")
