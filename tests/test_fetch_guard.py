"""The fetcher connects only to public addresses, and to the very address it checked
(issue 12, defect 5): a DNS answer that changes between the check and the connection, and
IPv6 forms of private IPv4 addresses, must not reach a private address.

The local test server is on 127.0.0.1, which the fetcher refuses; the tests make a public
address (from the resolver stub) lead to it by redirecting ``socket.create_connection`` for
that one address, recording what the fetcher asked to connect to."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from local_http import Server, page
from pourparler.errors import InputError
from pourparler.ingest.addresses import embedded_ipv4, refusal
from pourparler.ingest.fetch import Fetcher, FetchOptions
from pourparler.ingest.transport import GuardedTransport

PUBLIC = "93.184.216.34"      # a public address; never really dialled here
PUBLIC6 = "2606:2800:220:1:248:1893:25c8:1946"
NAME = "news.rebind.example"
BODY = (b"<html lang=en><body><article><p>The foreign minister met his counterpart in Geneva "
        b"on Tuesday to discuss the ceasefire and the exchange of prisoners, according to a "
        b"statement released afterwards.</p></article></body></html>")
OPTS = FetchOptions(timeout=1.0, total_timeout=3.0, retries=0, host_delay=0.0,
                    respect_robots=False)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "255.255.255.255", "224.0.0.1", "198.18.0.1", "240.0.0.1",
    "::1", "::", "fe80::1", "fe80::1%eth0", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
    "2001:db8::1", "3fff::1", "5f00::1", "100::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:7f00:1",    # IPv4-mapped
    "::127.0.0.1", "::10.0.0.1", "::169.254.169.254",         # IPv4-compatible
    "64:ff9b::127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::a00:1",  # NAT64, well-known prefix
    "64:ff9b:1::7f00:1", "64:ff9b:1:0:7f:0:100::",             # NAT64, local-use prefix
    "2002:7f00:1::", "2002:c0a8:101::1", "2002:a9fe:a9fe::",   # 6to4
    "2001:0:4136:e378:8000:63bf:80ff:fffe",                   # Teredo, client 127.0.0.1
    "2001::1",                                                 # Teredo
    "2606:4700::5efe:7f00:1", "2606:4700::200:5efe:a00:1",     # ISATAP interface ids
    "not-an-address",
])
def test_private_and_embedded_private_addresses_are_refused(address: str) -> None:
    assert refusal(address) is not None, address


@pytest.mark.parametrize("address", [
    "8.8.8.8", PUBLIC, "1.1.1.1", PUBLIC6, "2606:4700::1111",
    "64:ff9b::808:808",            # NAT64 of a public address: how IPv6-only networks browse
    "2002:808:808::1",             # 6to4 of a public address
    "::ffff:8.8.8.8",
])
def test_public_addresses_pass(address: str) -> None:
    assert refusal(address) is None, refusal(address)


def test_reasons_name_the_embedded_address() -> None:
    assert "127.0.0.1" in (refusal("64:ff9b::7f00:1") or "")
    assert "127.0.0.1" in (refusal("2002:7f00:1::") or "")
    assert "loopback" in (refusal("::ffff:127.0.0.1") or "")
    import ipaddress

    assert str(embedded_ipv4(ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:80ff:fffe"))) \
        == "127.0.0.1"


class Dialled:
    """``socket.create_connection`` for the test: a public address leads to the local
    server, every other address is dialled as asked; each request is recorded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, local_port: int) -> None:
        self.asked: list[str] = []
        real = socket.create_connection

        def create_connection(address: tuple[str, int], *args: Any,
                              **kwargs: Any) -> socket.socket:
            host, port = address[0], address[1]
            self.asked.append(host)
            if host in (PUBLIC, PUBLIC6):
                return real(("127.0.0.1", local_port), *args, **kwargs)
            return real((host, port), *args, **kwargs)

        monkeypatch.setattr(socket, "create_connection", create_connection)


class Flipping:
    """A resolver stub whose answer changes between calls, as a rebinding DNS server's."""

    def __init__(self, *answers: list[str]) -> None:
        self.answers = list(answers)
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        return self.answers[min(len(self.calls), len(self.answers)) - 1]


@pytest.fixture()
def server() -> Iterator[Server]:
    srv = Server()
    srv.routes["/story"] = page(BODY)
    with srv.running():
        yield srv


def _port(server: Server) -> int:
    return int(server.base.rsplit(":", 1)[1])


