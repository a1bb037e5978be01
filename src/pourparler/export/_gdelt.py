"""GDELT 2.0 Event (61 columns) and Mentions (16 columns) tables from the store.

Conventions are GDELT's: tab-separated, no header, CAMEO actor codes split into country,
known-group and type blocks, event codes as strings with their leading zeros, FIPS 10-4
country codes in geography fields, dates as YYYYMMDD and times as YYYYMMDDHHMMSS (UTC).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from functools import cache
from typing import IO
from urllib.parse import urlsplit

from pourparler.events.ontology import all_actor_types, all_countries, cameo_country
from pourparler.model import Actor, Event, Location
from pourparler.store import StoredEvent, StoredMention

__all__ = [
    "GDELT_EVENT_COLUMNS",
    "GDELT_MENTION_COLUMNS",
    "gdelt_event_row",
    "gdelt_mention_row",
    "write_gdelt_events",
    "write_gdelt_mentions",
]

#: The 61 columns of a GDELT 2.0 Event file, in GDELT's order (GDELT 2.0 event codebook;
#: checked against shared/ontology/gdelt_events_v2_columns.tsv by the tests).
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    *(f"Actor2{f}" for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                             "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                             "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action")
      for f in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
                "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

#: The 16 columns of a GDELT 2.0 Mentions file, in GDELT's order (GDELT 2.0 event codebook).
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)

#: GDELT's MentionType codes: 1 a web page (URL), 2 a citation only (no URL, e.g. a wire id).
_MENTION_WEB, _MENTION_CITATION = 1, 2
#: AvgTone: GDELT's tone comes from its own English lexicon, and no maintained lexicon on PyPI
#: scores French and English alike, so every event is written as neutral (0); GDELT readers
#: require the field (py_gdelt refuses a row without it). The README says so.
_NO_TONE = "0"
#: GDELT writes -1 for an offset it could not find.
_NOT_FOUND = -1
#: GDELT's Geo_Type for "no location".
_NO_GEO = 0
#: ISO 639-2 codes GDELT writes in MentionDocTranslationInfo (``srclc:fra``).
_ISO639_2 = {"fr": "fra", "en": "eng"}
#: Digits kept in coordinates: 5 decimals is about a metre, more than any gazetteer centroid.
_COORD_DIGITS = 5
#: Days of a GDELT month in FractionDate, (month * 30 + day) / 365 (GDELT's approximation).
_FRACTION_MONTH_DAYS, _FRACTION_YEAR_DAYS = 30, 365


@cache
def _block_kinds() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    countries = frozenset(c.cameo_code for c in all_countries() if c.cameo_code)
    types = frozenset(t.code for t in all_actor_types() if t.kind == "type")
    groups = frozenset(t.code for t in all_actor_types() if t.kind == "known_group")
    return countries, types, groups


def _actor_fields(actor: Actor | None) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1/2Code, Type1/2/3Code."""
    if actor is None:
        return [""] * 10
    countries, types, groups = _block_kinds()
    country = (cameo_country(actor.country) if actor.country else None) or ""
    code = actor.cameo or country
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not country and blocks and blocks[0] in countries:
        country = blocks[0]
    # the most specific known group: the last one, never the country block in front
    # (PSE is both Palestine's country code and a known group; PSEREBHMS is Hamas, HMS)
    rest = blocks[1:] if blocks and blocks[0] in countries else blocks
    known = next((b for b in reversed(rest) if b in groups and b not in types), "")
    roles = [b for b in blocks if b in types][:3]
    roles += [""] * (3 - len(roles))
    return [code, actor.name.upper(), country, known, "", "", "", *roles]


def _num(value: float | None, digits: int = _COORD_DIGITS) -> str:
    if value is None:
        return ""
    return f"{round(value, digits):g}" if digits else str(value)


@cache
def _geo_fields(loc: Location | None) -> tuple[str, ...]:
    """Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID."""
    if loc is None:
        return (str(_NO_GEO), "", "", "", "", "", "", "")
    from pourparler.geo import gdelt_geo

    geo = gdelt_geo(loc)
    return (str(geo.type), geo.fullname, geo.country_code, geo.adm1_code, "",
            _num(geo.lat), _num(geo.lon), geo.feature_id)


def _actor_location(actor: Actor | None, action: Location | None) -> Location | None:
    from pourparler.geo import actor_location

    return actor_location(actor, action)


def _event_date(event: StoredEvent) -> date:
    rec = event.record
    if rec.date:
        try:
            day = date.fromisoformat((rec.date + "-01-01")[:10]) if len(rec.date) < 10 else \
                date.fromisoformat(rec.date[:10])
            return day
        except ValueError:
            pass
    return event.added_at.date()


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


