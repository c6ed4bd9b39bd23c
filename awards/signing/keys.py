"""The keys and the trust of signing, with pyHanko (slow to import: see awards.signing.config)."""

from pathlib import Path

from asn1crypto import pem, x509
from django.core.exceptions import ImproperlyConfigured, ValidationError
from pyhanko.sign import signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext

from awards.signing import config
from awards.signing.config import DIRECTOR


def trust_roots() -> list:
    """The trusted root certificates (asn1crypto), from SIGNING_TRUST_ROOTS."""
    roots = []
    for path in config._setting("SIGNING_TRUST_ROOTS", []):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ImproperlyConfigured(f"SIGNING_TRUST_ROOTS: không đọc được {path}: {exc}") from exc
        if pem.detect(data):
            roots += [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
        else:
            roots.append(x509.Certificate.load(data))
    return roots


def validation_context():
    """Trust only the configured roots; fetch OCSP responses and CRLs when the certificates point to them."""
    mode = config._setting("SIGNING_REVOCATION", "soft-fail")
    return ValidationContext(trust_roots=trust_roots(), allow_fetching=True, revocation_mode=mode)


def timestamper():
    url = config._setting("SIGNING_TSA_URL")
    if not url:
        return None
    return HTTPTimeStamper(url, timeout=15)


def load_signer(role: str):
    """The pyHanko signer of the Director or of the organisation, or a ValidationError saying what is missing."""
    who = "Giám đốc" if role == DIRECTOR else "cơ quan (văn thư)"
    prefix = "SIGNING_DIRECTOR" if role == DIRECTOR else "SIGNING_ORG"
    if role == DIRECTOR and config._setting("SIGNING_DIRECTOR_PKCS11_MODULE"):
        return _pkcs11_signer()
    path = config._setting(f"{prefix}_PKCS12")
    if not path:
        raise ValidationError(
            f"Máy chủ chưa được cấu hình chứng thư số của {who} ({prefix}_PKCS12). "
            + ("Giám đốc có thể tải văn bản chưa ký về, ký bằng công cụ ký số của mình rồi tải lên lại."
               if role == DIRECTOR else "Hãy báo quản trị hệ thống.")
        )
    passphrase = config._setting(f"{prefix}_PASSPHRASE")
    try:
        signer = signers.SimpleSigner.load_pkcs12(path, passphrase=passphrase.encode() if passphrase else None)
    except (OSError, ValueError) as exc:
        signer = None
        detail = str(exc)
    else:
        detail = "mật khẩu sai hoặc tệp hỏng"
    if signer is None:
        raise ValidationError(f"Không mở được chứng thư số của {who} ({path}): {detail}.")
    return signer


def _pkcs11_signer():  # pragma: no cover - needs a hardware token (or SoftHSM) and python-pkcs11
    from pyhanko.sign import pkcs11  # noqa: PLC0415 — needs python-pkcs11, installed only where a token is used

    module = config._setting("SIGNING_DIRECTOR_PKCS11_MODULE")
    session = pkcs11.open_pkcs11_session(
        module, token_label=config._setting("SIGNING_DIRECTOR_PKCS11_TOKEN") or None,
        user_pin=config._setting("SIGNING_DIRECTOR_PKCS11_PIN") or None,
    )
    return pkcs11.PKCS11Signer(session, key_label=config._setting("SIGNING_DIRECTOR_PKCS11_KEY"))
