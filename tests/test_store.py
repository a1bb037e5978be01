"""The event store: idempotent ingest, dedup across articles, queries, dyads, durability,
reading while writing, bad files. Most tests use synthetic records (coding is not the point);
one codes a French and an English article of our own writing on the same act."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pourparler.events.ontology import cameo_code, plover_for
from pourparler.model import Actor, Article, Event, Evidence
from pourparler.pipeline import ArticleResult
from pourparler.store import (
    DEDUP_WINDOW_DAYS,
    SCHEMA_VERSION,
    CodedArticle,
    EventFilter,
    EventSort,
    Store,
    StoredEvent,
    StoreError,
    ingest,
)

_NAMES = {"RUS": "Russia", "UKR": "Ukraine", "USA": "United States", "FRA": "France",
          "NATO": "NATO"}


def actor(code: str, sector: str | None = None) -> Actor:
    org = code if code == "NATO" else None
    return Actor(name=_NAMES.get(code, code), text=_NAMES.get(code, code),
                 country=None if org else code, org=org, sector=sector,
                 cameo=("IGOWSTNAT" if org else code) + (sector or ""))


def record(article_id: str, src: str, tgt: str, code: str, day: str, *, sentence: int = 0,
           status: str = "asserted", text: str = "", sector: str | None = None) -> Event:
    info = cameo_code(code)
    plover, mode = plover_for(code)
    sentence_text = text or f"{_NAMES.get(src, src)} acted towards {_NAMES.get(tgt, tgt)}."
    return Event(article_id=article_id, sentence=sentence, source=actor(src, sector),
                 target=actor(tgt), cameo=code, root=code[:2], quad_class=info.quad_class,
                 goldstein=info.goldstein, plover=plover, plover_mode=mode,
                 status=status,  # type: ignore[arg-type]
                 date=day, date_precision="day",
                 evidence=Evidence(sentence_text, 0, len(sentence_text)), lang="en",
                 rule="test/synthetic", confidence=0.7)


def article(article_id: str, text: str | None = None, outlet: str | None = None) -> Article:
    return Article(id=article_id, text=text or f"Text of article {article_id}.",
                   published=date(2022, 2, 24), lang="en", outlet=outlet)


class ScriptCoder:
    """Codes an article from a script in its text: ``RUS>UKR:190@2022-02-24`` per line."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def code(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for a in articles:
            self.seen.append(a.id)
            events = []
            for i, line in enumerate(a.text.splitlines()):
                if ">" in line:
                    dyad, _, rest = line.partition(":")
                    code, _, day = rest.partition("@")
                    src, _, tgt = dyad.partition(">")
                    events.append(record(a.id, src, tgt, code, day.strip(), sentence=i,
                                         text=line))
            yield ArticleResult(a.id, events=events, lang="en")


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


# --- idempotence -----------------------------------------------------------------------------

def test_ingesting_twice_adds_nothing_and_codes_nothing(db: Path) -> None:
    arts = [article("a1", "RUS>UKR:190@2022-02-24\nUSA>RUS:163@2022-02-25"),
            article("a2", "FRA>RUS:036@2022-02-07")]
    coder = ScriptCoder()
    first = ingest(Store(db), arts, coder)
    counts = Store(db, read_only=True).counts()
    assert (first.added, counts["articles"], counts["events"], counts["mentions"]) == (2, 2, 3, 3)
    again = ingest(Store(db), arts, coder)
    assert again.added == 0 and again.unchanged == 2
    assert Store(db, read_only=True).counts() == counts
    assert coder.seen == ["a1", "a2"]  # the second run coded nothing


def test_same_text_under_another_id_adds_nothing(db: Path) -> None:
    ingest(Store(db), [article("a1", "RUS>UKR:190@2022-02-24")], ScriptCoder())
    report = ingest(Store(db), [article("copy", "  rus>ukr:190@2022-02-24 ")], ScriptCoder())
    assert report.duplicates == 1
    assert Store(db, read_only=True).counts()["articles"] == 1


