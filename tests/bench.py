"""The performance benchmark: ``python -m tests.bench`` (not part of the test run).

It writes boards of 0, 1,000 and 10,000 cards made from the demo board (every
stage and status, contacts, notes), then measures, several runs each:

- cold start to the first complete paint, as a whole process under a
  pseudo-terminal, next to a bare Textual app (Header, Static, Footer) started
  the same way in the same run; the peak RSS of both processes;
- in the running board at 10,000 cards (Textual's headless driver, which still
  lays out and renders every frame): a card move from key press to the next
  repaint and to the file being durable on disk; PgDn through the largest
  column to its end; typing a filter; opening the agenda;
- ``followup due --count`` and ``followup list --json`` as whole processes;
- one save of the 10,000-card file.

It prints a table, writes the figures as JSON (``--json PATH``), and exits 1
naming every budget that was missed. ``--quick`` does fewer runs.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import msgspec

from tests.pty_run import screen_words, spawn, terminal_env
from tui.demo import DEMO_NOW, DEMO_ZONE, build, shift
from tui.domain.model import Interview, Round
from tui.domain.wall import WallTime

if TYPE_CHECKING:
    from tests.textual_probes import FrameRecorder

NOW = DEMO_NOW.isoformat(timespec="minutes")
SIZE = (120, 36)
SIZES = (0, 1_000, 10_000)

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Header()
        yield Static("followup bench: bare app")
        yield Footer()

Bare().run()
"""

COMPANY_WORDS = (
    *("Northwind", "Harbour", "Juniper", "Atlas", "Copper", "Meridian", "Lumen", "Vantage", "Orchard"),
    *("Beacon", "Cobalt", "Halcyon", "Kestrel", "Larch", "Marlow", "Nimbus", "Osprey", "Pinnacle"),
    *("Quarry", "Redwood"),
)
COMPANY_KINDS = ("Analytics", "Logistics", "Health", "Labs", "Systems", "Bank", "Studio", "Energy")


@dataclasses.dataclass
class Figure:
    """One measured quantity: every run's value, reported as median and max."""

    name: str
    unit: str
    values: list[float]
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def max(self) -> float:
        return max(self.values) if self.values else float("nan")


@dataclasses.dataclass
class Budget:
    """A limit a figure (or a ratio of two) must stay within."""

    name: str
    limit: float
    value: float
    unit: str

    @property
    def met(self) -> bool:
        return self.value <= self.limit


# Boards -------------------------------------------------------------------------------------------


