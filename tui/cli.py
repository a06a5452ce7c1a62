"""The ``followup`` command: open the board, or script it.

Every sub-command reads and writes the same board file as the app, through the
store, so a CLI call in one SSH session and the board in another never lose
each other's changes. Exit codes: 0 success, 1 a data problem (unknown card,
bad date, unreadable board), 2 a usage mistake. A user mistake never prints a
traceback. Textual is imported only to open the board, so the scripting
commands start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from tui import __version__, gc_policy
from tui import csvio as csv_columns
from tui.codec import card_to_dict, event_to_dict
from tui.config import ConfigError, Settings, default_config_path, default_db_path, load_settings
from tui.domain import nag_wording, ops
from tui.domain.clock import Clock, FixedClock, SystemClock
from tui.domain.dates import DateError, parse_day, parse_now, parse_when
from tui.domain.describe import counted, day_label, round_ahead, round_lines, state_line, window_sentence
from tui.domain.model import Contact, Interview
from tui.domain.queries import Assessed, assess_all, due_list, round_instant, row
from tui.domain.stages import STAGES, Outcome, Stage, Status
from tui.domain.wall import WallTimeError, check_zone
from tui.files import write_private
from tui.mail import command as mail_command
from tui.store import Store, StoreError
from tui.sync import command as sync_command
from tui.text import literal, literal_block

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


class DataError(Exception):
    """A problem with the board or the values given (exit 1)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"followup: {message}\n")


STAGE_IDS = [stage.value for stage in STAGES]
OUTCOME_IDS = [outcome.value for outcome in Outcome]
STATUS_IDS = [status.value for status in Status]


