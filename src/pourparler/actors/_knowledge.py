"""Actor knowledge: what the data files say, indexed by surface form, and the spaCy matchers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pourparler.actors._text import norm_key, strip_accents, translit_key
from pourparler.errors import DataError
from pourparler.model import Actor, contract_org, parse_date

log = logging.getLogger(__name__)

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

DATA_DIR = Path(__file__).parent / "data"
LANGS: tuple[str, ...] = ("fr", "en")
# Label prefix of role-word patterns in the shared PhraseMatcher (names use the bare key).
ROLE_PREFIX = "role\x1f"


@dataclass(frozen=True, slots=True)
class DatedRole:
    """One office held by a person between two dates (``end`` None: still held)."""

    country: str | None
    org: str | None
    sector: str | None
    title: str | None
    start: date | None
    end: date | None
    cameo: str | None = None  # an explicit actor code (user files); else derived

    def holds(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing the knowledge knows: a country, an organisation, a group or a person."""

    kind: str  # country | org | group | person
    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    cameo: str | None = None
    roles: tuple[DatedRole, ...] = ()
    user: bool = False
    #: An international movement with national societies (the Red Cross): "the Kenyan Red
    #: Cross" is Kenya's NGO, not the movement.
    national: bool = False

    def role_on(self, when: date | None) -> DatedRole | None:
        """The role held on ``when``; without a date, the role still held today, if any."""
        if not self.roles:
            return None
        if when is None:
            open_roles = [r for r in self.roles if r.end is None]
            return open_roles[0] if open_roles else None
        for role in self.roles:
            if role.holds(when):
                return role
        return None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A surface form naming an entity, with the mention kind and sector the form implies."""

    entity: Entity
    kind: str  # country | capital | seat | legislature | demonym | org | group | person
    form: str
    sector: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A role noun ("ministre", "troops"): its sector, and whether it names one person."""

    form: str
    sector: str | None
    person: bool
    #: Whether an unowned mention takes the article's country ("the police" does; "foreign
    #: embassies" do not: an embassy belongs to the state that sends it, never implied).
    contextual: bool = True


