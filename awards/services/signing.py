"""Signing an approved decision's electronic documents (PAdES, Nghị định 30/2020 Phụ lục I), one verb each:

- `document_for_signing`: the PDF rendered once and stored (with its empty signature field); every later step,
  download and verification refers to these bytes;
- `sign_as_director`: the Director's signature with the certificate the server is configured with;
- `accept_director_signed`: the same, from a file the Director signed with their own tool and uploaded: its signed
  content must be exactly the stored document, its signatures valid and trusted;
- `seal_document`: the organisation's signature (văn thư) with the Sở's certificate: the document is issued.

Giấy khen are one signed file per awardee (`certificate_documents` prepares them; the same verbs sign each).
Every step leaves a StateChange naming who signed, when, and with which certificate (subject, serial, issuer).
Files are never replaced: a signed file stays beside its decision, also after the decision is replaced."""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from awards.models import Decision, DecisionLine, DecisionState, DocumentType, SignedDocument, SignedKind, SigningState
from awards.rules import checks_rule, may
from awards.services.files import _megabytes, _remember, atomic_with_files
from awards.services.transitions import TransitionError, set_state
from awards.signing import config

SIGN, SEAL, PREPARE = "awards.sign_decision", "awards.seal_decision", "awards.prepare_signing"


def can_sign(user) -> bool:
    return may(user, SIGN)


def can_seal(user) -> bool:
    """The văn thư belongs to the office."""
    return may(user, SEAL)


def can_prepare(user) -> bool:
    return may(user, PREPARE)