def build_parser(completing: bool = False) -> argparse.ArgumentParser:
    """The command line's parser (``completing``: as a shell completion script reads it)."""
    parser = _Parser(
        prog="followup",
        description=(
            "A board for job-interview follow-ups: it tells you when to send the thank-you note, "
            "when to call, and when to chase. Without a command it opens the board; with one it "
            "reads or changes the same board file, for scripts, cron mails and shell prompts."
        ),
        epilog=(
            "Dates: 2026-11-20, '2026-11-20 14:00', or words: today, yesterday, tomorrow, fri, "
            "'last fri', 'next tue', 'fri 10am'. "
            "Environment: FOLLOWUP_DB, FOLLOWUP_CONFIG, FOLLOWUP_NOW and FOLLOWUP_TZ stand in for "
            "--db, --config, --now and --tz. "
            "Exit status: 0 done, 1 a problem with the data (unknown card, bad date, unreadable "
            "board), 2 a mistake in the command line. "
            "Run 'followup COMMAND --help' for a command's options."
        ),
    )
    parser.add_argument("--version", action="version", version=f"followup {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="the board file (default: in your data folder, e.g. ~/.local/share)"
    )
    parser.add_argument(
        "--config", metavar="PATH", help="the settings file, TOML (default: in your config folder)"
    )
    parser.add_argument(
        "--now",
        metavar="ISO8601",
        help="pretend it is this moment, e.g. 2026-11-24T09:30 (to plan ahead or replay a day)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="your time zone, e.g. Europe/London (default: the config's, then the system's)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a scratch copy of the demo board; your own board is not touched (takes no command)",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title="commands (none: open the board)"
    )

    add = sub.add_parser(
        "add", help="add an interview; prints the new card's id", description="Add an interview to the board."
    )
    add.add_argument("--company", required=True, metavar="T", help="the company (required)")
    add.add_argument(
        "--interviewed",
        required=True,
        metavar="WHEN",
        help="when the interview was, e.g. '2026-11-20 14:00' or 'fri 10am' "
        "(read in the employer's zone when --employer-tz is given, else in yours)",
    )
    add.add_argument("--role", default="", metavar="T", help="the job title")
    add.add_argument(
        "--employer-tz", default="", metavar="ZONE", help="the employer's time zone, for calling hours"
    )
    for part, what in (
        ("name", "name"),
        ("title", "job title"),
        ("email", "email address"),
        ("phone", "phone number"),
        ("address", "postal address"),
    ):
        add.add_argument(f"--contact-{part}", default="", metavar="T", help=f"the interviewer's {what}")
    add.add_argument("--notes", default="", metavar="T", help="free notes")

    move = sub.add_parser(
        "move",
        help="move a card to a stage",
        description="Move a card to a stage. Moving back restores the earlier stage's clock. "
        "Closing a card needs --outcome.",
    )
    move.add_argument("id", type=int, metavar="ID", help="the card's id")
    move.add_argument("stage", metavar="STAGE", help=f"one of: {', '.join(STAGE_IDS)}")
    move.add_argument("--on", metavar="DATE", help="when it happened (default: today)")
    move.add_argument("--outcome", choices=OUTCOME_IDS, help="how it ended (only with stage closed)")
    move.add_argument("--note", default="", metavar="T", help="a note for the timeline")

    log = sub.add_parser(
        "log",
        help="log a follow-up you made or a reply you got",
        description="Log a follow-up you made, or a reply you got (a reply restarts the clock).",
    )
    log.add_argument("id", type=int, metavar="ID", help="the card's id")
    log.add_argument("what", choices=["followup", "reply"], help="followup or reply")
    log.add_argument("--on", metavar="DATE", help="when (default: today)")
    log.add_argument("--note", default="", metavar="T", help="a note for the timeline")

    instruct = sub.add_parser(
        "instruct",
        help="record what the employer asked",
        description="Record how the employer asked to be contacted; it overrides the usual timing.",
    )
    instruct.add_argument("id", type=int, metavar="ID", help="the card's id")
    kind = instruct.add_mutually_exclusive_group(required=True)
    kind.add_argument("--contact-on", metavar="DATE", help="they asked you to contact them on DATE")
    kind.add_argument(
        "--wait", action="store_true", help="they will contact you: hold until --until (or 3 weeks)"
    )
    kind.add_argument("--clear", action="store_true", help="drop the instruction in force")
    instruct.add_argument("--until", metavar="DATE", help="with --wait: the date they gave")
    instruct.add_argument("--on", metavar="DATE", help="when they said it (default: today)")
    instruct.add_argument("--note", default="", metavar="T", help="a note for the timeline")

    rnd = sub.add_parser(
        "round",
        help="record an interview round, past or scheduled (or remove one)",
        description="Record an interview round of a card, past or scheduled; prints nothing. "
        "A round that has passed puts the card in Interviewed (a thank-you for it is due); "
        "one still ahead stops the chasing until it. --remove N removes round N (1-based, "
        "in date order); the only round cannot be removed.",
    )
    rnd.add_argument("id", type=int, metavar="ID", help="the card's id")
    at_or_remove = rnd.add_mutually_exclusive_group(required=True)
    at_or_remove.add_argument(
        "--at",
        metavar="WHEN",
        help="when, e.g. '2026-12-10 14:00' or 'thu 2pm' (a bare weekday is the next one; read in "
        "--employer-tz, else the card's employer zone, else yours; an ISO offset is kept)",
    )
    at_or_remove.add_argument(
        "--remove", type=int, metavar="N", help="remove round N (1-based, in date order)"
    )
    rnd.add_argument("--label", default="", metavar="TEXT", help="what the round is, e.g. 'final'")
    rnd.add_argument("--employer-tz", default="", metavar="ZONE", help="the zone --at is given in")
    rnd.add_argument(
        "--with",
        dest="met",
        default="",
        metavar="NAME[,NAME...]",
        help="who you met (the card's contacts; a new name is added as a contact)",
    )

    lst = sub.add_parser("list", help="list the cards, by stage", description="List the cards, by stage.")
    lst.add_argument("--json", action="store_true", help="one JSON object per card")
    lst.add_argument("--stage", choices=STAGE_IDS, help="only cards in this stage")
    lst.add_argument("--status", choices=STATUS_IDS, help="only cards with this status")

    due = sub.add_parser(
        "due",
        help="what to do now: overdue first, then due",
        description="What to do now: overdue cards first (the oldest deadline first), then due ones "
        "(the earliest deadline first).",
    )
    shape = due.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="one JSON object per card")
    shape.add_argument("--count", action="store_true", help="print only how many (for a shell prompt)")

    show = sub.add_parser("show", help="everything about one card", description="Everything about one card.")
    show.add_argument("id", type=int, metavar="ID", help="the card's id")
    show.add_argument("--json", action="store_true", help="as JSON")

    draft = sub.add_parser(
        "draft",
        help="the draft for a card's next step",
        description="The words for a card's next step: a thank-you note, call notes, a follow-up or "
        "status-check email, or after a rejection a request for referrals. Printing it does not "
        "mark it sent: log it once you have sent it.",
    )
    draft.add_argument("id", type=int, metavar="ID", help="the card's id")
    draft.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")

    export = sub.add_parser(
        "export",
        help="write the board as JSON, CSV or iCalendar",
        description="Write the board as JSON (a backup), CSV (for a spreadsheet; imports back) or "
        "iCalendar (the next action of each open card, for your calendar).",
    )
    export.add_argument("--format", choices=["json", "csv", "ics"], default="json", help="default: json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")

    imp = sub.add_parser(
        "import",
        help="add cards from a CSV file, or a JSON export (all or nothing)",
        description="Add cards from a CSV file with a header row. Required columns: company, "
        "interviewed_at. Optional: " + ", ".join(csv_columns.OPTIONAL) + ". If any row is bad, every "
        "problem is reported with its line number and nothing is imported. A FILE ending in .json "
        "is read as a 'followup export' file, timelines included; the cards get new ids.",
    )
    imp.add_argument("file", metavar="FILE.csv", help="the CSV file (UTF-8), or FILE.json")
    imp.add_argument("--dry-run", action="store_true", help="only check the file and report; write nothing")

    stats = sub.add_parser(
        "stats", help="counts, reply rate and timings", description="Counts, reply rate and timings."
    )
    stats.add_argument("--json", action="store_true", help="as JSON")

    report = sub.add_parser(
        "report",
        help="the work-search log: your contacts with employers, this week",
        description="The work-search log that benefit offices ask for: one row per contact with an "
        "employer (an interview, a thank-you, a call, an email, a reply, an offer or a rejection), "
        "oldest first. Adding a card is not a contact. The period is this week, Monday to Sunday; "
        "with only --from or only --to, the seven days from or to it.",
    )
    report.add_argument("--from", dest="start", metavar="DATE", help="the first day (default: Monday)")
    report.add_argument("--to", dest="end", metavar="DATE", help="the last day (default: Sunday)")
    report.add_argument(
        "--format",
        choices=["md", "csv", "json"],
        default="md",
        help="md to read and print (default), csv for forms and spreadsheets, json for scripts",
    )
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")

    completion = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print the completion script for bash, zsh or fish: commands, options, stage "
        "names and outcomes complete with Tab. See the README for where to put it.",
    )
    completion.add_argument("shell", choices=SHELLS, help="one of: " + ", ".join(SHELLS))
    mail_command.add_parser(sub)
    sync_command.add_parser(sub)
    if completing:
        _complete_for_the_shell(parser)
    return parser


