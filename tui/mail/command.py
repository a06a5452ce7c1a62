"""``followup mail [PATH ...] [--json]``: what local mail would do to the board, changing nothing.

It reads the given mail files and folders (or the config's ``[mail] folders``),
matches each message to an open card, and prints one line per message: the
card, the rule that matched and how sure it is, and what the message would do.
Exit status 0 whenever messages could be read, matched or not; 1 only when
nothing could be read at all.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.mail.read import Item

HELP = "what your mail would do to the board: replies, invites, your own follow-ups (changes nothing)"


def add_parser(sub: Any) -> None:
    """Register the ``mail`` sub-command on the command line's sub-parsers."""
    mail = sub.add_parser(
        "mail",
        help="what your mail would do to the board (changes nothing)",
        description=(
            "Read mail from local files, never the network, and say what each message would do to the "
            "board: a reply from an employer, an interview invite, or a follow-up you sent. Mail files "
            "are only read: no flags change, nothing moves from new/ to cur/. Nothing on the board "
            "changes either: this command only reports."
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
    mail.add_argument("--json", action="store_true", help="one JSON object per message")


def cmd_mail(ctx: Context) -> int:
    """Run ``followup mail``: print the suggestions; the exit status as documented above."""
    from tui.cli import EXIT_DATA, EXIT_OK, UsageError
    from tui.mail.describe import line, summary, to_json
    from tui.mail.plan import Reading, suggest
    from tui.text import literal

    settings = ctx.settings.mail
    paths = list(ctx.args.paths) or [str(p) for p in settings.folders]
    if not paths:
        raise UsageError(
            'no mail to read: give a PATH, or list folders in the config ([mail] folders = ["~/Mail/INBOX"])'
        )
    if paths.count("-") > 1:
        raise UsageError("- (standard input) can be read once")
    if not settings.me:
        _note("set your own addresses in the config ([mail] me = [...]) to recognise the mail you sent")
    problems: list[str] = []
    reading = Reading(me=frozenset(settings.me), zone_name=ctx.zone_name, now=ctx.now)
    cards = ctx.store().load()
    stdin = getattr(sys.stdin, "buffer", None) if "-" in paths else None  # cron may give none
    items = suggest(_items(paths, problems, stdin), cards, reading)
    for problem in problems:
        print(f"followup: {literal(problem)}", file=sys.stderr)
    if ctx.args.json:
        print(to_json(items), file=ctx.out)
    else:
        for item in items:
            print(line(item, ctx.zone_name), file=ctx.out)
        print(summary(items) if items else "No messages.", file=ctx.out)
    read = sum(1 for item in items if item.message.identity)
    if read == 0 and (problems or items):
        return EXIT_DATA
    return EXIT_OK


def _items(paths: list[str], problems: list[str], stdin: BinaryIO | None) -> Iterator[Item]:
    """Every message of every path in turn; a path that cannot be read is noted and passed over."""
    from tui.mail.read import SourceError, read_path

    for path in paths:
        try:
            yield from read_path(path, stdin)
        except SourceError as exc:
            problems.append(str(exc))


def _note(text: str) -> None:
    print(f"followup: note: {text}", file=sys.stderr)
