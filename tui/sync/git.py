"""Running git for ``followup sync``: with a timeout, never asking a question, its messages on stderr.

A sync may run from cron or in the middle of the board: git must never stop
to ask for a password or a host key. So its standard input is closed, its
terminal prompts are off (``GIT_TERMINAL_PROMPT=0``), no password helper is
called (``GIT_ASKPASS``/``SSH_ASKPASS`` empty), and ssh runs in batch mode
unless the user chose their own ssh command. Each call has a timeout. What
git says goes to our stderr (nothing of it is lost); only the output a
caller asked for is captured.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

#: Seconds a git command may take (a fetch or push over a slow link included).
TIMEOUT = 60.0


class GitError(Exception):
    """A git command that failed or could not run (the message is one line)."""


def quiet_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment git runs in: never prompting, ssh in batch mode unless the user set their own."""
    env = dict(os.environ if base is None else base)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = ""
    env["SSH_ASKPASS"] = ""
    env.pop("SSH_ASKPASS_REQUIRE", None)
    if not env.get("GIT_SSH_COMMAND") and not env.get("GIT_SSH"):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=20"
    env.setdefault("LC_ALL", "C")  # a message read back is git's own English
    return env


class Git:
    """git run in one folder (``cwd``), every call bounded by ``timeout`` seconds."""

    def __init__(self, cwd: Path, *, timeout: float = TIMEOUT) -> None:
        self.cwd = cwd
        self.timeout = timeout
        self.env = quiet_env()

    def run(
        self, *args: str, check: bool = True, capture: bool = False, probe: bool = False
    ) -> subprocess.CompletedProcess[str]:
        """``git ARGS``; GitError if it fails (``check``), cannot start, or outlives the timeout.

        ``capture``: standard output is returned rather than shown on our
        standard error; git's messages (its standard error) always go to ours, and with them a failed
        command's last line is kept for the GitError. ``probe``: a question
        (is this a repository? is the key set?) whose failure is an answer, not news.
        """
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError as exc:
            raise GitError("git is not installed (install it, e.g. apt install git)") from exc
        except subprocess.TimeoutExpired as exc:
            raise GitError(f"git {_verb(args)} took longer than {self.timeout:g} s and was stopped") from exc
        said = done.stderr if capture else done.stdout + done.stderr  # git's news, ours on stderr
        if said and not probe:
            os.write(2, said.encode("utf-8", "replace"))
        if check and done.returncode != 0:
            raise GitError(f"git {_verb(args)} failed: {last_line(done.stderr) or f'exit {done.returncode}'}")
        return done

    def out(self, *args: str) -> str:
        """The output of ``git ARGS`` (stripped); GitError if it fails."""
        return self.run(*args, capture=True).stdout.strip()

    def ok(self, *args: str) -> bool:
        """``git ARGS`` succeeded (its output captured and dropped)."""
        return self.run(*args, check=False, capture=True, probe=True).returncode == 0

    def value(self, *args: str) -> str | None:
        """The output of ``git ARGS``, or None if it fails (a missing ref, an unset config key)."""
        done = self.run(*args, check=False, capture=True, probe=True)
        return done.stdout.strip() if done.returncode == 0 else None


def _verb(args: tuple[str, ...]) -> str:
    """The git command in ``args`` (``commit`` in ``-c user.name=x commit -m ...``)."""
    words = iter(args)
    for word in words:
        if word == "-c":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return "command"


def last_line(text: str | None) -> str:
    """The last non-empty line of ``text`` (git's reason for failing), without its ``fatal:`` prefix."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[-1]
    for prefix in ("fatal: ", "error: "):
        line = line.removeprefix(prefix)
    return line
