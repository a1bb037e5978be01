"""The FastAPI application: the JSON API under /api, the dashboard pages, and the docs.

Every piece of news text leaves the server as JSON and is put on the page by the dashboard's
scripts through DOM text nodes, never as HTML; the pages carry a Content-Security-Policy that
allows only the app's own scripts, so even a missed escape could not run an injected script.
Reads go through :class:`pourparler.store.Store` (parameterised SQL, read-only, opened briefly);
the server never fetches a URL.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import tempfile
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, StringConstraints
from starlette.background import BackgroundTask
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pourparler.errors import PourparlerError
from pourparler.events.ontology import all_cameo_codes
from pourparler.export import ExportFormat, export
from pourparler.model import Article, Event, parse_date
from pourparler.options import CoderOptions
from pourparler.serve._data import (
    SORT_KEYS,
    StoreView,
    actor_countries,
    actor_spans,
    event_dict,
    event_places,
    locate_evidence,
    parse_sort,
    plover_names,
)
from pourparler.serve._guard import HostGuard, HostPolicy
from pourparler.serve._models import (
    ArticleView,
    CodedView,
    DyadSeries,
    EventDetail,
    EventsPage,
    Meta,
    WorldMap,
    errors,
)
from pourparler.store import CodedArticle, EventFilter, Store, StoreError

__all__ = ["MAX_BODY_BYTES", "MAX_CODE_TEXT_CHARS", "MAX_PAGE_SIZE", "ServeOptions",
           "create_app"]

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
#: A pasted article is one news story: 200,000 characters is ten times a long feature
#: (news articles are rarely over 20,000), and coding it takes a few seconds at most.
MAX_CODE_TEXT_CHARS = 200_000
#: Request bodies: the longest allowed text at up to 4 UTF-8 bytes per character plus room
#: for the JSON around it. Anything larger is refused before it is read.
MAX_BODY_BYTES = 4 * MAX_CODE_TEXT_CHARS + 64 * 1024
#: Global event ids are DuckDB BIGINTs.
MAX_EVENT_ID = 2**63 - 1
#: Dyads in one /api/dyads query: the timeline asks for two at most; 50 is a dashboard's worth.
MAX_DYADS = 50
#: One page of the events table: enough for a screen of scrolling, small enough to stay fast.
DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 500
#: Only the app's own files; 'unsafe-inline' nowhere, so an injected <script> cannot run.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'")
_MEDIA = {ExportFormat.gdelt: ("text/tab-separated-values", "gdelt.tsv"),
          ExportFormat.gdelt_mentions: ("text/tab-separated-values", "gdelt-mentions.tsv"),
          ExportFormat.plover: ("application/x-ndjson", "plover.jsonl"),
          ExportFormat.polecat: ("text/tab-separated-values", "polecat.tsv"),
          ExportFormat.parquet: ("application/vnd.apache.parquet", "events.parquet"),
          ExportFormat.csv: ("text/csv", "events.csv")}


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How the server behaves beyond where its store is."""

    #: May POST /api/code store what it coded when asked to (``"store": true``)?
    allow_store: bool = True
    max_body_bytes: int = MAX_BODY_BYTES
    coder_options: CoderOptions = field(default_factory=CoderOptions)
    #: Host names (``name`` or ``name:port``) served beside the loopback names: the names
    #: clients use to reach this server (its LAN name, a reverse proxy's name).
    allow_hosts: tuple[str, ...] = ()
    #: Serve any IP-literal Host (set when bound to every interface; an address literal
    #: cannot be rebound, unlike a name).
    allow_ip_literals: bool = False


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class CodeRequest(BaseModel):
    """An article to code: its text, its date (for relative dates) and, optionally, language."""

    text: str = Field(min_length=1, max_length=MAX_CODE_TEXT_CHARS)
    published: date | None = None
    lang: Literal["en", "fr"] | None = None
    title: str | None = Field(default=None, max_length=1000)
    store: bool = Field(default=False, description="Also store the article and its events.")