def test_changed_article_replaces_its_events(db: Path) -> None:
    store = Store(db)
    ingest(store, [article("a1", "RUS>UKR:190@2022-02-24", outlet="Wire"),
                   article("a2", "RUS>UKR:190@2022-02-24\nFRA>RUS:036@2022-02-07",
                           outlet="Daily")], ScriptCoder())
    shared = store.events(EventFilter(cameo="190"))
    assert len(shared) == 1 and shared[0].num_articles == 2
    report = ingest(store, [article("a2", "USA>RUS:163@2022-03-01", outlet="Daily")],
                    ScriptCoder())
    assert report.replaced == 1
    codes = sorted(e.record.cameo for e in store.events())
    assert codes == ["163", "190"]  # the 036 of the old text is gone
    attack = store.events(EventFilter(cameo="190"))[0]
    assert (attack.num_mentions, attack.num_articles, attack.num_sources) == (1, 1, 1)
    assert store.counts()["mentions"] == 2


def test_replacing_the_first_report_redescribes_the_event(db: Path) -> None:
    store = Store(db)
    ingest(store, [article("first", "RUS>UKR:190@2022-02-24"),
                   article("second", "RUS>UKR:190@2022-02-25")], ScriptCoder(), batch_size=1)
    ingest(store, [article("first", "FRA>RUS:036@2022-02-07")], ScriptCoder())
    attack = store.events(EventFilter(cameo="190"))
    assert len(attack) == 1
    assert attack[0].record.article_id == "second" and attack[0].record.date == "2022-02-25"


# --- one event per act -----------------------------------------------------------------------

def test_reports_of_one_act_in_several_articles_are_one_event(db: Path) -> None:
    store = Store(db)
    ingest(store, [article("wire", "RUS>UKR:190@2022-02-24", outlet="Wire"),
                   article("paper", "RUS>UKR:190@2022-02-25\nRUS>UKR:190@2022-02-24",
                           outlet="Paper"),
                   article("blog", "RUS>UKR:190@2022-02-24\nMore later.", outlet="Wire")],
           ScriptCoder())
    events = store.events()
    assert len(events) == 1
    assert (events[0].num_mentions, events[0].num_sources, events[0].num_articles) == (4, 2, 3)
    assert [m.record.article_id for m in store.mentions_of(events[0].gid)] == \
        ["wire", "paper", "paper", "blog"]


def test_role_does_not_split_an_act_but_code_status_and_direction_do(db: Path) -> None:
    store = Store(db)
    batch = [CodedArticle(article("x"), [
        record("x", "RUS", "UKR", "190", "2022-02-24", sector="MIL"),
        record("x", "RUS", "UKR", "190", "2022-02-24", sentence=1),
        record("x", "RUS", "UKR", "190", "2022-02-24", sentence=2, status="negated"),
        record("x", "RUS", "UKR", "138", "2022-02-24", sentence=3),
        record("x", "UKR", "RUS", "190", "2022-02-24", sentence=4),
    ])]
    store.write(batch)
    assert store.counts()["events"] == 4


def test_date_window_is_measured_from_the_first_report_not_chained(db: Path) -> None:
    store = Store(db)
    days = ["2022-03-01", "2022-03-02", "2022-03-03", "2022-03-10"]
    for i, day in enumerate(days):
        store.write([CodedArticle(article(f"a{i}"), [record(f"a{i}", "RUS", "UKR", "190", day)])])
    assert DEDUP_WINDOW_DAYS == 1
    events = store.events()
    assert [e.record.date for e in events] == ["2022-03-01", "2022-03-03", "2022-03-10"]
    assert [e.num_articles for e in events] == [2, 1, 1]


# --- queries ---------------------------------------------------------------------------------

@pytest.fixture()
def filled(db: Path) -> Store:
    store = Store(db)
    store.write([
        CodedArticle(article("a1"), [
            record("a1", "RUS", "UKR", "138", "2022-01-10", text="Moscow threatened Kyiv."),
            record("a1", "USA", "RUS", "163", "2022-01-11", sentence=1),
        ]),
        CodedArticle(article("a2"), [
            record("a2", "RUS", "UKR", "190", "2022-02-24", text="Russian tanks crossed in."),
            record("a2", "FRA", "RUS", "036", "2022-02-07", sentence=1),
            record("a2", "RUS", "UKR", "0874", "2022-02-21", sentence=2),
            record("a2", "NATO", "RUS", "130", "2022-02-22", sentence=3),
        ]),
    ])
    return Store(db, read_only=True)


