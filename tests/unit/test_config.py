"""The TOML config: defaults, every key, and readable refusals naming the file."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.config import ConfigError, Settings, load_settings
from tui.domain.rules import Rules


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_path_gives_the_rule_book_defaults() -> None:
    settings = load_settings(None)
    assert settings.rules == Rules()
    assert (settings.timezone, settings.keymap, settings.source, settings.templates_dir) == (
        None,
        {},
        None,
        None,
    )


def test_defaults_are_the_policy_numbers() -> None:
    rules = Rules()
    assert rules.holidays == frozenset()
    assert rules.thank_you_due == 1
    assert (rules.check_in, rules.follow_up_email, rules.status_check) == ((5, 10), (2, 5), (10, 15))
    assert (rules.wait_default, rules.after_wait, rules.nag_limit) == (15, (1, 3), 3)
    assert rules.call_hours == ((time(10), time(11, 30)), (time(14), time(16)))
    assert (rules.monday_from, rules.friday_until) == (time(12), time(12))


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"
    settings = load_settings(path)
    assert settings.rules == Rules()
    assert settings.source is None
    assert settings.templates_dir == tmp_path / "templates"


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    settings = load_settings(path)
    assert settings.rules == Rules()
    assert settings.source == path


FULL = """
timezone = "America/New_York"
holidays = ["2026-12-25", 2026-12-28]
nag_limit = 4

[windows]
thank_you_due = 2
check_in = [4, 9]
follow_up_email = [1, 6]
status_check = [8, 12]
after_wait = [2, 4]
wait_default = 10

[calls]
hours = [["09:30", "11:00"], ["15:00", "17:00"]]
monday_from = "13:00"
friday_until = "11:00"