class _BodyLimit:
    """Refuse request bodies over the limit (413), and bodies of unknown length (411), before
    the application reads them; a client that sends more than it announced is cut off."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is None and headers.get(b"transfer-encoding"):
            await JSONResponse({"detail": "a Content-Length is required"}, 411)(
                scope, receive, send)
            return
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await JSONResponse({"detail": f"request body over {self.limit} bytes"}, 413)(
                scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, counted, send)


def _day(value: str | None, name: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        raise HTTPException(422, f"{name}: not an ISO date: {value!r}") from None


def _pair(value: str) -> tuple[str, str]:
    source, sep, target = value.partition("-")
    if not sep or not source.strip() or not target.strip():
        raise HTTPException(422, f"dyad: expected SOURCE-TARGET such as RUS-UKR, got {value!r}")
    return source.strip().upper(), target.strip().upper()


def _filter(source: str | None, target: str | None, dyad: str | None, plover: str | None,
            cameo: str | None, since: str | None, until: str | None, text: str | None,
            counted: bool, country: str | None = None,
            sector: str | None = None) -> EventFilter:
    if dyad:
        if source or target:
            raise HTTPException(422, "give dyad or source/target, not both")
        source, target = _pair(dyad)
    lo, hi = _day(since, "since"), _day(until, "until")
    if lo and hi and lo > hi:
        raise HTTPException(422, f"since ({lo}) is after until ({hi})")
    return EventFilter(source=source or None, target=target or None, plover=plover or None,
                       cameo=cameo or None, since=lo, until=hi, text=text or None,
                       counted_only=counted, place_country=country or None,
                       sector=sector or None)


# Query parameters shared by /api/events and /api/export, documented once.
Source = Annotated[str | None, Query(max_length=40, description="Source actor: country, "
                                     "organisation or CAMEO code prefix (RUS, NATO, RUSMIL).")]
Target = Annotated[str | None, Query(max_length=40, description="Target actor, as source.")]
#: SOURCE-TARGET: one dash, something on each side of it.
DYAD_PATTERN = r"^[^-]*[^\s-][^-]*-[^-]*[^\s-][^-]*$"
#: An ISO day; the calendar itself (no 31 February) is checked when it is read.
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DyadItem = Annotated[str, StringConstraints(max_length=81, pattern=DYAD_PATTERN)]
Dyad = Annotated[str | None, Query(max_length=81, pattern=DYAD_PATTERN,
                                   description="SOURCE-TARGET, e.g. USA-RUS.")]
Plover = Annotated[str | None, Query(max_length=40, description="PLOVER type, e.g. THREATEN.")]
Cameo = Annotated[str | None, Query(max_length=4, pattern=r"^\d{1,4}$",
                                    description="CAMEO code or prefix: 13 is every threat.")]
Since = Annotated[str | None, Query(max_length=10, pattern=DAY_PATTERN,
                                    json_schema_extra={"format": "date"},
                                    description="First event date (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(max_length=10, pattern=DAY_PATTERN,
                                    json_schema_extra={"format": "date"},
                                    description="Last event date (YYYY-MM-DD); not before "
                                                "since.")]
Words = Annotated[str | None, Query(max_length=200, description="Words that must all appear "
                                    "in a mention's sentence.")]
Counted = Annotated[bool, Query(description="Asserted and future events only.")]
Country = Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{3}$",
                                      description="ISO3 of the country where the event "
                                                  "took place.")]
Sector = Annotated[str | None, Query(max_length=3, pattern=r"^[A-Za-z]{3}$",
                                     description="Sector of either actor: GOV, MIL, REB...")]


def create_app(db_path: str | Path, options: ServeOptions | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db_path`` (which may not exist yet: the
    pages and POST /api/code work, queries answer empty until something is stored).

    Only the loopback names and ``options.allow_hosts`` are served (any other ``Host`` gets
    400), and writes from another origin get 403: see :mod:`pourparler.serve._guard`.
    Raises ValueError when an ``allow_hosts`` entry is not a host name."""
    opts = options or ServeOptions()
    policy = HostPolicy.build(opts.allow_hosts, opts.allow_ip_literals)
    view = StoreView(Path(db_path))
    coder_lock = threading.Lock()
    coder_box: list[Any] = []

    app = FastAPI(title="pourparler", version="0.1.0",
                  description="Political event data with evidence: query, read, code.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")

    @app.middleware("http")
    async def _headers(request: Request,
                       call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.add_middleware(_BodyLimit, limit=opts.max_body_bytes)
    # added last, so outermost: a request for another Host is refused before anything runs
    app.add_middleware(HostGuard, policy=policy)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # ASCII-escaped: the input echoed back may hold a lone surrogate no UTF-8 can encode
        body = json.dumps({"detail": jsonable_encoder(exc.errors())}, ensure_ascii=True)
        return Response(body, 422, media_type="application/json")

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.warning("store error on %s: %s", request.url.path, exc)
        return JSONResponse({"detail": f"the store cannot be read: {exc}"}, 503)

    # --- API -------------------------------------------------------------------------------

    @app.get("/api/meta", tags=["api"], response_model=Meta, responses=errors())
    def meta() -> dict[str, Any]:
        """What the filters offer, and the store's size."""
        roots = {c.root: c.label for c in all_cameo_codes().values() if len(c.code) == 2}
        counts = view.store().counts() if view.exists() else {}
        return {"plover": plover_names(), "cameo_roots": dict(sorted(roots.items())),
                "sort": sorted(SORT_KEYS), "counts": counts,
                "max_page_size": MAX_PAGE_SIZE, "max_text_chars": MAX_CODE_TEXT_CHARS,
                "allow_store": opts.allow_store}

    @app.get("/api/events", tags=["api"], response_model=EventsPage, responses=errors())
    def events(source: Source = None, target: Target = None, dyad: Dyad = None,
               plover: Plover = None, cameo: Cameo = None, since: Since = None,
               until: Until = None, text: Words = None, counted: Counted = False,
               country: Country = None, sector: Sector = None,
               sort: Annotated[str, Query(pattern=r"^-?(" + "|".join(SORT_KEYS) + ")$",
                                          description="Sort key; '-' for descending.")]
               = "date",
               offset: Annotated[int, Query(ge=0)] = 0,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
               ) -> dict[str, Any]:
        """Events matching the filters (as the CLI's ``events`` command), one page of them.

        ``total`` is how many match; ``more`` says whether a next page exists. Ties in the
        sort key are ordered by event id, so pages never overlap."""
        flt = _filter(source, target, dyad, plover, cameo, since, until, text, counted,
                      country, sector)
        if not view.exists():
            return {"total": 0, "more": False, "offset": offset, "limit": limit, "events": []}
        key, descending = parse_sort(sort)
        page = view.store().events_page(flt, limit=limit, offset=offset, sort=key,
                                        descending=descending)
        return {"total": page.total, "more": offset + limit < page.total, "offset": offset,
                "limit": limit, "events": [event_dict(e.record, e) for e in page.events]}

    @app.get("/api/events/{gid}", tags=["api"], response_model=EventDetail,
             responses=errors(404))
    def event(gid: Annotated[int, PathParam(ge=0, le=MAX_EVENT_ID)]) -> dict[str, Any]:
        """One event: its record, and every mention of it with its evidence sentence."""
        mentions = view.store().mentions_of(gid) if view.exists() else []
        if not mentions:
            raise HTTPException(404, f"no event {gid}")
        first = mentions[0]
        record = event_dict(first.record)
        record.update(global_event_id=gid, num_mentions=len(mentions),
                      num_sources=len({m.source_name for m in mentions}),
                      num_articles=len({m.record.article_id for m in mentions}))
        return {"event": record,
                "mentions": [{"article_id": m.record.article_id, "source_name": m.source_name,
                              "url": m.url, "added_at": m.added_at.isoformat(),
                              "record": event_dict(m.record)} for m in mentions]}

    @app.get("/api/dyads", tags=["api"], response_model=DyadSeries, responses=errors())
    def dyads(dyad: Annotated[list[DyadItem] | None, Query(
                  max_length=MAX_DYADS, description="SOURCE-TARGET, repeatable; default "
                  "every dyad.")] = None,
              by: Period = Period.week, undirected: bool = False,
              since: Since = None, until: Until = None) -> dict[str, Any]:
        """Counted events per dyad and period: counts per quad class, Goldstein sum, mean."""
        pairs = [_pair(d) for d in dyad or []]
        lo, hi = _day(since, "since"), _day(until, "until")
        if not view.exists():
            return {"by": by.value, "rows": []}
        rows = view.store().dyads(by=by.value, dyads=pairs, undirected=undirected, since=lo,
                                  until=hi)
        return {"by": by.value, "rows": [r.to_dict() for r in rows]}

    @app.get("/api/map", tags=["api"], response_model=WorldMap, responses=errors())
    def world(since: Since = None, until: Until = None) -> dict[str, Any]:
        """Where counted events happened (``places``: one point per place, with its events,
        conflict events and mean Goldstein score) and the countries of their actors
        (``actors``: one point per country, at its reference point, counting events on
        either side)."""
        lo, hi = _day(since, "since"), _day(until, "until")
        if not view.exists():
            return {"places": [], "actors": []}
        store = view.store()
        return {"places": event_places(store, lo, hi),
                "actors": actor_countries(store, lo, hi)}

    @app.get("/api/articles/{article_id:path}", tags=["api"], response_model=ArticleView,
             responses=errors(404))
    def article(article_id: str) -> dict[str, Any]:
        """An article's text, its events, and spans (offsets into the text) of their
        evidence sentences and of the actors named in them."""
        found = view.store().article(article_id) if view.exists() else None
        if found is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return _article_payload(found.article, [(m.gid, m.record) for m in found.mentions])

    @app.post("/api/code", tags=["api"], response_model=CodedView,
              responses=errors(403, 411, 413))
    def code(req: CodeRequest) -> dict[str, Any]:
        """Code a pasted article and return its events as they would be stored; store them
        only when ``store`` is true (and the server allows it)."""
        if req.store and not opts.allow_store:
            raise HTTPException(403, "this server does not store pasted articles")
        digest = hashlib.sha1(req.text.encode("utf-8")).hexdigest()[:12]
        art = Article(id=f"paste-{digest}", text=req.text, title=req.title,
                      published=req.published, lang=req.lang)
        with coder_lock:
            if not coder_box:
                from pourparler.pipeline import Coder

                coder_box.append(Coder(opts.coder_options))
            result = coder_box[0].code_one(art)
        if result.error is not None:
            raise HTTPException(422, f"cannot code this article: {result.error}")
        stored = False
        if req.store:
            try:
                Store(view.path).write([CodedArticle(art, result.events)])
            except PourparlerError as exc:
                raise HTTPException(503, f"cannot store: {exc}") from None
            stored = True
        payload = _article_payload(art, [(None, e) for e in result.events])
        payload.update(lang=result.lang, stored=stored)
        return payload

    @app.get("/api/export", tags=["api"], response_class=FileResponse,
             responses={200: {"description": "The export file, as an attachment.",
                              "content": {media: {"schema": {"type": "string",
                                                             "format": "binary"}}
                                          for media, _ in _MEDIA.values()}},
                        **errors()})
    def export_file(format: ExportFormat, source: Source = None, target: Target = None,
                    dyad: Dyad = None, plover: Plover = None, cameo: Cameo = None,
                    since: Since = None, until: Until = None, text: Words = None,
                    counted: Counted = False, country: Country = None,
                    sector: Sector = None) -> FileResponse:
        """The store (or the events matching the filters) in one export format."""
        flt = _filter(source, target, dyad, plover, cameo, since, until, text, counted,
                      country, sector)
        media, name = _MEDIA[format]
        tmp = Path(tempfile.mkdtemp(prefix="pourparler-export-"))
        try:
            export(view.store(), format, tmp / name, flt)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return FileResponse(tmp / name, media_type=media, filename=f"pourparler-{name}",
                            background=BackgroundTask(shutil.rmtree, tmp, True))

    # --- pages -----------------------------------------------------------------------------

    def page(name: str) -> Callable[[], FileResponse]:
        def serve_page() -> FileResponse:
            return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8")
        return serve_page

    for route, name in (("/", "events.html"), ("/timeline", "timeline.html"),
                        ("/map", "map.html"), ("/paste", "paste.html"),
                        ("/docs", "docs.html")):
        app.add_api_route(route, page(name), include_in_schema=False, methods=["GET"])
    app.add_api_route("/articles/{article_id:path}", page("article.html"),
                      include_in_schema=False, methods=["GET"])
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _article_payload(art: Article,
                     records: Sequence[tuple[int | None, Event]]) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    for gid, record in records:
        d = event_dict(record)
        if gid is not None:
            d["global_event_id"] = gid
        events.append(d)
        where = locate_evidence(art.text, record)
        if where is None:
            continue
        spans.append({"kind": "evidence", "start": where[0], "end": where[1],
                      "event_id": record.id})
        spans.extend(actor_spans(record, where[0]))
    return {"article": art.to_dict(), "events": events, "spans": spans}
