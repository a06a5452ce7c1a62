"""The board's mail key: the folders read off the UI thread, suggestions applied through the app."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from tests.snapshots.test_card_snapshots import SnapCompare
from tests.ui.board_parts import SIZE
from tests.ui.conftest import MakeApp
from tests.unit.mail_kit import HOSTILE, ME, fingerprint, google_invite, maildir, message
from tui.app import FollowupApp
from tui.config import MailSettings, Settings
from tui.domain.model import EventKind, InviteRef
from tui.domain.stages import Stage
from tui.screens.mail import MailScreen, SuggestionList
from tui.store import Store

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Mail for the demo board (its now: Tue 24 Nov 2026 09:30, London)."""
    return maildir(
        tmp_path / "Mail" / "INBOX",
        [
            message(
                "Priya Raman <priya.raman@northwind.example>",
                subject="Re: Thank you",
                sent="Mon, 23 Nov 2026 17:00:00 +0000",
                message_id="<r1@northwind>",
            ),
            message(
                ME,
                to="tomas@brightline.example",
                subject="Thank you for today",
                sent="Mon, 23 Nov 2026 18:00:00 +0000",
                message_id="<t1@example.com>",
            ),
            message(
                "wei@juniperlabs.example",
                subject="Invitation: Final interview",
                sent="Mon, 23 Nov 2026 12:00:00 +0000",
                calendar=google_invite(
                    datetime(2026, 12, 1, 14, 0, tzinfo=LONDON), summary="Final interview"
                ),
                message_id="<i1@juniper>",
            ),
            message(
                "m.osei@tidewater.example",
                subject=HOSTILE,
                sent="Mon, 23 Nov 2026 10:00:00 +0000",
                message_id="<h1@tidewater>",
            ),
            message("pal@gmail.com", subject="Lunch?", sent="Mon, 23 Nov 2026 09:00:00 +0000"),
        ],
    )


def settings(*folders: Path) -> Settings:
    return Settings(mail=MailSettings(me=(ME,), folders=folders))


async def opened(app: FollowupApp, pilot: Pilot[None]) -> MailScreen:
    await pilot.pause()
    await pilot.press("m")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, MailScreen)
    return screen


def rows(screen: MailScreen) -> list[str]:
    listed = screen.query_one(SuggestionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_m_lists_what_the_folders_suggest_and_esc_leaves_the_board_as_it_was(
    make_app: MakeApp, demo_path: Path, inbox: Path
) -> None:
    board_before = demo_path.read_bytes()
    mail_before = fingerprint(inbox)
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        cards_before = app.state.cards
        screen = await opened(app, pilot)
        shown = rows(screen)
        assert [line.splitlines()[0] for line in shown] == [  # in the order of delivery
            "#1 Northwind Analytics  log a reply on 2026-11-23",
            "#2 Brightline Health  log the thank-you on 2026-11-23 (moves to Thanked)",
            '#7 Juniper Labs  add a round "Final interview" 2026-12-01 14:00 (Europe/London)',
            "#6 Tidewater Logistics  log a reply on 2026-11-23",
        ]
        title = str(screen.query_one("#mail-title").render())
        assert "5 messages read: 4 to apply, 1 unmatched, 0 skipped" in title
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, MailScreen)
        app.flush()
        assert app.state.cards == cards_before
    assert demo_path.read_bytes() == board_before
    assert fingerprint(inbox) == mail_before


async def test_without_folders_the_screen_says_which_config_to_list_them_in(
    make_app: MakeApp, tmp_path: Path
) -> None:
    config = tmp_path / "[my] config.toml"  # a name that is also markup: shown as it is
    app = make_app(settings=Settings(config_path=config))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        title = str(screen.query_one("#mail-title").render())
        assert title.startswith(f"No mail folders to read. List them in {config}, e.g.\n[mail] folders = ")


async def test_enter_applies_one_and_undo_takes_it_back(
    make_app: MakeApp, demo_path: Path, inbox: Path
) -> None:
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("enter")  # Northwind's reply
        await pilot.pause()
        app.flush()
        saved = Store(demo_path).get(1)
        assert (saved.events[-1].kind, saved.events[-1].note) == (EventKind.REPLY, "Re: Thank you")
        assert saved.applied_mail == ("<r1@northwind>",)
        assert rows(screen)[0].startswith("✓ applied  #1 Northwind Analytics  logged a reply on 2026-11-23")
        assert [Store(demo_path).get(n).applied_mail for n in (2, 6, 7)] == [(), (), ()]
        await pilot.press("escape", "u")
        await pilot.pause()
        app.flush()
        undone = Store(demo_path).get(1)
        assert undone.events == saved.events[:-1]
        assert (undone.events[-1].kind, undone.events[-1].note) != (EventKind.REPLY, "Re: Thank you")
        # The card still knows the message: reading the mail again does not bring the reply back.
        assert undone.applied_mail == ("<r1@northwind>",)
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MailScreen)
        assert not any("Northwind" in row for row in rows(app.screen))


