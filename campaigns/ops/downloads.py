"""The Content-Disposition of a download with a Vietnamese file name (RFC 6266 with RFC 5987 encoding)."""

import unicodedata
from urllib.parse import quote


def ascii_fallback(name):
    """The name without Vietnamese diacritics, for clients that do not read RFC 5987 ("Tờ trình" -> "To trinh")."""
    name = name.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in plain)
    return " ".join(plain.split()) or "tep"


def content_disposition(name, inline=False):
    """attachment (or inline); filename="ascii"; filename*=UTF-8''percent-encoded."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
