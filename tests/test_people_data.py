"""Validation of the built-in people file (src/pourparler/actors/data/people.yaml).

The file is data (named people with dated roles), so these tests check its shape, its internal
consistency (dates, sectors, forms shared between people, one holder per office at a time), its
coverage (countries with a known head of state or government on reference days) and a few facts
that news coding depends on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

PEOPLE = Path(__file__).parents[1] / "src" / "pourparler" / "actors" / "data" / "people.yaml"

# CAMEO role codes (primary and secondary) that a dated role may carry.
KNOWN_SECTORS = frozenset({
    "GOV", "MIL", "IGO", "LEG", "JUD", "OPP", "REB", "PTY", "SPY", "INS", "SEP", "COP", "UAF",
    "ELI", "CVL", "BUS", "MED",
})
# Titles that denote the head of a state or of its government (or the de facto equivalent).
HEAD_TITLES = frozenset({
    "president", "acting president", "transition president", "prime minister",
    "acting prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
    "emperor", "prince", "grand duke", "supreme leader", "pope", "leader", "de facto leader",
    "head of state",
    "chairman of the sovereignty council", "chairman of the presidential council",
    "chairman of the presidential leadership council",
})
# Offices held by one person at a time in a country or organisation: two holders may not overlap
# (a handover on the same day is fine).
SINGLE_HOLDER_TITLES = frozenset({
    "president", "prime minister", "premier", "chancellor", "king", "queen", "emir", "sultan",
    "grand duke", "supreme leader", "pope", "foreign minister", "defence minister",
    "government spokesperson",
    "national security adviser", "secretary-general of the united nations",
    "secretary general of nato", "president of the european commission",
    "president of the european council",
    "high representative for foreign affairs and security policy",
    "director general of the iaea", "director-general of the who", "managing director of the imf",
    "chairperson of the african union commission",
})
# The countries the brief names as most present in international news.
_CORE = (
    "USA RUS UKR CHN FRA GBR DEU ITA ESP TUR IRN ISR PSE SYR IRQ SAU EGY LBN JOR "
    "QAT ARE AFG PAK IND JPN KOR PRK TWN BLR POL HUN CAN MEX BRA VEN ARG COL NGA "
    "ZAF ETH SDN LBY MLI NER BFA DZA MAR TUN AZE ARM GEO KAZ SRB VAT"
)
CORE_COUNTRIES = frozenset(_CORE.split(" "))
ISO3 = re.compile(r"^[A-Z]{3}$")
ORG = re.compile(r"^[A-Z][A-Z_]+$")
FAR_FUTURE = date(9999, 12, 31)


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    with PEOPLE.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    assert isinstance(data, list)
    return data


def _roles(people: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(p["name"], r) for p in people for r in p["roles"]]


def _holders(people: list[dict[str, Any]], where: str, on: date,
             titles: frozenset[str] = HEAD_TITLES) -> set[str]:
    """Names of the people holding one of ``titles`` in country/org ``where`` on day ``on``."""
    out = set()
    for name, r in _roles(people):
        if (r.get("country") or r.get("org")) != where or r["title"] not in titles:
            continue
        if r["from"] <= on and (r["to"] is None or on < r["to"]):
            out.add(name)
    return out


def _by_name(people: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in people}


def test_loads_with_many_people(people: list[dict[str, Any]]) -> None:
    assert len(people) >= 500


def test_person_keys(people: list[dict[str, Any]]) -> None:
    allowed = {"name", "aliases", "ambiguous", "country", "roles"}
    names = [p["name"] for p in people]
    assert len(names) == len(set(names)), "duplicate canonical names"
    for p in people:
        assert set(p) <= allowed, p["name"]
        assert isinstance(p["name"], str) and p["name"].strip() == p["name"] != ""
        assert isinstance(p["aliases"], list), p["name"]
        assert all(isinstance(a, str) and a.strip() == a != "" for a in p["aliases"]), p["name"]
        assert ISO3.match(str(p["country"])), p["name"]
        assert isinstance(p["roles"], list) and p["roles"], p["name"]
        for form in p.get("ambiguous", []):
            assert form in p["aliases"], f"{p['name']}: ambiguous {form!r} is not an alias"


def test_role_shape_and_dates(people: list[dict[str, Any]]) -> None:
    for name, r in _roles(people):
        assert set(r) <= {"country", "org", "sector", "title", "from", "to"}, name
        assert (r.get("country") is None) != (r.get("org") is None), f"{name}: country xor org"
        if r.get("country"):
            assert ISO3.match(r["country"]), name
        else:
            assert ORG.match(r["org"]), name
        assert r["sector"] in KNOWN_SECTORS, f"{name}: sector {r['sector']}"
        assert isinstance(r["title"], str) and r["title"] == r["title"].lower() != "", name
        # CSafeLoader turns ISO dates into date objects; anything else (string, datetime) is wrong.
        assert type(r["from"]) is date, f"{name}: from {r['from']!r}"
        assert r["to"] is None or type(r["to"]) is date, f"{name}: to {r['to']!r}"
        assert r["to"] is None or r["from"] <= r["to"], f"{name}: from > to"
        assert r["from"] <= date(2026, 11, 25), f"{name}: role starts in the future"


def test_org_roles_are_igo_or_court_or_bank(people: list[dict[str, Any]]) -> None:
    for name, r in _roles(people):
        if r.get("org"):
            assert r["sector"] in {"IGO", "JUD", "LEG"}, name


def test_no_form_shared_unless_ambiguous(people: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for p in people:
        for form in [p["name"], *p["aliases"]]:
            owners[form.casefold()].add(p["name"])
        ambiguous[p["name"]] = {f.casefold() for f in p.get("ambiguous", [])}
    shared = sorted(
        form for form, who in owners.items()
        if len(who) > 1 and not all(form in ambiguous[n] for n in who)
    )
    assert shared == []


def test_common_surnames_are_ambiguous(people: list[dict[str, Any]]) -> None:
    unambiguous = {a.casefold() for p in people for a in p["aliases"]
                   if a not in p.get("ambiguous", [])}
    for word in ("kim", "li", "wang", "lee", "johnson", "may", "abdullah", "sharif", "aoun"):
        assert word not in unambiguous, word


def test_single_holder_offices_do_not_overlap(people: list[dict[str, Any]]) -> None:
    spans: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for name, r in _roles(people):
        if r["title"] in SINGLE_HOLDER_TITLES:
            where = r.get("country") or r.get("org")
            spans[(where, r["title"])].append((r["from"], r["to"] or FAR_FUTURE, name))
    clashes = []
    for key, items in spans.items():
        items.sort()
        for a, b in pairwise(items):
            if b[0] < a[1] and a[2] != b[2]:
                clashes.append((key, a[2], b[2]))
    # The UAE has a president and a prime minister/vice president; Saudi kings were prime
    # minister until 2022: those are distinct titles, so no exception is needed here.
    assert clashes == []


@pytest.mark.parametrize("day", [date(2015, 1, 1), date(2022, 1, 1)])
def test_coverage_heads_on_reference_days(people: list[dict[str, Any]], day: date) -> None:
    countries = {r["country"] for _, r in _roles(people) if r.get("country")}
    covered = {c for c in countries if _holders(people, c, day)}
    assert len(covered) >= 40
    assert CORE_COUNTRIES - {"VAT"} <= covered | {"VAT"}, sorted(CORE_COUNTRIES - covered)


@pytest.mark.parametrize("day", [date(2016, 1, 1), date(2020, 6, 1), date(2024, 6, 1)])
def test_every_state_has_a_head(people: list[dict[str, Any]], day: date) -> None:
    """Every state of countries.yaml has a dated head of state or government."""
    countries_file = PEOPLE.parent / "countries.yaml"
    if not countries_file.exists():
        pytest.skip("countries.yaml not present")
    with countries_file.open(encoding="utf-8") as fh:
        iso3 = {e["iso3"] for e in yaml.load(fh, Loader=yaml.CSafeLoader)}
    # San Marino's two captains regent change every six months: not listed.
    missing = sorted(c for c in iso3 - {"SMR"} if not _holders(people, c, day))
    assert missing == []


def test_core_countries_have_foreign_ministers_in_2020(people: list[dict[str, Any]]) -> None:
    day = date(2020, 6, 1)
    # Kings and supreme leaders run foreign policy without a minister in a few states.
    exempt = {"VAT", "PRK", "JOR", "PSE"}
    missing = sorted(c for c in CORE_COUNTRIES - exempt
                     if not _holders(people, c, day, frozenset({"foreign minister"})))
    assert missing == []


def test_igo_heads_today(people: list[dict[str, Any]]) -> None:
    today = date(2026, 11, 25)
    expected = {
        ("UN", "secretary-general of the united nations"): "António Guterres",
        ("NATO", "secretary general of nato"): "Mark Rutte",
        ("EU", "president of the european commission"): "Ursula von der Leyen",
        ("EU", "president of the european council"): "António Costa",
        ("EU", "high representative for foreign affairs and security policy"): "Kaja Kallas",
        ("IAEA", "director general of the iaea"): "Rafael Grossi",
        ("WHO", "director-general of the who"): "Tedros Adhanom Ghebreyesus",
        ("IMF", "managing director of the imf"): "Kristalina Georgieva",
        ("AU", "chairperson of the african union commission"): "Mahmoud Ali Youssouf",
    }
    for (org, title), name in expected.items():
        assert _holders(people, org, today, frozenset({title})) == {name}, org


def test_spot_checks_heads(people: list[dict[str, Any]]) -> None:
    assert "Joe Biden" in _holders(people, "USA", date(2021, 12, 30))
    assert "Joe Biden" not in _holders(people, "USA", date(2026, 1, 1))
    assert "Donald Trump" in _holders(people, "USA", date(2026, 1, 1))
    assert "Emmanuel Macron" in _holders(people, "FRA", date(2018, 5, 1), frozenset({"president"}))
    assert "Vladimir Putin" in _holders(people, "RUS", date(2021, 12, 30))
    assert "Vladimir Putin" in _holders(people, "RUS", date(2011, 1, 1))  # then prime minister
    assert _holders(people, "DEU", date(2025, 6, 1)) >= {"Friedrich Merz"}
    assert "Olaf Scholz" not in _holders(people, "DEU", date(2025, 6, 1))
    assert _holders(people, "GBR", date(2023, 1, 1), frozenset({"prime minister"})) == {
        "Rishi Sunak"}
    assert _holders(people, "UKR", date(2022, 3, 1), frozenset({"president"})) == {
        "Volodymyr Zelensky"}
    assert _holders(people, "SYR", date(2025, 6, 1), frozenset({"president"})) == {
        "Ahmed al-Sharaa"}


def test_spot_checks_ministers_and_spokespeople(people: list[dict[str, Any]]) -> None:
    fm = frozenset({"foreign minister"})
    assert _holders(people, "RUS", date(2019, 1, 1), fm) == {"Sergei Lavrov"}
    assert _holders(people, "USA", date(2025, 6, 1), fm) == {"Marco Rubio"}
    assert _holders(people, "USA", date(2025, 6, 1), frozenset({"defence minister"})) == {
        "Pete Hegseth"}
    assert _holders(people, "USA", date(2025, 6, 1), frozenset({"vice president"})) == {
        "JD Vance"}
    assert _holders(people, "CHN", date(2023, 9, 1), fm) == {"Wang Yi"}
    assert _holders(people, "RUS", date(2023, 1, 1), frozenset({"presidential spokesperson"})) == {
        "Dmitry Peskov"}
    assert "Maria Zakharova" in _holders(
        people, "RUS", date(2023, 1, 1), frozenset({"foreign ministry spokesperson"}))
    assert "Yuri Ushakov" in _holders(people, "RUS", date(2025, 8, 1),
                                      frozenset({"presidential aide"}))


def test_spot_checks_surface_forms(people: list[dict[str, Any]]) -> None:
    by_name = _by_name(people)

    def forms(name: str) -> set[str]:
        p = by_name[name]
        return {a for a in p["aliases"] if a not in p.get("ambiguous", [])}

    assert {"Poutine", "Putin", "Vladimir Poutine"} <= forms("Vladimir Putin")
    assert {"Sergueï Lavrov", "Lavrov"} <= forms("Sergei Lavrov")
    assert {"Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenski"} <= forms(
        "Volodymyr Zelensky")
    assert {"Erdogan", "Erdoğan", "Tayyip Erdogan"} <= forms("Recep Tayyip Erdoğan")
    assert {"Xi"} <= forms("Xi Jinping")
    assert {"Netanyahou", "Nétanyahou", "Netanyahu"} <= forms("Benjamin Netanyahu")
    assert {"Peskov", "Dmitri Peskov"} <= forms("Dmitry Peskov")
    assert {"Iouri Ouchakov", "Ouchakov"} <= forms("Yuri Ushakov")
    assert {"Khamenei"} <= forms("Ali Khamenei")
    assert {"Sissi", "al-Sisi"} <= forms("Abdel Fattah al-Sisi")
    assert {"MBS", "Mohammed ben Salmane"} <= forms("Mohammed bin Salman")
    assert "Abbas" in by_name["Mahmoud Abbas"].get("ambiguous", [])


def test_codes_known_to_the_country_and_org_files(people: list[dict[str, Any]]) -> None:
    data_dir = PEOPLE.parent
    if not (data_dir / "countries.yaml").exists() or not (data_dir / "orgs.yaml").exists():
        pytest.skip("countries.yaml / orgs.yaml not present")
    with (data_dir / "countries.yaml").open(encoding="utf-8") as fh:
        iso3 = {e["iso3"] for e in yaml.load(fh, Loader=yaml.CSafeLoader)}
    with (data_dir / "orgs.yaml").open(encoding="utf-8") as fh:
        orgs = {e["org"] for e in yaml.load(fh, Loader=yaml.CSafeLoader) if e.get("org")}
    for name, r in _roles(people):
        assert r.get("country") in iso3 or r.get("org") in orgs, f"{name}: {r}"
    assert {p["country"] for p in people} <= iso3