SHELLS = ["bash", "zsh", "fish"]


def _complete_for_the_shell(parser: argparse.ArgumentParser) -> None:
    """What a completion script offers beyond the parser: stage names, and file paths.

    A stage is read by ``Stage.parse`` (ids and labels) rather than argparse's
    ``choices``, so that a wrong one is a data problem (exit 1) with the list
    of stages; the script offers the ids all the same.
    """
    import shtab

    for action in _all_actions(parser):
        if action.dest == "stage" and not action.option_strings:
            action.choices = STAGE_IDS
        elif action.metavar in ("PATH", "FILE", "FILE.csv"):
            action.complete = shtab.FILE  # type: ignore[attr-defined]


def _all_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    actions = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                actions += _all_actions(child)
    return actions


# -- the run context


@dataclass
class Context:
    args: argparse.Namespace
    settings: Settings
    clock: Clock
    db: Path
    out: TextIO
    stores: list[Store] = field(default_factory=list)

    @property
    def now(self) -> datetime:
        return self.clock.now()

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def zone_name(self) -> str:
        return self.clock.zone_name

    def store(self) -> Store:
        store = Store(self.db)
        self.stores.append(store)
        self.flush_warnings()
        return store

    def flush_warnings(self) -> None:
        """Print what the store noticed (a world-readable file, a save not flushed) to stderr."""
        for store in self.stores:
            for warning in store.warnings:
                print(f"followup: warning: {_one_line(warning)}", file=sys.stderr)
            store.warnings.clear()

    def assessed(self, cards: Sequence[Interview]) -> list[Assessed]:
        return assess_all(cards, self.now, self.today, self.settings.rules)

    def day(self, text: str | None, lean: str = "past") -> date:
        if text is None:
            return self.today
        return parse_day(text, self.today, lean)  # type: ignore[arg-type]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _env(args: argparse.Namespace, name: str, env: str) -> str | None:
    value = getattr(args, name)
    return value if value is not None else (os.environ.get(env) or None)


