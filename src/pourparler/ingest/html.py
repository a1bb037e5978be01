"""Web pages -> :class:`~pourparler.model.Article`: main text, title, date, outlet, language.

Extraction is trafilatura's (it drops menus, footers and comments); what it leaves of the
site's furniture inside the article body ("Lire aussi", "Read more", share buttons, a
trailing "Source link") is removed line by line before coding, since the coder would
otherwise read those lines as sentences.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pourparler.errors import InputError
from pourparler.ingest.files import decode_bytes, text_charset
from pourparler.model import Article, parse_date
from pourparler.options import MAX_TEXT_CHARS

log = logging.getLogger(__name__)

__all__ = [
    "HTML_SUFFIXES",
    "MIN_ARTICLE_CHARS",
    "article_from_html",
    "is_html_path",
    "read_html_file",
    "strip_boilerplate",
]

#: File name endings read as web pages.
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".xhtml"})

#: Below this many characters of extracted text a page is taken to carry no article (an index
#: page, a paywall stub, an error page): a two-sentence news brief is already ~200 characters.
MIN_ARTICLE_CHARS = 200

#: A line that is only site furniture. Matched against a whole (stripped) line, case-insensitive,
#: so that a sentence which merely contains "read more" is kept.
_BOILERPLATE_LINE = re.compile(
    r"""^(?:
        (?:lire|à\ lire|voir)\ (?:aussi|également|encore)\b.*      # FR related-article links
      | (?:read|see)\ (?:more|also)\b.*                              # EN related-article links
      | (?:related|more\ on\ this\ story|recommended)\s*:.*
      | (?:partager|share|tweet|retweet|imprimer|print|email|e-mail|envoyer)
        (?:\ (?:sur|on|par|by|cet\ article|this\ article|this\ story|via))?
        (?:\ (?:facebook|twitter|x|linkedin|whatsapp|e-?mail|messenger|bluesky))?\s*[:.!]?
      | (?:facebook|twitter|linkedin|whatsapp|messenger|bluesky|x)(?:\s*[|/·•]\s*
        (?:facebook|twitter|linkedin|whatsapp|messenger|bluesky|x|e-?mail))*
      | (?:abonnez-vous|subscribe|sign\ up\ for\ our\ newsletter|inscrivez-vous).*
      | (?:publicité|advertisement|annonce)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
#: A trailing attribution line that aggregators append: "Source link", "Source : AFP".
_TRAILING_LINE = re.compile(r"^(?:source\s*(?:link|:.*)|lien\ source|original\ article.*)$",
                            re.IGNORECASE | re.VERBOSE)
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)
#: Only the head of a page is searched for its charset and language declarations.
_HEAD_BYTES = 4096


def is_html_path(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


def strip_boilerplate(text: str) -> str:
    """The text without lines that are only site furniture, and without trailing source lines."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept = [ln for ln in lines if ln and not _BOILERPLATE_LINE.match(ln)]
    while kept and _TRAILING_LINE.match(kept[-1]):
        kept.pop()
    return "\n".join(kept)


def read_html_file(path: Path, published: date | None = None,
                   lang: str | None = None) -> Article | InputError:
    """One article from a saved web page; its id is the file name without extension."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot read: {exc.strerror or exc}")
    return article_from_html(data, str(path), article_id=path.stem, published=published,
                             lang=lang)


def article_from_html(page: bytes | str, source: str, *, url: str | None = None,
                      article_id: str | None = None, charset: str | None = None,
                      published: date | None = None, lang: str | None = None,
                      max_text_chars: int = MAX_TEXT_CHARS) -> Article | InputError:
    """An Article from a web page, or the reason there is none.

    ``charset`` is the one the server declared; a page that does not decode with it is read
    with the page's own ``<meta charset>`` or the usual fallbacks (with a warning), never lost.
    The id is ``article_id``, else a short hash of the URL. ``published``/``lang`` apply when
    the page does not give them.
    """
    try:
        html = page if isinstance(page, str) else _decode_page(page, source, charset)
    except InputError as err:
        return err
    doc = _extract(html, url)
    if doc is None:
        return InputError(source, "no article found in the page")
    title = _clean(doc.get("title"))
    text = strip_boilerplate(str(doc.get("text") or ""))
    if title:  # trafilatura keeps the headline as the first line; the coder reads the body
        first, sep, rest = text.partition("\n")
        if sep and first.strip() == title:
            text = rest
    if len(text) < MIN_ARTICLE_CHARS:
        return InputError(source, f"no article found in the page ({len(text)} characters of "
                                  f"text, at least {MIN_ARTICLE_CHARS} expected)")
    if len(text) > max_text_chars:
        return InputError(source, f"text too long ({len(text):,} characters, limit "
                                  f"{max_text_chars:,})")
    try:
        day = parse_date(doc.get("date")) or published
    except (TypeError, ValueError):
        day = published
    page_lang = _page_lang(html) or _norm_lang(doc.get("language")) or lang
    host = urlsplit(url).hostname if url else None
    outlet = _clean(doc.get("sitename")) or (host.removeprefix("www.") if host else None)
    return Article(
        id=article_id or (_url_id(url) if url else Path(source).stem),
        text=text,
        title=title,
        published=day,
        lang=page_lang,
        url=url,
        outlet=outlet,
    )


def _decode_page(data: bytes, source: str, charset: str | None) -> str:
    for declared in (charset, _meta_charset(data)):
        if not declared:
            continue
        name = text_charset(declared)
        if name is None:
            log.warning("%s: declared charset %r is no text encoding; trying others", source,
                        declared)
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeError):
            log.warning("%s: not valid %s as declared; trying other encodings", source, name)
    return decode_bytes(data, source)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_HEAD_BYTES])
    return match.group(1).decode("ascii") if match else None


def _extract(html: str, url: str | None) -> dict[str, Any] | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                          include_comments=False, include_tables=False)
    except Exception:  # a parser crash on one page must not stop a crawl; logged in full
        log.exception("extraction failed")
        return None
    if doc is None:
        return None
    result: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    return result


def _page_lang(html: str) -> str | None:
    match = _HTML_LANG.search(html[:_HEAD_BYTES].encode("utf-8", "replace"))
    return match.group(1).decode("ascii").lower() if match else None


def _norm_lang(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]


def _clean(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def _url_id(url: str) -> str:
    """A stable id for a fetched article: the same URL always gives the same id."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]