def make_cards(count: int) -> list[Callable[[int], Interview]]:
    """``count`` realistic cards: the demo's cards cycled with new companies and spread dates.

    Every card has 1 to 4 interview rounds: the demo's own, else its interview
    and up to three earlier ones a week apart (earlier rounds leave its stage
    and status as they were).
    """
    demo = build()
    makes: list[Callable[[int], Interview]] = []
    for n in range(count):
        card = demo[n % len(demo)]
        company = f"{COMPANY_WORDS[n % len(COMPANY_WORDS)]} {COMPANY_KINDS[n // 20 % 8]} {n // 160}"
        moved = with_rounds(shift(card, timedelta(days=-(n // len(demo) % 9))), n % 4)
        makes.append(_with(moved, company))
    return makes


ROUND_LABELS = ("phone screen", "technical", "panel")


def with_rounds(card: Interview, earlier: int) -> Interview:
    """``card`` with ``earlier`` rounds a week apart before its first (none added to one that has rounds)."""
    if card.rounds or not earlier:
        return card
    first = card.first_round
    met = first.met[:1]
    before = [
        Round(WallTime(first.at.local - timedelta(weeks=k), first.at.zone), ROUND_LABELS[k - 1], met)
        for k in range(earlier, 0, -1)
    ]
    return msgspec.structs.replace(card, rounds=(*before, first), interviewed_at=before[0].at)


def _with(card: Interview, company: str) -> Callable[[int], Interview]:
    return lambda card_id: msgspec.structs.replace(card, id=card_id, company=company)


def write_board(folder: Path, count: int) -> Path:
    from tui.store import Store

    path = folder / f"board-{count}.json"
    if count:
        Store(path).add_many(make_cards(count))
    return path


# Whole processes ------------------------------------------------------------------------------------


def paint_run(argv: Sequence[str], markers: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Start ``argv`` on a pseudo-terminal; seconds until every marker is on screen, and peak RSS in MiB."""
    start = time.perf_counter()
    pid, fd = spawn(argv, SIZE, cwd)
    painted: float | None = None
    seen = ""
    try:
        while painted is None:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise RuntimeError(f"no paint within 30 s: {argv}")
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"exited before painting: {argv}\n{screen_words(seen)[-400:]}")
            seen += chunk.decode("utf-8", "replace")
            text = screen_words(seen)
            if all(marker in text for marker in markers):
                painted = time.perf_counter() - start
        _drain(fd, 0.5)  # let the start-up settle (the greeting toast), then read the high-water mark
        peak = _peak_rss(pid)
        os.write(fd, b"q")
        _drain(fd, 10)
    finally:
        if painted is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    if status:
        raise RuntimeError(f"{argv} exited with status {status}")
    return painted, peak


def _peak_rss(pid: int) -> float:
    """The process's peak resident memory in MiB (``VmHWM``; unlike ru_maxrss it restarts at exec)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc")


def _drain(fd: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def board_argv(board: Path) -> list[str]:
    return [sys.executable, "-m", "tui", "--db", str(board), "--now", NOW, "--tz", DEMO_ZONE]


def cli_seconds(board: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [*board_argv(board), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        env=terminal_env(),
        stdin=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


# Inside the running board -------------------------------------------------------------------------


async def _first_frame_after(recorder: FrameRecorder, since: float, timeout: float = 5.0) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        frame = recorder.first_after(since)
        if frame is not None:
            return frame.at - since
        await asyncio.sleep(0.0005)
    raise RuntimeError("no frame after the key")


async def in_board(board: Path, runs: int) -> list[Figure]:
    from tests.textual_probes import FrameRecorder
    from tui.app import FollowupApp
    from tui.config import Settings
    from tui.domain.clock import FixedClock
    from tui.domain.stages import Stage
    from tui.store import Store

    clock = FixedClock(DEMO_NOW.replace(tzinfo=ZoneInfo(DEMO_ZONE)), DEMO_ZONE)
    app = FollowupApp(Store(board), clock, Settings(), watch_interval=3600)
    repaint: list[float] = []
    durable: list[float] = []
    scroll: list[float] = []
    filtering: list[float] = []
    agenda: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        app.clear_notifications()
        with FrameRecorder(app) as recorder:

            async def press(key: str) -> float:
                await pilot.pause(0.03)
                since = time.perf_counter()
                await pilot.press(key)
                return await _first_frame_after(recorder, since)

            async def tap(key: str) -> None:
                await pilot.press(key)
                await pilot.pause(0.05)

            # A card move, forwards then back, from the first column.
            for run in range(runs * 2):
                key = ">" if run % 2 == 0 else "<"
                file = app.store.file
                before = file.stat().st_ino
                since = time.perf_counter()
                await pilot.press(key)
                repaint.append(await _first_frame_after(recorder, since))
                while app.is_saving or file.stat().st_ino == before:
                    await asyncio.sleep(0.0005)
                durable.append(time.perf_counter() - since)

            # PgDn through the largest column to its end.
            counts = app.state.stage_counts
            biggest = max(Stage, key=lambda stage: counts[stage])
            for _ in range(list(Stage).index(biggest)):
                await tap("right")
            await tap("home")
            board_screen = app.screen
            column = board_screen.query_one(f"#cards-{biggest.value}")
            steps = 0
            while True:
                scroll.append(await press("pagedown"))
                steps += 1
                if column.cursor >= counts[biggest] - 1 or steps > counts[biggest]:  # type: ignore[attr-defined]
                    break
            scroll_note = f"{steps} steps through {counts[biggest]:,} cards ({biggest.label})"

            # Typing a filter, a key at a time, then clearing it.
            for _ in range(runs):
                await press("slash")
                for letter in "harbour":
                    filtering.append(await press(letter))
                await tap("escape")
                await tap("escape")

            # The agenda.
            for _ in range(runs):
                agenda.append(await press("t"))
                await tap("escape")
    return [
        Figure("move key to repaint", "ms", [v * 1000 for v in repaint]),
        Figure("move key to durable on disk", "ms", [v * 1000 for v in durable]),
        Figure("scroll step (PgDn)", "ms", [v * 1000 for v in scroll], scroll_note),
        Figure("filter keystroke", "ms", [v * 1000 for v in filtering]),
        Figure("open agenda", "ms", [v * 1000 for v in agenda]),
    ]


def save_seconds(board: Path, runs: int) -> list[float]:
    from tui.store import Store

    store = Store(board)
    card = store.get(1)
    times = []
    for n in range(runs):
        changed = msgspec.structs.replace(card, notes=f"{card.notes}\nsave {n}")
        start = time.perf_counter()
        store.put(changed)
        times.append(time.perf_counter() - start)
    store.put(card)
    return times


# The run --------------------------------------------------------------------------------------------


PARTS = ("start", "cli", "inside")


def compile_package() -> None:
    """Write the package's bytecode, as installing it does (``pip install .`` compiles every module).

    Run from a source checkout with ``PYTHONDONTWRITEBYTECODE`` set, every start
    would otherwise compile our modules again (some 50 ms), which no installed
    copy does; Textual, in site-packages, was compiled when it was installed.
    """
    import compileall

    import tui

    compileall.compile_dir(str(Path(tui.__file__).parent), quiet=1)


def measure(
    runs: int, sizes: Sequence[int], folder: Path, parts: Sequence[str] = PARTS
) -> tuple[list[Figure], list[Budget]]:
    figures: list[Figure] = []
    compile_package()
    boards = {n: write_board(folder, n) for n in sizes}
    bare_paint = Figure("first paint: bare Textual app", "ms", [])
    bare_rss = Figure("peak RSS: bare Textual app", "MiB", [])
    paints = {n: Figure(f"first paint: board, {n:,} cards", "ms", []) for n in sizes}
    rss = {n: Figure(f"peak RSS: board, {n:,} cards", "MiB", []) for n in sizes}
    if "start" in parts:
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE_APP, encoding="utf-8")
        for _ in range(runs):  # interleaved, so a busy moment of the machine hits both alike
            paint, peak = paint_run([sys.executable, str(bare_script)], ["bare app", "Quit"], folder)
            bare_paint.values.append(paint * 1000)
            bare_rss.values.append(peak)
            for n in sizes:
                markers = ["Closed", "Quit"] if n else ["followup --demo", "Quit"]  # the empty board: a hint
                paint, peak = paint_run(board_argv(boards[n]), markers, folder)
                paints[n].values.append(paint * 1000)
                rss[n].values.append(peak)
        figures += [bare_paint, bare_rss]
        for n in sizes:
            figures += [paints[n], rss[n]]

    cli: dict[tuple[str, int], Figure] = {}
    for n in sizes if "cli" in parts else ():
        if not n:
            continue
        for args in (("due", "--count"), ("list", "--json")):
            name = " ".join(args)
            cli[name, n] = Figure(
                f"followup {name}, {n:,} cards",
                "ms",
                [cli_seconds(boards[n], *args) * 1000 for _ in range(runs)],
            )
            figures.append(cli[name, n])

    biggest = max(sizes)
    if biggest and "inside" in parts:
        figures.append(
            Figure(f"save, {biggest:,} cards", "ms", [s * 1000 for s in save_seconds(boards[biggest], runs)])
        )
        inside = asyncio.run(in_board(boards[biggest], runs))
        for figure in inside:
            figure.name = f"{figure.name}, {biggest:,} cards"
        figures += inside
    return figures, budgets(figures, bare_paint, bare_rss, paints, rss, cli)


def budgets(
    figures: list[Figure],
    bare_paint: Figure,
    bare_rss: Figure,
    paints: dict[int, Figure],
    rss: dict[int, Figure],
    cli: dict[tuple[str, int], Figure],
) -> list[Budget]:
    found = {figure.name: figure for figure in figures}
    result: list[Budget] = []
    for n, limit in ((1_000, 1.3), (10_000, 1.6)):
        if n in paints and paints[n].values:
            ratio = paints[n].median / bare_paint.median
            result.append(Budget(f"first paint at {n:,} cards / bare app", limit, ratio, "x"))
    if 10_000 in rss and rss[10_000].values:
        result.append(
            Budget("peak RSS at 10,000 cards / bare app", 2.0, rss[10_000].median / bare_rss.median, "x")
        )
    if ("due --count", 1_000) in cli:
        result.append(
            Budget("followup due --count at 1,000 cards", 300, cli["due --count", 1_000].median, "ms")
        )
    at_10k = {
        "move key to repaint, 10,000 cards": ("median", 16.0),
        "move key to durable on disk, 10,000 cards": ("max", 250.0),
        "scroll step (PgDn), 10,000 cards": ("max", 50.0),
        "filter keystroke, 10,000 cards": ("max", 50.0),
        "open agenda, 10,000 cards": ("max", 50.0),
    }
    for name, (which, limit) in at_10k.items():
        if name in found:
            value = found[name].median if which == "median" else found[name].max
            result.append(Budget(f"{name} ({which})", limit, value, "ms"))
    return result


def machine() -> dict[str, Any]:
    import textual

    cpu = platform.processor() or platform.machine()
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "textual": textual.__version__,
        "system": f"{platform.system()} {platform.release()}",
    }


def report(figures: list[Figure], checks: list[Budget], info: dict[str, Any]) -> str:
    lines = [f"followup benchmark · {info['cpu']} · {info['cores']} cores · Python {info['python']}", ""]
    width = max(len(f.name) for f in figures)
    lines.append(f"{'figure':<{width}}  {'median':>9}  {'max':>9}  unit")
    for f in figures:
        lines.append(
            f"{f.name:<{width}}  {f.median:>9.1f}  {f.max:>9.1f}  {f.unit}{'  ' + f.note if f.note else ''}"
        )
    lines += ["", "budgets:"]
    for b in checks:
        mark = "ok  " if b.met else "MISS"
        lines.append(f"  {mark} {b.name}: {b.value:.2f} {b.unit} (limit {b.limit:g} {b.unit})")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="three runs per figure")
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="board sizes (default 0,1000,10000)"
    )
    parser.add_argument("--only", choices=PARTS, action="append", help="measure only this part (repeatable)")
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"), help="where the figures go")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as folder:
        figures, checks = measure(runs, sizes, Path(folder), args.only or PARTS)
    info = machine()
    print(report(figures, checks, info))
    args.json.write_text(
        json.dumps(
            {
                "machine": info,
                "runs": runs,
                "figures": [
                    {
                        "name": f.name,
                        "unit": f.unit,
                        "median": f.median,
                        "max": f.max,
                        "values": f.values,
                        "note": f.note,
                    }
                    for f in figures
                ],
                "budgets": [dataclasses.asdict(b) | {"met": b.met} for b in checks],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    missed = [b.name for b in checks if not b.met]
    if missed:
        print("\nmissed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
