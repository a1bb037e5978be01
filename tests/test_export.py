"""Exports: GDELT 2.0 events and mentions read back as GDELT files are, PLOVER, Parquet, CSV."""

from __future__ import annotations

import csv
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from pourparler.events.ontology import cameo_code, is_cameo_code, plover_for
from pourparler.export import (
    CSV_DTYPES,
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    PLOVER_SCORES,
    POLECAT_COLUMNS,
    RECORD_COLUMNS,
    cow_code,
    export,
    plover_actor_code,
    plover_contexts,
)
from pourparler.model import Actor, Article, Event, Evidence, Location
from pourparler.store import CodedArticle, Store, StoreError

SHARED = Path(os.environ.get("POURPARLER_SHARED") or
              Path(__file__).resolve().parents[2] / "shared")
GDELT_COLUMNS_FILE = SHARED / "ontology" / "gdelt_events_v2_columns.tsv"

KYIV = Location(name="Kyiv", country="UKR", lat=50.45466, lon=30.5238, precision="city",
                geonameid=703448)
TEXT = ("Russian forces shelled Kyiv on Monday.\n\nThe French president spoke with the "
        "Russian president by telephone. Officials gave no details.")


def _event(article_id: str, sentence: int, src: Actor, tgt: Actor, code: str, day: str,
           start: int, end: int, location: Location | None = None, lang: str = "en") -> Event:
    info = cameo_code(code)
    plover, mode = plover_for(code)
    return Event(article_id=article_id, sentence=sentence, source=src, target=tgt, cameo=code,
                 root=code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
                 plover=plover, plover_mode=mode, status="asserted", date=day,
                 date_precision="day", evidence=Evidence(TEXT[start:end], start, end),
                 lang=lang, rule="test/synthetic", confidence=0.82, location=location)


RUS_MIL = Actor("Russia", "Russian forces", country="RUS", sector="MIL", cameo="RUSMIL")
UKR = Actor("Ukraine", "Kyiv", country="UKR", cameo="UKR")
FRA_GOV = Actor("Emmanuel Macron", "French president", country="FRA", sector="GOV",
                cameo="FRAGOV")
RUS_GOV = Actor("Vladimir Putin", "Russian president", country="RUS", sector="GOV",
                cameo="RUSGOV")
NATO = Actor("NATO", "NATO", org="NATO", cameo="IGOWSTNAT")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("export") / "events.duckdb"
    s = Store(path)
    second = TEXT.index("The French")
    end2 = TEXT.index(" Officials") + 1
    art1 = Article("wire-1", TEXT, published=date(2022, 3, 14), lang="en",
                   url="https://www.example-wire.test/a/1", outlet="Example Wire")
    art2 = Article("paper-2", TEXT + " More soon.", published=date(2022, 3, 15), lang="fr")
    s.write([
        CodedArticle(art1, [
            _event("wire-1", 0, RUS_MIL, UKR, "195", "2022-03-14", 0, 38, KYIV),
            _event("wire-1", 1, FRA_GOV, RUS_GOV, "041", "2022-03-14", second, end2),
            _event("wire-1", 1, NATO, RUS_GOV, "010", "2022-03-14", second, end2),
        ]),
        CodedArticle(art2, [
            _event("paper-2", 0, RUS_MIL, UKR, "195", "2022-03-14", 0, 38, KYIV, lang="fr"),
        ]),
    ])
    return Store(path, read_only=True)


def _gdelt_spec() -> tuple[list[str], dict[str, str]]:
    names, dtypes = [], {}
    with GDELT_COLUMNS_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names.append(row["name"])
            dtypes[row["name"]] = {"INTEGER": "int64", "FLOAT": "float64",
                                   "STRING": "str"}[row["type"]]
    return names, dtypes


def test_gdelt_columns_are_gdelts() -> None:
    names, _ = _gdelt_spec()
    assert list(GDELT_EVENT_COLUMNS) == names and len(names) == 61
    assert len(GDELT_MENTION_COLUMNS) == 16