def _read(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def _store(field, data: bytes) -> None:
    field.save("van-ban.pdf", ContentFile(data), save=False)
    _remember(field.storage, field.name)


def _engine():
    """pyHanko's side (awards.signing.keys, pades, verify): loaded on the first signature or verification."""
    from awards.signing import keys, pades, verify  # noqa: PLC0415 — pyHanko takes seconds to import

    return keys, pades, verify


def _render(decision: Decision, line: DecisionLine | None, progress=None) -> bytes:
    from awards.pdf import certificates_pdf, decision_pdf  # noqa: PLC0415 — WeasyPrint is imported lazily

    if line is not None:
        return certificates_pdf(decision, lines=[line])
    return decision_pdf(decision, progress=progress)


def _refuse_unless_signable(decision: Decision, line: DecisionLine | None) -> None:
    if decision.state != DecisionState.APPROVED:
        raise TransitionError(f"{decision} chưa được phê duyệt (hoặc đã bị thay thế): không thể ký số.")
    if line is not None and (line.decision_id != decision.pk or decision.doc_type != DocumentType.DECISION):
        raise ValidationError("Giấy khen này không thuộc quyết định đã chọn.")


def stored_document(decision: Decision, line: DecisionLine | None = None) -> SignedDocument | None:
    """The electronic document already rendered for signing, if any (nothing is rendered)."""
    kind = SignedKind.CERTIFICATE if line is not None else SignedKind.DOCUMENT
    return SignedDocument.objects.filter(decision=decision, kind=kind, line=line).first()


@checks_rule(PREPARE, on="decision", message="Chỉ Giám đốc và Văn phòng Sở được lập văn bản điện tử để ký số.")
def document_for_signing(decision: Decision, *, actor, line: DecisionLine | None = None, progress=None) -> SignedDocument:
    """The stored electronic document of an approved decision (or of one of its Giấy khen), rendered and
    prepared the first time it is asked for (a long list by the worker: awards.jobs.signing_document, which
    passes `progress`).

    The render (half a minute for a list of 1,000) happens before the transaction, so that no lock is held
    meanwhile; under the lock the decision is checked again, and if somebody stored the document in the meantime,
    theirs is kept and this render is dropped: there is only ever one document to sign."""
    existing = stored_document(decision, line)
    if existing is not None:
        return existing
    _refuse_unless_signable(decision, line)
    _, pades, _ = _engine()
    data = pades.prepare(_render(decision, line, progress))
    kind = SignedKind.CERTIFICATE if line is not None else SignedKind.DOCUMENT
    with atomic_with_files():
        decision = Decision.objects.select_for_update().select_related("campaign__organisation").get(pk=decision.pk)
        existing = stored_document(decision, line)
        if existing is not None:
            return existing
        _refuse_unless_signable(decision, line)
        doc = SignedDocument(decision=decision, kind=kind, line=line, unsigned_sha256=hashlib.sha256(data).hexdigest())
        _store(doc.unsigned_file, data)
        doc.save()
        set_state(doc, to_state=SigningState.RENDERED, allowed_from=[SigningState.RENDERED], actor=actor,
                  reason=f"Lập văn bản điện tử để ký số (SHA-256 {doc.unsigned_sha256})")
    return doc


@checks_rule(PREPARE, on="decision", message="Chỉ Giám đốc và Văn phòng Sở được lập văn bản điện tử để ký số.")
def certificate_documents(decision: Decision, *, actor) -> list[SignedDocument]:
    """One electronic Giấy khen per line of a Quyết định."""
    if decision.doc_type != DocumentType.DECISION:
        raise ValidationError("Tờ trình không có Giấy khen.")
    return [document_for_signing(decision, actor=actor, line=line) for line in decision.lines.order_by("order")]


def _locked(doc: SignedDocument, state) -> SignedDocument:
    doc = SignedDocument.objects.select_for_update().select_related("decision__campaign__organisation").get(pk=doc.pk)
    if doc.state != state:
        raise TransitionError(f"{doc}: {doc.get_state_display().lower()}, không thể ký ở bước này.")
    return doc


def _signing_reason(doc: SignedDocument) -> str:
    return f"Ký ban hành {doc.decision.get_doc_type_display().lower()} số {doc.decision.number_text}"


def _record_signer(doc, report, data: bytes, *, method: str, actor) -> SignedDocument:
    cert = report.certificate
    _store(doc.signer_file, data)
    doc.signer_method = method
    doc.signer_subject, doc.signer_serial, doc.signer_issuer = cert.subject, cert.serial, cert.issuer
    doc.signer_signed_at = report.signed_at or timezone.now()
    how = "trên máy chủ" if method == "server" else "bằng công cụ ký số riêng, tải lên"
    set_state(
        doc, to_state=SigningState.SIGNER_SIGNED, allowed_from=[SigningState.RENDERED], actor=actor,
        reason=f"Người có thẩm quyền ký số {how} lúc {config.vietnam_iso(doc.signer_signed_at)}, {cert.describe()}",
        update_fields=["signer_file", "signer_method", "signer_subject", "signer_serial", "signer_issuer",
                       "signer_signed_at"],
    )
    return doc


@checks_rule(SIGN, on="doc.decision", message="Chỉ Giám đốc Sở (người có thẩm quyền) được ký số văn bản.")
def sign_as_director(doc: SignedDocument, *, actor) -> SignedDocument:
    """The Director signs with the certificate configured for the server, showing their signature image."""
    keys, pades, verify = _engine()
    signer = keys.load_signer(config.DIRECTOR)
    with atomic_with_files():
        doc = _locked(doc, SigningState.RENDERED)
        organisation = doc.decision.campaign.organisation
        if not organisation.signer_signature_image:
            raise ValidationError("Chưa có ảnh chữ ký của người ký: Văn phòng tải ảnh (PNG nền trong suốt) lên ở "
                                  "mục Cơ quan trong trang quản trị.")
        unsigned = _read(doc.unsigned_file)
        data = pades.sign_as_signer(
            unsigned, signer=signer, signature_image=_read(organisation.signer_signature_image),
            reason=_signing_reason(doc), location=organisation.place_name,
        )
        reports = verify.check_signed_after(data, unsigned)
        return _record_signer(doc, reports[0], data, method="server", actor=actor)


def _upload_bytes(uploaded) -> bytes:
    if uploaded is None:
        raise ValidationError("Chưa chọn tệp: hãy chọn tệp PDF đã ký số.")
    limit = settings.UPLOAD_MAX_BYTES
    if not uploaded.size:
        raise ValidationError("Tệp tải lên rỗng (0 byte): hãy chọn đúng tệp PDF đã ký số.")
    if uploaded.size > limit:
        raise ValidationError(f"Tệp nặng {_megabytes(uploaded.size, up=True)} MB, vượt giới hạn "
                              f"{_megabytes(limit)} MB: đây không phải văn bản hệ thống đã lập.")
    uploaded.seek(0)
    return b"".join(uploaded.chunks())


@checks_rule(SIGN, on="doc.decision", message="Chỉ Giám đốc Sở (người có thẩm quyền) được tải lên văn bản đã ký số.")
def accept_director_signed(doc: SignedDocument, *, actor, uploaded) -> SignedDocument:
    """The Director signed the downloaded document with their own tool: the signed content must be exactly the
    stored document (signatures appended, nothing else), every signature valid and by a trusted certificate."""
    data = _upload_bytes(uploaded)
    _, _, verify = _engine()
    with atomic_with_files():
        doc = _locked(doc, SigningState.RENDERED)
        reports = verify.check_signed_after(data, _read(doc.unsigned_file))
        return _record_signer(doc, reports[0], data, method="upload", actor=actor)


@checks_rule(SEAL, on="doc.decision", message="Chỉ Văn phòng Sở (văn thư) được ký số của cơ quan.")
def seal_document(doc: SignedDocument, *, actor) -> SignedDocument:
    """The văn thư adds the organisation's signature (its seal image, name and signing time): issued."""
    keys, pades, verify = _engine()
    signer = keys.load_signer(config.ORGANISATION)
    with atomic_with_files():
        doc = _locked(doc, SigningState.SIGNER_SIGNED)
        decision = doc.decision
        organisation = decision.campaign.organisation
        if not organisation.seal_image:
            raise ValidationError("Chưa có ảnh con dấu của cơ quan: Văn phòng tải ảnh (PNG nền trong suốt, màu đỏ) "
                                  "lên ở mục Cơ quan trong trang quản trị.")
        data = pades.sign_as_organisation(
            _read(doc.signer_file), signer=signer, seal_image=_read(organisation.seal_image),
            seal_mm=float(organisation.seal_diameter_mm or pades.DEFAULT_SEAL_MM),
            organisation_name=organisation.name, number_text=decision.number_text,
            reason=f"Phát hành {decision.get_doc_type_display().lower()} số {decision.number_text}",
            location=organisation.place_name,
        )
        reports = verify.read_signatures(data)
        problems = [p for r in reports for p in r.problems]
        if problems:
            raise ValidationError(problems)
        report = reports[-1]
        cert = report.certificate
        _store(doc.signed_file, data)
        doc.signed_sha256 = hashlib.sha256(data).hexdigest()
        doc.org_subject, doc.org_serial, doc.org_issuer = cert.subject, cert.serial, cert.issuer
        doc.org_signed_at = report.signed_at or timezone.now()
        set_state(
            doc, to_state=SigningState.ISSUED, allowed_from=[SigningState.SIGNER_SIGNED], actor=actor,
            reason=f"Văn thư ký số của cơ quan lúc {config.vietnam_iso(doc.org_signed_at)}, {cert.describe()}",
            update_fields=["signed_file", "signed_sha256", "org_subject", "org_serial", "org_issuer", "org_signed_at"],
        )
    return doc


def _each_certificate(decision: Decision, *, actor, step, progress=None) -> list[SignedDocument]:
    """Each Giấy khen's document (rendered the first time), then `step(doc)`; `progress(done, total)` after each
    (the worker's bar, awards.jobs: a batch of 1,000 takes minutes)."""
    if decision.doc_type != DocumentType.DECISION:
        raise ValidationError("Tờ trình không có Giấy khen.")
    lines = list(decision.lines.order_by("order"))
    docs = []
    for done, line in enumerate(lines, start=1):
        docs.append(step(document_for_signing(decision, actor=actor, line=line)))
        if progress is not None:
            progress(done, len(lines))
    return docs


@checks_rule(SIGN, on="decision", message="Chỉ Giám đốc Sở (người có thẩm quyền) được ký số Giấy khen.")
def sign_certificates_as_director(decision: Decision, *, actor, progress=None) -> list[SignedDocument]:
    """Every Giấy khen of the decision not yet signed, signed by the Director (server certificate)."""
    return _each_certificate(decision, actor=actor, progress=progress, step=lambda d: (
        sign_as_director(d, actor=actor) if d.state == SigningState.RENDERED else d))


@checks_rule(SEAL, on="decision", message="Chỉ Văn phòng Sở (văn thư) được ký số của cơ quan.")
def seal_certificates(decision: Decision, *, actor, progress=None) -> list[SignedDocument]:
    return _each_certificate(decision, actor=actor, progress=progress, step=lambda d: (
        seal_document(d, actor=actor) if d.state == SigningState.SIGNER_SIGNED else d))


# ------------------------------------------------------------------------------------------- verification

@dataclass
class Verdict:
    """What a PDF is, in the words the public page and `manage.py verify_pdf` print. It tells only what the
    document itself shows: its number and date, who signed and when, whether it was replaced."""

    document: SignedDocument | None
    signatures: list
    problems: list = field(default_factory=list)

    @property
    def issued_here(self) -> bool:
        return self.document is not None and self.document.state == SigningState.ISSUED

    @property
    def ok(self) -> bool:
        return self.issued_here and not self.problems

    @property
    def replaced_by(self):
        if self.document is None or self.document.decision.state != DecisionState.REPLACED:
            return None
        return Decision.objects.filter(replaces=self.document.decision, state=DecisionState.APPROVED).first()

    def lines(self) -> list[str]:
        out = []
        if self.ok:
            d = self.document.decision
            out.append(f"HỢP LỆ: {d.get_doc_type_display()} số {d.number_text} ngày {d.signed_on:%d/%m/%Y} do "
                       f"{d.campaign.organisation.name} ban hành; văn bản không bị thay đổi kể từ khi ký số.")
            if self.document.line_id:
                out.append(f"Giấy khen tặng {self.document.line.recipient_name} (số sổ vàng {self.document.line.order}).")
        else:
            out.append("KHÔNG HỢP LỆ: " + " ".join(self.problems))
        for i, s in enumerate(self.signatures):
            role = "Người có thẩm quyền ký" if i == 0 else "Cơ quan ký số"
            when = config.vietnam_iso(s.signed_at) if s.signed_at else "không rõ"
            state = "chữ ký hợp lệ" if s.ok else "chữ ký KHÔNG hợp lệ"
            out.append(f"{role}: {s.name}, lúc {when} ({state}).")
        replaced = self.replaced_by
        if replaced is not None:
            out.append(f"Lưu ý: văn bản này đã được thay thế bởi {replaced} ngày {replaced.signed_on:%d/%m/%Y}.")
        elif self.document is not None and self.document.decision.state == DecisionState.REPLACED:
            out.append("Lưu ý: văn bản này đã được thay thế, không còn hiệu lực.")
        return out


def verify_pdf(data: bytes) -> Verdict:
    """Judge a PDF by its content: raises ValidationError (Vietnamese) when it is not a readable PDF."""
    _, _, verify = _engine()
    reports = verify.read_signatures(data)
    problems = [p for r in reports for p in r.problems]
    digest = hashlib.sha256(data).hexdigest()
    doc = (
        SignedDocument.objects.select_related("decision__campaign__organisation", "line")
        .filter(Q(signed_sha256=digest) | Q(unsigned_sha256__in=verify.unsigned_prefix_hashes(data)))
        .order_by("-signed_sha256").first()
    )
    if not reports:
        problems.append("Tệp không có chữ ký số nào: đây không phải văn bản điện tử đã ký số phát hành.")
    if doc is None:
        if not problems:
            problems.append("Tệp không khớp với văn bản nào do Sở ký số phát hành trên hệ thống này.")
    elif doc.state != SigningState.ISSUED:
        problems.append("Văn bản chưa được ký số phát hành đầy đủ (thiếu chữ ký số của cơ quan).")
    elif not problems:
        serials = [r.certificate.serial for r in reports if r.certificate]
        if doc.signer_serial not in serials or doc.org_serial not in serials:
            problems.append("Chữ ký số trong tệp không phải chữ ký đã dùng khi phát hành văn bản này.")
        elif len(reports) > 2 + sum(1 for r in reports[2:] if r.ok):
            problems.append("Tệp có chữ ký số không hợp lệ được thêm sau khi phát hành.")
    return Verdict(document=doc, signatures=reports, problems=problems)
