"""The package's own ontology tables: CAMEO event codes, PLOVER types, actor types, countries.

The tables are TSV files in ``events/data/`` (sources in ``events/data/README.md``). Each file is
read once per process, on first use, into immutable objects. CAMEO event codes are strings and
keep their leading zeros (``"010"``, ``"0211"``); passing an integer is an error, not a lookup.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from pourparler.errors import DataError

__all__ = [
    "ActorType",
    "CameoCode",
    "Country",
    "PloverMapping",
    "PloverType",
    "actor_type_label",
    "all_actor_types",
    "all_cameo_codes",
    "all_countries",
    "all_plover_mappings",
    "all_plover_types",
    "cameo_code",
    "cameo_country",
    "country_name",
    "fips_of_iso3",
    "goldstein_of",
    "is_cameo_code",
    "iso3_of_cameo",
    "iso3_of_fips",
    "plover_for",
    "plover_mapping",
    "quad_class_of",
]

_log = logging.getLogger(__name__)

_DATA_PACKAGE = "pourparler.events"
_DATA_DIR = "data"

# CAMEO event codes are a 2-digit root, a 3-digit code or a 4-digit sub-code.
_CODE_LENGTHS = (2, 3, 4)
_ROOT_LENGTH = 2
# Quad classes of GDELT: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
_QUAD_CLASSES = frozenset({1, 2, 3, 4})
# Goldstein scale bounds (Goldstein 1992): -10 (most conflictual) to +10 (most cooperative).
_GOLDSTEIN_MIN, _GOLDSTEIN_MAX = -10.0, 10.0
# Rows of these kinds share an ISO code with a whole country (West Bank -> PSE, Baghdad -> IRQ);
# they never stand for the country itself in ISO -> CAMEO lookups.
_PART_KINDS = frozenset({"subnational", "city"})
_ACTOR_KINDS = frozenset({"type", "known_group"})


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its GDELT Goldstein score and quad class."""

    code: str
    label: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        """The 2-digit root (``"0211"`` -> ``"02"``)."""
        return self.code[:_ROOT_LENGTH]

    @property
    def parent(self) -> str | None:
        """The code one level up (``"0211"`` -> ``"021"`` -> ``"02"``); None for a root."""
        return self.code[:-1] if len(self.code) > _ROOT_LENGTH else None


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type, its quad class and the modes the PLOVER manual allows for it."""

    name: str
    quad_class: int
    modes: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class PloverMapping:
    """Where a CAMEO code lands in PLOVER. ``plover_type`` is None for codes PLOVER dropped."""

    cameo_code: str
    plover_type: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True, slots=True)
class ActorType:
    """A CAMEO actor type/role code (``kind="type"``) or known-group code (``"known_group"``)."""

    code: str
    label: str
    kind: str
    category: str


@dataclass(frozen=True, slots=True)
class Country:
    """A CAMEO country or region code with its ISO 3166-1 alpha-3 and FIPS 10-4 codes.

    ``cameo_code`` is None for ISO entities CAMEO has no code for; ``iso3`` is None for regions
    (``AFR``, ``WST``...) and Kosovo; ``fips`` is None where FIPS 10-4 has no single code.
    """

    cameo_code: str | None
    iso3: str | None
    fips: str | None
    name: str
    kind: str


# --------------------------------------------------------------------------- loading


def _read_tsv(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a data file as (line number, column -> value); the header must be ``columns``."""
    path = resources.files(_DATA_PACKAGE).joinpath(_DATA_DIR, name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(
            f"ontology table {name} cannot be read ({exc}); reinstall pourparler"
        ) from exc
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise DataError(f"{name}: header must be {'<TAB>'.join(columns)}")
    rows: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise DataError(
                f"{name}:{number}: expected {len(columns)} tab-separated columns, "
                f"found {len(cells)}"
            )
        rows.append((number, dict(zip(columns, (c.strip() for c in cells), strict=True))))
    return rows


def _parse_int(value: str, where: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise DataError(f"{where}: {value!r} is not an integer") from None


def _parse_float(value: str, where: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise DataError(f"{where}: {value!r} is not a number") from None


def _check_code_shape(code: str, where: str) -> None:
    if not (code.isdigit() and code.isascii() and len(code) in _CODE_LENGTHS):
        raise DataError(f"{where}: {code!r} is not a CAMEO event code (2 to 4 digits)")


@cache
def _cameo_table() -> Mapping[str, CameoCode]:
    name = "cameo_events.tsv"
    table: dict[str, CameoCode] = {}
    for number, row in _read_tsv(name, ("code", "label", "goldstein", "quad_class")):
        where = f"{name}:{number}"
        code = row["code"]
        _check_code_shape(code, where)
        goldstein = _parse_float(row["goldstein"], where)
        quad = _parse_int(row["quad_class"], where)
        if not _GOLDSTEIN_MIN <= goldstein <= _GOLDSTEIN_MAX:
            raise DataError(f"{where}: Goldstein score {goldstein} is outside -10..10")
        if quad not in _QUAD_CLASSES:
            raise DataError(f"{where}: quad class {quad} is not 1-4")
        if code in table:
            raise DataError(f"{where}: CAMEO code {code} is listed twice")
        table[code] = CameoCode(code, row["label"], goldstein, quad)
    return MappingProxyType(table)


@cache
def _plover_types() -> Mapping[str, PloverType]:
    name = "plover.tsv"
    table: dict[str, PloverType] = {}
    for number, row in _read_tsv(name, ("event_type", "quad_class", "modes", "description")):
        where = f"{name}:{number}"
        quad = _parse_int(row["quad_class"], where)
        if quad not in _QUAD_CLASSES:
            raise DataError(f"{where}: quad class {quad} is not 1-4")
        modes = tuple(m for m in row["modes"].split(";") if m)
        table[row["event_type"]] = PloverType(row["event_type"], quad, modes, row["description"])
    return MappingProxyType(table)


@cache
def _plover_table() -> Mapping[str, PloverMapping]:
    name = "cameo_to_plover.tsv"
    types = _plover_types()
    table: dict[str, PloverMapping] = {}
    columns = ("cameo_code", "plover_type", "plover_mode", "plover_context")
    for number, row in _read_tsv(name, columns):
        where = f"{name}:{number}"
        code = row["cameo_code"]
        _check_code_shape(code, where)
        ptype = row["plover_type"] or None
        mode = row["plover_mode"] or None
        if ptype is not None and ptype not in types:
            raise DataError(f"{where}: {ptype!r} is not a PLOVER event type in plover.tsv")
        if mode is not None and (ptype is None or mode not in types[ptype].modes):
            raise DataError(f"{where}: mode {mode!r} is not allowed for PLOVER type {ptype}")
        table[code] = PloverMapping(code, ptype, mode, row["plover_context"] or None)
    return MappingProxyType(table)


@cache
def _actor_types() -> tuple[ActorType, ...]:
    name = "actor_types.tsv"
    out: list[ActorType] = []
    for number, row in _read_tsv(name, ("code", "label", "kind", "category")):
        if row["kind"] not in _ACTOR_KINDS:
            raise DataError(f"{name}:{number}: kind must be one of {sorted(_ACTOR_KINDS)}")
        out.append(ActorType(row["code"].upper(), row["label"], row["kind"], row["category"]))
    return tuple(out)


@cache
def _actor_labels() -> Mapping[str, str]:
    labels: dict[str, str] = {}
    # Role codes first so that a code that is both (AMN, IRC, UNO) gets its role label.
    for kind in ("type", "known_group"):
        for actor in _actor_types():
            if actor.kind == kind:
                labels.setdefault(actor.code, actor.label)
    return MappingProxyType(labels)


@cache
def _countries() -> tuple[Country, ...]:
    name = "countries.tsv"
    out: list[Country] = []
    for _number, row in _read_tsv(name, ("cameo_code", "iso3", "fips", "name", "kind")):
        out.append(
            Country(
                cameo_code=row["cameo_code"].upper() or None,
                iso3=row["iso3"].upper() or None,
                fips=row["fips"].upper() or None,
                name=row["name"],
                kind=row["kind"],
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _CountryIndex:
    by_cameo: Mapping[str, Country]
    by_iso3: Mapping[str, Country]
    by_fips: Mapping[str, Country]


@cache
def _country_index() -> _CountryIndex:
    by_cameo: dict[str, Country] = {}
    by_iso3: dict[str, Country] = {}
    by_fips: dict[str, Country] = {}
    for country in _countries():
        if country.cameo_code is not None:
            if country.cameo_code in by_cameo:
                raise DataError(f"countries.tsv: CAMEO code {country.cameo_code} listed twice")
            by_cameo[country.cameo_code] = country
        if country.fips is not None:
            if country.fips in by_fips:
                raise DataError(f"countries.tsv: FIPS code {country.fips} listed twice")
            by_fips[country.fips] = country
        if country.iso3 is None or country.kind in _PART_KINDS:
            continue
        # The first whole-country row wins: current codes come before historic ones in the file.
        by_iso3.setdefault(country.iso3, country)
    return _CountryIndex(
        MappingProxyType(by_cameo), MappingProxyType(by_iso3), MappingProxyType(by_fips)
    )


# --------------------------------------------------------------------------- CAMEO event codes


def all_cameo_codes() -> Mapping[str, CameoCode]:
    """Every CAMEO event code GDELT uses (311), by code, in codebook order."""
    return _cameo_table()


def is_cameo_code(code: str) -> bool:
    """Whether ``code`` is a known CAMEO event code (``"010"`` is, ``"10"`` is the root 10)."""
    return isinstance(code, str) and code in _cameo_table()


def cameo_code(code: str) -> CameoCode:
    """The CAMEO event code ``code``; raises DataError if it is not one."""
    if not isinstance(code, str):
        raise DataError(
            f"CAMEO event codes are strings (leading zeros matter), got {type(code).__name__} "
            f"{code!r}"
        )
    found = _cameo_table().get(code)
    if found is None:
        raise DataError(
            f"unknown CAMEO event code {code!r}: expected one of the 311 GDELT codes "
            "(2-4 digits as a string, e.g. '010', '0211', '190')"
        )
    return found


def quad_class_of(code: str) -> int:
    """GDELT quad class (1-4) of a CAMEO event code; raises DataError on an unknown code."""
    return cameo_code(code).quad_class


def goldstein_of(code: str) -> float:
    """Goldstein score of a CAMEO event code; raises DataError on an unknown code."""
    return cameo_code(code).goldstein


# --------------------------------------------------------------------------- PLOVER


def all_plover_types() -> Mapping[str, PloverType]:
    """The 16 PLOVER event types, by name."""
    return _plover_types()


def all_plover_mappings() -> Mapping[str, PloverMapping]:
    """Every row of the CAMEO -> PLOVER table, by CAMEO code (no fallback)."""
    return _plover_table()


def plover_mapping(code: str) -> PloverMapping:
    """The CAMEO -> PLOVER row for ``code``, falling back to its parent, then its root.

    The fallback serves well-formed codes the table lacks (e.g. CAMEO 1.1b3 codes GDELT never
    used, such as ``"1834"``). Codes PLOVER dropped (CAMEO 01x, 02x) return a row whose type is
    None; they do not fall back. Raises DataError for malformed codes and unknown roots.
    """
    if not isinstance(code, str):
        raise DataError(f"CAMEO event codes are strings, got {type(code).__name__} {code!r}")
    _check_code_shape(code, "CAMEO->PLOVER lookup")
    table = _plover_table()
    for candidate in (code, code[:3], code[:_ROOT_LENGTH]):
        found = table.get(candidate)
        if found is not None:
            if candidate != code:
                _log.debug("CAMEO %s has no PLOVER row; using %s", code, candidate)
            return found
    raise DataError(f"CAMEO code {code!r} has no PLOVER mapping, nor does its root {code[:2]!r}")


def plover_for(code: str) -> tuple[str | None, str | None]:
    """(PLOVER type, mode) of a CAMEO event code; see :func:`plover_mapping` for the fallback."""
    found = plover_mapping(code)
    return found.plover_type, found.mode


# --------------------------------------------------------------------------- actors, countries


def all_actor_types() -> tuple[ActorType, ...]:
    """Every actor type/role and known-group row, in file order."""
    return _actor_types()


def actor_type_label(code: str) -> str | None:
    """English label of a CAMEO actor type/role or known-group code (``"MIL"`` -> Military)."""
    return _actor_labels().get(code.strip().upper())


def all_countries() -> tuple[Country, ...]:
    """Every country row, in file order."""
    return _countries()


def cameo_country(iso3: str) -> str | None:
    """CAMEO country code for an ISO alpha-3 code (``"ROU"`` -> ``"ROM"``), or None."""
    country = _country_index().by_iso3.get(iso3.strip().upper())
    return country.cameo_code if country is not None else None


def iso3_of_cameo(code: str) -> str | None:
    """ISO alpha-3 for a CAMEO country code (``"TMP"`` -> ``"TLS"``); None for regions."""
    country = _country_index().by_cameo.get(code.strip().upper())
    return country.iso3 if country is not None else None


def fips_of_iso3(iso3: str) -> str | None:
    """FIPS 10-4 country code for an ISO alpha-3 code (``"DEU"`` -> ``"GM"``).

    None for ISO codes FIPS 10-4 does not cover as one unit (``"PSE"`` is ``WE`` + ``GZ``).
    """
    country = _country_index().by_iso3.get(iso3.strip().upper())
    return country.fips if country is not None else None


def iso3_of_fips(fips: str) -> str | None:
    """ISO alpha-3 for a FIPS 10-4 country code, as GDELT geo fields carry (``"GZ"`` -> PSE)."""
    country = _country_index().by_fips.get(fips.strip().upper())
    return country.iso3 if country is not None else None


def country_name(iso3: str) -> str | None:
    """English name of the country with this ISO alpha-3 code."""
    country = _country_index().by_iso3.get(iso3.strip().upper())
    return country.name if country is not None else None
