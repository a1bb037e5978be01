"""Damaged stores, interrupted and concurrent creation, a full disk (issue 12, defects 6, 11
and 14): one clear StoreError naming the file and what to do, never a traceback, never rows
read from a damaged file, never a half-made store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pourparler.store import Store, StoreError, ingest
from test_store import ScriptCoder, article

#: Enough articles of enough text that the store spans many DuckDB blocks (256 KiB each).
_N_ARTICLES, _TEXT_BYTES = 400, 2000


def _articles(n: int, start: int = 0) -> list[Any]:
    return [article(f"a{i}", f"Report {i} {os.urandom(_TEXT_BYTES // 2).hex()}\n"
                             f"RUS>UKR:190@2022-03-{1 + i % 28:02d}")
            for i in range(start, start + n)]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("damage") / "intact.duckdb"
    ingest(Store(path), _articles(_N_ARTICLES), ScriptCoder(), batch_size=100)
    return path


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.2])
def test_a_truncated_store_is_refused_and_no_read_returns_rows(big_store: Path, tmp_path: Path,
                                                               keep: float) -> None:
    cut = _copy(big_store, tmp_path / "cut.duckdb")
    with cut.open("r+b") as fh:
        fh.truncate(int(cut.stat().st_size * keep))
    for read_only in (True, False):
        with pytest.raises(StoreError) as info:
            store = Store(cut, read_only=read_only, lock_wait=1)
            store.dyads()  # before: rows from what was left, while events() gave a traceback
        message = str(info.value)
        assert str(cut) in message and "damaged" in message and "truncated" in message
        assert f"pourparler ingest --db {cut}" in message


def test_an_intact_store_passes_the_check(big_store: Path) -> None:
    store = Store(big_store, read_only=True)
    assert store.counts()["articles"] == _N_ARTICLES
    assert store.dyads()


def test_a_corrupt_block_is_damage_not_a_lock(big_store: Path, tmp_path: Path) -> None:
    bad = _copy(big_store, tmp_path / "corrupt.duckdb")
    with bad.open("r+b") as fh:  # garbage over the first data block (after the 3 headers)
        fh.seek(3 * 4096 + 100)
        fh.write(b"\xa5" * 5000)
    with pytest.raises(StoreError) as info:
        Store(bad, read_only=True, lock_wait=1).events()
    message = str(info.value)
    assert "damaged" in message and "in use" not in message and str(bad) in message


def test_lock_detection_matches_duckdbs_lock_error_only(tmp_path: Path) -> None:
    from pourparler.store._file import is_lock_error

    path = tmp_path / "held.duckdb"
    Store(path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(path)!r})
        print("held", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(duckdb.Error) as real:
            duckdb.connect(str(path), read_only=True)
        assert is_lock_error(real.value)
        with pytest.raises(StoreError, match="still in use by another process"):
            Store(path, read_only=True, lock_wait=0.2)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    block = duckdb.Error("Corrupt database file: computed checksum 1 does not match stored "
                         "checksum 2 in block at location 274432")
    assert not is_lock_error(block)


def test_a_creation_interrupted_leaves_no_store_and_the_next_one_works(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pourparler.store._db as db_module

    real_migrate = db_module.migrate
    path = tmp_path / "new.duckdb"

    def interrupted(con: Any, where: Path, current: int, *args: Any) -> int:
        if current == 0:  # the schema half made, then the process "dies"
            con.execute("CREATE TABLE pourparler_meta (key VARCHAR, value VARCHAR)")
            raise KeyboardInterrupt
        return real_migrate(con, where, current, *args)

    monkeypatch.setattr(db_module, "migrate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Store(path)
    monkeypatch.setattr(db_module, "migrate", real_migrate)
    assert not path.exists()  # before: a half-made file every command refused
    assert not list(tmp_path.glob(".new.duckdb.*"))
    ingest(Store(path), _articles(3), ScriptCoder())
    assert Store(path, read_only=True).counts()["articles"] == 3


def test_a_stale_temporary_file_of_a_killed_creator_is_cleaned(tmp_path: Path) -> None:
    stale = tmp_path / ".new.duckdb.12345.abcd.creating"
    stale.write_bytes(b"half a database")
    Store(tmp_path / "new.duckdb")
    assert not stale.exists()
    assert Store(tmp_path / "new.duckdb", read_only=True).counts()["articles"] == 0


_CREATOR = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_store import ScriptCoder, article
    from pourparler.store import Store, ingest
    i = int(sys.argv[2])
    # a barrier: every creator starts the moment the last one is ready
    ready = Path(sys.argv[1] + f".ready{{i}}")
    ready.touch()
    deadline = time.time() + 60
    while len(list(ready.parent.glob("*.ready*"))) < {n} and time.time() < deadline:
        time.sleep(0.001)
    arts = [article(f"c{{i}}", f"Creator {{i}}.\\nRUS>UKR:190@2022-03-01")]
    report = ingest(Store(sys.argv[1]), arts, ScriptCoder())
    print(json.dumps(report.to_dict()))
""")


