"""User actor files (YAML or CSV) merged over the built-in knowledge."""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pourparler.actors._knowledge import (
    ActorKnowledge,
    Candidate,
    DatedRole,
    Entity,
    add_person,
    opt_date,
    per_lang,
    person_entity,
    read_yaml,
)
from pourparler.errors import DataError

log = logging.getLogger(__name__)

#: CAMEO role and generic codes (GDELT CAMEO.type.txt and the CAMEO manual), the values a
#: ``sector`` may take.
SECTORS: frozenset[str] = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF",  # primary
    "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED",
    "REF", "MOD", "RAD", "SET",  # secondary, tertiary
    "UIS", "IGO", "IMG", "INT", "MNC", "NGM", "NGO",  # international generic
})
# Codes whose first block is not a country: the actor is an organisation.
_ORG_BLOCKS: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM"})
_CODE = re.compile(r"^(?:[A-Z]{3})+$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_YAML_FIELDS = frozenset(
    {"name", "aliases", "code", "cameo", "country", "org", "sector", "from", "to", "roles",
     "ambiguous"}
)
CSV_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "code", "country", "org", "sector", "valid_from", "valid_to",
)


def merge_user_file(kn: ActorKnowledge, path: Path) -> None:
    """Read ``path`` and add its actors to ``kn``; their forms replace built-in readings."""
    if not path.exists():
        raise DataError(f"{path}: user actor file not found")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        rows = _yaml_rows(path)
    elif suffix in (".csv", ".tsv"):
        rows = _csv_rows(path, "\t" if suffix == ".tsv" else ",")
    else:
        raise DataError(f"{path}: user actor files must be .yaml, .yml or .csv")
    merge_user_rows(kn, rows, str(path))


def merge_user_rows(kn: ActorKnowledge, rows: list[tuple[str, Mapping[str, Any]]],
                    source: str) -> None:
    """Add actors given as rows of our YAML format (``where``, mapping) to ``kn``; a
    converted PETRARCH dictionary comes in this way."""
    forms: list[str] = []
    names: list[str] = []
    staged: list[tuple[Entity, Mapping[str, Any], str]] = []
    for where, row in rows:
        ent = _entity(kn, row, where)
        staged.append((ent, row, where))
        names.append(ent.name)
        forms.append(ent.name)
        forms.extend(f for _, f in per_lang(row.get("aliases"), f"{where}: aliases"))
    kn.override(forms, names)
    for ent, row, where in staged:
        if ent.kind == "person":
            add_person(kn, ent, row, where)
        else:
            for form in [ent.name, *(f for _, f in per_lang(row.get("aliases"), where))]:
                kn.add_form(None, form, Candidate(ent, ent.kind, form))
    log.info("merged %d user actors from %s", len(staged), source)


def _yaml_rows(path: Path) -> list[tuple[str, Mapping[str, Any]]]:
    data = read_yaml(path)
    if isinstance(data, Mapping) and isinstance(data.get("actors"), list):
        data = data["actors"]
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a list of actors (- name: ..., code: ...)")
    rows = []
    for n, entry in enumerate(data, 1):
        where = f"{path}: entry {n}"
        if not isinstance(entry, Mapping):
            raise DataError(f"{where}: expected a mapping with 'name', found {entry!r}")
        unknown = sorted(str(k) for k in entry if k not in _YAML_FIELDS)
        if unknown:
            raise DataError(f"{where}: unknown field(s) {', '.join(unknown)}; "
                            f"expected some of {', '.join(sorted(_YAML_FIELDS))}")
        if entry.get("name"):
            where = f"{where} ({entry['name']})"
        rows.append((where, entry))
    return rows


def _csv_rows(path: Path, delimiter: str) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read user actor file ({exc})") from exc
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        return []
    cols = [h.strip().lower() for h in header]
    missing = [c for c in ("name", "code", "country", "org") if c not in cols]
    unknown = [c for c in cols if c not in CSV_COLUMNS]
    if "name" in missing or len(missing) == 4 or unknown:
        raise DataError(
            f"{path}:1: header must be {','.join(CSV_COLUMNS)} (found {','.join(cols)})")
    rows: list[tuple[str, Mapping[str, Any]]] = []
    for line, values in enumerate(reader, 2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(cols):
            raise DataError(f"{path}:{line}: expected {len(cols)} columns, found {len(values)}")
        rec = {c: v.strip() for c, v in zip(cols, values, strict=True)}
        row: dict[str, Any] = {k: v for k, v in rec.items() if v and k not in
                               ("aliases", "valid_from", "valid_to")}
        row["aliases"] = [a.strip() for a in rec.get("aliases", "").split(";") if a.strip()]
        row["from"] = rec.get("valid_from") or None
        row["to"] = rec.get("valid_to") or None
        rows.append((f"{path}:{line}", row))
    return rows


def _entity(kn: ActorKnowledge, row: Mapping[str, Any], where: str) -> Entity:
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"{where}: 'name' is required")
    if row.get("roles"):
        ent = person_entity(row, where, user=True)
        return ent
    code = str(row.get("code") or row.get("cameo") or "").strip().upper() or None
    country = str(row.get("country") or "").strip() or None
    org = str(row.get("org") or "").strip() or None
    sector = str(row.get("sector") or "").strip().upper() or None
    if code and not _CODE.match(code):
        raise DataError(f"{where}: code '{code}' is not a CAMEO actor code "
                        "(blocks of three capital letters, e.g. SYRREB, IGOUNO)")
    if country and not _ISO3.match(country):
        raise DataError(f"{where}: country '{country}' is not an ISO 3166 alpha-3 code")
    if sector and sector not in SECTORS:
        raise DataError(f"{where}: sector '{sector}' is not a CAMEO role code "
                        f"(one of {', '.join(sorted(SECTORS))})")
    if code and not country and not org:
        block = code[:3]
        if block in _ORG_BLOCKS:
            org = name.strip()
        else:
            country = kn.cameo_country.get(block, block)
    if code and not sector and len(code) >= 6 and code[3:6] in SECTORS:
        sector = code[3:6]
    if not (country or org):
        raise DataError(f"{where}: give 'code', 'country' or 'org' for '{name}'")
    start = opt_date(row.get("from"), f"{where}: 'from'")
    end = opt_date(row.get("to"), f"{where}: 'to'")
    if start and end and end < start:
        raise DataError(f"{where}: 'to' ({end}) is before 'from' ({start})")
    kind = "org" if org else "group"
    roles: tuple[DatedRole, ...] = ()
    if start or end:
        roles = (DatedRole(country, org, sector, None, start, end, code),)
    return Entity(kind, name.strip(), country=country, org=org, sector=sector,
                  cameo=code or kn.cameo_for(country, org, sector), roles=roles, user=True)
