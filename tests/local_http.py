"""A tiny HTTP server on 127.0.0.1 for the web, feed and fetch tests (no network needed)."""

from __future__ import annotations

import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


def send(h: BaseHTTPRequestHandler, status: int, body: bytes,
         ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for key, value in headers.items():
        h.send_header(key.replace("_", "-"), value)
    h.end_headers()
    with suppress(BrokenPipeError, ConnectionResetError):
        h.wfile.write(body)


def page(body: bytes, ctype: str = "text/html; charset=utf-8") -> Handler:
    return lambda h: send(h, 200, body, ctype)


def status(code: int) -> Handler:
    return lambda h: send(h, code, f"error {code}".encode())


def redirect(to: str) -> Handler:
    return lambda h: send(h, 302, b"", Location=to)


def slow(delay: float) -> Handler:
    def run(h: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        send(h, 200, b"<html><body>late</body></html>")
    return run


def trickle(total: int, pause: float) -> Handler:
    """Sends one byte every ``pause`` seconds: each read is quick, the whole never ends."""
    def run(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(total))
        h.end_headers()
        try:
            for _ in range(total):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError):
            pass
    return run


def trickle_headers(pause: float, count: int = 5_000) -> Handler:
    """Sends the status line, then one header byte every ``pause`` seconds: every read is
    quick, the headers never end (a per-read timeout never fires)."""
    def run(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True
        try:
            h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            h.wfile.flush()
            for _ in range(count):
                h.wfile.write(b"a")
                h.wfile.flush()
                time.sleep(pause)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up, as it should
    return run


def slow_redirect(to: str, delay: float) -> Handler:
    """A redirect sent after ``delay`` seconds (under the read timeout, so each hop passes)."""
    def run(h: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        send(h, 302, b"", Location=to)
    return run


def huge(size: int, declare: bool) -> Handler:
    """A body of ``size`` bytes, with or without a Content-Length header."""
    def run(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if declare:
            h.send_header("Content-Length", str(size))
        else:
            h.send_header("Connection", "close")
        h.end_headers()
        block = b"<p>" + b"a" * 65_529 + b"</p>"
        sent = 0
        try:
            while sent < size:
                h.wfile.write(block)
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        h.close_connection = True
    return run


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # a client that gives up mid-answer (as the fetcher must) is not a server error
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Server:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        routes, hits = self.routes, self.hits

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                hits[self.path] = hits.get(self.path, 0) + 1
                handler = routes.get(self.path)
                if handler is None:
                    send(self, 404, b"not found")
                else:
                    handler(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = _Quiet(("127.0.0.1", 0), _H)
        self._httpd.daemon_threads = True
        scheme = "http"
        if tls is not None:  # HTTPS with this certificate
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
            scheme = "https"
        self.base = f"{scheme}://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    @contextmanager
    def running(self) -> Iterator[Server]:
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()