def test_query_filters(filled: Store) -> None:
    def codes(**kw: object) -> list[str]:
        return [e.record.cameo for e in filled.events(EventFilter(**kw))]  # type: ignore[arg-type]

    assert codes(source="RUS") == ["138", "0874", "190"]
    assert codes(source="rus", target="UKR", since=date(2022, 2, 1)) == ["0874", "190"]
    assert codes(target="RUS", until=date(2022, 2, 10)) == ["163", "036"]
    assert codes(plover="threaten") == ["138", "130"]
    assert codes(cameo="13") == ["138", "130"]
    assert codes(cameo="0874") == ["0874"]
    assert codes(source="NATO") == ["130"]
    assert codes(source="IGOWST") == ["130"]  # a CAMEO code prefix
    assert codes(text="TANKS crossed") == ["190"]
    assert codes(text="tanks Kyiv") == []
    assert codes(text="100%") == []


def test_event_json_is_the_design_record_with_counts(filled: Store) -> None:
    out = filled.events(EventFilter(cameo="190"))[0].to_dict()
    assert out["evidence"]["text"] == "Russian tanks crossed in."
    assert out["source"]["country"] == "RUS" and out["cameo"] == "190"
    assert (out["num_mentions"], out["num_sources"], out["num_articles"]) == (1, 1, 1)
    assert isinstance(out["global_event_id"], int)


def test_dyads_by_period(filled: Store) -> None:
    by_month = filled.dyads(by="month", dyads=[("RUS", "UKR")])
    assert [(r.period.isoformat(), r.events) for r in by_month] == \
        [("2022-01-01", 1), ("2022-02-01", 2)]
    feb = by_month[1]
    assert (feb.verbal_coop, feb.material_coop, feb.verbal_conflict, feb.material_conflict) == \
        (0, 1, 0, 1)
    expected = cameo_code("190").goldstein + cameo_code("0874").goldstein
    assert feb.goldstein_sum == pytest.approx(expected)
    assert feb.goldstein_mean == pytest.approx(expected / 2)
    by_week = filled.dyads(by="week", dyads=[("RUS", "UKR")])
    assert [r.period.isoformat() for r in by_week] == ["2022-01-10", "2022-02-21"]  # Mondays
    assert [r.events for r in by_week] == [1, 2]
    both = filled.dyads(by="month", dyads=[("UKR", "RUS")], undirected=True)
    assert sum(r.events for r in both) == 3
    every = filled.dyads(by="day")
    assert {(r.source, r.target) for r in every} == {("RUS", "UKR"), ("USA", "RUS"),
                                                     ("FRA", "RUS"), ("NATO", "RUS")}


def test_dyads_count_only_asserted_and_future_events(db: Path) -> None:
    store = Store(db)
    store.write([CodedArticle(article("a"), [
        record("a", "RUS", "UKR", "190", "2022-02-24", status="negated"),
        record("a", "RUS", "UKR", "138", "2022-02-24", sentence=1, status="future"),
    ])])
    assert [r.events for r in store.dyads(by="day")] == [1]


# --- pages and articles ----------------------------------------------------------------------

PAGED_ARTICLES = 24
REPEATED_ACTS = 6


@pytest.fixture()
def paged(db: Path) -> Store:
    """Events with ties on every sort key but the id: few codes, dyads, days and confidences;
    some undated; some acts reported by several articles (more than one mention)."""
    dyads = (("RUS", "UKR"), ("USA", "RUS"), ("FRA", "RUS"))
    codes = ("042", "130", "190", "036")
    batch = []
    for i in range(PAGED_ARTICLES):
        aid = f"p{i:02d}"
        src, tgt = dyads[i % len(dyads)]
        day = (date(2022, 1, 1) + timedelta(days=3 * (i % 7))).isoformat()
        act = i % REPEATED_ACTS  # the first record restates one of a few acts
        first = record(aid, *dyads[act % len(dyads)], codes[act % len(codes)],
                       f"2022-01-0{1 + act}")
        second = record(aid, tgt, src, codes[(i + 1) % len(codes)], day, sentence=1)
        if i % 5 == 0:
            second = replace(second, date=None, date_precision=None)
        confidences = (0.5, 0.7, 0.9)
        batch.append(CodedArticle(article(aid, f"Article {aid}."), [
            replace(first, confidence=confidences[i % 3]),
            replace(second, confidence=confidences[(i + 1) % 3])]))
    Store(db).write(batch)
    return Store(db, read_only=True)


