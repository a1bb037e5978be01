"""Validation of the built-in actor knowledge files (src/pourparler/actors/data/*.yaml).

The files are data, so these tests check their shape and consistency against the CAMEO reference
tables in the shared ontology directory: required keys, code validity, both languages present,
no surface form silently shared by two actors, no leading articles.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import pourparler

DATA_DIR = Path(pourparler.__file__).resolve().parent / "actors" / "data"
LANGS = ("en", "fr")

# UN members (193) + Holy See + Palestine + Kosovo + Taiwan.
MIN_COUNTRIES = 195
# Per-country {en: [...], fr: [...]} sections of surface forms: required, then optional.
COUNTRY_FORM_SECTIONS = ("names", "demonyms", "capitals", "seats")
COUNTRY_OPTIONAL_SECTIONS = ("military_seats", "legislatures", "intelligence_seats")
# The organisation names fixed by DESIGN.md; orgs.yaml may add more.
DESIGN_ORGS = frozenset(
    {
        "NATO",
        "UN",
        "EU",
        "OSCE",
        "AU",
        "ASEAN",
        "ARAB_LEAGUE",
        "G7",
        "G20",
        "IAEA",
        "WHO",
        "IMF",
        "WORLD_BANK",
        "ICC",
        "OPEC",
        "BRICS",
        "SCO",
        "ECOWAS",
        "CSTO",
    }
)
# Blocks used by the CAMEO 2.0 dictionary (openeventdata) that are missing from GDELT's type and
# known-group tables: AFU (African Union), EAC (East African Community), MOS (Muslim, religion).
CAMEO_2_EXTRA_BLOCKS = frozenset({"AFU", "EAC", "MOS"})
LEADING_ARTICLE = re.compile(r"^(?:(?:le|la|les|the)\s|l['’])", re.IGNORECASE)
ISO3 = re.compile(r"^[A-Z]{3}$")
CAMEO_BLOCK_LEN = 3


ROLE_KEYS = ("forms", "sector", "person", "contextual")


def _shared_ontology() -> Path:
    override = os.environ.get("POURPARLER_SHARED")
    shared = Path(override) if override else Path(__file__).resolve().parents[2] / "shared"
    ontology = shared / "ontology"
    if not ontology.is_dir():
        pytest.fail(f"shared ontology directory not found: {ontology} (set POURPARLER_SHARED)")
    return ontology


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _load(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=yaml.CSafeLoader)


@pytest.fixture(scope="module")
def cameo_countries() -> list[dict[str, str]]:
    return _read_tsv(_shared_ontology() / "cameo_countries.tsv")


@pytest.fixture(scope="module")
def actor_types() -> frozenset[str]:
    return frozenset(row["code"] for row in _read_tsv(_shared_ontology() / "cameo_actor_types.tsv"))


@pytest.fixture(scope="module")
def known_blocks(
    cameo_countries: list[dict[str, str]], actor_types: frozenset[str]
) -> frozenset[str]:
    country_codes = {row["cameo_code"] for row in cameo_countries}
    return frozenset(country_codes | actor_types | CAMEO_2_EXTRA_BLOCKS)


@pytest.fixture(scope="module")
def countries() -> list[dict[str, Any]]:
    data = _load("countries.yaml")
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def orgs() -> list[dict[str, Any]]:
    data = _load("orgs.yaml")
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def groups() -> list[dict[str, Any]]:
    data = _load("groups.yaml")
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def roles() -> dict[str, Any]:
    data = _load("roles.yaml")
    assert isinstance(data, dict)
    return data


def _assert_lang_forms(block: Any, where: str, *, allow_empty: bool = False) -> None:
    assert isinstance(block, dict), where
    assert set(block) == set(LANGS), f"{where}: languages {sorted(block)}"
    for lang in LANGS:
        forms = block[lang]
        assert isinstance(forms, list), f"{where}.{lang}"
        assert allow_empty or forms, f"{where}.{lang} is empty"
        for form in forms:
            assert isinstance(form, str), f"{where}.{lang}: {form!r}"
            assert form.strip() == form and form, f"{where}.{lang}: {form!r}"


def _forms(entry: dict[str, Any], sections: tuple[str, ...]) -> Iterator[str]:
    for section in sections:
        block = entry.get(section)
        if block:
            for lang in LANGS:
                yield from block[lang]


def _check_unshared(owners: dict[str, set[str]], ambiguous: dict[str, set[str]]) -> list[str]:
    """Forms owned by several actors that are not declared ambiguous by every owner."""
    return sorted(
        f"{form}: {sorted(keys)}"
        for form, keys in owners.items()
        if len(keys) > 1 and not all(form in ambiguous[key] for key in keys)
    )


def _assert_cameo_blocks(code: str, known: frozenset[str], where: str) -> None:
    assert code and len(code) % CAMEO_BLOCK_LEN == 0 and code.isupper(), f"{where}: {code!r}"
    blocks = [code[i : i + CAMEO_BLOCK_LEN] for i in range(0, len(code), CAMEO_BLOCK_LEN)]
    unknown = [block for block in blocks if block not in known]
    assert not unknown, f"{where}: unknown CAMEO blocks {unknown} in {code}"


# --- countries.yaml ---------------------------------------------------------------------------


def test_countries_count_and_keys(countries: list[dict[str, Any]]) -> None:
    assert len(countries) >= MIN_COUNTRIES
    for entry in countries:
        where = entry.get("iso3", "?")
        for key in ("iso3", "cameo", *COUNTRY_FORM_SECTIONS):
            assert key in entry, f"{where}: missing {key}"
        _assert_lang_forms(entry["names"], f"{where}.names")
        _assert_lang_forms(entry["demonyms"], f"{where}.demonyms")
        for section in ("capitals", "seats", *COUNTRY_OPTIONAL_SECTIONS):
            if section in entry:
                _assert_lang_forms(entry[section], f"{where}.{section}", allow_empty=True)
        allowed = {"iso3", "cameo", "ambiguous", *COUNTRY_FORM_SECTIONS, *COUNTRY_OPTIONAL_SECTIONS}
        assert set(entry) <= allowed, f"{where}: unexpected keys {set(entry) - allowed}"


def test_countries_iso3_unique_and_well_formed(countries: list[dict[str, Any]]) -> None:
    codes = [entry["iso3"] for entry in countries]
    assert all(ISO3.match(code) for code in codes), [c for c in codes if not ISO3.match(c)]
    assert len(codes) == len(set(codes))
    for required in ("USA", "RUS", "UKR", "FRA", "CHN", "GBR", "COD", "PSE", "VAT", "XKX", "TWN"):
        assert required in codes, required


def test_countries_cameo_codes_known(
    countries: list[dict[str, Any]], cameo_countries: list[dict[str, str]]
) -> None:
    known = {row["cameo_code"] for row in cameo_countries}
    by_iso = {
        row["iso3"]: row["cameo_code"] for row in cameo_countries if row["kind"] == "iso_entity"
    }
    for entry in countries:
        assert entry["cameo"] in known, f"{entry['iso3']}: unknown CAMEO code {entry['cameo']}"
        if entry["iso3"] in by_iso:
            assert entry["cameo"] == by_iso[entry["iso3"]], entry["iso3"]
    kosovo = next(entry for entry in countries if entry["iso3"] == "XKX")
    assert kosovo["cameo"] == "KSV"


def test_countries_forms_not_shared_unless_ambiguous(countries: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    ambiguous: dict[str, set[str]] = defaultdict(set)
    sections = (*COUNTRY_FORM_SECTIONS, *COUNTRY_OPTIONAL_SECTIONS)
    for entry in countries:
        all_forms = {form.casefold() for form in _forms(entry, sections)}
        for form in all_forms:
            owners[form].add(entry["iso3"])
        for form in entry.get("ambiguous", []):
            assert form.casefold() in all_forms, f"{entry['iso3']}: ambiguous {form!r} not a form"
            ambiguous[entry["iso3"]].add(form.casefold())
    assert _check_unshared(owners, ambiguous) == []


def test_countries_no_leading_articles(countries: list[dict[str, Any]]) -> None:
    sections = (*COUNTRY_FORM_SECTIONS, *COUNTRY_OPTIONAL_SECTIONS)
    bad = [f for entry in countries for f in _forms(entry, sections) if LEADING_ARTICLE.match(f)]
    assert bad == []


def test_countries_common_news_forms(countries: list[dict[str, Any]]) -> None:
    by_iso = {entry["iso3"]: entry for entry in countries}

    def has(iso3: str, lang: str, form: str) -> bool:
        return form in set(_forms_lang(by_iso[iso3], lang))

    assert has("USA", "en", "U.S.") and has("USA", "fr", "Etats-Unis")
    assert has("GBR", "en", "Britain") and has("GBR", "fr", "Royaume-Uni")
    assert has("COD", "fr", "RDC") and has("COD", "en", "DR Congo")
    assert has("UKR", "en", "Kyiv") and has("UKR", "en", "Kiev") and has("UKR", "fr", "Kyïv")
    assert has("RUS", "fr", "Kremlin") and has("USA", "fr", "Pentagone")
    assert has("PRK", "fr", "Corée du Nord") and has("KOR", "fr", "Séoul")
    # Belgium's capital is also the EU's seat: listed, ambiguous, decided by the story
    assert has("BEL", "fr", "Bruxelles") and "Bruxelles" in by_iso["BEL"]["ambiguous"]
    assert not any(has(iso3, "en", "Tel Aviv") for iso3 in by_iso)
    assert "Georgia" in by_iso["GEO"]["ambiguous"] and "Jordan" in by_iso["JOR"]["ambiguous"]


def _forms_lang(entry: dict[str, Any], lang: str) -> Iterator[str]:
    for section in (*COUNTRY_FORM_SECTIONS, *COUNTRY_OPTIONAL_SECTIONS):
        block = entry.get(section)
        if block:
            yield from block[lang]


# --- orgs.yaml --------------------------------------------------------------------------------


def test_orgs_keys_and_codes(
    orgs: list[dict[str, Any]], actor_types: frozenset[str], known_blocks: frozenset[str]
) -> None:
    ids = [entry["id"] for entry in orgs]
    assert len(ids) == len(set(ids))
    for entry in orgs:
        where = entry["id"]
        for key in ("id", "org", "kind", "sector", "cameo", "names"):
            assert key in entry, f"{where}: missing {key}"
        assert entry["kind"] in {"IGO", "NGO"}, where
        assert entry["sector"] is None or entry["sector"] in actor_types, where
        _assert_lang_forms(entry["names"], f"{where}.names")
        if "demonyms" in entry:
            _assert_lang_forms(entry["demonyms"], f"{where}.demonyms", allow_empty=True)
        _assert_cameo_blocks(entry["cameo"], known_blocks, where)
    assert {entry["org"] for entry in orgs} >= DESIGN_ORGS


def test_orgs_forms_not_shared_unless_ambiguous(orgs: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for entry in orgs:
        for form in _forms(entry, ("names", "demonyms")):
            owners[form.casefold()].add(entry["org"])
        ambiguous[entry["org"]].update(form.casefold() for form in entry.get("ambiguous", []))
    assert _check_unshared(owners, ambiguous) == []
    bad = [f for entry in orgs for f in _forms(entry, ("names",)) if LEADING_ARTICLE.match(f)]
    assert bad == []


def test_orgs_body_maps_to_parent(orgs: list[dict[str, Any]]) -> None:
    by_id = {entry["id"]: entry for entry in orgs}
    assert by_id["UNSC"]["org"] == "UN"
    assert by_id["EU_PARLIAMENT"]["org"] == "EU" and by_id["EU_PARLIAMENT"]["sector"] == "LEG"
    assert by_id["NATO"]["cameo"] == "IGOWSTNAT" and "OTAN" in by_id["NATO"]["names"]["fr"]


# --- groups.yaml ------------------------------------------------------------------------------


def test_groups_keys_and_codes(
    groups: list[dict[str, Any]],
    countries: list[dict[str, Any]],
    actor_types: frozenset[str],
    known_blocks: frozenset[str],
) -> None:
    cameo_by_iso = {entry["iso3"]: entry["cameo"] for entry in countries}
    names = [entry["name"] for entry in groups]
    assert len(names) == len(set(names))
    for entry in groups:
        where = entry["name"]
        for key in ("name", "names", "country", "sector", "cameo", "org"):
            assert key in entry, f"{where}: missing {key}"
        _assert_lang_forms(entry["names"], f"{where}.names")
        assert entry["sector"] in actor_types, where
        assert entry["org"] is None, where
        _assert_cameo_blocks(entry["cameo"], known_blocks, where)
        if entry["country"] is not None:
            assert entry["country"] in cameo_by_iso, where
            assert entry["cameo"].startswith(cameo_by_iso[entry["country"]]), where


def test_groups_forms_not_shared_unless_ambiguous(groups: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for entry in groups:
        for form in _forms(entry, ("names",)):
            owners[form.casefold()].add(entry["name"])
        ambiguous[entry["name"]].update(form.casefold() for form in entry.get("ambiguous", []))
    assert _check_unshared(owners, ambiguous) == []
    bad = [f for entry in groups for f in _forms(entry, ("names",)) if LEADING_ARTICLE.match(f)]
    assert bad == []


# --- roles.yaml -------------------------------------------------------------------------------


def test_roles_shape_and_sectors(roles: dict[str, Any], actor_types: frozenset[str]) -> None:
    assert set(roles) == set(LANGS)
    for lang in LANGS:
        assert roles[lang], lang
        for entry in roles[lang]:
            keys = set(entry)
            assert {"forms", "sector", "person"} <= keys <= {*ROLE_KEYS}, entry
            assert isinstance(entry.get("contextual", True), bool)
            # null: people of whoever owns them ("UN staff"), who take the owner's sector
            assert entry["sector"] is None or entry["sector"] in actor_types, entry["sector"]
            assert isinstance(entry["person"], bool)
            assert entry["forms"], entry
            for form in entry["forms"]:
                assert isinstance(form, str) and form.strip() == form and form, form
                assert not LEADING_ARTICLE.match(form), form


def test_roles_form_maps_to_one_sector(roles: dict[str, Any]) -> None:
    for lang in LANGS:
        seen: dict[str, list[str]] = defaultdict(list)
        for entry in roles[lang]:
            for form in entry["forms"]:
                seen[form.casefold()].append(entry["sector"])
        duplicated = {form: sectors for form, sectors in seen.items() if len(sectors) > 1}
        assert duplicated == {}, f"{lang}: {duplicated}"


def test_roles_core_vocabulary(roles: dict[str, Any]) -> None:
    sector_of = {
        (lang, form.casefold()): entry["sector"]
        for lang in LANGS
        for entry in roles[lang]
        for form in entry["forms"]
    }
    expected = {
        ("fr", "président"): "GOV",
        ("fr", "ministre des affaires étrangères"): "GOV",
        ("fr", "soldats"): "MIL",
        ("fr", "policiers"): "COP",
        ("fr", "rebelles"): "REB",
        ("fr", "opposants"): "OPP",
        ("fr", "députés"): "LEG",
        ("fr", "procureur"): "JUD",
        ("fr", "journalistes"): "MED",
        ("fr", "manifestants"): "CVL",
        ("en", "foreign minister"): "GOV",
        ("en", "troops"): "MIL",
        ("en", "insurgents"): "REB",
        ("en", "lawmakers"): "LEG",
        ("en", "protesters"): "CVL",
        ("en", "prosecutors"): "JUD",
    }
    assert {key: sector_of.get(key) for key in expected} == expected
