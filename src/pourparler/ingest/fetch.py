"""Fetching web pages and feeds politely and safely (httpx).

Every failure is an :class:`~pourparler.errors.InputError` naming the URL and saying what went
wrong, so a crawl reports it on one line and goes on. Safety rules, on by default: only
``http``/``https``; no private, loopback or link-local addresses, IPv6 embeddings of them
included (the host is resolved once per connection, every address checked, and the
connection made to a checked address: :mod:`pourparler.ingest.transport`); one deadline for
the whole exchange (connect, headers, body, redirect hops and robots.txt); a size limit
enforced while streaming; a bounded number of redirects; robots.txt obeyed; a delay between
requests to one host.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from pourparler import __version__
from pourparler.errors import InputError
from pourparler.ingest.robots import DISALLOW_ALL, RobotsRules
from pourparler.ingest.transport import Deadline, GuardedTransport, Resolver
from pourparler.model import Article

log = logging.getLogger(__name__)

__all__ = [
    "FEED_TYPES",
    "HTML_TYPES",
    "USER_AGENT",
    "FetchOptions",
    "Fetcher",
    "Page",
]

#: Names the tool and where to read about it, as robots.txt etiquette asks.
USER_AGENT = f"pourparler/{__version__} (news event coder; +https://pypi.org/project/pourparler/)"
#: The robots.txt token pourparler obeys ("User-agent: pourparler").
ROBOTS_AGENT = "pourparler"

#: Media types accepted as web pages.
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
#: Media types accepted as feeds; servers often label feeds as generic XML or even HTML/text.
FEED_TYPES: frozenset[str] = frozenset({
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "text/html", "text/plain",
})
#: robots.txt files larger than this are cut (RFC 9309 asks crawlers to read at least 500 KiB).
_ROBOTS_MAX_BYTES = 512 * 1024
#: A Crawl-delay above this is capped: some sites ask for hours, which would stall a watch loop.
_MAX_CRAWL_DELAY = 60.0
#: How long a site's robots.txt is trusted before it is read again (RFC 9309 asks for no more
#: than 24 h; one hour lets a watch loop notice changed rules, or a site that came back).
_ROBOTS_TTL = 3600.0
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
#: Worth retrying: the server is overloaded or briefly failing, not refusing the request.
_RETRY_CODES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Limits and politeness settings. Defaults suit a news crawl on a workstation."""

    #: Seconds to connect and between two reads; a news page arrives well within this.
    timeout: float = 10.0
    #: Seconds for the whole exchange: resolving, connecting, headers, body, every redirect
    #: hop and the robots.txt read (not the fetcher's own politeness waits). Stops a server
    #: that trickles its headers or body forever; a slow news site answers in a few seconds.
    total_timeout: float = 30.0
    #: Extra attempts after a timeout, a connection error or a 429/5xx answer.
    retries: int = 2
    #: First wait before a retry, in seconds; doubled each time.
    backoff: float = 1.0
    #: Largest body read, in bytes. News pages are under 2 MB; 10 MB leaves room for inline data.
    max_bytes: int = 10 * 1024 * 1024
    #: Redirect hops followed before giving up (browsers allow ~20; sites rarely need 3).
    max_redirects: int = 5
    #: Seconds between two requests to the same host (robots.txt Crawl-delay wins if longer).
    host_delay: float = 1.0
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    #: Allow private, loopback and link-local addresses (tests, intranets).
    allow_private: bool = False
    #: Allow ``file://`` URLs (read from the local disk).
    allow_files: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched document."""

    url: str  # after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Fetcher:
    """Fetches URLs with the limits of :class:`FetchOptions`; reuse one for a crawl.

    Thread-safe for the per-host delay; the underlying httpx client pools connections.
    ``resolver`` replaces the system resolver (tests). A ``transport`` given here replaces
    the guarded one, and with it the address checks and the deadline inside a read: it is
    for tests and for callers who route requests themselves.
    """

    def __init__(self, options: FetchOptions | None = None,
                 transport: httpx.BaseTransport | None = None,
                 resolver: Resolver | None = None) -> None:
        self.options = options or FetchOptions()
        # the deadline of the fetch running in each thread, read by the transport
        self._local = threading.local()
        if transport is None:
            transport = GuardedTransport(allow_private=self.options.allow_private,
                                         resolver=resolver, deadline=self._deadline)
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,  # followed by hand: each hop's address is checked
            # only encodings decoded here (with a size limit) are offered
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
            trust_env=False,  # a proxy from the environment would bypass the address checks
        )
        self._robots: dict[str, RobotsRules | None] = {}
        self._robots_expiry: dict[str, float] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _deadline(self) -> Deadline | None:
        deadline: Deadline | None = getattr(self._local, "deadline", None)
        return deadline

    def fetch(self, url: str, accept: Iterable[str] = HTML_TYPES) -> Page:
        """The document at ``url``; raises InputError(url, reason) on any failure, within
        ``total_timeout`` seconds plus the politeness waits."""
        parts = urlsplit(url)
        if parts.scheme == "file":
            return self._read_file(url)
        outer = self._deadline()
        self._local.deadline = Deadline(self.options.total_timeout)
        try:
            return self._fetch(url, frozenset(accept))
        finally:
            self._local.deadline = outer

    def _fetch(self, url: str, accepted: frozenset[str]) -> Page:
        seen: set[str] = set()
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_url(url, current)
            if current in seen:
                raise InputError(url, f"redirect loop (back to {current})")
            seen.add(current)
            if self.options.respect_robots and not self._robots_allow(url, current):
                raise InputError(url, f"disallowed by robots.txt ({current})")
            response_or_page = self._get(url, current)
            if isinstance(response_or_page, str):  # a redirect target
                current = response_or_page
                continue
            page = response_or_page
            media = page.content_type
            if accepted and media and media not in accepted:
                raise InputError(url, f"unexpected content type {media!r}")
            return page
        raise InputError(url, f"too many redirects (more than {self.options.max_redirects})")

    def fetch_article(self, url: str, *, article_id: str | None = None,
                      published: date | None = None, lang: str | None = None,
                      title: str | None = None) -> Article | InputError:
        """The article at ``url``, or the reason there is none (never raises InputError)."""
        from pourparler.ingest.html import article_from_html

        try:
            page = self.fetch(url)
        except InputError as err:
            return err
        art = article_from_html(page.body, url, url=page.url, article_id=article_id,
                                charset=page.charset, published=published, lang=lang)
        if isinstance(art, Article) and title and not art.title:
            return Article(art.id, art.text, title, art.published, art.lang, art.url, art.outlet)
        return art

    # -- internals ---------------------------------------------------------------------------

    def _read_file(self, url: str) -> Page:
        if not self.options.allow_files:
            raise InputError(url, "file:// URLs are not allowed (read the file as a path, or "
                                  "allow local files explicitly)")
        path = Path(urlsplit(url).path)
        try:
            size = path.stat().st_size
            if size > self.options.max_bytes:
                raise InputError(url, f"too large ({size:,} bytes, limit "
                                      f"{self.options.max_bytes:,})")
            body = path.read_bytes()
        except OSError as exc:
            raise InputError(url, f"cannot read: {exc.strerror or exc}") from None
        return Page(url, 200, "", None, body)

    def _check_url(self, original: str, url: str) -> None:
        # the addresses are checked where the connection is made (GuardedBackend)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise InputError(original, f"unsupported URL scheme {parts.scheme!r} in {url}")
        try:
            host = parts.hostname
            parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        except ValueError as exc:
            raise InputError(original, f"bad host or port in {url}: {exc}") from None
        if not host:
            raise InputError(original, f"no host in {url}")

    def _wait_turn(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + delay
            start = max(now, ready)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)
            deadline = self._deadline()
            if deadline is not None:  # our own politeness is not the server's slowness
                deadline.extend(start - now)

    def _too_slow(self, original: str, what: str = "the exchange") -> InputError:
        return InputError(original, f"too slow ({what} did not finish within "
                                    f"{self.options.total_timeout:g} s)")

    def _out_of_time(self) -> bool:
        deadline = self._deadline()
        return deadline is not None and deadline.expired()

    def _host_delay(self, url: str) -> float:
        delay = self.options.host_delay
        robots = self._robots.get(_origin(url))
        if robots is not None:
            crawl = robots.crawl_delay(ROBOTS_AGENT)
            if crawl is not None:
                delay = max(delay, min(crawl, _MAX_CRAWL_DELAY))
        return delay

    def _get(self, original: str, url: str) -> Page | str:
        """One request with retries: a Page, or the absolute URL a redirect points to."""
        attempts = self.options.retries + 1
        last_error = "no attempt made"
        for attempt in range(attempts):
            if attempt:
                pause = self.options.backoff * 2 ** (attempt - 1)
                deadline = self._deadline()
                if deadline is not None and deadline.remaining() <= pause:
                    raise InputError(original, f"{last_error} (no time left for attempt "
                                               f"{attempt + 1} within "
                                               f"{self.options.total_timeout:g} s)")
                time.sleep(pause)
            self._wait_turn(urlsplit(url).hostname or "", self._host_delay(url))
            try:
                result = self._download(original, url)
            except _Retryable as exc:
                last_error = str(exc)
                log.info("%s: %s (attempt %d of %d)", original, last_error, attempt + 1,
                         attempts)
                continue
            return result
        raise InputError(original, f"{last_error} (after {attempts} attempts)")

    def _download(self, original: str, url: str) -> Page | str:
        opts = self.options
        try:
            with self._client.stream("GET", url) as response:
                status = response.status_code
                if status in _REDIRECT_CODES:
                    location = response.headers.get("location")
                    if not location:
                        raise InputError(original, f"HTTP {status} redirect without Location")
                    return str(urljoin(url, location))
                if status in _RETRY_CODES:
                    raise _Retryable(f"HTTP {status} {response.reason_phrase}".strip())
                if status >= 400:
                    raise InputError(original, f"HTTP {status} {response.reason_phrase}".strip())
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > opts.max_bytes:
                    raise InputError(original, f"too large ({int(declared):,} bytes declared, "
                                               f"limit {opts.max_bytes:,})")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > opts.max_bytes:
                        raise InputError(original, f"too large (more than {opts.max_bytes:,} "
                                                   "bytes; download stopped)")
                    if self._out_of_time():  # also when a custom transport is used
                        raise self._too_slow(original)
                    chunks.append(chunk)
                raw = b"".join(chunks)
                body = _decompress(raw, response.headers.get("content-encoding"), original,
                                   opts.max_bytes)
                media, charset = _content_type(response.headers.get("content-type", ""))
                return Page(str(response.url), status, media, charset, body,
                            dict(response.headers))
        except InputError as exc:  # an address refused or a name unresolved, by the transport
            raise InputError(original, exc.reason) from None
        except httpx.TimeoutException:
            if self._out_of_time():
                raise self._too_slow(original) from None
            raise _Retryable(f"timed out (no answer within {opts.timeout:g} s)") from None
        except httpx.TooManyRedirects:
            raise InputError(original, "too many redirects") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            if self._out_of_time():
                raise self._too_slow(original) from None
            raise _Retryable(f"connection failed: {exc or type(exc).__name__}") from None

    def _robots_allow(self, original: str, url: str) -> bool:
        origin = _origin(url)
        if self._robots_expiry.get(origin, 0.0) <= time.monotonic():
            self._robots[origin] = self._load_robots(original, origin)
            self._robots_expiry[origin] = time.monotonic() + _ROBOTS_TTL
        parser = self._robots[origin]
        return parser is None or parser.allows(url, ROBOTS_AGENT)

    def _load_robots(self, original: str, origin: str) -> RobotsRules | None:
        """The site's rules; None when there are none (RFC 9309: 4xx means no rules). An
        unreachable robots.txt (5xx) means "disallow all" until it can be read. Raises
        InputError when the deadline passes while reading it (nothing is remembered then)."""
        robots_url = origin + "/robots.txt"
        self._wait_turn(urlsplit(origin).hostname or "", self.options.host_delay)
        body = b""
        try:
            # not followed: a redirect could point at an address the checks would refuse
            with self._client.stream("GET", robots_url) as response:
                status = response.status_code
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) >= _ROBOTS_MAX_BYTES:
                        break
        except InputError as exc:
            raise InputError(original, exc.reason) from None
        except httpx.HTTPError as exc:
            if self._out_of_time():
                raise self._too_slow(original, f"reading {robots_url}") from None
            log.info("%s: cannot read (%s); no rules assumed", robots_url, exc)
            return None
        if status >= 500:
            return RobotsRules(DISALLOW_ALL)
        if status >= 300:  # 3xx (not followed) and 4xx: no rules
            return None
        return RobotsRules(body[:_ROBOTS_MAX_BYTES].decode("utf-8", "replace"))


class _Retryable(Exception):
    """A failure that may pass on a later attempt."""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _decompress(raw: bytes, encoding: str | None, url: str, limit: int) -> bytes:
    """The body after Content-Encoding, refusing a decompression bomb past ``limit``."""
    if not encoding or encoding.strip().lower() in ("identity", ""):
        return raw
    import zlib

    name = encoding.strip().lower()
    if name not in ("gzip", "x-gzip", "deflate"):
        raise InputError(url, f"unsupported content encoding {encoding!r}")
    wbits = 16 + zlib.MAX_WBITS if "gzip" in name else zlib.MAX_WBITS
    decomp = zlib.decompressobj(wbits)
    try:
        out = decomp.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise InputError(url, f"corrupt {name} body: {exc}") from None
    if len(out) > limit:
        raise InputError(url, f"too large once decompressed (limit {limit:,} bytes)")
    return out
