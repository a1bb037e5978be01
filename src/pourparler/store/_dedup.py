"""When two coded records report the same real-world act: the dedup key and date window."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

from pourparler.model import Actor, Article, Event, parse_date

__all__ = [
    "DEDUP_WINDOW_DAYS",
    "actor_id",
    "actor_key",
    "content_hash",
    "dedup_key",
    "event_day",
    "same_act",
    "source_name",
    "text_hash",
]

#: Two records of one dyad and CAMEO code are one act when their dates are at most this many
#: days apart. One day absorbs the two usual disagreements between reports of one act: time
#: zones (an evening strike in Kyiv is the next day in Washington) and records dated by
#: publication (``date_precision = "published"``) in next-morning articles. A wider window
#: starts merging distinct repeated acts (daily shelling, a second round of talks) — GDELT
#: itself does not merge across days at all. The window is measured from the event's first
#: mention (its anchor), never chained from mention to mention, so an event cannot drift.
DEDUP_WINDOW_DAYS = 1

_SPACE = re.compile(r"\s+")


def actor_key(actor: Actor | None) -> str:
    """The identity of an actor for dedup: organisation, else country, else CAMEO code or name.

    Roles are left out on purpose: one report says "Russia", another "Russian troops" or "the
    Kremlin" for the same act; the scoring rules of the shared eval README key actors the same way.
    """
    if actor is None:
        return ""
    return (actor.key or actor.cameo or _SPACE.sub(" ", actor.name).strip().casefold()).upper()


def actor_id(actor: Actor) -> str:
    """Stable id of an actor row (all its dictionary fields, not the surface text)."""
    parts = [actor.name, actor.country or "", actor.org or "", actor.sector or "",
             actor.cameo or ""]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def dedup_key(event: Event) -> tuple[str, str, str, bool]:
    """(source, target, CAMEO code, counted): records that may be one act share this key.

    ``counted`` keeps a denial or a conditional ("would strike if...") apart from the act.
    """
    return actor_key(event.source), actor_key(event.target), event.cameo, event.counted


def event_day(event: Event) -> date | None:
    """The event's date as a day (month/year precision: the first day of the period)."""
    value = event.date
    if not value:
        return None
    try:
        if len(value) == len("2021-12"):
            return date.fromisoformat(value + "-01")
        if len(value) == len("2021"):
            return date(int(value), 1, 1)
        return parse_date(value)
    except ValueError:
        return None


def same_act(anchor: date | None, anchor_precision: str | None, day: date | None,
             precision: str | None) -> bool:
    """Whether a record dated ``day`` falls in the window of an event anchored at ``anchor``.

    Month- and year-precise dates say little about the day, so they match only the same period
    at the same precision; undated records match only undated events.
    """
    if anchor is None or day is None:
        return anchor is None and day is None
    coarse = {"month", "year"}
    if precision in coarse or anchor_precision in coarse:
        return precision == anchor_precision and day == anchor
    return abs((day - anchor).days) <= DEDUP_WINDOW_DAYS


def _normal_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def text_hash(text: str) -> str:
    """Hash of the normalised text (Unicode NFKC, case and runs of white space ignored)."""
    return hashlib.sha256(_normal_text(text).encode("utf-8")).hexdigest()


def content_hash(article: Article) -> str:
    """Hash of what coding reads: the text, the publication date and the language."""
    parts = [text_hash(article.text), article.published.isoformat() if article.published else "",
             article.lang or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def source_name(article: Article) -> str:
    """Who published an article, for NumSources: its outlet, its URL's host, else its id."""
    if article.outlet:
        return article.outlet.strip()
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return article.id