#: The documented order of each sort key (ascending); the event id breaks every tie.
_ORDERS: dict[EventSort, Callable[[StoredEvent], Any]] = {
    EventSort.date: lambda e: (e.record.date or "9999-12-31", e.gid),
    EventSort.goldstein: lambda e: (e.record.goldstein, e.gid),
    EventSort.mentions: lambda e: (e.num_mentions, e.gid),
    EventSort.confidence: lambda e: (e.record.confidence, e.gid),
    EventSort.id: lambda e: e.gid,
}


def _all_pages(store: Store, flt: EventFilter, size: int, sort: EventSort,
               descending: bool) -> tuple[list[StoredEvent], set[int]]:
    pages: list[StoredEvent] = []
    totals: set[int] = set()
    offset = 0
    while True:
        page = store.events_page(flt, limit=size, offset=offset, sort=sort,
                                 descending=descending)
        totals.add(page.total)
        assert len(page.events) <= size
        if not page.events:
            return pages, totals
        pages += page.events
        offset += size


def test_the_test_data_has_ties_and_undated_events(paged: Store) -> None:
    events = paged.events()
    assert len({e.record.goldstein for e in events}) < len(events) / 3
    assert len({e.num_mentions for e in events}) > 1
    assert any(e.record.date is None for e in events)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(EventSort))
def test_pages_concatenate_to_the_whole_sorted_result(paged: Store, sort: EventSort,
                                                      descending: bool) -> None:
    every = sorted(paged.events(), key=_ORDERS[sort], reverse=descending)
    for size in (1, 4, 7, len(every) + 5):
        pages, totals = _all_pages(paged, EventFilter(), size, sort, descending)
        assert totals == {len(every)}
        assert [e.gid for e in pages] == [e.gid for e in every], size
    assert pages == every  # whole records, not only ids


def test_date_order_of_pages_is_the_order_of_events(paged: Store) -> None:
    assert paged.events_page(limit=1000).events == paged.events()
    newest = paged.events_page(limit=1000, descending=True).events
    assert newest[0].record.date is None  # undated events count as 9999-12-31
    assert [e.gid for e in newest] == [e.gid for e in reversed(paged.events())]


@pytest.mark.parametrize("flt", [EventFilter(source="RUS"), EventFilter(cameo="13"),
                                 EventFilter(since=date(2022, 1, 10), counted_only=True),
                                 EventFilter(text="towards ukraine"), EventFilter(plover="none")])
def test_page_filters_and_total_agree_with_events(paged: Store, flt: EventFilter) -> None:
    matching = paged.events(flt)
    pages, totals = _all_pages(paged, flt, 3, EventSort.goldstein, True)
    assert totals == {len(matching)}
    assert sorted(e.gid for e in pages) == sorted(e.gid for e in matching)


def test_page_past_the_end_and_bad_arguments(paged: Store) -> None:
    total = paged.events_page(limit=1).total
    for offset in (total, total + 1, 10**30):
        past = paged.events_page(limit=10, offset=offset)
        assert (past.total, past.events) == (total, [])
    last = paged.events_page(limit=10, offset=total - 2, sort=EventSort.id)
    assert len(last.events) == 2 and last.events[-1].gid == max(e.gid for e in paged.events())
    for kwargs in ({"limit": 0}, {"limit": 5, "offset": -1}, {"limit": 5, "sort": "drop"}):
        with pytest.raises(ValueError):
            paged.events_page(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="limit"):
        paged.events_page(EventFilter(limit=3), limit=5)


def test_empty_store_pages_are_empty(db: Path) -> None:
    Store(db)
    page = Store(db, read_only=True).events_page(limit=50, sort=EventSort.mentions)
    assert (page.total, page.events) == (0, [])


def test_article_with_its_mentions(paged: Store, db: Path) -> None:
    found = paged.article("p07")
    assert found is not None
    assert found.article == next(a for a in paged.articles() if a.id == "p07")
    assert found.article.text == "Article p07."
    assert [m.record.article_id for m in found.mentions] == ["p07", "p07"]
    assert [(m.gid, m.record.sentence) for m in found.mentions] == \
        sorted((m.gid, m.record.sentence) for m in found.mentions)
    for m in found.mentions:  # each mention is among those of its event
        assert m in paged.mentions_of(m.gid)
    assert paged.article("no-such-article") is None
    assert paged.article("p0%") is None  # matched exactly, not as a pattern
    Store(db).write([CodedArticle(article("quiet", "Nothing happened."), [])])
    quiet = Store(db, read_only=True).article("quiet")
    assert quiet is not None and quiet.mentions == []