async def test_capital_a_applies_every_suggestion_shown(
    make_app: MakeApp, demo_path: Path, inbox: Path
) -> None:
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("A")
        await pilot.pause()
        app.flush()
        assert all(row.startswith("✓ applied") for row in rows(screen))
        assert "All applied." in str(screen.query_one("#mail-title").render())
        board = Store(demo_path)
        assert board.get(2).stage is Stage.THANKED
        juniper = board.get(7)
        assert [(r.label, r.invite) for r in juniper.rounds if r.invite is not None] == [
            ("Final interview", InviteRef("7kukuqrfedlm2f9t0p1lmnbq4c@google.com", 0))
        ]
        assert board.get(6).events[-1].note == HOSTILE  # kept as it came; shown literally
        after = demo_path.read_bytes()
        await pilot.press("A")  # nothing left: nothing changes
        await pilot.pause()
        app.flush()
        assert demo_path.read_bytes() == after


async def test_mail_text_is_shown_literally(make_app: MakeApp, inbox: Path) -> None:
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        hostile = rows(screen)[3]
        assert "[bold red]Evil[/]" in hostile
        assert "\x1b" not in hostile
        assert "\x9b" not in hostile
        assert "\u202e" not in hostile


async def test_the_folders_are_read_off_the_ui_thread(
    make_app: MakeApp, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.screens import mail

    threads: list[threading.Thread] = []
    from tui.mail.plan import read_paths as real

    def spy(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mail, "read_paths", spy)
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        assert threads
        assert threads[0] is not threading.main_thread()


async def test_without_folders_it_says_how_to_list_them(make_app: MakeApp) -> None:
    app = make_app(settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        assert "[mail] folders" in str(screen.query_one("#mail-title").render())
        assert rows(screen) == []
        await pilot.press("enter", "A", "q")
        await pilot.pause()
        assert not isinstance(app.screen, MailScreen)


def test_the_mail_screen_80x24(snap_compare: SnapCompare, make_app: MakeApp, inbox: Path) -> None:
    async def read(pilot: Pilot[None]) -> None:
        await pilot.press("m")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        pilot.app.clear_notifications()  # the board's greeting
        await pilot.pause()

    assert snap_compare(make_app(settings=settings(inbox)), terminal_size=(80, 24), run_before=read)


async def test_keys_typed_before_the_mail_is_read_act_once_it_is(
    make_app: MakeApp, demo_path: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``m``, Down, Enter in one burst: the reading takes a while, and Enter still applies the second row."""
    from tui.mail.plan import read_paths as real
    from tui.screens import mail

    gate = threading.Event()

    def slow(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        gate.wait(5)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mail, "read_paths", slow)
    app = make_app(settings=settings(inbox))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m", "down", "enter")
        assert isinstance(app.screen, MailScreen)
        assert app.screen.rows is None  # still reading
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.flush()
        assert Store(demo_path).get(2).stage is Stage.THANKED  # Brightline, the second row
        assert Store(demo_path).get(1).applied_mail == ()


async def test_a_possible_rejection_is_logged_and_the_card_stays_open(
    make_app: MakeApp, demo_path: Path, tmp_path: Path
) -> None:
    no = maildir(
        tmp_path / "No",
        [
            message(
                "priya.raman@northwind.example",
                subject="Your application",
                text="We regret to inform you.",
                sent="Mon, 23 Nov 2026 17:00:00 +0000",
            )
        ],
    )
    app = make_app(settings=settings(no))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        assert "may be a rejection" in rows(screen)[0]
        await pilot.press("enter")
        await pilot.pause()
        app.flush()
        assert "the card stays open (x on the card closes it)" in rows(screen)[0]
        northwind = Store(demo_path).get(1)
        assert northwind.stage is Stage.INTERVIEWED
        assert northwind.events[-1].kind is EventKind.REPLY