@dataclass
class ActorKnowledge:
    """Everything the actor stage knows, indexed for matching. Build with ``load_knowledge``."""

    forms: dict[str, dict[str, list[Candidate]]] = field(default_factory=dict)
    roles: dict[str, dict[str, RoleWord]] = field(default_factory=dict)
    demonyms: dict[str, dict[str, str]] = field(default_factory=dict)
    country_cameo: dict[str, str] = field(default_factory=dict)
    country_name: dict[str, str] = field(default_factory=dict)
    cameo_country: dict[str, str] = field(default_factory=dict)
    org_cameo: dict[str, str] = field(default_factory=dict)
    org_name: dict[str, str] = field(default_factory=dict)
    person_keys: dict[str, list[Candidate]] = field(default_factory=dict)
    _matchers: dict[tuple[int, str], tuple[Any, Any]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # -- building -----------------------------------------------------------------------------

    def add_form(self, lang: str | None, form: str, cand: Candidate) -> None:
        """Index ``form`` for ``lang`` (None: every language)."""
        key = norm_key(form)
        if not key:
            return
        for lg in (lang,) if lang else LANGS:
            self.forms.setdefault(lg, {}).setdefault(key, []).append(cand)
        self._matchers.clear()

    def demonym_country(self, lang: str, word: str) -> str | None:
        """ISO3 of the state a demonym names ("Colombian", "russes"), else None."""
        return self.demonyms.get(lang, {}).get(norm_key(word))

    def is_org_seat(self, place: str) -> bool:
        """Whether ``place`` also names an international organisation ("Bruxelles")."""
        key = norm_key(place)
        return any(c.kind == "org" for table in self.forms.values() for c in table.get(key, ()))

    def home_country(self, place: str | None) -> str | None:
        """ISO3 of a country or capital named ``place`` (a dateline's city), else None."""
        if not place:
            return None
        key = norm_key(place)
        cands = [c for table in self.forms.values() for c in table.get(key, ())]
        if any(c.kind == "org" for c in cands):
            return None  # "BRUSSELS": the seat of an organisation files stories about others
        for cand in cands:
            if cand.kind in ("country", "capital") and cand.entity.country:
                return cand.entity.country
        return None

    def add_person_key(self, form: str, cand: Candidate) -> None:
        self.person_keys.setdefault(translit_key(form), []).append(cand)

    def override(self, forms: Iterable[str], names: Iterable[str]) -> None:
        """Forget built-in readings of ``forms`` and built-in entities called ``names``."""
        keys = {norm_key(f) for f in forms}
        tkeys = {translit_key(f) for f in forms}
        drop = set(names)
        for table in self.forms.values():
            for key in list(table):
                kept = [c for c in table[key]
                        if c.entity.user or (key not in keys and c.entity.name not in drop)]
                if kept:
                    table[key] = kept
                else:
                    del table[key]
        for key in list(self.person_keys):
            kept = [c for c in self.person_keys[key]
                    if c.entity.user or (key not in tkeys and c.entity.name not in drop)]
            if kept:
                self.person_keys[key] = kept
            else:
                del self.person_keys[key]
        self._matchers.clear()

    def copy(self) -> ActorKnowledge:
        return ActorKnowledge(
            forms={lg: {k: list(v) for k, v in t.items()} for lg, t in self.forms.items()},
            roles={lg: dict(t) for lg, t in self.roles.items()},
            demonyms={lg: dict(t) for lg, t in self.demonyms.items()},
            country_cameo=dict(self.country_cameo),
            country_name=dict(self.country_name),
            cameo_country=dict(self.cameo_country),
            org_cameo=dict(self.org_cameo),
            org_name=dict(self.org_name),
            person_keys={k: list(v) for k, v in self.person_keys.items()},
        )

    # -- use ----------------------------------------------------------------------------------

    def cameo_for(self, country: str | None, org: str | None, sector: str | None) -> str | None:
        """GDELT-style actor code: the org code, or the country code followed by the sector."""
        if org:
            return self.org_cameo.get(org, org)
        if country:
            return self.country_cameo.get(country, country) + (sector or "")
        return sector

    def actor(self, name: str, text: str, country: str | None, org: str | None,
              sector: str | None, cameo: str | None = None) -> Actor:
        code = cameo or self.cameo_for(country, org, sector)
        # the record names only the contract's organisations (a UN body is UN, another one
        # OTHER); the body's own name stays in ``name`` and its own code in ``cameo``
        contract = contract_org(org, self.org_cameo.get(org, code)) if org else None
        if contract is not None and contract != org and name == org:
            name = self.org_name.get(org, org)
        return Actor(name=name, text=text, country=country, org=contract, sector=sector,
                     cameo=code)

    def entity_actor(self, cand: Candidate, text: str, when: date | None) -> Actor:
        """The actor a matched form denotes on the date ``when``."""
        ent = cand.entity
        if ent.roles or ent.kind == "person":
            role = ent.role_on(when)
            if role is not None:
                return self.actor(ent.name, text, role.country, role.org, role.sector,
                                  role.cameo)
            # Outside every dated role: the nationality (or home organisation), no sector.
            return self.actor(ent.name, text, ent.country, ent.org, None)
        sector = cand.sector or ent.sector
        cameo = ent.cameo if (ent.kind != "country" and not cand.sector) else None
        return self.actor(ent.name, text, ent.country, ent.org, sector, cameo)

    def matcher(self, nlp: Any, lang: str) -> Any:
        """The PhraseMatcher (on LOWER) of every name and role form of ``lang`` for ``nlp``.

        Built on first use for each (vocab, language) pair and kept; patterns are added in
        their written and accent-free spellings, labelled with the form's ``norm_key``.
        """
        key = (id(nlp.vocab), lang)
        with self._lock:
            hit = self._matchers.get(key)
            if hit is not None and hit[0] is nlp.vocab:
                return hit[1]
            from spacy.matcher import PhraseMatcher

            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            labelled: dict[str, set[str]] = {}
            for form_key in self.forms.get(lang, {}):
                labelled.setdefault(form_key, set())
            for cands in self.forms.get(lang, {}).values():
                for c in cands:
                    labelled[norm_key(c.form)].update(_spellings(c.form))
            for role_key, role in self.roles.get(lang, {}).items():
                labelled.setdefault(ROLE_PREFIX + role_key, set()).update(_spellings(role.form))
            for label, spellings in labelled.items():
                texts = sorted(spellings)
                if texts:
                    matcher.add(label, list(nlp.tokenizer.pipe(texts)))
            self._matchers[key] = (nlp.vocab, matcher)
            log.debug("built actor matcher for %s: %d labels", lang, len(labelled))
            return matcher


def _spellings(form: str) -> set[str]:
    # Tokenizer exceptions are case-sensitive ("U.S." is one token, "u.s." is not), so the
    # written case is tokenized as well as the lower-case one; LOWER then compares them.
    written = form.replace("’", "'")
    return {written, written.lower(), strip_accents(written), strip_accents(written.lower())}


# -- loading the built-in data files ---------------------------------------------------------


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax errors become DataError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{path}: cannot read actor file ({exc})") from exc
    except UnicodeDecodeError as exc:
        # an actor file saved in a legacy encoding: name the file and the byte, not a traceback
        raise DataError(f"{path}: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
                        f"{exc.start}); save the file as UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(f"{where}: not valid YAML ({problem})") from exc


def per_lang(value: Any, where: str) -> Iterator[tuple[str | None, str]]:
    """(lang, form) pairs of a ``{en: [...], fr: [...]}`` mapping or a plain list (all langs)."""
    if value is None:
        return
    if isinstance(value, str):
        yield None, value
        return
    if isinstance(value, list):
        for v in value:
            if not isinstance(v, str | int | float) or isinstance(v, bool):
                raise DataError(f"{where}: expected a list of names, found {v!r}")
            yield None, str(v)
        return
    if isinstance(value, Mapping):
        for lang, forms in value.items():
            for _, form in per_lang(forms, where):
                yield str(lang), form
        return
    raise DataError(f"{where}: expected a list of names or {{en: [...], fr: [...]}}, "
                    f"found {type(value).__name__}")


def ambiguous_keys(entry: Mapping[str, Any], where: str) -> tuple[bool, set[str]]:
    """(all forms ambiguous?, keys of the forms listed as ambiguous) of one entry."""
    value = entry.get("ambiguous")
    if value is True:
        return True, set()
    if not value:
        return False, set()
    return False, {norm_key(f) for _, f in per_lang(value, where)}


def opt_date(value: Any, where: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise DataError(f"{where}: '{value}' is not an ISO date (YYYY-MM-DD)") from exc


def _entries(path: Path) -> list[tuple[str, Mapping[str, Any]]]:
    if not path.exists():
        log.warning("actor data file %s is missing; continuing without it", path)
        return []
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(f"{path}: expected a list of entries at top level")
    out = []
    for n, entry in enumerate(data, 1):
        if not isinstance(entry, Mapping):
            raise DataError(f"{path}: entry {n}: expected a mapping, found {entry!r}")
        label = entry.get("name") or entry.get("iso3") or entry.get("org") or ""
        out.append((f"{path}: entry {n} ({label})", entry))
    return out


def _add_forms(kn: ActorKnowledge, value: Any, where: str, make: Any,
               amb_all: bool, amb: set[str]) -> list[tuple[str | None, str]]:
    pairs = list(per_lang(value, where))
    for lang, form in pairs:
        kn.add_form(lang, form, make(form, amb_all or norm_key(form) in amb))
    return pairs


def load_countries(kn: ActorKnowledge, path: Path) -> None:
    for where, e in _entries(path):
        iso3 = str(e.get("iso3") or "").strip()
        if len(iso3) != 3 or not iso3.isupper():
            raise DataError(f"{where}: 'iso3' must be a 3-letter upper-case code")
        cameo = str(e.get("cameo") or iso3)
        kn.country_cameo[iso3] = cameo
        kn.cameo_country.setdefault(cameo, iso3)
        names = list(per_lang(e.get("names"), where))
        en_names = [f for lg, f in names if lg in (None, "en")]
        name = str(e.get("name") or (en_names[0] if en_names else iso3))
        kn.country_name[iso3] = name
        ent = Entity("country", name, country=iso3, cameo=cameo)
        amb_all, amb = ambiguous_keys(e, where)
        for fld, kind, sector in (("names", "country", None), ("capitals", "capital", "GOV"),
                                  ("seats", "seat", "GOV"), ("military_seats", "seat", "MIL"),
                                  ("legislatures", "legislature", "LEG"),
                                  ("intelligence_seats", "seat", "SPY"),
                                  ("demonyms", "demonym", None)):
            pairs = _add_forms(
                kn, e.get(fld), f"{where} {fld}",
                lambda f, a, k=kind, s=sector, en=ent: Candidate(en, k, f, s, a), amb_all, amb)
            if fld == "demonyms":
                for lang, form in pairs:
                    for lg in (lang,) if lang else LANGS:
                        kn.demonyms.setdefault(lg, {})[norm_key(form)] = iso3


def load_orgs(kn: ActorKnowledge, path: Path, kind: str) -> None:
    for where, e in _entries(path):
        org = e.get("org")
        name = str(e.get("name") or e.get("id") or org or "").strip()
        if not name:
            raise DataError(f"{where}: entry needs 'org' or 'name'")
        country = e.get("country") or e.get("iso3")
        sector = e.get("sector")
        cameo = e.get("cameo")
        if org:
            kn.org_cameo.setdefault(str(org), str(cameo or org))
            kn.org_name.setdefault(str(org), name)
        ent = Entity(kind, name, country=str(country) if country else None,
                     org=str(org) if org else None, sector=str(sector) if sector else None,
                     cameo=str(cameo) if cameo else None,
                     national=bool(e.get("national_societies")))
        amb_all, amb = ambiguous_keys(e, where)
        for fld in ("names", "aliases", "demonyms"):
            _add_forms(kn, e.get(fld), f"{where} {fld}",
                       lambda f, a, en=ent: Candidate(en, kind, f, None, a), amb_all, amb)
        if not e.get("names") and not e.get("aliases"):
            kn.add_form(None, name, Candidate(ent, kind, name, None, amb_all))


def load_roles(kn: ActorKnowledge, path: Path) -> None:
    if not path.exists():
        log.warning("actor data file %s is missing; continuing without it", path)
        return
    data = read_yaml(path)
    if data is None:
        return
    if not isinstance(data, Mapping):
        raise DataError(f"{path}: expected a mapping of language -> list of roles")
    for lang, items in data.items():
        if not isinstance(items, list):
            raise DataError(f"{path}: {lang}: expected a list of roles")
        table = kn.roles.setdefault(str(lang), {})
        for n, item in enumerate(items, 1):
            where = f"{path}: {lang} entry {n}"
            if not isinstance(item, Mapping) or not item.get("forms"):
                raise DataError(f"{where}: a role needs 'forms'")
            sector = item.get("sector")
            person = bool(item.get("person", False))
            contextual = bool(item.get("contextual", True))
            for _, form in per_lang(item["forms"], where):
                table[norm_key(form)] = RoleWord(form, str(sector) if sector else None, person,
                                                 contextual)
    kn._matchers.clear()


def person_entity(e: Mapping[str, Any], where: str, user: bool = False) -> Entity:
    """An Entity from a people.yaml-style entry (name, aliases, country, roles)."""
    name = str(e.get("name") or "").strip()
    if not name:
        raise DataError(f"{where}: a person needs a 'name'")
    roles = []
    raw_roles = e.get("roles") or []
    if not isinstance(raw_roles, list):
        raise DataError(f"{where}: 'roles' must be a list")
    for k, r in enumerate(raw_roles, 1):
        if not isinstance(r, Mapping):
            raise DataError(f"{where}: role {k} must be a mapping")
        if not (r.get("country") or r.get("org")):
            raise DataError(f"{where}: role {k} needs 'country' or 'org'")
        roles.append(DatedRole(
            country=str(r["country"]) if r.get("country") else None,
            org=str(r["org"]) if r.get("org") else None,
            sector=str(r["sector"]) if r.get("sector") else None,
            title=str(r["title"]) if r.get("title") else None,
            start=opt_date(r.get("from"), f"{where} role {k} 'from'"),
            end=opt_date(r.get("to"), f"{where} role {k} 'to'"),
            cameo=str(r["code"]) if r.get("code") else None,
        ))
    country = e.get("country")
    return Entity("person", name, country=str(country) if country else None,
                  roles=tuple(roles), user=user)


def add_person(kn: ActorKnowledge, ent: Entity, e: Mapping[str, Any], where: str) -> list[str]:
    amb_all, amb = ambiguous_keys(e, where)
    forms = [ent.name] + [f for _, f in per_lang(e.get("aliases"), f"{where} aliases")]
    for form in forms:
        cand = Candidate(ent, "person", form, None, amb_all or norm_key(form) in amb)
        kn.add_form(None, form, cand)
        kn.add_person_key(form, cand)
    return forms


def load_people(kn: ActorKnowledge, path: Path) -> None:
    for where, e in _entries(path):
        add_person(kn, person_entity(e, where), e, where)


def load_builtin(data_dir: Path = DATA_DIR) -> ActorKnowledge:
    """Read the five data files of ``data_dir`` (missing files are skipped with a warning)."""
    kn = ActorKnowledge()
    load_countries(kn, data_dir / "countries.yaml")
    load_orgs(kn, data_dir / "orgs.yaml", "org")
    load_orgs(kn, data_dir / "groups.yaml", "group")
    load_roles(kn, data_dir / "roles.yaml")
    load_people(kn, data_dir / "people.yaml")
    return kn


def forms_of(e: Mapping[str, Any], where: str) -> Sequence[str]:
    return [f for _, f in per_lang(e.get("aliases"), where)]