def test_replaced_article_is_looked_up_with_its_new_mentions(db: Path) -> None:
    store = Store(db)
    ingest(store, [article("a1", "RUS>UKR:190@2022-02-24")], ScriptCoder())
    ingest(store, [article("a1", "USA>RUS:163@2022-03-01\nFRA>RUS:036@2022-03-02")],
           ScriptCoder())
    found = store.article("a1")
    assert found is not None and found.article.text.startswith("USA>RUS")
    assert [m.record.cameo for m in found.mentions] == ["163", "036"]


# --- bad files and schema versions -----------------------------------------------------------

def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_bytes(b"these are my notes, not a database\n" * 50)
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="not a DuckDB database"):
            Store(path, read_only=read_only)
    assert path.read_bytes() == before
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    with pytest.raises(StoreError, match="empty file"):
        Store(empty)
    assert empty.read_bytes() == b""


def test_other_duckdb_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (amount INTEGER)").fetchall()
    con.close()
    with pytest.raises(StoreError, match="not a pourparler store"):
        Store(path)
    con = duckdb.connect(str(path), read_only=True)
    tables = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    con.close()
    assert tables == [("sales",)]


def test_missing_store_is_not_created_by_a_reader(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()


def _set_version(path: Path, version: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("UPDATE pourparler_meta SET value = ? WHERE key = 'schema_version'",
                [str(version)]).fetchall()
    con.close()


def test_newer_schema_is_refused(db: Path) -> None:
    Store(db)
    _set_version(db, SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="newer than this pourparler"):
        Store(db)
    with pytest.raises(StoreError, match="upgrade pourparler"):
        Store(db, read_only=True)


def test_older_schema_is_migrated_by_a_writer_and_refused_by_a_reader(db: Path) -> None:
    old = Store(db, schema_version=1)
    old.write([CodedArticle(article("a"), [record("a", "RUS", "UKR", "190", "2022-02-24")])])
    with pytest.raises(StoreError, match=r"schema version 1.*pourparler ingest"):
        Store(db, read_only=True)
    Store(db)  # a writer migrates
    reader = Store(db, read_only=True)
    assert [r.events for r in reader.dyads(by="day")] == [1]  # the view version 2 added


def _indexes(path: Path) -> set[tuple[str, str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {(r[0], r[1]) for r in con.execute(
            "SELECT table_name, expressions FROM duckdb_indexes()").fetchall()}
    finally:
        con.close()


def test_version_2_store_gains_the_article_indexes(db: Path) -> None:
    old = Store(db, schema_version=2)
    old.write([CodedArticle(article("a"), [record("a", "RUS", "UKR", "190", "2022-02-24")])])
    assert _indexes(db) == set()
    with pytest.raises(StoreError, match=r"schema version 2.*pourparler ingest"):
        Store(db, read_only=True)
    Store(db)  # a writer migrates
    assert _indexes(db) == {("articles", "[id]"), ("mentions", "[article_id]")}
    reader = Store(db, read_only=True)
    found = reader.article("a")
    assert found is not None and [m.record.cameo for m in found.mentions] == ["190"]
    assert reader.events_page(limit=5).total == 1


# --- durability and concurrency (subprocesses) -----------------------------------------------

_WRITER = textwrap.dedent('''
    import sys, time, json
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_store import ScriptCoder, article
    from pourparler.store import Store, ingest

    class SlowCoder(ScriptCoder):
        def code(self, articles):
            for result in super().code(articles):
                time.sleep({pause})
                yield result

    arts = [article(f"art-{{i:03d}}", f"Report {{i}}.\\nRUS>UKR:190@2022-03-{{1 + i % 28:02d}}\\n"
                    f"USA>RUS:163@2022-04-{{1 + i % 28:02d}}", outlet=f"outlet-{{i % 3}}")
            for i in range({n})]
    report = ingest(Store(sys.argv[1]), arts, SlowCoder(), batch_size={batch})
    print(json.dumps(report.to_dict()))
''')


def _writer(db: Path, n: int, pause: float, batch: int = 2) -> list[str]:
    script = _WRITER.format(tests=str(Path(__file__).parent), pause=pause, n=n, batch=batch)
    return [sys.executable, "-c", script, str(db)]


def _wait_for_articles(db: Path, at_least: int, proc: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the writer finished before it could be killed"
        if db.exists():
            try:
                n = Store(db, read_only=True, lock_wait=5).counts()["articles"]
            except StoreError:
                n = 0
            if n >= at_least:
                return n
        time.sleep(0.05)
    raise AssertionError("the writer made no progress")


def test_kill_9_mid_ingest_loses_nothing_and_a_rerun_finishes(tmp_path: Path) -> None:
    n = 30
    reference = tmp_path / "reference.duckdb"
    subprocess.run(_writer(reference, n, 0.0, batch=n), check=True, capture_output=True)
    expected = Store(reference, read_only=True).counts()

    db = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(_writer(db, n, 0.05), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        seen = _wait_for_articles(db, 6, proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after_kill = Store(db, read_only=True).counts()
    assert seen <= after_kill["articles"] < n  # every commit seen survives; not all done
    # every stored article is complete: two records each, none half-written
    assert after_kill["mentions"] == 2 * after_kill["articles"]

    rerun = subprocess.run(_writer(db, n, 0.0, batch=10), check=True, capture_output=True,
                           text=True)
    report = json.loads(rerun.stdout)
    assert report["unchanged"] == after_kill["articles"]
    assert report["added"] == n - after_kill["articles"]
    assert Store(db, read_only=True).counts() == expected


def test_readers_see_committed_batches_while_a_process_writes(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    n = 30
    proc = subprocess.Popen(_writer(db, n, 0.03), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    seen: list[int] = []
    try:
        _wait_for_articles(db, 1, proc)
        while proc.poll() is None:
            reader = Store(db, read_only=True, lock_wait=10)
            counts = reader.counts()
            # each read is a committed state: two records per article, sums agree
            assert counts["mentions"] == 2 * counts["articles"]
            assert all(e.num_mentions >= 1 for e in reader.events())
            seen.append(counts["articles"])
            time.sleep(0.02)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert seen == sorted(seen) and len(set(seen)) >= 3  # progress seen mid-ingest
    assert Store(db, read_only=True).counts()["articles"] == n


# --- real coding: a French and an English report of one act ----------------------------------

FR_REPORT = (
    "Le président français Emmanuel Macron a rencontré lundi à Moscou le président russe "
    "Vladimir Poutine."
)
EN_REPORT = (
    "French President Emmanuel Macron met Russian President Vladimir Putin in Moscow on Monday."
)


def test_french_and_english_reports_of_one_act_are_one_event(db: Path) -> None:
    from pourparler.pipeline import Coder

    arts = [Article("fr-1", FR_REPORT, published=date(2022, 2, 8), lang="fr", outlet="Le Jour"),
            Article("en-1", EN_REPORT, published=date(2022, 2, 8), lang="en",
                    outlet="The Daily")]
    store = Store(db)
    report = ingest(store, arts, Coder())
    assert report.added == 2 and report.failed == 0
    meetings = [e for e in store.events(EventFilter(source="FRA", target="RUS", cameo="04"))]
    assert len(meetings) == 1, [e.to_dict() for e in store.events()]
    meeting = meetings[0]
    assert (meeting.num_mentions, meeting.num_articles, meeting.num_sources) == (2, 2, 2)
    langs = {m.record.lang for m in store.mentions_of(meeting.gid)}
    assert langs == {"fr", "en"}


@pytest.mark.parametrize("batch_size", [1, 16])
def test_a_repeated_id_in_one_input_is_reported_and_the_first_kept(
        db: Path, batch_size: int, caplog: pytest.LogCaptureFixture) -> None:
    arts = [article("a1", "RUS>UKR:190@2022-02-24"), article("a2", "FRA>RUS:036@2022-02-07"),
            article("a1", "USA>RUS:163@2022-02-25")]
    with caplog.at_level("WARNING"):
        report = ingest(Store(db), arts, ScriptCoder(), batch_size=batch_size)
    assert report.repeated == 1 and report.added == 2
    assert [r.getMessage() for r in caplog.records if "a1" in r.getMessage()
            and "repeated" in r.getMessage()]
    [event] = [e for e in Store(db, read_only=True).events() if e.record.article_id == "a1"]
    assert event.record.cameo == "190"  # the first one, whatever the batch size