[keymap]
move_next = "g,shift+right"
"""


def test_every_key_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, FULL)
    settings = load_settings(path)
    assert settings.rules == Rules(
        holidays=frozenset({date(2026, 12, 25), date(2026, 12, 28)}),
        nag_limit=4,
        thank_you_due=2,
        check_in=(4, 9),
        follow_up_email=(1, 6),
        status_check=(8, 12),
        after_wait=(2, 4),
        wait_default=10,
        call_hours=((time(9, 30), time(11)), (time(15), time(17))),
        monday_from=time(13),
        friday_until=time(11),
    )
    assert settings.timezone == "America/New_York"
    assert settings.keymap == {"move_next": "g,shift+right"}
    assert settings.source == path
    assert settings.templates_dir == tmp_path / "templates"


@pytest.mark.parametrize(
    ("toml", "field", "value"),
    [
        ('holidays = ["2026-12-25"]', "holidays", frozenset({date(2026, 12, 25)})),
        ("holidays = [2026-12-25]", "holidays", frozenset({date(2026, 12, 25)})),
        ("nag_limit = 5", "nag_limit", 5),
        ("[windows]\nthank_you_due = 0", "thank_you_due", 0),
        ("[windows]\ncheck_in = [3, 3]", "check_in", (3, 3)),
        ("[windows]\nfollow_up_email = [0, 7]", "follow_up_email", (0, 7)),
        ("[windows]\nstatus_check = [5, 20]", "status_check", (5, 20)),
        ("[windows]\nafter_wait = [0, 1]", "after_wait", (0, 1)),
        ("[windows]\nwait_default = 0", "wait_default", 0),
        ('[calls]\nhours = [["08:00", "09:00"]]', "call_hours", ((time(8), time(9)),)),
        ("[calls]\nhours = [[08:00:00, 09:00:00]]", "call_hours", ((time(8), time(9)),)),
        ('[calls]\nmonday_from = "10:30"', "monday_from", time(10, 30)),
        ('[calls]\nfriday_until = "15:00"', "friday_until", time(15)),
    ],
)
def test_each_key_overrides_alone(tmp_path: Path, toml: str, field: str, value: Any) -> None:
    rules = load_settings(write(tmp_path, toml)).rules
    assert getattr(rules, field) == value
    others = {f for f in Rules.__struct_fields__ if f != field}
    assert all(getattr(rules, f) == getattr(Rules(), f) for f in others)


def test_timezone_setting_and_override(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'timezone = "Asia/Tokyo"'))
    assert settings.zone_name() == "Asia/Tokyo"
    assert settings.zone_name("Europe/Paris") == "Europe/Paris"
    assert Settings(timezone=None).zone_name("UTC") == "UTC"


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        pytest.param("name = 5", "name", id="name-not-text"),
        pytest.param("timezone = 5", "timezone", id="timezone-not-text"),
        pytest.param('timezone = "Mars/Olympus"', "Mars/Olympus", id="timezone-unknown"),
        pytest.param('holidays = "2026-12-25"', "holidays", id="holidays-not-list"),
        pytest.param('holidays = ["christmas"]', "christmas", id="holiday-not-date"),
        pytest.param('holidays = ["2026-02-30"]', "2026-02-30", id="holiday-not-real"),
        pytest.param("holidays = [2026-12-25T10:00:00]", "holidays", id="holiday-datetime"),
        pytest.param("holidays = [20261225]", "holidays", id="holiday-number"),
        pytest.param("nag_limit = 0", "nag_limit", id="nag-zero"),
        pytest.param("nag_limit = -1", "nag_limit", id="nag-negative"),
        pytest.param("nag_limit = true", "nag_limit", id="nag-bool"),
        pytest.param("nag_limit = 2.5", "nag_limit", id="nag-float"),
        pytest.param('nag_limit = "3"', "nag_limit", id="nag-text"),
        pytest.param("windows = 3", "windows", id="windows-not-table"),
        pytest.param("[windows]\ncheck_in = [10, 5]", "check_in", id="window-reversed"),
        pytest.param("[windows]\ncheck_in = [5]", "check_in", id="window-one-number"),
        pytest.param('[windows]\ncheck_in = "5,10"', "check_in", id="window-text"),
        pytest.param("[windows]\nstatus_check = [-1, 5]", "status_check", id="window-negative"),
        pytest.param("[windows]\nthank_you_due = -1", "thank_you_due", id="thank-you-negative"),
        pytest.param("[windows]\nwait_default = 1.5", "wait_default", id="wait-float"),
        pytest.param("[windows]\ncheckin = [5, 10]", "checkin", id="windows-unknown-key"),
        pytest.param("calls = []", "calls", id="calls-not-table"),
        pytest.param("[calls]\nhours = []", "calls.hours", id="hours-empty"),
        pytest.param('[calls]\nhours = [["11:30", "10:00"]]', "calls.hours", id="hours-reversed"),
        pytest.param('[calls]\nhours = [["10:00"]]', "calls.hours", id="hours-one-time"),
        pytest.param('[calls]\nhours = [["10am", "11am"]]', "10am", id="hours-not-iso"),
        pytest.param('[calls]\nhours = [["10:00+01:00", "11:30"]]', "10:00+01:00", id="hours-with-offset"),
        pytest.param('[calls]\nmonday_from = "noon"', "monday_from", id="monday-from-text"),
        pytest.param('[calls]\nfriday_until = "12:00Z"', "friday_until", id="friday-until-with-offset"),
        pytest.param("[calls]\nfriday_until = 12", "friday_until", id="friday-until-number"),
        pytest.param('[calls]\nmonday = "12:00"', "monday", id="calls-unknown-key"),
        pytest.param("keymap = 5", "[keymap]", id="keymap-not-table"),
        pytest.param('colour = "red"', "colour", id="unknown-top-key"),
        pytest.param('[theme]\nname = "x"', "theme", id="unknown-table"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path: Path, toml: str, words: str) -> None:
    path = write(tmp_path, toml, name="my-settings.toml")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert str(path) in message
    assert words in message


@pytest.mark.parametrize(
    ("toml", "words"),
    [
        pytest.param("[keymap]\nmove_next = 5", "keymap.move_next", id="keymap-not-text"),
        pytest.param('[keymap]\nadvance = "n"', "keymap.advance", id="keymap-unknown-id"),
        pytest.param('[keymap]\nsort = "a"\nadd = "a"', "both add and sort", id="keymap-clash"),
        pytest.param('[keymap]\nsort = "k"', "both cursor_up and sort", id="keymap-clash-with-a-list-key"),
    ],
)
def test_a_keymap_problem_stops_the_board_and_no_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], toml: str, words: str
) -> None:
    path = write(tmp_path, f'timezone = "Europe/Paris"\n{toml}', name="my-settings.toml")
    settings = load_settings(path)
    assert (settings.keymap, settings.timezone) == ({}, "Europe/Paris")  # the rest of the config holds
    assert settings.keymap_problem is not None
    assert str(path) in settings.keymap_problem
    assert words in settings.keymap_problem
    board = ["--db", str(tmp_path / "board.json"), "--config", str(path)]
    assert main([*board, "list"]) == 0
    assert capsys.readouterr().err == ""
    assert main(board) == 1  # the board, whose keys these are, refuses and says why
    err = capsys.readouterr().err
    assert err.startswith(f"followup: {path}: ")
    assert words in err


@pytest.mark.parametrize(
    "toml",
    [
        pytest.param("timezone = ", id="missing-value"),
        pytest.param("[windows\ncheck_in = [5, 10]", id="broken-table"),
        pytest.param("nag_limit = 3\nnag_limit = 4", id="duplicate-key"),
        pytest.param('timezone = "Europe/London', id="unterminated-string"),
    ],
)
def test_bad_toml_names_the_file(tmp_path: Path, toml: str) -> None:
    path = write(tmp_path, toml, name="broken.toml")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_settings(path)
    assert str(path) in str(info.value)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'timezone = "Europe/Z\xfcrich"\n')
    with pytest.raises(ConfigError, match="cannot read") as info:
        load_settings(path)
    assert str(path) in str(info.value)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(path) in str(info.value)


def test_name_signs_drafts_and_is_tidied(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, 'name = "  Zoë   Ångström "')).name == "Zoë Ångström"
    assert load_settings(write(tmp_path, "")).name == ""


def test_unknown_keys_are_listed_together(tmp_path: Path) -> None:
    path = write(tmp_path, 'zeta = 1\nalpha = 2\ntimezone = "UTC"')
    with pytest.raises(ConfigError, match="alpha, zeta"):
        load_settings(path)