def test_concurrent_creators_of_one_store_all_succeed(tmp_path: Path) -> None:
    path = tmp_path / "race.duckdb"
    n = 4
    script = _CREATOR.format(tests=str(Path(__file__).parent), n=n)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(path), str(i)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(n)]
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err  # before: one crashed with a traceback
        assert json.loads(out)["added"] == 1
    assert Store(path, read_only=True).counts()["articles"] == n


def test_a_full_disk_is_one_clear_error_and_the_store_stays_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pourparler.store._db as db_module

    path = tmp_path / "full.duckdb"
    ingest(Store(path), _articles(4), ScriptCoder())
    real_write = db_module.write_batch
    calls = {"n": 0}

    def fill_up(con: Any, batch: Any, stats: Any) -> None:
        real_write(con, batch[:1], stats)  # part of the batch written, then no room
        calls["n"] += 1
        raise duckdb.IOException(f'IO Error: Could not write file "{path}.wal": No space '
                                 "left on device")

    monkeypatch.setattr(db_module, "write_batch", fill_up)
    with pytest.raises(StoreError) as info:
        ingest(Store(path), _articles(4, start=10), ScriptCoder())
    assert calls["n"] == 1
    message = str(info.value)
    assert str(path) in message and "disk is full" in message and "run the same" in message
    monkeypatch.setattr(db_module, "write_batch", real_write)
    counts = Store(path, read_only=True).counts()
    assert counts["articles"] == 4 and counts["mentions"] == 4  # nothing half-written


_FSIZE_WRITER = textwrap.dedent("""
    import os, resource, signal, sys
    sys.path.insert(0, {tests!r})
    from test_store_damage import _articles
    from test_store import ScriptCoder
    from pourparler.errors import StoreError
    from pourparler.store import Store, ingest
    path = sys.argv[1]
    Store(path)
    # a real write failure inside DuckDB: the file may grow by so much, no more
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(path) + 300_000,
                                               resource.RLIM_INFINITY))
    try:
        ingest(Store(path), _articles(300), ScriptCoder(), batch_size=20)
    except StoreError as exc:
        print(exc)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_real_write_failure_in_duckdb_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "limited.duckdb"
    script = _FSIZE_WRITER.format(tests=str(Path(__file__).parent))
    run = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "no room to write" in run.stdout and str(path) in run.stdout
    counts = Store(path, read_only=True).counts()
    assert 0 < counts["articles"] < 300 and counts["mentions"] == counts["articles"]


def test_a_store_in_a_missing_directory_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir" / "events.duckdb"
    with pytest.raises(StoreError, match="cannot create the store"):
        Store(path)
    assert not path.parent.exists()


def _block_of(path: Path, table: str, column: str) -> int:
    """A data block holding only ``table.column`` segments (the last such)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT block_id, column_name, table_name FROM ("
                           + " UNION ALL ".join(
                               f"SELECT block_id, column_name, '{t}' AS table_name FROM "
                               f"pragma_storage_info('{t}') WHERE persistent"
                               for t in ("articles", "events", "mentions", "actors",
                                         "pourparler_meta")) + ")").fetchall()
    finally:
        con.close()
    owners: dict[int, set[tuple[str, str]]] = {}
    for block, col, tab in rows:
        owners.setdefault(int(block), set()).add((tab, col))
    only = [b for b, who in owners.items() if who == {(table, column)}]
    assert only, owners
    return max(only)


def test_check_reads_every_block_and_finds_damage_a_query_misses(big_store: Path,
                                                                 tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pourparler.cli import app

    assert Store(big_store, read_only=True).verify()["articles"] == _N_ARTICLES
    ok = CliRunner().invoke(app, ["check", "--db", str(big_store)])
    assert ok.exit_code == 0 and "intact" in ok.stderr and f"{_N_ARTICLES} articles" in ok.stderr

    bad = _copy(big_store, tmp_path / "text-block.duckdb")
    block = _block_of(bad, "articles", "text")
    with bad.open("r+b") as fh:  # damage inside a block of article texts only
        fh.seek(3 * 4096 + block * 256 * 1024 + 4096)
        fh.write(b"\x5a" * 2048)
    assert Store(bad, read_only=True).dyads()  # a query that reads no text does not see it
    with pytest.raises(StoreError, match="damaged"):
        Store(bad, read_only=True).verify()
    result = CliRunner().invoke(app, ["check", "--db", str(bad)])
    assert result.exit_code == 1 and "damaged" in result.stderr and "Traceback" not in \
        result.stderr
