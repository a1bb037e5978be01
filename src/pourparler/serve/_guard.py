"""Who may talk to the server: the ``Host`` names it answers to, and where writes may come from.

DNS rebinding: a page on the attacker's name has that name re-pointed at 127.0.0.1, so the
browser sends its requests to this server while believing them same-origin, and ``Host``
still carries the attacker's name. Answering only to the names the server is bound to
(loopback names by default, more with ``--allow-host``) closes that. A write (POST, PUT,
PATCH, DELETE) whose ``Origin`` is not one of the served origins, or that the browser marks
``Sec-Fetch-Site: cross-site``/``same-site``, is refused as well: that closes cross-site
forms and scripts that aim at ``127.0.0.1`` directly. Clients that send neither header
(curl, scripts) are not browsers carrying a user's ambient access, and pass.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from pourparler.serve._app import ServeOptions

__all__ = ["LOOPBACK_NAMES", "HostGuard", "HostPolicy", "parse_host", "serve_options_for"]

log = logging.getLogger(__name__)

#: The names a loopback server is reached by; served by default.
LOOPBACK_NAMES: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
#: Methods that change state: only these are checked for their origin.
_WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: Sec-Fetch-Site values meaning "another origin asked": same-site is still another origin
#: (another app on localhost, another port).
_FOREIGN_FETCH_SITES = frozenset({"cross-site", "same-site"})
#: Addresses that mean "every interface": the names clients use are then unknown.
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
#: A host name (RFC 1123 labels, IDNA already applied by the client) or an IPv4 literal.
_NAME = re.compile(r"^[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$")
_MAX_PORT = 65_535


def parse_host(value: str) -> tuple[str, int | None] | None:
    """A ``Host`` value as (lower-case name, port or None); None when it is not a host.

    IPv6 literals keep their brackets; one trailing dot (a fully qualified name) is dropped.
    """
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[:end + 1], value[end + 1:]
        try:
            ipaddress.IPv6Address(name[1:-1])
        except ValueError:
            return None
    else:
        name, sep, port_text = value.partition(":")
        rest = sep + port_text
        name = name.removesuffix(".")
        if not _NAME.match(name):
            return None
    if not rest:
        return name, None
    port_text = rest[1:]
    if not rest.startswith(":") or not port_text.isdigit() or int(port_text) > _MAX_PORT:
        return None
    return name, int(port_text)


def _is_ip_literal(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The names the server answers to. A name without a port is served on the server's
    own port (or with no port given, as behind a proxy); ``name:port`` only on that port."""

    names: frozenset[str]
    exact: frozenset[tuple[str, int]]
    #: Bound to every interface: any IP literal is served (an address cannot be rebound),
    #: names only when allowed.
    ip_literals: bool = False

    @classmethod
    def build(cls, extra: Iterable[str] = (), ip_literals: bool = False) -> HostPolicy:
        """Loopback names plus ``extra``; raises ValueError on an entry that is not a host."""
        names, exact = set(LOOPBACK_NAMES), set()
        for entry in extra:
            parsed = parse_host(entry)
            if parsed is None:
                raise ValueError(f"--allow-host {entry!r}: expected a host name or address, "
                                 "optionally with :PORT (such as events.example.org:8443)")
            if parsed[1] is None:
                names.add(parsed[0])
            else:
                exact.add((parsed[0], parsed[1]))
        return cls(frozenset(names), frozenset(exact), ip_literals)

    def allows(self, host: str, served_port: int | None) -> bool:
        parsed = parse_host(host)
        if parsed is None:
            return False
        name, port = parsed
        if port is not None and (name, port) in self.exact:
            return True
        known = name in self.names or (self.ip_literals and _is_ip_literal(name))
        return known and (port is None or served_port is None or port == served_port)

    def describe(self) -> str:
        listed = sorted(self.names) + sorted(f"{n}:{p}" for n, p in self.exact)
        if self.ip_literals:
            listed.append("any IP address")
        return ", ".join(listed)

    def allows_origin(self, origin: str, served_port: int | None) -> bool:
        """Whether ``origin`` (the Origin header) is one of the served origins."""
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            return False  # "null" (sandboxed or data: pages) included
        return self.allows(parts.netloc, served_port)


def _served_port(scope: Scope) -> int | None:
    server = scope.get("server")
    if not server or len(server) < 2 or server[1] is None:
        return None  # a Unix socket: no port to compare with
    return int(server[1])


class HostGuard:
    """ASGI middleware: 400 for a ``Host`` not served, 403 for a cross-origin write."""

    def __init__(self, app: ASGIApp, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the app has no websockets; lifespan passes
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        port = _served_port(scope)
        host = headers.get("host", "")
        if not self.policy.allows(host, port):
            log.warning("refused Host %r (serving %s)", host, self.policy.describe())
            await _refuse(send, 400, (
                f"Host {host!r} is not a name this server answers to "
                f"({self.policy.describe()}); if it is yours, start the server with "
                "--allow-host NAME (DNS rebinding protection)"))
            return
        if scope.get("method", "GET").upper() in _WRITE_METHODS:
            reason = self._foreign(headers, port)
            if reason is not None:
                log.warning("refused a cross-origin %s %s: %s", scope.get("method"),
                            scope.get("path"), reason)
                await _refuse(send, 403, f"cross-origin write refused: {reason}")
                return
        await self.app(scope, receive, send)

    def _foreign(self, headers: dict[str, str], port: int | None) -> str | None:
        site = headers.get("sec-fetch-site", "").strip().lower()
        if site in _FOREIGN_FETCH_SITES:
            return f"the browser marks this request {site} (Sec-Fetch-Site)"
        origin = headers.get("origin")
        if origin is not None and not self.policy.allows_origin(origin.strip(), port):
            return f"Origin {origin!r} is not this server"
        return None


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=True).encode("ascii")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode("ascii")),
                            (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})


def serve_options_for(bind: str, options: ServeOptions) -> ServeOptions:
    """``options`` for a server bound to ``bind``: a specific address is one more name it
    answers to; a wildcard address also serves any IP literal (clients reach it by the
    machine's addresses; names still need ``--allow-host``)."""
    bind = bind.strip()
    if bind in _WILDCARDS:
        log.info("bound to every interface: names other than loopback and IP addresses "
                 "need --allow-host")
        return dataclasses.replace(options, allow_ip_literals=True)
    name = f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind
    if name.lower() in LOOPBACK_NAMES or name in options.allow_hosts:
        return options
    return dataclasses.replace(options, allow_hosts=(*options.allow_hosts, name))
