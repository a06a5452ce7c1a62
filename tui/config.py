"""Settings: the TOML config file, where files live, and environment overrides.

The config file (default ``<user config dir>/followup/config.toml``) is optional;
every key has a default, which is the rule book's number. Example::

    timezone = "Europe/London"
    holidays = ["2026-12-25", "2026-12-28"]
    nag_limit = 3

    [windows]            # business days after the stage's anchor: [opens, due by]
    thank_you_due = 1
    check_in = [5, 10]
    follow_up_email = [2, 5]
    status_check = [10, 15]
    after_wait = [1, 3]
    wait_default = 15

    [calls]
    hours = [["10:00", "11:30"], ["14:00", "16:00"]]
    monday_from = "12:00"
    friday_until = "12:00"

    [keymap]             # binding id = keys, comma separated
    move_next = ">,shift+right"

    [mail]               # for `followup mail`: your own addresses, and the folders to read
    me = ["ann@example.com"]
    folders = ["~/Mail/INBOX", "~/Mail/Sent"]
"""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import platformdirs
from msgspec import Struct, field

from tui.domain.clock import local_zone_name
from tui.domain.rules import Rules
from tui.domain.wall import zone
from tui.keys import keymap_notes, keymap_problems

APP_NAME = "followup"


class ConfigError(ValueError):
    """A config file that cannot be used (the message names the file and the key)."""


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "board.json"


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


class MailSettings(Struct, frozen=True):
    """The ``[mail]`` table: the user's own addresses (lower-cased) and the mail folders to read."""

    me: tuple[str, ...] = ()
    folders: tuple[Path, ...] = ()


class Settings(Struct, frozen=True):
    """Everything the app and the command line read from the config file."""

    rules: Rules = field(default_factory=Rules)
    #: The user's zone, from the config; None means the system's zone.
    timezone: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    #: Where user templates for drafts may override the built-in ones.
    templates_dir: Path | None = None
    #: The user's name, to sign drafts with ("" leaves "[your name]" to fill in).
    name: str = ""
    mail: MailSettings = field(default_factory=MailSettings)
    source: Path | None = None
    #: The config file these settings come from, or would (it need not exist yet): messages name it.
    config_path: Path | None = None
    #: What is wrong with the config's ``[keymap]`` (then ``keymap`` is the defaults): only the
    #: board uses keys, so only the board refuses to start over it (a script's command still runs).
    keymap_problem: str | None = None
    #: What a valid keymap leaves without a key (see ``keys.keymap_notes``): the board says so.
    keymap_notes: tuple[str, ...] = ()

    def zone_name(self, override: str | None = None) -> str:
        """``--tz`` / ``FOLLOWUP_TZ`` first, then the config, then the system."""
        return override or self.timezone or local_zone_name()


def load_settings(path: Path | None) -> Settings:
    """Read the config at ``path`` (a missing file gives the defaults)."""
    if path is None or not path.exists():
        templates = (path.parent / "templates") if path else None
        return Settings(templates_dir=templates, source=None, config_path=path)
    # Imported only when there is a config to read: most starts have none.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        return _settings_from(raw, path)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


