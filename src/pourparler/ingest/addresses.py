"""Which addresses the fetcher may connect to: public unicast only.

Python's ``is_global`` alone lets through IPv6 forms that carry an IPv4 address a router or
the host itself turns back into IPv4: NAT64 (64:ff9b::/96), 6to4 (2002::/16),
IPv4-compatible (::a.b.c.d) and ISATAP interface ids; ``::ffff:127.0.0.1`` and Teredo are
caught by it, but are decoded here too so the message names the IPv4 address. Every such
embedding is judged by its IPv4 address. A few ranges that Python 3.11 still calls global are
refused by name (site-local, the new documentation prefix, SRv6 SIDs, local-use NAT64).
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network

__all__ = ["embedded_ipv4", "refusal"]

_NAT64 = IPv6Network("64:ff9b::/96")          # RFC 6052 well-known prefix
_SIXTOFOUR = IPv6Network("2002::/16")         # RFC 3056
_TEREDO = IPv6Network("2001::/32")            # RFC 4380
_MAPPED = IPv6Network("::ffff:0:0/96")        # RFC 4291 2.5.5.2
_COMPATIBLE = IPv6Network("::/96")            # RFC 4291 2.5.5.1 (deprecated)
#: ISATAP interface ids (RFC 5214): 0000:5efe or 0200:5efe then the IPv4 address.
_ISATAP_IDS = frozenset({0x00005EFE, 0x02005EFE})
#: Not globally reachable, whatever Python 3.11's tables say.
_V6_REFUSED: tuple[tuple[IPv6Network, str], ...] = (
    (IPv6Network("64:ff9b:1::/48"), "a local-use NAT64 prefix (RFC 8215)"),
    (IPv6Network("fec0::/10"), "a site-local address"),
    (IPv6Network("3fff::/20"), "a documentation prefix (RFC 9637)"),
    (IPv6Network("5f00::/16"), "an SRv6 SID prefix (RFC 9602)"),
)
_V4_SHARED = IPv4Network("100.64.0.0/10")


def embedded_ipv4(ip: IPv6Address) -> IPv4Address | None:
    """The IPv4 address an IPv6 address carries and may be delivered to, if any."""
    value = int(ip)
    if ip in _MAPPED:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return IPv4Address(value & 0xFFFFFFFF)
    if ip in _SIXTOFOUR:
        return ip.sixtofour
    if ip in _TEREDO and ip.teredo is not None:
        return ip.teredo[1]  # the client, which the relay delivers to
    if ip in _COMPATIBLE and value > 1:  # not :: or ::1, which are themselves
        return IPv4Address(value & 0xFFFFFFFF)
    if (value >> 32) & 0xFFFFFFFF in _ISATAP_IDS:
        return IPv4Address(value & 0xFFFFFFFF)
    return None


def _v4_reason(ip: IPv4Address) -> str | None:
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip in _V4_SHARED:
        return "a carrier-grade NAT address"
    if ip.is_unspecified:
        return "the unspecified address"
    if not ip.is_global:
        return "a private or reserved address"
    return None


def refusal(address: str) -> str | None:
    """Why the fetcher must not connect to ``address`` (an IP literal, maybe with a
    ``%scope``), or None when it is a public unicast address. Not an address: a reason."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, IPv4Address):
        return _v4_reason(ip)
    inner = embedded_ipv4(ip)
    if inner is not None:
        why = _v4_reason(inner)
        if why is not None:
            return f"it embeds {inner}, {why}"
    for network, why in _V6_REFUSED:
        if ip in network:
            return why
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if not ip.is_global:
        return "a private or reserved address"
    return None