def test_gdelt_events_read_back_with_gdelt_names_and_dtypes(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.export.CSV"
    assert export(store, "gdelt", out) == 3
    lines = out.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 61 for line in lines)
    names, dtypes = _gdelt_spec()
    df = pd.read_csv(out, sep="\t", header=None, names=names, dtype=dtypes,
                     keep_default_na=False, na_values={n: [""] for n, t in dtypes.items()
                                                       if t == "float64"})
    assert len(df) == 3
    assert all(is_cameo_code(code) for code in df["EventCode"])
    attack = df[df["EventCode"] == "195"].iloc[0]
    assert (attack["NumMentions"], attack["NumArticles"], attack["NumSources"]) == (2, 2, 2)
    assert attack["SQLDATE"] == 20220314 and attack["MonthYear"] == 202203
    assert attack["Actor1Code"] == "RUSMIL" and attack["Actor1CountryCode"] == "RUS"
    assert attack["Actor1Type1Code"] == "MIL" and attack["Actor2Code"] == "UKR"
    assert attack["EventBaseCode"] == "195" and attack["EventRootCode"] == "19"
    assert attack["QuadClass"] == 4 and attack["GoldsteinScale"] == cameo_code("195").goldstein
    assert attack["ActionGeo_CountryCode"] == "UP"  # FIPS for Ukraine, not ISO "UA"
    assert attack["ActionGeo_Type"] == 4 and attack["ActionGeo_Lat"] == pytest.approx(50.45466)
    assert attack["IsRootEvent"] == 1
    # the attacked side is where it was struck; the attacker is placed at its country
    assert attack["Actor2Geo_Type"] == 4 and attack["Actor2Geo_FeatureID"] == \
        attack["ActionGeo_FeatureID"]
    assert attack["Actor1Geo_Type"] == 1 and attack["Actor1Geo_CountryCode"] == "RS"
    assert attack["Actor1Geo_FullName"] == "Russia" and attack["Actor1Geo_Lat"] > 40
    assert attack["SOURCEURL"] == "https://www.example-wire.test/a/1"
    assert len(str(attack["DATEADDED"])) == 14
    talk = df[df["EventCode"] == "041"].iloc[0]
    assert talk["EventRootCode"] == "04" and talk["IsRootEvent"] == 0  # leading zeros kept
    assert talk["ActionGeo_Type"] == 0
    nato = df[df["EventCode"] == "010"].iloc[0]
    assert nato["Actor1KnownGroupCode"] == "NAT" and nato["Actor1Type1Code"] == "IGO"
    assert nato["Actor1Geo_Type"] == 0  # an organisation has no country to place it in
    assert nato["Actor2Geo_Type"] == 1 and nato["Actor2Geo_CountryCode"] == "RS"


def test_gdelt_mentions_carry_sentences_and_offsets(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "mentions.CSV"
    assert export(store, "gdelt-mentions", out) == 4
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(r) == 16 for r in rows)
    named = [dict(zip(GDELT_MENTION_COLUMNS, r, strict=True)) for r in rows]
    talk = next(r for r in named if "Actor1CharOffset" in r and r["SentenceID"] == "2")
    a1 = int(talk["Actor1CharOffset"])
    assert TEXT[a1:a1 + len("French president")] == "French president"
    assert talk["MentionType"] == "1"
    assert talk["MentionSourceName"] == "example-wire.test"  # the URL's domain, as GDELT
    french = [r for r in named if r["MentionIdentifier"] == "paper-2"]
    assert len(french) == 1 and french[0]["MentionType"] == "2"
    assert french[0]["MentionDocTranslationInfo"] == "srclc:fra"
    assert french[0]["Confidence"] == "82"
    # the two mentions of the attack point at one GDELT event
    attack_ids = {r["GLOBALEVENTID"] for r in named if r["SentenceID"] == "1"}
    assert len(attack_ids) == 1