def make_context(args: argparse.Namespace, out: TextIO) -> Context:
    config = _env(args, "config", "FOLLOWUP_CONFIG")
    settings = load_settings(Path(config).expanduser() if config else default_config_path())
    tz = _env(args, "tz", "FOLLOWUP_TZ")
    if tz:
        try:
            check_zone(tz)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    zone_name = settings.zone_name(tz)
    now_text = _env(args, "now", "FOLLOWUP_NOW")
    clock: Clock
    if now_text:
        try:
            clock = FixedClock(parse_now(now_text, zone_name), zone_name)
        except (DateError, ValueError) as exc:
            raise UsageError(f"--now: {exc}") from exc
    else:
        clock = SystemClock(zone_name)
    db = _env(args, "db", "FOLLOWUP_DB")
    return Context(args, settings, clock, Path(db).expanduser() if db else default_db_path(), out)


# -- commands


def cmd_add(ctx: Context) -> int:
    a = ctx.args
    try:
        when = parse_when(a.interviewed, ctx.today, a.employer_tz or ctx.zone_name, "past")
    except (DateError, WallTimeError) as exc:
        raise DataError(f"--interviewed: {exc}") from exc
    contact = Contact(a.contact_name, a.contact_title, a.contact_email, a.contact_phone, a.contact_address)
    today = ctx.today

    def make(card_id: int) -> Interview:
        return ops.new_interview(
            card_id=card_id,
            company=a.company,
            role=a.role,
            interviewed_at=when,
            created_on=today,
            employer_zone=a.employer_tz,
            contacts=[contact],
            notes=a.notes,
        )

    make(1)  # check the values before taking the lock
    card = ctx.store().add(make)
    print(card.id, file=ctx.out)
    return EXIT_OK


def _change(ctx: Context, card_id: int, change: Callable[[Interview], Interview]) -> Interview:
    _, after = ctx.store().update(card_id, change)
    return after


def _say(ctx: Context, card: Interview) -> None:
    item = ctx.assessed([card])[0]
    print(
        f"{literal(card.company)}: {item.verdict.stage.label}; {state_line(card, item.verdict, ctx.today)}",
        file=ctx.out,
    )


def cmd_move(ctx: Context) -> int:
    a = ctx.args
    try:
        stage = Stage.parse(a.stage)
    except ValueError as exc:
        raise DataError(f"unknown stage {a.stage!r} (use one of: {', '.join(STAGE_IDS)})") from exc
    outcome = Outcome(a.outcome) if a.outcome else None
    on = ctx.day(a.on)
    _say(ctx, _change(ctx, a.id, lambda card: ops.move(card, stage, on, outcome=outcome, note=a.note)))
    return EXIT_OK


def cmd_log(ctx: Context) -> int:
    a = ctx.args
    on = ctx.day(a.on)
    change = ops.log_followup if a.what == "followup" else ops.log_reply
    _say(ctx, _change(ctx, a.id, lambda card: change(card, on, a.note)))
    return EXIT_OK


def cmd_instruct(ctx: Context) -> int:
    a = ctx.args
    given = ctx.day(a.on)
    if a.until and not a.wait:
        raise UsageError("--until goes with --wait")
    change: Callable[[Interview], Interview]
    if a.clear:
        change = lambda card: ops.clear_instruction(card, given)  # noqa: E731
    elif a.wait:
        until = ctx.day(a.until, "future") if a.until else None
        change = lambda card: ops.instruct_wait(card, until, given, a.note)  # noqa: E731
    else:
        day = parse_day(a.contact_on, ctx.today, "future")
        change = lambda card: ops.instruct_contact_on(card, day, given, a.note)  # noqa: E731
    _say(ctx, _change(ctx, a.id, change))
    return EXIT_OK


def cmd_round(ctx: Context) -> int:
    a = ctx.args
    if a.remove is not None:
        if a.label or a.employer_tz or a.met:
            raise UsageError("--remove takes no --label, --employer-tz or --with")
        number = a.remove
        ctx.store().update(a.id, lambda card: ops.remove_round(card, number))
        return EXIT_OK
    if a.employer_tz:
        try:
            check_zone(a.employer_tz)
        except ValueError as exc:
            raise DataError(f"--employer-tz: {exc}") from exc
    met = [name.strip() for name in a.met.split(",") if name.strip()]

    def change(card: Interview) -> Interview:
        zone_name = a.employer_tz or card.employer_zone or ctx.zone_name
        try:
            when = parse_when(a.at, ctx.today, zone_name, "future")
        except (DateError, WallTimeError) as exc:
            raise DataError(f"--at: {exc}") from exc
        return ops.add_round(card, when, label=a.label, met=met)

    ctx.store().update(a.id, change)
    return EXIT_OK


