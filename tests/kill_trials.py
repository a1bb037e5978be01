"""kill -9 trials shared by tests/test_kill.py (about ten of each in CI) and
benchmarks/kill.py (many more): a child process (forked, so no interpreter start-up per
trial) creates a store or ingests into it and is killed with SIGKILL at a random moment;
then the store must open, hold every article the child had reported committed, and hold no
half-written article. While the child writes, the parent reads the store, and every read
must be a committed state.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pourparler.model import Article
from pourparler.store import Store, ingest
from test_store import ScriptCoder, article

#: Records per article the ScriptCoder gives the trial articles (see _articles).
RECORDS_PER_ARTICLE = 2
#: Longest kill delay in a creation trial: creating a store takes ~200 ms on a loaded
#: two-core machine, so delays up to 300 ms fall before, during and just after it.
CREATION_WINDOW = 0.3
#: Half the creation kills fall within this much of the start: the first milliseconds, when
#: a store created in place is still an empty DuckDB file, are where creation used to break.
EARLY_WINDOW = 0.04
#: Longest kill delay in an ingest trial, and the child's pause between batches: with
#: ARTICLES_PER_TRIAL articles in batches of 4, a child needs over INGEST_WINDOW seconds on
#: any machine, so the kill falls while it writes.
INGEST_WINDOW, INGEST_PAUSE = 0.5, 0.02
ARTICLES_PER_TRIAL = 120


def _articles(n: int, start: int = 0) -> list[Article]:
    return [article(f"art-{i:05d}", f"Report {i}.\nRUS>UKR:190@2022-03-{1 + i % 28:02d}\n"
                                    f"USA>RUS:163@2022-04-{1 + i % 28:02d}")
            for i in range(start, start + n)]


@dataclass
class TrialStats:
    trials: int = 0
    killed_mid_write: int = 0  # the child had not finished when it was killed
    committed_seen: int = 0    # articles the children reported committed, over all trials
    lost: int = 0              # of those, missing from the store after the kill
    half_written: int = 0      # articles stored without all their records
    reads: int = 0             # reads made while a child wrote
    inconsistent_reads: int = 0
    problems: list[str] = field(default_factory=list)


def _fork(work: object, *args: object) -> tuple[int, int]:
    """Run ``work(*args, report_fd)`` in a forked child; (pid, read end of its reports)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        os.close(r)
        code = 0
        try:
            work(*args, w)  # type: ignore[operator]
        except BaseException:
            code = 1
        os._exit(code)
    os.close(w)
    return pid, r


def _drain(fd: int) -> list[str]:
    out = b""
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
    return out.decode().split()


def _create_child(path: Path, fd: int) -> None:
    ingest(Store(path), _articles(2), ScriptCoder())
    os.write(fd, b"art-00000 art-00001\n")


def _ingest_child(path: Path, first: int, batch: int, fd: int) -> None:
    arts = _articles(ARTICLES_PER_TRIAL, first)
    store = Store(path)
    for start in range(0, len(arts), batch):
        chunk = arts[start:start + batch]
        ingest(store, chunk, ScriptCoder(), batch_size=batch)
        # reported only once ingest returned, i.e. after the commit
        os.write(fd, (" ".join(a.id for a in chunk) + "\n").encode())
        time.sleep(INGEST_PAUSE)


def check_store(path: Path, committed: set[str], stats: TrialStats) -> None:
    """The store opens; every committed article is there, each with all its records."""
    counts = Store(path, read_only=True, lock_wait=10).counts()  # opens through our checks
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT a.id, count(m.uid) FROM articles a LEFT JOIN mentions m "
                           "ON m.article_id = a.id GROUP BY a.id").fetchall()
    finally:
        con.close()
    stored = {r[0] for r in rows}
    lost = committed - stored
    stats.lost += len(lost)
    if lost:
        stats.problems.append(f"{path.name}: lost {sorted(lost)[:5]}")
    partial = [r for r in rows if r[1] != RECORDS_PER_ARTICLE]
    if partial or counts["mentions"] != RECORDS_PER_ARTICLE * counts["articles"]:
        stats.half_written += max(len(partial), 1)
        stats.problems.append(f"{path.name}: {counts}, partial {partial[:5]}")


def creation_trials(tmp: Path, trials: int, rng: random.Random) -> TrialStats:
    """Kill a child while it creates a new store (and writes its first batch)."""
    stats = TrialStats()
    for trial in range(trials):
        path = tmp / f"create-{trial}.duckdb"
        pid, fd = _fork(_create_child, path)
        time.sleep(rng.uniform(0, EARLY_WINDOW if trial % 2 == 0 else CREATION_WINDOW))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        committed = set(_drain(fd))
        os.close(fd)
        stats.trials += 1
        stats.killed_mid_write += os.WIFSIGNALED(status)
        stats.committed_seen += len(committed)
        if path.exists():  # a kill after the link: a whole store
            check_store(path, committed, stats)
        # whatever the moment of the kill, the next command works and finishes the job
        ingest(Store(path), _articles(2), ScriptCoder())
        check_store(path, {"art-00000", "art-00001"}, stats)
        leftovers = [p.name for p in tmp.glob(f".{path.name}.*")]
        if leftovers:
            stats.problems.append(f"left over: {leftovers}")
    return stats


def ingest_trials(tmp: Path, trials: int, rng: random.Random, batch: int = 4) -> TrialStats:
    """Kill a child while it ingests new articles into one store, trial after trial, reading
    the store meanwhile; then re-run the last trial's ingest, which must finish it."""
    stats = TrialStats()
    path = tmp / "ingest.duckdb"
    committed: set[str] = set()
    first = 0
    for trial in range(trials):
        first = trial * ARTICLES_PER_TRIAL
        pid, fd = _fork(_ingest_child, path, first, batch)
        deadline = time.monotonic() + rng.uniform(0.05, INGEST_WINDOW)
        while time.monotonic() < deadline:
            if path.exists():
                _read_during_write(path, stats)
            time.sleep(0.02)
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        committed |= set(_drain(fd))
        os.close(fd)
        stats.trials += 1
        stats.killed_mid_write += os.WIFSIGNALED(status)
        check_store(path, committed, stats)
    stats.committed_seen = len(committed)
    last = _articles(ARTICLES_PER_TRIAL, first)
    ingest(Store(path), last, ScriptCoder(), batch_size=len(last))
    check_store(path, committed | {a.id for a in last}, stats)
    return stats


def _read_during_write(path: Path, stats: TrialStats) -> None:
    from pourparler.errors import StoreError

    try:
        counts = Store(path, read_only=True, lock_wait=10).counts()
    except StoreError as exc:  # the child creating it right now: not yet there
        if "no such store" in str(exc):
            return
        raise
    stats.reads += 1
    if counts["mentions"] != RECORDS_PER_ARTICLE * counts["articles"]:
        stats.inconsistent_reads += 1
        stats.problems.append(f"read mid-write: {counts}")