def test_plover_records_have_the_manuals_shape(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", out) == 2  # the statement (010) has no PLOVER type
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    attack = next(r for r in records if r["cameo"] == "195")
    # the manual's required fields, and its lists of actor objects and categories
    assert attack["id"] and attack["date"] == "2022-03-14"
    assert attack["source"] == [{"code": "RUS", "sector": "MIL", "actor_text": "Russian forces",
                                 "identifier_text": "Russia", "cameo": "RUSMIL"}]
    assert [a["code"] for a in attack["recipient"]] == ["UKR"]
    assert attack["event"] == ["ASSAULT"] and attack["mode"] == ["heavy-weapons"]
    assert attack["quad_code"] == 4 and attack["event_scale"] == PLOVER_SCORES["ASSAULT"]
    assert attack["text"] == TEXT[:38] and attack["event_text"] is None
    assert attack["text_info"] == {"sequence": 0, "start": 0, "end": 38}
    assert attack["cite_info"]["url"] == "https://www.example-wire.test/a/1"
    assert attack["cite_info"]["language"] == "en" and attack["num_articles"] == 2
    loc = attack["event_loc"]
    assert (loc["geonameid"], loc["cc3"], loc["country code"]) == (703448, "UKR", "UA")
    assert loc["feature code"] == "PPL" and loc["latitude"] == pytest.approx(50.45466)
    # "Russian forces shelled Kyiv on Monday." names no context: the CAMEO code alone gives
    # none (no military cue word), and the event is asserted
    assert attack["context"] == []
    talk = next(r for r in records if r["cameo"] == "041")
    assert talk["event"] == ["CONSULT"] and talk["source"][0]["code"] == "FRA"


def _record(text: str, status: str = "asserted", lang: str = "en") -> Event:
    return Event(article_id="a", sentence=0, source=NATO, target=RUS_GOV, cameo="130",
                 root="13", quad_class=3, goldstein=-4.4, plover="THREATEN", plover_mode=None,
                 status=status, date="2022-03-14", date_precision="day",
                 evidence=Evidence(text, 0, len(text)), lang=lang, rule="t", confidence=0.5)


def test_plover_contexts_come_from_the_text_and_the_status() -> None:
    assert plover_contexts(_record("NATO warned Russia over its troops.")) == ["military"]
    assert plover_contexts(_record("L'OTAN menace la Russie de sanctions sur le gaz naturel.",
                                   lang="fr")) == ["natural_resource"]
    assert plover_contexts(_record("NATO may warn Russia.", "hypothetical")) == ["hypothetical"]
    assert plover_contexts(_record("NATO did not warn Russia.", "negated")) == ["negation"]
    assert plover_contexts(_record("NATO will warn Russia.", "future")) == ["future"]
    # a cue matches at a word start only
    assert "military" not in plover_contexts(_record("They met in Tarmy."))
    assert plover_actor_code(NATO) == "IGO"
    assert plover_actor_code(Actor("United Nations", "UN", org="UN")) == "UNO"


def test_context_cues_name_plover_contexts() -> None:
    import yaml

    shared = SHARED / "ontology" / "plover_contexts.tsv"
    if not shared.exists():
        pytest.skip("shared ontology not available")
    with shared.open(encoding="utf-8") as fh:
        known = {row["context"] for row in csv.DictReader(fh, delimiter="\t")}
    cues = yaml.safe_load((Path(__file__).resolve().parents[1] / "src" / "pourparler" /
                           "export" / "data" / "contexts.yaml").read_text(encoding="utf-8"))
    assert set(cues) <= known and len(cues) > 15
    assert all(set(by_lang) == {"en", "fr"} for by_lang in cues.values())


def test_polecat_tsv_has_polecats_columns(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.polecat.tsv"
    assert export(store, "polecat", out) == 2
    df = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert list(df.columns) == list(POLECAT_COLUMNS) and len(POLECAT_COLUMNS) == 40
    attack = df[df["Event Type"] == "ASSAULT"].iloc[0]
    assert attack["Event Date"] == "2022-03-14" and attack["Quad Code"] == "4"
    assert float(attack["Event Intensity"]) == PLOVER_SCORES["ASSAULT"]
    assert (attack["Actor Country"], attack["Actor COW"]) == ("RUS", "365")
    assert (attack["Recipient Country"], attack["Recipient COW"]) == ("UKR", "369")
    assert attack["Primary Actor Sector"] == "MIL" and attack["Actor Name Raw"] == \
        "Russian forces"
    assert (attack["Placename"], attack["GeoNames ID"], attack["Feature Type"]) == \
        ("Kyiv", "703448", "PPL")
    assert attack["Publication Date"] == "2022-03-14" and attack["Language"] == "en"
    assert attack["Source"] == "Example Wire"
    assert cow_code("DEU") == 255 and cow_code("PSE") is None


def test_parquet_and_csv_hold_the_event_record(store: Store, tmp_path: Path) -> None:
    pq_path, csv_path = tmp_path / "events.parquet", tmp_path / "events.csv"
    assert export(store, "parquet", pq_path) == 3
    assert export(store, "csv", csv_path) == 3
    table = pd.read_parquet(pq_path)
    assert list(table.columns) == list(RECORD_COLUMNS)
    flat = pd.read_csv(csv_path, dtype=CSV_DTYPES)
    assert list(flat.columns) == list(RECORD_COLUMNS)
    for frame in (table, flat):
        row = frame[frame["cameo"] == "041"].iloc[0]
        assert row["source_cameo"] == "FRAGOV" and row["root"] == "04"
        assert int(row["evidence_start"]) == TEXT.index("The French")
        assert row["outlet"] == "Example Wire"
    attack = table[table["cameo"] == "195"].iloc[0]
    assert attack["location_lat"] == pytest.approx(50.45466) and attack["num_mentions"] == 2
    # typed dates: the event's day and the article's publication day
    assert attack["date"] == date(2022, 3, 14) and attack["date_precision"] == "day"
    assert attack["published"] == date(2022, 3, 14)
    import pyarrow.parquet as pq

    schema = pq.read_schema(pq_path)
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("published").type) == "date32[day]"


def test_export_files_honour_the_umask(store: Store, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        export(store, "csv", tmp_path / "shared.csv")
        os.umask(0o077)
        export(store, "gdelt", tmp_path / "private.tsv")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.csv").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "private.tsv").stat().st_mode & 0o777 == 0o600


def test_export_filters_apply_to_events_and_mentions(store: Store, tmp_path: Path) -> None:
    from pourparler.store import EventFilter

    flt = EventFilter(source="RUS")
    assert export(store, "gdelt", tmp_path / "rus.tsv", flt) == 1
    assert export(store, "gdelt-mentions", tmp_path / "rus-m.tsv", flt) == 2
    assert export(store, "csv", tmp_path / "none.csv", EventFilter(cameo="18")) == 0


def test_failed_export_leaves_no_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export(store, "gdelt", tmp_path / "no-such-dir" / "out.tsv")
    good = tmp_path / "keep.tsv"
    good.write_text("previous export\n")
    with pytest.raises(ValueError):
        export(store, "xml", good)
    assert good.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tsv"]


def test_export_of_a_missing_store_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_csv_neutralises_formula_cells_but_keeps_numbers(tmp_path: Path) -> None:
    """OWASP CSV injection: a text cell starting with = + - @ tab or CR gets a leading quote;
    numbers (a negative Goldstein score) stay numbers."""
    path = tmp_path / "hostile.duckdb"
    s = Store(path)
    hostile = '=HYPERLINK("http://evil.test","x")'
    text = hostile + " Russian forces shelled Kyiv."
    art = Article("=cmd|'/c calc'!A1", text, published=date(2022, 3, 14), lang="en",
                  title="+SUM(1,2)", outlet="@evil", url="-http://x.test")
    src = Actor("Russia", "\tRussian forces", country="RUS", sector="MIL", cameo="RUSMIL")
    ev = Event(article_id=art.id, sentence=0, source=src, target=UKR, cameo="195", root="19",
               quad_class=4, goldstein=-10.0, plover="ASSAULT", plover_mode=None,
               status="asserted", date="2022-03-14", date_precision="day",
               evidence=Evidence(text[:10], 0, 10), lang="en", rule="test/synthetic",
               confidence=0.5)
    s.write([CodedArticle(art, [ev])])
    out = tmp_path / "events.csv"
    assert export(Store(path, read_only=True), "csv", out) == 1
    with out.open(encoding="utf-8", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["evidence_text"] == "'" + text[:10]
    assert row["article_id"] == "'=cmd|'/c calc'!A1"
    assert row["title"] == "'+SUM(1,2)" and row["outlet"] == "'@evil"
    assert row["url"] == "'-http://x.test"
    assert row["source_text"] == "'\tRussian forces"
    assert row["goldstein"] == "-10.0"
    assert row["source_name"] == "Russia"