def test_the_checked_address_is_the_one_dialled(server: Server,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    dialled = Dialled(monkeypatch, _port(server))
    resolver = Flipping([PUBLIC], ["127.0.0.1"])
    with Fetcher(OPTS, resolver=resolver) as f:
        got = f.fetch(f"http://{NAME}:{_port(server)}/story")
    assert got.status == 200 and b"Geneva" in got.body
    assert resolver.calls == [NAME]          # resolved once
    assert dialled.asked == [PUBLIC]         # and that answer, checked, is what was dialled


def test_a_changed_answer_on_the_next_connection_is_checked_again(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    dialled = Dialled(monkeypatch, _port(server))
    resolver = Flipping([PUBLIC], ["127.0.0.1"])
    transport = GuardedTransport(resolver=resolver)
    url = f"http://{NAME}:{_port(server)}/story"
    with httpx.Client(transport=transport) as client:
        # a new connection each time, so each resolves
        first = client.get(url, headers={"Connection": "close"})
        assert first.status_code == 200
        with pytest.raises(InputError, match=r"private or local address \(127\.0\.0\.1"):
            client.get(url, headers={"Connection": "close"})
    assert resolver.calls == [NAME, NAME]
    assert dialled.asked == [PUBLIC]         # the loopback answer was never dialled
    assert server.hits["/story"] == 1


@pytest.mark.parametrize("answer", [[PUBLIC, "127.0.0.1"], ["10.0.0.7", PUBLIC],
                                    ["64:ff9b::7f00:1"], ["2002:7f00:1::"],
                                    ["::ffff:127.0.0.1"], [PUBLIC6, "::1"]])
def test_any_private_address_in_the_answer_refuses_the_host(
        server: Server, monkeypatch: pytest.MonkeyPatch, answer: list[str]) -> None:
    dialled = Dialled(monkeypatch, _port(server))
    with Fetcher(OPTS, resolver=Flipping(answer)) as f:
        err = f.fetch_article(f"http://{NAME}:{_port(server)}/story")
    assert isinstance(err, InputError) and "private or local" in err.reason
    assert err.source == f"http://{NAME}:{_port(server)}/story"
    assert dialled.asked == [] and server.hits.get("/story", 0) == 0


def test_system_resolver_answers_that_change_do_not_reach_loopback(
        server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # the rebinding attack as it happens: the first DNS answer is public, the next loopback
    answers = iter([PUBLIC] + ["127.0.0.1"] * 10)
    real = socket.getaddrinfo

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host != NAME:
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    dialled = Dialled(monkeypatch, _port(server))
    with Fetcher(OPTS) as f:
        got = f.fetch(f"http://{NAME}:{_port(server)}/story")
    assert got.status == 200
    # dialled by address (the checked one), never by name for the socket layer to resolve
    assert dialled.asked == [PUBLIC]


def test_ipv6_answers_are_dialled_as_checked(server: Server,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    dialled = Dialled(monkeypatch, _port(server))
    with Fetcher(OPTS, resolver=Flipping([PUBLIC6])) as f:
        assert f.fetch(f"http://{NAME}:{_port(server)}/story").status == 200
    assert dialled.asked == [PUBLIC6]


def test_an_unresolvable_name_is_a_clear_error() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with Fetcher(OPTS, resolver=nowhere) as f:
        err = f.fetch_article("http://nowhere.invalid/story")
    assert isinstance(err, InputError) and "cannot resolve host" in err.reason


def test_a_resolver_that_hangs_ends_within_the_deadline() -> None:
    import threading

    release = threading.Event()

    def hangs(host: str, port: int) -> list[str]:
        release.wait(30)
        return [PUBLIC]

    opts = FetchOptions(timeout=5.0, total_timeout=1.0, retries=2, backoff=0.01,
                        host_delay=0.0, respect_robots=False)
    try:
        with Fetcher(opts, resolver=hangs) as f:
            err = f.fetch_article(f"http://{NAME}/story")
    finally:
        release.set()
    assert isinstance(err, InputError) and "too slow" in err.reason, err


def test_ip_literal_urls_are_checked_without_resolving() -> None:
    def never(host: str, port: int) -> list[str]:
        raise AssertionError("an address needs no resolution")

    with Fetcher(OPTS, resolver=never) as f:
        for url in ("http://127.0.0.1/", "http://[::ffff:127.0.0.1]/",
                    "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::]/"):
            err = f.fetch_article(url)
            assert isinstance(err, InputError) and "private or local" in err.reason, url


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for NAME only (no IP address in it), made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    where = tmp_path_factory.mktemp("tls")
    cert, key = where / "cert.pem", where / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={NAME}",
                    "-addext", f"subjectAltName=DNS:{NAME}"],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_tls_is_verified_against_the_host_name_not_the_dialled_address(
        certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = certificate
    served = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    served.load_cert_chain(cert, key)
    trusted = ssl.create_default_context(cafile=str(cert))
    srv = Server(tls=served)
    srv.routes["/story"] = page(BODY)
    with srv.running():
        port = _port(srv)
        dialled = Dialled(monkeypatch, port)
        transport = GuardedTransport(resolver=Flipping([PUBLIC]), ssl_context=trusted)
        with httpx.Client(transport=transport) as client:
            # the certificate names NAME, not 93.184.216.34: it verifies only because SNI and
            # the check use the URL's name while the socket goes to the checked address
            got = client.get(f"https://{NAME}:{port}/story")
            assert got.status_code == 200 and b"Geneva" in got.content
            with pytest.raises(httpx.ConnectError, match=r"certificate|hostname"):
                client.get(f"https://other.rebind.example:{port}/story")
    assert dialled.asked == [PUBLIC, PUBLIC]


def test_a_trickled_tls_handshake_ends_within_the_deadline(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a TLS record header announcing 16 KiB, then one byte every 0.2 s: every read of the
    # handshake is quick, the handshake never ends
    listener = socket.create_server(("127.0.0.1", 0))
    port = int(listener.getsockname()[1])
    done = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn, contextlib.suppress(OSError):
            conn.sendall(b"\x16\x03\x03\x40\x00")
            while not done.wait(0.2):
                conn.sendall(b"\x00")

    threading.Thread(target=trickle, daemon=True).start()
    Dialled(monkeypatch, port)
    opts = FetchOptions(timeout=5.0, total_timeout=1.5, retries=0, host_delay=0.0,
                        respect_robots=False)
    started = time.monotonic()
    try:
        with Fetcher(opts, resolver=Flipping([PUBLIC])) as f:
            err = f.fetch_article(f"https://{NAME}:{port}/story")
    finally:
        done.set()
        listener.close()
    assert isinstance(err, InputError) and "too slow" in err.reason, err
    assert time.monotonic() - started < 10 * opts.total_timeout  # generous: no end before
