"""The GDELT export as GDELT's own readers take it: py_gdelt's parsers, DuckDB with GDELT's
column types, and the geography conventions a join against GDELT data relies on."""

from __future__ import annotations

import collections
import csv
import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from py_gdelt.models.events import Event as GdeltEvent
from py_gdelt.models.events import Mention as GdeltMention
from py_gdelt.parsers.events import EventsParser
from py_gdelt.parsers.mentions import MentionsParser

from pourparler.export import export
from pourparler.geo import gdelt_geo, load_gazetteer
from pourparler.geo._gdelt import fips_adm1
from pourparler.model import Location
from pourparler.store import Store

SHARED = Path(os.environ.get("POURPARLER_SHARED") or
              Path(__file__).resolve().parents[2] / "shared")
DEV_SETS = [SHARED / "eval" / "dev-fr.jsonl", SHARED / "eval" / "dev-en.jsonl"]
GDELT_COLUMNS_FILE = SHARED / "ontology" / "gdelt_events_v2_columns.tsv"
#: DuckDB types of GDELT's documented column types.
_DUCKDB_TYPES = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}
#: GDELT 2.0 Mentions column types (GDELT 2.0 event codebook).
_MENTION_TYPES = ["BIGINT", "BIGINT", "BIGINT", "BIGINT", "VARCHAR", "VARCHAR", "BIGINT",
                  "BIGINT", "BIGINT", "BIGINT", "BIGINT", "BIGINT", "BIGINT", "DOUBLE",
                  "VARCHAR", "VARCHAR"]


@pytest.fixture(scope="module")
def dev_exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The dev sets (and the bundled examples) coded into a store and exported."""
    if not all(p.exists() for p in DEV_SETS):
        pytest.skip("the shared dev sets are not available")
    from pourparler.ingest.corpus import read_any
    from pourparler.options import CoderOptions
    from pourparler.pipeline import Coder
    from pourparler.store import ingest

    folder = tmp_path_factory.mktemp("gdelt")
    store = Store(folder / "dev.duckdb")
    report = ingest(store, read_any([str(p) for p in DEV_SETS]), Coder(CoderOptions()))
    assert report.added == 20 and report.records > 50
    events, mentions = folder / "events.CSV", folder / "mentions.CSV"
    export(store, "gdelt", events)
    export(store, "gdelt-mentions", mentions)
    yield events, mentions


def test_py_gdelt_parses_every_event_and_mention_row(dev_exports: tuple[Path, Path]) -> None:
    events, mentions = dev_exports
    rows = events.read_bytes().count(b"\n")
    parsed = [GdeltEvent.from_raw(raw) for raw in EventsParser().parse(events.read_bytes())]
    assert rows > 50 and len(parsed) == rows
    assert all(e.avg_tone == 0 for e in parsed)
    mention_rows = mentions.read_bytes().count(b"\n")
    found = [GdeltMention.from_raw(raw) for raw in MentionsParser().parse(mentions.read_bytes())]
    assert len(found) == mention_rows >= rows
    # every event's NumMentions is its number of rows in the mentions file
    per_event = collections.Counter(m.global_event_id for m in found)
    assert {e.global_event_id: e.num_mentions for e in parsed} == dict(per_event)
    # the dev sets are offline corpora: the mention time is the publication date, not today
    assert all(m.mention_time.strftime("%H%M%S") == "000000" for m in found)


def test_duckdb_reads_the_files_with_gdelts_types(dev_exports: tuple[Path, Path]) -> None:
    events, mentions = dev_exports
    with GDELT_COLUMNS_FILE.open(encoding="utf-8") as fh:
        spec = {r["name"]: _DUCKDB_TYPES[r["type"]] for r in csv.DictReader(fh, delimiter="\t")}
    con = duckdb.connect()
    n, codes, roots = con.execute(
        "SELECT count(*), count(DISTINCT EventCode), min(EventRootCode) FROM read_csv(?, "
        "delim='\t', header=false, quote='', columns=?)", [str(events), spec]).fetchone() or ()
    assert n == events.read_text(encoding="utf-8").count("\n") and codes > 5
    assert len(roots) == 2  # codes stay text with their leading zero
    names = [f"c{i}" for i in range(16)]
    m = con.execute("SELECT count(*) FROM read_csv(?, delim='\t', header=false, quote='', "
                    "columns=?)", [str(mentions), dict(zip(names, _MENTION_TYPES,
                                                           strict=True))]).fetchone()
    assert m is not None and m[0] == mentions.read_text(encoding="utf-8").count("\n")


def _city(name: str, iso3: str) -> Location:
    gaz = load_gazetteer()
    place = max((p for p in gaz.lookup(name) if p.kind == "city" and p.country == iso3),
                key=lambda p: p.prominence)
    return place.location(name)


def test_country_rows_sit_at_the_reference_point_with_the_fips_feature_id() -> None:
    russia = load_gazetteer().country("RUS")
    assert russia is not None
    geo = gdelt_geo(russia.location("la Russie"))
    assert (geo.type, geo.fullname, geo.country_code) == (1, "Russia", "RS")
    assert (geo.lat, geo.lon) == (60.0, 100.0)  # not the Urals
    assert geo.feature_id == geo.adm1_code == "RS"
    # a stored record's country point is replaced by the gazetteer's
    old = Location("Russie", "RUS", None, 56.8, 60.6, "country", 2017370)
    assert (gdelt_geo(old).lat, gdelt_geo(old).lon) == (60.0, 100.0)


def test_fullname_is_english_whatever_the_text_says() -> None:
    geo = gdelt_geo(_city("Moscou", "RUS"))
    assert geo.fullname == "Moscow, Russia" and geo.country_code == "RS"


def test_gaza_is_fips_gz_and_the_west_bank_we() -> None:
    assert gdelt_geo(_city("Gaza", "PSE")).country_code == "GZ"
    assert gdelt_geo(_city("Gaza", "PSE")).adm1_code == "GZ"
    assert gdelt_geo(_city("Ramallah", "PSE")).country_code == "WE"
    strip = Location("bande de Gaza", "PSE", "Gaza Strip", 31.4, 34.4, "region")
    geo = gdelt_geo(strip)
    assert (geo.country_code, geo.fullname) == ("GZ", "Gaza Strip")


@pytest.mark.parametrize(("name", "iso3", "adm1"), [
    ("Zürich", "CHE", "SZ25"), ("Genève", "CHE", "SZ07"), ("Bruxelles", "BEL", "BE11"),
    ("Anvers", "BEL", "BE"), ("Paris", "FRA", "FRA8"), ("Lyon", "FRA", "FR"),
    ("London", "GBR", "UK"), ("Kyiv", "UKR", "UP12"), ("Houston", "USA", "USTX"),
])
def test_adm1_codes_are_fips(name: str, iso3: str, adm1: str) -> None:
    assert gdelt_geo(_city(name, iso3)).adm1_code == adm1


def test_fips_adm1_table_rules() -> None:
    assert fips_adm1("HKG", "KYT", "HK") == "HK"  # Hong Kong: no FIPS first-level regions
    assert fips_adm1("DEU", "16", "GM") == "GM16"  # GeoNames' code is FIPS's
    assert fips_adm1("DEU", "00", "GM") == "GM" and fips_adm1("DEU", None, "GM") == "GM"
    assert fips_adm1("XXX", "01", "") == ""