def round_records(card: Interview) -> list[dict[str, object]]:
    """``show --json``'s rounds: ``{at, zone, label, with}`` in date order (``at`` with its offset)."""
    return [
        {"at": round_instant(held), "zone": held.at.zone, "label": held.label, "with": list(held.met)}
        for held in card.all_rounds
    ]


def _print_json(ctx: Context, value: object) -> None:
    json.dump(value, ctx.out, indent=2, ensure_ascii=False)
    print(file=ctx.out)


def _summary(item: Assessed, today: date) -> str:
    """``! LATE  Acme Ltd — Data analyst: thank-you overdue by 2 days`` (user text made literal)."""
    card, verdict = item.card, item.verdict
    role = f" — {literal(card.role)}" if card.role else ""
    ahead = round_ahead(verdict, today)
    return (
        f"{verdict.status.glyph} {verdict.status.word:<4}  {literal(card.company)}{role}: "
        f"{state_line(card, verdict, today)}" + (f" · {ahead}" if ahead else "")
    )


def _human_row(item: Assessed, today: date) -> str:
    nag = "  [NAG: consider closing]" if item.verdict.nag else ""
    return f"{item.card.id:>5}  {_summary(item, today)}{nag}"


def cmd_list(ctx: Context) -> int:
    a = ctx.args
    items = ctx.assessed(ctx.store().load())
    if a.stage:
        items = [i for i in items if i.verdict.stage.value == a.stage]
    if a.status:
        items = [i for i in items if i.verdict.status.value == a.status]
    if a.json:
        _print_json(ctx, [row(i, ctx.today) for i in items])
        return EXIT_OK
    if not items:
        print("No cards.", file=ctx.out)
    for stage in STAGES:
        group = [i for i in items if i.verdict.stage is stage]
        if group:
            print(f"{stage.label} ({len(group)})", file=ctx.out)
            for item in group:
                print(_human_row(item, ctx.today), file=ctx.out)
    return EXIT_OK


def cmd_due(ctx: Context) -> int:
    a = ctx.args
    items = due_list(ctx.assessed(ctx.store().load()))
    if a.count:
        print(len(items), file=ctx.out)
    elif a.json:
        _print_json(ctx, [row(i, ctx.today) for i in items])
    elif not items:
        print("Nothing due today.", file=ctx.out)
    else:
        for item in items:
            print(_due_line(item, ctx.today, ctx.settings.rules.nag_limit), file=ctx.out)
    return EXIT_OK


def _due_line(item: Assessed, today: date, nag_limit: int) -> str:
    """``! LATE  Acme Ltd — Data analyst: thank-you overdue by 2 days  (#3)``."""
    nag = nag_wording.due_suffix(nag_limit) if item.verdict.nag else ""
    return f"{_summary(item, today)}{nag}  (#{item.card.id})"


