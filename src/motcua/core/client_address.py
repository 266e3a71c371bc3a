"""The client's network address, for the throttles that count per address (the public lookup, the booking form).

Behind a reverse proxy every request comes from the proxy, so one client would share its count with everyone.
The proxy passes the client's address in a header, but anyone can send that header too: it is read only when
the connection comes from a proxy named in ``TRUSTED_PROXIES`` (empty, and so off, by default), and then right
to left, skipping the trusted proxies, so that an address the client wrote at the left of the header is never
taken for its own (docs/access.md, "The public lookup").
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address | None, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's own unless it comes from a trusted proxy, then the nearest
    address in ``CLIENT_ADDRESS_HEADER`` that is not a trusted proxy."""
    peer = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ())
    if not proxies:
        return peer
    networks = _networks(proxies)
    if not _trusted(_parse(peer), networks):
        return peer
    header = "HTTP_" + str(getattr(settings, "CLIENT_ADDRESS_HEADER", "X-Forwarded-For")).upper().replace("-", "_")
    hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A hop that is not an address (garbage, "unknown"): nothing left of it can be believed.
            return peer
        if not _trusted(address, networks):
            return str(address)
    # Every hop is a proxy of ours (or none was passed): the leftmost is the nearest we know of.
    return str(_parse(hops[0])) if hops else peer


def client_ip_or_none(request: HttpRequest) -> str | None:
    """:func:`client_address` when it is an IP address, else None: what a database column of addresses (the
    login attempts' log) can store. A request made without a connection (a test client's forced login, a
    command) has none."""
    address = _parse(client_address(request))
    return str(address) if address is not None else None