def _settings_from(raw: dict[str, Any], path: Path) -> Settings:
    known = {"name", "timezone", "holidays", "nag_limit", "windows", "calls", "keymap", "mail"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"unknown key(s): {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    name = raw.get("name", "")
    if not isinstance(name, str):
        raise ConfigError('name must be text, e.g. "Ann Example"')
    tz = raw.get("timezone")
    if tz is not None:
        if not isinstance(tz, str):
            raise ConfigError('timezone must be text, e.g. "Europe/London"')
        try:
            zone(tz)
        except ValueError as exc:
            raise ConfigError(f"timezone: {exc}") from exc
    rules_args: dict[str, Any] = {}
    holidays = raw.get("holidays", [])
    if not isinstance(holidays, list):
        raise ConfigError("holidays must be a list of dates")
    rules_args["holidays"] = frozenset(_as_date(h, "holidays") for h in holidays)
    if "nag_limit" in raw:
        rules_args["nag_limit"] = _as_int(raw["nag_limit"], "nag_limit")
    windows = _table(raw, "windows")
    for key in ("thank_you_due", "wait_default"):
        if key in windows:
            rules_args[key] = _as_int(windows.pop(key), f"windows.{key}")
    for key in ("check_in", "follow_up_email", "status_check", "after_wait"):
        if key in windows:
            rules_args[key] = _as_pair(windows.pop(key), f"windows.{key}")
    if windows:
        raise ConfigError(f"unknown key(s) in [windows]: {', '.join(sorted(windows))}")
    calls = _table(raw, "calls")
    if "hours" in calls:
        spans = calls.pop("hours")
        if not isinstance(spans, list) or not spans:
            raise ConfigError('calls.hours must be a list like [["10:00", "11:30"]]')
        rules_args["call_hours"] = tuple(_as_span(s) for s in spans)
    for key in ("monday_from", "friday_until"):
        if key in calls:
            rules_args[key] = _as_time(calls.pop(key), f"calls.{key}")
    if calls:
        raise ConfigError(f"unknown key(s) in [calls]: {', '.join(sorted(calls))}")
    keymap = _table(raw, "keymap")
    problems = [
        f'keymap.{key} must be text such as "ctrl+n,a"'
        for key, value in keymap.items()
        if type(value) is not str
    ]
    problems = problems or keymap_problems({str(k): str(v) for k, v in keymap.items()})
    if problems:
        keymap = {}
    mail = _mail_settings(_table(raw, "mail"), path.parent)
    try:
        rules = Rules(**rules_args)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    return Settings(
        rules=rules,
        timezone=tz,
        keymap={str(k): str(v) for k, v in keymap.items()},
        templates_dir=path.parent / "templates",
        name=" ".join(name.split()),
        mail=mail,
        source=path,
        config_path=path,
        keymap_problem=f"{path}: {'; '.join(problems)}" if problems else None,
        keymap_notes=() if problems else tuple(keymap_notes(keymap)),
    )


def _mail_settings(table: dict[str, Any], folder: Path) -> MailSettings:
    """``me``: addresses; ``folders``: paths (``~`` expanded, relative ones from the config's folder)."""
    me = table.pop("me", [])
    if isinstance(me, str):
        me = [me]
    example = 'mail.me must be a list of your email addresses, e.g. ["ann@example.com"]'
    if not isinstance(me, list) or not all(isinstance(a, str) for a in me):
        raise ConfigError(example)
    addresses = []
    for address in me:
        local, at, domain = address.strip().rpartition("@")
        if (
            not at
            or not local
            or "." not in domain
            or any(c.isspace() or c in "<>," for c in address.strip())
        ):
            raise ConfigError(f"mail.me: {address!r} is not an email address ({example})")
        addresses.append(address.strip().lower())
    folders = table.pop("folders", [])
    if isinstance(folders, str):
        folders = [folders]
    if not isinstance(folders, list) or not all(isinstance(f, str) and f.strip() for f in folders):
        raise ConfigError('mail.folders must be a list of paths, e.g. ["~/Mail/INBOX", "~/Mail/Sent"]')
    if table:
        raise ConfigError(f"unknown key(s) in [mail]: {', '.join(sorted(table))} (known: folders, me)")
    return MailSettings(
        me=tuple(dict.fromkeys(addresses)),
        folders=tuple(folder / Path(f.strip()).expanduser() for f in folders),
    )


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"[{key}] must be a table")
    return dict(value)


def _as_int(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key} must be a whole number of at least 0")
    return value


def _as_pair(value: Any, key: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise ConfigError(f"{key} must be [opens, due_by] in business days, e.g. [5, 10]")
    opens, due = (_as_int(v, key) for v in value)
    if opens > due:
        raise ConfigError(f"{key}: the window must open ({opens}) before it is due ({due})")
    return (opens, due)


def _as_date(value: Any, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"{key}: {value!r} is not an ISO date such as 2026-12-25")


def _as_time(value: Any, key: str) -> time:
    if isinstance(value, time) and value.tzinfo is None:
        return value
    if isinstance(value, str):
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:  # call hours are read in the employer's zone
                return parsed
    raise ConfigError(f'{key}: {value!r} is not a time such as "10:00"')


def _as_span(value: Any) -> tuple[time, time]:
    if not isinstance(value, list) or len(value) != 2:
        raise ConfigError('each of calls.hours must be ["HH:MM", "HH:MM"]')
    start, end = (_as_time(v, "calls.hours") for v in value)
    if not start < end:
        raise ConfigError(f"calls.hours: {start:%H:%M} must come before {end:%H:%M}")
    return (start, end)
