"""The client's address, as the lockout counts it.

Behind reverse proxies REMOTE_ADDR is the nearest proxy's address, the same for everyone: counting failures by it
would let five wrong passwords from anybody lock everybody out. Each proxy we trust appends the address it was
reached from to X-Forwarded-For, so with N trusted proxies the client is the N-th address from the right of
`X-Forwarded-For, REMOTE_ADDR`; everything left of it was written by the client and may be forged.

TRUSTED_PROXY_COUNT (settings, from the environment) is N; 0 (the default) means no proxy: REMOTE_ADDR alone, and
a forged X-Forwarded-For is ignored."""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client behind settings.TRUSTED_PROXY_COUNT trusted proxies."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part for part in forwarded.split(",") if part.strip()] + ([remote] if remote else [])
    if len(chain) <= proxies:
        # Fewer hops than proxies: the request did not come through all of them; the farthest one we know.
        candidate = chain[0] if chain else None
    else:
        candidate = chain[-(proxies + 1)]
    return (_address(candidate) if candidate else None) or remote
