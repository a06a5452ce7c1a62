"""``followup mail [PATH ...] [--apply] [--json]``: what local mail does to the board.

It reads the given mail files and folders (or the config's ``[mail] folders``),
matches each message to an open card, and prints one line per message: the
card, the rule that matched and how sure it is, and what the message would do.
Without ``--apply`` nothing changes; with it the suggestions are applied in
one write of the board (see ``tui.mail.apply``), each card remembering the
messages applied to it, and each line says what was done. Exit status 0
whenever messages could be read, matched or not; 1 only when nothing could be
read at all.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.cli import Context
    from tui.domain.model import Interview
    from tui.mail.suggestion import Suggestion
    from tui.store import Store


def add_parser(sub: Any) -> None:
    """Register the ``mail`` sub-command on the command line's sub-parsers."""
    mail = sub.add_parser(
        "mail",
        help="what your mail would do to the board (--apply makes it so)",
        description=(
            "Read mail from local files, never the network, and say what each message would do to the "
            "board: a reply from an employer, an interview invite, or a follow-up you sent. Mail files "
            "are only read: no flags change, nothing moves from new/ to cur/. Without --apply nothing "
            "on the board changes either; with --apply the changes are made in one save, and a message "
            "already applied is never applied again (safe to run from cron)."
        ),
        epilog=(
            "A message is tied to an open card by (1) a contact's email address, (2) the domain of a "
            "card's contacts (not gmail.com and the like), or (3) a hiring system (Greenhouse, Lever...) "
            "whose sender name or subject names the company. Set your own addresses in the config "
            '([mail] me = ["ann@example.com"]) so that your sent messages are recognised.'
        ),
    )
    mail.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a saved .eml file, an mbox file, a maildir folder (holding cur/ and new/), or - for one "
        "message on standard input (default: the config's [mail] folders)",
    )
    mail.add_argument(
        "--apply",
        action="store_true",
        help="make the changes: log the replies and follow-ups, book, move or remove the rounds "
        "(a message that may be a rejection is logged as a reply; the card is never closed for you)",
    )
    mail.add_argument("--json", action="store_true", help="one JSON object per message")


def cmd_mail(ctx: Context) -> int:
    """Run ``followup mail``: print the suggestions; the exit status as documented above."""
    from tui.cli import EXIT_DATA, EXIT_OK, UsageError
    from tui.mail.apply import memory
    from tui.mail.describe import applied_summary, line, outcome_text, summary, to_json
    from tui.mail.plan import Reading, read_paths, suggest
    from tui.text import literal

    settings = ctx.settings.mail
    paths = list(ctx.args.paths) or [str(p) for p in settings.folders]
    if not paths:
        config = ctx.settings.config_path or "the config"
        raise UsageError(
            f'no mail to read: give a PATH, or list folders in {config} ([mail] folders = ["~/Mail/INBOX"])'
        )
    if paths.count("-") > 1:
        raise UsageError("- (standard input) can be read once")
    if not settings.me:
        _note("set your own addresses in the config ([mail] me = [...]) to recognise the mail you sent")
    problems: list[str] = []
    store = ctx.store()
    cards = store.load()
    known = memory(cards)
    reading = Reading(
        me=frozenset(settings.me),
        zone_name=ctx.zone_name,
        now=ctx.now,
        rounds=known.rounds,
        applied=known.applied,
    )
    stdin = getattr(sys.stdin, "buffer", None) if "-" in paths else None  # cron may give none
    items = suggest(read_paths(paths, problems, stdin), cards, reading)
    for problem in problems:
        print(f"followup: {literal(problem)}", file=sys.stderr)
    applied = _apply(store, items) if ctx.args.apply else None
    if ctx.args.json:
        print(to_json(items, applied), file=ctx.out)
    else:
        for index, item in enumerate(items):
            outcome = outcome_text(item, applied.get(index)) if applied is not None else None
            print(line(item, ctx.zone_name, outcome), file=ctx.out)
        if not items:
            print("No messages.", file=ctx.out)
        else:
            print(applied_summary(items, applied) if applied is not None else summary(items), file=ctx.out)
    read = sum(1 for item in items if item.message.identity)
    if read == 0 and (problems or items):
        return EXIT_DATA
    return EXIT_OK


def _apply(store: Store, items: list[Suggestion]) -> dict[int, str]:
    """Apply every suggestion that changes a card, in one write; why each one that did not fit did not.

    The changes are made to the cards as they are in the file at the moment
    of writing, under its lock: a card changed meanwhile (on the board, by
    another run) gets them on top of that change, and a message it already
    remembers changes nothing.
    """
    from tui.mail.apply import apply_all, can_apply

    by_card: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        if can_apply(item) and item.match is not None:
            by_card.setdefault(item.match.card_id, []).append(index)
    problems: dict[int, str] = {}

    def changer(indexes: list[int]) -> Callable[[Interview], Interview]:
        def change(card: Interview) -> Interview:
            found: dict[int, str] = {}
            after = apply_all(card, [items[i] for i in indexes], found)
            problems.update({indexes[k]: why for k, why in found.items()})
            return after

        return change

    done = store.update_many({card_id: changer(indexes) for card_id, indexes in by_card.items()})
    for card_id, indexes in by_card.items():
        if card_id not in done:
            problems.update(dict.fromkeys(indexes, "the card is no longer on the board"))
    return problems


def _note(text: str) -> None:
    print(f"followup: note: {text}", file=sys.stderr)
