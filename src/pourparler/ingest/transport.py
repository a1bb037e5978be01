"""The fetcher's httpx transport: resolve once, check, connect to what was checked, in time.

httpx resolves a host itself when it connects, so checking the address beforehand leaves a
window: a DNS answer that changes between the check and the connection (DNS rebinding)
reaches a private address. Here the network backend resolves the name once, refuses the
connection if any address is not public (:func:`pourparler.ingest.addresses.refusal`), and
connects to one of those very addresses; httpcore still sends ``Host`` and checks the TLS
certificate (SNI included) against the original name, since it passes that name to
``start_tls`` itself.

The same backend enforces one deadline for a whole exchange (resolution, connection, TLS,
request, headers, body, every redirect hop and the robots.txt read): each socket operation
gets at most the time left, and none starts once it is spent, so a server that trickles its
headers one byte at a time cannot hold the fetcher past the deadline.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from types import TracebackType
from typing import Any

import httpcore
import httpx

from pourparler.errors import InputError
from pourparler.ingest.addresses import refusal

__all__ = ["Deadline", "GuardedBackend", "GuardedTransport", "Resolver", "system_resolver"]

log = logging.getLogger(__name__)

#: A resolver: host and port to the addresses (IP literals) to try, in order.
Resolver = Callable[[str, int], list[str]]
#: Resolutions running at once: a crawl fetches from a few threads; more only queue.
_RESOLVER_THREADS = 4


class Deadline:
    """The time left for one exchange. The fetcher's own politeness waits (per-host delay,
    Crawl-delay) are added back with :meth:`extend`: they are not the server's slowness."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self._end - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def extend(self, seconds: float) -> None:
        self._end += seconds


#: Where a backend finds the deadline of the exchange running in the calling thread.
DeadlineSource = Callable[[], Deadline | None]


def system_resolver(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host``, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    return list(seen)


def _budget(deadline: Deadline | None, timeout: float | None,
            expired: type[httpcore.TimeoutException]) -> float | None:
    """The timeout for one socket operation: ``timeout`` capped by the time left."""
    if deadline is None:
        return timeout
    left = deadline.remaining()
    if left <= 0:
        raise expired(f"the deadline of {deadline.seconds:g} s has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write fits in the current exchange's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: DeadlineSource) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes,
                                _budget(self._deadline(), timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _budget(self._deadline(), timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        # CPython bounds the whole handshake by the socket timeout (not each step of it), so
        # the time left bounds a trickled handshake too
        budget = _budget(self._deadline(), timeout, httpcore.ConnectTimeout)
        inner = self._inner.start_tls(ssl_context, server_hostname, budget)
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolves once, checks every address, connects to a checked one, within the deadline.

    Raises InputError (naming the host) when an address is refused or the name does not
    resolve: neither is worth retrying.
    """

    def __init__(self, *, allow_private: bool = False, resolver: Resolver | None = None,
                 deadline: DeadlineSource = lambda: None) -> None:
        self._allow_private = allow_private
        self._resolver = resolver or system_resolver
        self._deadline = deadline
        self._socket = httpcore.SyncBackend()
        # getaddrinfo has no timeout of its own: it runs here, and is waited for only as
        # long as the deadline allows
        self._pool = ThreadPoolExecutor(_RESOLVER_THREADS, thread_name_prefix="resolve")

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def resolve(self, host: str, port: int, timeout: float | None) -> list[str]:
        """The addresses to connect to, each checked (unless private ones are allowed)."""
        if _is_literal(host):
            addresses = [host.strip("[]")]  # an IP literal: nothing to resolve
        else:
            future = self._pool.submit(self._resolver, host, port)
            try:
                addresses = future.result(timeout)
            except FutureTimeout:
                raise httpcore.ConnectTimeout(
                    f"resolving {host} took longer than {timeout:g} s") from None
            except (OSError, UnicodeError) as exc:
                raise InputError(host, f"cannot resolve host {host!r}: {exc}") from None
        if not addresses:
            raise InputError(host, f"cannot resolve host {host!r}: no address")
        if not self._allow_private:
            for address in addresses:
                why = refusal(address)
                if why is not None:
                    raise InputError(host, f"refused: {host} resolves to a private or local "
                                           f"address ({address}: {why})")
        return addresses

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        deadline = self._deadline()
        addresses = self.resolve(host, port,
                                 _budget(deadline, timeout, httpcore.ConnectTimeout))
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self._socket.connect_tcp(
                    address, port, _budget(deadline, timeout, httpcore.ConnectTimeout),
                    local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                log.debug("%s (%s) port %d: %s", host, address, port, exc)
                continue
            return _DeadlineStream(stream, self._deadline)
        assert last is not None  # addresses is never empty
        raise last

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[Any] | None = None
                            ) -> httpcore.NetworkStream:
        raise httpcore.UnsupportedProtocol("the fetcher does not connect to local sockets")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


#: httpcore's exceptions as httpx's, most specific first (what httpx's own transport does).
_EXCEPTIONS: tuple[tuple[type[Exception], type[httpx.HTTPError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


def _as_httpx(exc: Exception, request: httpx.Request | None = None) -> Exception:
    for core, ours in _EXCEPTIONS:
        if isinstance(exc, core):
            if issubclass(ours, httpx.RequestError):
                return ours(str(exc) or type(exc).__name__, request=request)
            return ours(str(exc) or type(exc).__name__)
    return exc


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes], request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._stream
        except httpcore.TimeoutException as exc:
            raise _as_httpx(exc, self._request) from exc
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            raise _as_httpx(exc, self._request) from exc

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport over :class:`GuardedBackend` (HTTP/1.1, TLS verified, no proxy)."""

    def __init__(self, *, allow_private: bool = False, resolver: Resolver | None = None,
                 deadline: DeadlineSource = lambda: None,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.backend = GuardedBackend(allow_private=allow_private, resolver=resolver,
                                      deadline=deadline)
        # certificates are verified against the URL's host name, which httpcore passes to
        # start_tls (and sends as SNI) whatever address the backend dialled
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context or httpx.create_ssl_context(),
            network_backend=self.backend)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        try:
            response = self._pool.handle_request(core)
        except (httpcore.TimeoutException, httpcore.NetworkError,
                httpcore.ProtocolError, httpcore.UnsupportedProtocol) as exc:
            raise _as_httpx(exc, request) from exc
        assert isinstance(response.stream, Iterable)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response.stream, request),
                              extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()
        self.backend.close()

    def __exit__(self, exc_type: type[BaseException] | None = None,
                 exc: BaseException | None = None, tb: TracebackType | None = None) -> None:
        self.close()