def gdelt_event_row(event: StoredEvent) -> list[str]:
    """The 61 GDELT fields of one stored event, as text."""
    rec: Event = event.record
    day = _event_date(event)
    fraction = day.year + (day.month * _FRACTION_MONTH_DAYS + day.day) / _FRACTION_YEAR_DAYS
    base = rec.cameo[:3]
    row = [
        str(event.gid), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
        f"{fraction:.4f}",
        *_actor_fields(rec.source), *_actor_fields(rec.target),
        "1" if event.in_lead else "0", rec.cameo, base, rec.root, str(rec.quad_class),
        f"{rec.goldstein:g}", str(event.num_mentions), str(event.num_sources),
        str(event.num_articles), _NO_TONE,
        *_geo_fields(_actor_location(rec.source, rec.location)),
        *_geo_fields(_actor_location(rec.target, rec.location)),
        *_geo_fields(rec.location),
        _stamp(event.added_at), event.url or event.outlet or rec.article_id,
    ]
    return [_clean(v) for v in row]


def _offset(evidence_start: int, sentence: str, actor: Actor | None) -> int:
    if actor is None or not actor.text:
        return _NOT_FOUND
    at = sentence.find(actor.text)
    return evidence_start + at if at >= 0 else _NOT_FOUND


def gdelt_mention_row(mention: StoredMention) -> list[str]:
    """The 16 GDELT Mentions fields of one mention, as text. Sentence ids count from 1 as in
    GDELT; ActionCharOffset is the start of the sentence (the coder keeps no verb offset).
    MentionTimeDate is the article's publication date (at 00:00, the stored precision) when
    it has one, else when the store first saw it; MentionSourceName the URL's domain when
    there is a URL (GDELT's form, ``lemonde.fr``), else the outlet or the article id."""
    rec = mention.record
    ev = rec.evidence
    seen = datetime.combine(mention.published, time()) if mention.published else \
        mention.added_at
    a1 = _offset(ev.start, ev.text, rec.source)
    a2 = _offset(ev.start, ev.text, rec.target)
    raw = int(a1 != _NOT_FOUND and a2 != _NOT_FOUND)
    lang = _ISO639_2.get(rec.lang, rec.lang)
    row = [
        str(mention.gid), _stamp(mention.event_added_at), _stamp(seen),
        str(_MENTION_WEB if mention.url else _MENTION_CITATION), _source_name(mention),
        mention.url or rec.article_id, str(rec.sentence + 1), str(a1), str(a2), str(ev.start),
        str(raw), str(round(rec.confidence * 100)), str(mention.text_len), _NO_TONE,
        "" if rec.lang == "en" else f"srclc:{lang}",
        f"<PP_RECORD>{rec.id}</PP_RECORD><PP_STATUS>{rec.status}</PP_STATUS>"
        f"<PP_EVIDENCE_END>{ev.end}</PP_EVIDENCE_END><PP_RULE>{rec.rule}</PP_RULE>",
    ]
    return [_clean(v) for v in row]


def _source_name(mention: StoredMention) -> str:
    host = (urlsplit(mention.url).hostname or "") if mention.url else ""
    return host.removeprefix("www.") or mention.source_name


def _clean(value: str) -> str:
    # a tab or line break inside a field would shift every column after it; GDELT's files
    # hold no double quote, and readers that parse them as CSV (py_gdelt, DuckDB) take one
    # as the start of a quoted field
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ").replace('"', "'")


def _write_rows(rows: Iterator[list[str]], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write("\t".join(row) + "\n")
        n += 1
    return n


def write_gdelt_events(events: Iterable[StoredEvent], out: IO[str]) -> int:
    """Write a GDELT 2.0 Event table (no header, as GDELT's files); returns the row count."""
    return _write_rows((gdelt_event_row(e) for e in events), out)


def one_per_sentence(mentions: Iterable[StoredMention]) -> Iterator[StoredMention]:
    """The mentions GDELT counts: one per event and article sentence (two records of one act
    in one sentence are one mention), so that an event's rows number its NumMentions."""
    seen: set[tuple[int, str, int]] = set()
    for mention in mentions:
        key = (mention.gid, mention.record.article_id, mention.record.sentence)
        if key not in seen:
            seen.add(key)
            yield mention


def write_gdelt_mentions(mentions: Iterable[StoredMention], out: IO[str]) -> int:
    """Write a GDELT 2.0 Mentions table (no header), one row per event and article sentence;
    returns the row count."""
    return _write_rows((gdelt_mention_row(m) for m in one_per_sentence(mentions)), out)