def cmd_show(ctx: Context) -> int:
    card = ctx.store().get(ctx.args.id)
    item = ctx.assessed([card])[0]
    verdict = item.verdict
    if ctx.args.json:
        record = {**card_to_dict(card), **row(item, ctx.today)}
        record["events"] = [event_to_dict(e) for e in card.events]
        record["rounds"] = round_records(card)
        _print_json(ctx, record)
        return EXIT_OK

    def p(text: str = "") -> None:
        print(text, file=ctx.out)

    p(f"#{card.id} {literal(card.company)}" + (f" — {literal(card.role)}" if card.role else ""))
    p(f"Stage: {verdict.stage.label}" + (f" ({card.outcome.label})" if card.outcome else ""))
    at = card.interviewed_at
    if card.rounds:
        p("Rounds:")
        for line in round_lines(card, ctx.now):
            p(f"  {literal(line)}")
    else:
        p(f"Interview: {day_label(card.interview_day, ctx.today)} {at.local:%Y %H:%M} ({at.zone})")
    p(f"Status: {verdict.status.glyph} {verdict.status.word} — {state_line(card, verdict, ctx.today)}")
    p(f"Next: {window_sentence(card, verdict, ctx.today)}")
    if verdict.action is not None and verdict.action.is_call and verdict.opens_on is not None:
        for line in _call_lines(ctx, card.zone_for_calls, verdict.opens_on):
            p(line)
    if verdict.nag:
        p(nag_wording.show_line(ctx.settings.rules.nag_limit))
    if verdict.needs_contact:
        p("No email or postal address for a thank-you note: add one.")
    for contact in card.contacts:
        details = ", ".join(
            literal(x) for x in (contact.title, contact.email, contact.phone, contact.address) if x
        )
        p(f"Contact: {literal(contact.name) or '(no name)'}" + (f" — {details}" if details else ""))
    if card.notes:
        p("Notes:")
        for line in card.notes.splitlines():
            p(f"  {literal(line)}")
    p("Timeline:")
    for event in card.events:
        what = event.kind.value
        if event.stage is not None and what == "moved":
            what = f"moved to {event.stage.label}" + (f" ({event.outcome.label})" if event.outcome else "")
        if event.instruction is not None:
            until = event.instruction.until.isoformat() if event.instruction.until else "no date"
            what = f"instruction: {event.instruction.kind.value} {until}"
        note = f" — {literal(event.note)}" if event.note else ""
        p(f"  {event.on.isoformat()}  {what}{note}")
    return EXIT_OK


def _call_lines(ctx: Context, zone_name: str, opens_on: date) -> list[str]:
    """When to phone: the good hours, and the next good times once the window is open."""
    from tui.domain.calling import call_hours_text, call_slots_from

    rules = ctx.settings.rules
    lines = [f"When to call: {call_hours_text(rules)} ({zone_name})."]
    slots = call_slots_from(opens_on, ctx.now, zone_name, rules, count=3)
    if slots:
        today = ctx.today
        times = [f"{day_label(s.start.date(), today)} {s.start:%H:%M}-{s.end:%H:%M}" for s in slots]
        lines.append(f"Next good times: {', '.join(times)}")
    return lines


def cmd_draft(ctx: Context) -> int:
    from tui.drafts import draft_for

    card = ctx.store().get(ctx.args.id)
    item = ctx.assessed([card])[0]
    settings = ctx.settings
    draft = draft_for(
        card, item.verdict, ctx.today, settings.templates_dir, settings.name, rules=settings.rules
    )
    if draft is None:
        raise DataError(f"nothing to draft for card {card.id}: no follow-up is needed")
    if ctx.args.output:
        _write_output(ctx, draft.text.encode("utf-8"))
    else:
        print(literal_block(draft.text), end="", file=ctx.out)
    return EXIT_OK


def _write_output(ctx: Context, data: bytes) -> None:
    target = ctx.args.output
    if not target:
        sys.stdout.flush()
        if ctx.out is sys.stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            ctx.out.write(data.decode("utf-8"))
        return
    path = Path(target).expanduser()
    try:
        write_private(path, data)
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from exc


def cmd_export(ctx: Context) -> int:
    cards = ctx.store().load()
    fmt = ctx.args.format
    if fmt == "json":
        records = [{"id": c.id, **card_to_dict(c)} for c in cards]
        data = (json.dumps({"version": 1, "cards": records}, indent=2, ensure_ascii=False) + "\n").encode()
    elif fmt == "csv":
        from tui.csvio import write_csv

        data = write_csv(cards).encode("utf-8")
    else:
        from tui.ics import to_ics

        data = to_ics(ctx.assessed(cards), ctx.now, ctx.settings.rules)
    _write_output(ctx, data)
    return EXIT_OK


def cmd_import(ctx: Context) -> int:
    from tui.csvio import CsvError, read_csv, read_export_json

    path = Path(ctx.args.file).expanduser()
    try:
        if path.suffix.lower() == ".json":
            makes = read_export_json(path, {card.uid for card in ctx.store().load()})
        else:
            makes = read_csv(path, ctx.today, ctx.zone_name)
    except CsvError as exc:
        where = literal(str(path))
        print(
            f"followup: {where}: {counted(len(exc.problems), 'problem')}; nothing imported:", file=sys.stderr
        )
        for problem in exc.problems[:50]:
            print(f"  {literal(problem)}", file=sys.stderr)
        if len(exc.problems) > 50:
            print(f"  ... and {len(exc.problems) - 50} more", file=sys.stderr)
        return EXIT_DATA
    if ctx.args.dry_run:
        print(f"Would import {counted(len(makes), 'card')} (dry run: nothing written).", file=ctx.out)
        return EXIT_OK
    cards = ctx.store().add_many(makes)
    ids = ""
    if cards:
        ids = f" (id {cards[0].id})" if len(cards) == 1 else f" (ids {cards[0].id}-{cards[-1].id})"
    print(f"Imported {counted(len(cards), 'card')}{ids}.", file=ctx.out)
    return EXIT_OK


