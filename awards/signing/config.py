"""The signing set-up of a deployment, read from settings (which read the environment):

SIGNING_DIRECTOR_PKCS12 / SIGNING_DIRECTOR_PASSPHRASE  the Director's key and certificate (optional: without it the
                                                       Director signs with their own tool and uploads the file)
SIGNING_DIRECTOR_PKCS11_MODULE / _TOKEN / _KEY / _PIN  instead, a PKCS#11 token (needs the python-pkcs11 package)
SIGNING_ORG_PKCS12 / SIGNING_ORG_PASSPHRASE            the Sở's own certificate, used by the văn thư
SIGNING_TRUST_ROOTS                                    files of the root certificates trusted (PEM or DER)
SIGNING_TSA_URL                                        the time-stamping authority (RFC 3161) over HTTP
SIGNING_REVOCATION                                     "soft-fail" (default), "hard-fail" or "require"

This module is light (settings only); what needs pyHanko is in `keys`, `pades` and `verify`, which load pyHanko
(several seconds) when imported: import them only where a document is signed or verified.
"""

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

DIRECTOR, ORGANISATION = "director", "organisation"


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    serial: str
    issuer: str
    common_name: str

    @classmethod
    def of(cls, cert) -> "CertificateInfo":
        """From an asn1crypto certificate."""
        return cls(
            subject=cert.subject.human_friendly, serial=format(cert.serial_number, "X"),
            issuer=cert.issuer.human_friendly, common_name=cert.subject.native.get("common_name", ""),
        )

    def describe(self) -> str:
        return f"chứng thư số «{self.subject}», số hiệu {self.serial}, do «{self.issuer}» cấp"


def _setting(name, default=""):
    return getattr(settings, name, default) or default


def has_server_certificate(role: str) -> bool:
    if role == DIRECTOR:
        return bool(_setting("SIGNING_DIRECTOR_PKCS12") or _setting("SIGNING_DIRECTOR_PKCS11_MODULE"))
    return bool(_setting("SIGNING_ORG_PKCS12"))


VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vietnam_iso(moment: dt.datetime) -> str:
    """2023-12-05T09:30:12+07:00"""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def off_the_event_loop(fn, *args, **kwargs):
    """pyHanko's synchronous calls run their own event loop (asyncio.run), which fails in a thread where a loop is
    already running (an ASGI server, a browser test's driver): there, run the call in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()
