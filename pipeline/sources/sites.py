"""Where a fetch may go: the source's own site, and no private address that is not it.

A feed or a listing names links, and a server answers with redirects: both are
someone else's words. A link may lead to the machine's own services or the
office network's, so a private, loopback or link-local address is reached only
when it is the source's own site — the same scheme, host and port, since
another port of the same host is another service.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlparse


def is_private(host: str) -> bool:
    """Whether a host name resolves to a loopback, link-local, private or otherwise non-public address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # it will not connect either; the request says why
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not ip.is_global or ip.is_multicast:  # loopback, link-local, private, reserved, unspecified
            return True
    return False


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int | None]:
    parsed = urlparse(url)
    try:
        port = parsed.port or DEFAULT_PORTS.get(parsed.scheme)
    except ValueError:
        port = None
    return parsed.scheme, (parsed.hostname or "").lower(), port


def same_site(url: str, home: str) -> bool:
    """Whether `url` is on the source's own site: the same scheme, host and port. Another port of the same host
    is another service (on 127.0.0.1, maybe a database's admin page); the one exception is a site that moved
    from http to https on the standard ports."""
    scheme, host, port = _origin(url)
    home_scheme, home_host, home_port = _origin(home)
    if host != home_host:
        return False
    upgraded = (home_scheme, home_port, scheme, port) == ("http", 80, "https", 443)
    return (scheme, port) == (home_scheme, home_port) or upgraded
