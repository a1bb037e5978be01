"""The data model at the centre of pourparler: Article in, Event records out.

Every stage reads or writes these types; the JSON shape of :class:`Event` is the output
contract of DESIGN.md ("the event record") and its field names must not change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Status = Literal["asserted", "future", "hypothetical", "negated"]
Precision = Literal["day", "month", "year", "week", "published"]

#: Statuses that count as events when scoring (the others are kept for analysts).
COUNTED_STATUSES: frozenset[str] = frozenset({"asserted", "future"})


#: The organisations an event record's ``org`` may name (the eval contract); a UN body is
#: ``UN`` with its own name in ``name``, any other organisation ``OTHER``.
CONTRACT_ORGS = frozenset({
    "NATO", "UN", "EU", "OSCE", "AU", "ASEAN", "ARAB_LEAGUE", "G7", "G20", "IAEA", "WHO", "IMF",
    "WORLD_BANK", "ICC", "OPEC", "BRICS", "SCO", "ECOWAS", "CSTO", "OTHER",
})
#: CAMEO's block for the United Nations and its agencies (IGOUNOHRI, IGOUNOWFP, ...).
UN_CAMEO_PREFIX = "IGOUNO"


def contract_org(org: str, cameo: str | None = None) -> str:
    """The contract's name for an organisation: itself if listed, ``UN`` for a UN body (by its
    CAMEO block), else ``OTHER``."""
    if org in CONTRACT_ORGS:
        return org
    if cameo and cameo.startswith(UN_CAMEO_PREFIX):
        return "UN"
    return "OTHER"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, as read from any source."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    lang: str | None = None
    url: str | None = None
    outlet: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "lang": self.lang,
            "url": self.url,
            "outlet": self.outlet,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts or is acted upon.

    ``country`` is ISO 3166-1 alpha-3, ``org`` an international organisation name from the
    DESIGN.md list (then ``country`` is None), ``sector`` a CAMEO role code, ``cameo`` the actor
    code as GDELT writes it (country or IGO block followed by role blocks).
    """

    name: str
    text: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    cameo: str | None = None

    @property
    def key(self) -> str | None:
        """The scoring identity of an actor: its organisation if any, else its country."""
        return self.org or self.country

    def with_text(self, text: str) -> Actor:
        return Actor(self.name, text, self.country, self.org, self.sector, self.cameo)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "country": self.country,
            "org": self.org,
            "sector": self.sector,
            "cameo": self.cameo,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            name=str(d.get("name") or ""),
            # "" is an actor the sentence leaves unstated (an inferred counterpart): kept as is
            text=str(d["text"] if d.get("text") is not None else d.get("name") or ""),
            country=d.get("country"),
            org=d.get("org"),
            sector=d.get("sector") or d.get("role"),
            cameo=d.get("cameo"),
        )


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Literal["city", "region", "country"] | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "geonameid": self.geonameid,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        return cls(
            name=str(d.get("name") or ""),
            country=d.get("country"),
            admin1=d.get("admin1"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            precision=d.get("precision"),
            geonameid=d.get("geonameid"),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that states the event, with character offsets into the article text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def event_id(article_id: str, sentence: int, source: Actor | None, target: Actor | None,
             cameo: str) -> str:
    """Stable id: a hash of article id + sentence + source + target + code (DESIGN.md)."""
    parts = [
        article_id,
        str(sentence),
        (source.cameo or source.key or source.name) if source else "",
        (target.cameo or target.key or target.name) if target else "",
        cameo,
    ]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the event record of DESIGN.md."""

    article_id: str
    sentence: int
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    status: Status
    date: str | None
    date_precision: str | None
    evidence: Evidence
    lang: str
    rule: str
    confidence: float = 0.5
    location: Location | None = None
    id: str = field(default="")
    #: ``"user"`` when ``cameo`` is a code of the user's own dictionaries and not CAMEO; None
    #: (and absent from the record) for CAMEO codes, so existing records are unchanged.
    codebook: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(
                self, "id",
                event_id(self.article_id, self.sentence, self.source, self.target, self.cameo),
            )

    @property
    def counted(self) -> bool:
        return self.status in COUNTED_STATUSES

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "lang": self.lang,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            **({"codebook": self.codebook} if self.codebook is not None else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        ev = d.get("evidence") or {}
        return cls(
            id=str(d.get("id") or ""),
            article_id=str(d["article_id"]),
            sentence=int(d.get("sentence") or 0),
            source=Actor.from_dict(d["source"]) if d.get("source") else None,
            target=Actor.from_dict(d["target"]) if d.get("target") else None,
            cameo=str(d["cameo"]),
            root=str(d.get("root") or str(d["cameo"])[:2]),
            quad_class=int(d.get("quad_class") or 0),
            goldstein=float(d.get("goldstein") or 0.0),
            plover=d.get("plover"),
            plover_mode=d.get("plover_mode"),
            status=d.get("status") or "asserted",
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            location=Location.from_dict(d["location"]) if d.get("location") else None,
            evidence=Evidence(str(ev.get("text") or ""), int(ev.get("start") or 0),
                              int(ev.get("end") or 0)),
            lang=str(d.get("lang") or ""),
            confidence=float(d.get("confidence") or 0.0),
            rule=str(d.get("rule") or ""),
            codebook=d.get("codebook"),
        )


def parse_date(value: object) -> date | None:
    """Read an ISO date or datetime (string or object) as a date; None when empty.

    Raises ValueError on text that is not an ISO date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    day = date.fromisoformat(s[:10])  # ValueError when it does not start with a date
    if len(s) == len("2021-01-01"):
        return day
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        # a time ISO cannot read ("10:00:00 GMT") still dates the day; "2021-01-01garbage" not
        if s[10] in "T " and s[11:12].isdigit():
            return day
        raise ValueError(f"not an ISO date: {s!r}") from None