def cmd_stats(ctx: Context) -> int:
    from tui.domain.stats import compute, render_text

    cards = ctx.store().load()
    stats = compute(cards, ctx.assessed(cards), ctx.today, ctx.settings.rules)
    if ctx.args.json:
        _print_json(ctx, stats.to_json())
    else:
        print(render_text(stats, shown=literal), file=ctx.out)
    return EXIT_OK


def cmd_report(ctx: Context) -> int:
    from tui.domain import report

    a = ctx.args
    start = parse_day(a.start, ctx.today, "past") if a.start else None
    end = parse_day(a.end, ctx.today, "future") if a.end else None
    try:
        first, last = report.period(ctx.today, start, end)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    rows = report.contacts(ctx.store().load(), first, last, ctx.now)
    if a.format == "csv":
        data = report.to_csv(rows).encode("utf-8")
    elif a.format == "json":
        text = json.dumps(report.to_json(rows, first, last), indent=2, ensure_ascii=False)
        data = (text + "\n").encode("utf-8")
    else:
        data = report.to_markdown(rows, first, last, literal).encode("utf-8")
    _write_output(ctx, data)
    return EXIT_OK


def print_completion(shell: str, out: TextIO) -> int:
    """Print the completion script for ``shell``, made from the parser itself by shtab."""
    import shtab

    script = shtab.complete(build_parser(completing=True), shell=shell)
    print(script.rstrip("\n"), file=out)
    return EXIT_OK


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def open_board(ctx: Context, demo: bool) -> int:
    if ctx.settings.keymap_problem:  # the keys are the board's: commands run with a broken keymap
        raise ConfigError(ctx.settings.keymap_problem)
    if not _has_terminal():
        raise UsageError("the board needs a terminal; for scripts use a command (see followup --help)")
    db = ctx.db
    if demo:
        from tui.demo import scratch_board

        db = scratch_board(ctx.today)
    os.environ.setdefault("ESCDELAY", "250")  # a slow SSH link may split an arrow key's bytes
    store = Store(db)
    cards = store.load()  # refuse a damaged file before the screen is taken over
    from tui.app import run_board

    return run_board(store, ctx.clock, ctx.settings, demo=demo, cards=cards)


COMMANDS: dict[str, Callable[[Context], int]] = {
    "add": cmd_add,
    "round": cmd_round,
    "move": cmd_move,
    "log": cmd_log,
    "instruct": cmd_instruct,
    "list": cmd_list,
    "due": cmd_due,
    "show": cmd_show,
    "draft": cmd_draft,
    "export": cmd_export,
    "import": cmd_import,
    "stats": cmd_stats,
    "report": cmd_report,
    "mail": mail_command.cmd_mail,
    "sync": sync_command.cmd_sync,
    "merge": sync_command.cmd_merge,
}


def run(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run one command; return the exit code (messages go to stderr, one line each)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake already reported
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_USAGE)
    ctx: Context | None = None
    try:
        if args.command == "completion":  # read from a shell's start-up file: needs no board nor config
            return print_completion(args.shell, out or sys.stdout)
        ctx = make_context(args, out or sys.stdout)
        if args.demo and args.command:
            raise UsageError("--demo opens the demo board; it takes no command")
        if args.command is None:
            return open_board(ctx, args.demo)  # the board turns the collector on once drawn
        gc_policy.on_for_a_command()
        return COMMANDS[args.command](ctx)
    except UsageError as exc:
        return _fail(exc, EXIT_USAGE)
    except (DataError, StoreError, ConfigError, ops.DomainError, DateError, WallTimeError, ValueError) as exc:
        return _fail(exc, EXIT_DATA)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``followup list | head``): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}", EXIT_DATA)
    finally:
        if ctx is not None:
            ctx.flush_warnings()


def _fail(problem: object, code: int) -> int:
    print(f"followup: {_one_line(str(problem))}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (``tui.start`` calls it for the console script): the exit status."""
    return run(argv)
