"""What a PDF is: a document issued by this Sở, unchanged since signing, who signed and when.

`read_signatures(data)` validates every embedded signature with pyHanko against the configured trust roots;
`check_signed_after(data, unsigned)` is the check of a file the Director signed with their own tool; both raise
ValidationError with a Vietnamese message for a file that cannot be read at all."""

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, ModificationLevel, SuspiciousModification
from pyhanko.sign.validation import validate_pdf_signature

from awards.signing import config, keys

NOT_PDF = ("Tệp tải lên không phải tệp PDF (nội dung không bắt đầu bằng %PDF). Hãy chọn đúng tệp văn bản điện tử "
           "định dạng PDF.")
BROKEN = "Tệp PDF bị hỏng hoặc không đầy đủ, không đọc được cấu trúc văn bản. Hãy tải lên bản gốc đã nhận."


@dataclass
class SignatureReport:
    field_name: str
    certificate: config.CertificateInfo | None
    signed_at: dt.datetime | None
    intact: bool
    valid: bool
    trusted: bool
    modified_after: bool  # changes after this signature other than signatures, form filling and validation data
    timestamped: bool = False
    revision: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.modified_after

    @property
    def name(self) -> str:
        return self.certificate.common_name if self.certificate else "(không rõ)"


def _load(data: bytes):

    if not data[:1024].lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"%PDF-"):
        raise ValidationError(NOT_PDF, code="not_pdf")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfReadError, Exception) as exc:  # any file from the public: whatever breaks the parser is "broken"
        raise ValidationError(BROKEN, code="broken_pdf") from exc
    return reader, signatures


def read_signatures(data: bytes) -> list[SignatureReport]:

    _, signatures = _load(data)
    reports = []
    for sig in signatures:
        try:
            status = config.off_the_event_loop(
                validate_pdf_signature, sig, signer_validation_context=keys.validation_context())
        except Exception as exc:  # a signature so broken pyHanko cannot even evaluate it
            reports.append(SignatureReport(
                field_name=sig.field_name, certificate=None, signed_at=None, intact=False, valid=False,
                trusted=False, modified_after=True, problems=[f"Chữ ký «{sig.field_name}» hỏng, không kiểm tra được ({str(exc)[:120]})."],
            ))
            continue
        cert = config.CertificateInfo.of(status.signing_cert) if status.signing_cert is not None else None
        ts = status.timestamp_validity
        # The signing time the signature states (and the page shows); the time-stamp proves it was not later.
        signed_at = status.signer_reported_dt or (ts.timestamp if ts is not None and ts.intact else None)
        level = status.modification_level
        modified = not status.docmdp_ok or (level is not None and level > ModificationLevel.FORM_FILLING)
        report = SignatureReport(
            field_name=sig.field_name, certificate=cert, signed_at=signed_at, intact=status.intact,
            valid=status.valid, trusted=status.trusted, modified_after=modified,
            timestamped=ts is not None and ts.intact and ts.valid, revision=sig.signed_revision,
        )
        who = f"«{report.name}»"
        if not (status.intact and status.valid):
            report.problems.append(
                f"Văn bản đã bị thay đổi sau khi ký: chữ ký số của {who} không còn khớp với nội dung tệp.")
        elif not status.trusted:
            report.problems.append(
                f"Chữ ký số của {who} dùng chứng thư số không do tổ chức chứng thực được tin cậy cấp "
                "(hoặc chứng thư đã hết hạn, bị thu hồi).")
        if modified and status.intact and status.valid:
            report.problems.append(f"Văn bản đã bị sửa đổi sau khi {who} ký (không chỉ là ký số tiếp).")
        reports.append(report)
    return reports


def unsigned_prefix_hashes(data: bytes) -> list[str]:
    """SHA-256 of every prefix of `data` that ends a revision (after an %%EOF and its line end): the unsigned
    document a signed file grew from is one of them."""
    hashes = []
    for match in re.finditer(rb"%%EOF(\r\n|\r|\n)?", data):
        hashes.append(hashlib.sha256(data[:match.end()]).hexdigest())
        if match.group(1):
            hashes.append(hashlib.sha256(data[:match.start() + 5]).hexdigest())
    return hashes


def check_signed_after(data: bytes, unsigned: bytes) -> list[SignatureReport]:
    """A file signed outside the application: it must be the stored unsigned document with signatures appended,
    nothing else changed, every signature valid and trusted. Returns the signatures, or raises ValidationError."""

    reader, signatures = _load(data)
    if not data.startswith(unsigned):
        raise ValidationError(
            "Nội dung đã ký trong tệp tải lên khác với văn bản hệ thống đã lập để ký. Hãy tải văn bản chưa ký "
            "từ hệ thống, ký số đúng tệp đó bằng công cụ ký số rồi tải lên lại.", code="content_differs")
    if not signatures:
        raise ValidationError("Tệp tải lên chưa có chữ ký số nào. Hãy ký số văn bản rồi tải lên lại.",
                              code="unsigned")

    base = PdfFileReader(io.BytesIO(unsigned), strict=False).xrefs.total_revisions - 1
    result = DEFAULT_DIFF_POLICY.review_file(reader, base)
    if isinstance(result, SuspiciousModification) or result.modification_level > ModificationLevel.FORM_FILLING:
        raise ValidationError(
            "Tệp tải lên có thay đổi nội dung ngoài chữ ký số so với văn bản hệ thống đã lập. Hãy ký số đúng tệp "
            "đã tải xuống, không chỉnh sửa gì thêm.", code="content_differs")
    reports = read_signatures(data)
    problems = [p for r in reports for p in r.problems]
    if problems:
        raise ValidationError(problems, code="bad_signature")
    return reports
