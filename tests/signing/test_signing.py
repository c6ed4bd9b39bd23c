"""Signing a real decision through the services with the test PKI, validated by pyHanko's own validator; and the
refusals: a file altered after signing, a signature by an unknown certificate, an upload whose content differs."""

import asyncio
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from awards.models import DecisionState, SignedDocument, SigningState, StateChange
from awards.services import approval, signing
from awards.signing import pades, verify
from tests.signing.pki import PASSPHRASE

pytestmark = pytest.mark.usefixtures("signing_settings", "office_images")


def _read(field):
    with field.open("rb") as f:
        return f.read()


def _own_tool_sign(data: bytes, pki, label: str) -> bytes:
    """What the Director's own signing tool does: sign the downloaded file into its signature field."""
    signer = signers.SimpleSigner.load_pkcs12(str(pki.pkcs12(label)), passphrase=PASSPHRASE.encode())
    out = io.BytesIO()
    signers.PdfSigner(
        signers.PdfSignatureMetadata(field_name=pades.SIGNER_FIELD, subfilter=fields.SigSeedSubFilter.PADES),
        signer=signer,
    ).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), output=out)
    return out.getvalue()


def _upload(data: bytes, name="da-ky.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_director_and_office_sign_a_decision_that_pyhanko_validates(approved, director, clerk, pki, campaign):
    doc = signing.document_for_signing(approved, actor=director)
    unsigned = _read(doc.unsigned_file)
    assert signing.document_for_signing(approved, actor=clerk) == doc  # rendered once

    signing.sign_as_director(doc, actor=director)
    doc = signing.seal_document(doc, actor=clerk)
    signed = _read(doc.signed_file)

    assert doc.state == SigningState.ISSUED
    assert signed.startswith(_read(doc.signer_file)) and signed.startswith(unsigned)
    reader = PdfFileReader(io.BytesIO(signed))
    context = ValidationContext(trust_roots=[pki.arch.get_cert("root")], allow_fetching=True)
    statuses = [validate_pdf_signature(s, signer_validation_context=context) for s in reader.embedded_signatures]
    assert [s.signing_cert.subject.native["common_name"] for s in statuses] == [
        "Nguyễn Văn Giám", "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận"]
    assert all(s.bottom_line and s.intact and s.valid and s.trusted and s.docmdp_ok for s in statuses)
    assert statuses[0].modification_level == ModificationLevel.FORM_FILLING  # the seal and the attachment's box
    assert statuses[1].modification_level == ModificationLevel.LTA_UPDATES  # only its validation data after it
    assert all(s.timestamp_validity is not None and s.timestamp_validity.trusted for s in statuses)  # PAdES B-T
    assert "/DSS" in reader.root  # B-LT: revocation data embedded

    # The attachment (the list, page 3) carries the organisation's signature information, top right.
    signed_at = pades.vietnam_iso(doc.org_signed_at)
    assert signed_at.endswith("+07:00") and statuses[1].signer_reported_dt == doc.org_signed_at
    info = next(f.get_object() for f in reader.root["/AcroForm"]["/Fields"] if f.get_object()["/T"] == pades.ATTACHMENT_FIELD)
    assert info["/V"] == f"Số và ký hiệu: {approved.number_text}\nThời gian ký: {signed_at}"
    x1, y1, x2, y2 = (float(v) for v in info["/Rect"])
    assert info.raw_get("/P").idnum == reader.find_page_for_modification(2)[0].idnum and x2 > 540 and y2 > 760

    director_cert, org_cert = pki.arch.get_cert("director"), pki.arch.get_cert("org")
    changes = list(StateChange.objects.filter(object_id=doc.pk, to_state__in=["signed", "issued"]).order_by("at", "id"))
    assert [(c.actor, c.to_state) for c in changes] == [(director, "signed"), (clerk, "issued")]
    assert format(director_cert.serial_number, "X") in changes[0].reason
    assert "Nguyễn Văn Giám" in changes[0].reason and "CA Thu nghiem" in changes[0].reason
    assert format(org_cert.serial_number, "X") in changes[1].reason
    assert (doc.signer_serial, doc.org_serial) == (format(director_cert.serial_number, "X"), format(org_cert.serial_number, "X"))

    verdict = signing.verify_pdf(signed)
    assert verdict.ok and verdict.problems == []
    assert verdict.lines()[0] == (
        f"HỢP LỆ: Quyết định số {approved.number_text} ngày {approved.signed_on:%d/%m/%Y} do Sở Lao động - Thương binh "
        "và Xã hội ban hành; văn bản không bị thay đổi kể từ khi ký số.")

    # Replaced later: the signed file stays, and the verification says so.
    replacement = approval.replace_decision(approved, actor=clerk)
    replacement = approval.approve_decision(replacement, actor=director)
    doc.refresh_from_db()
    assert _read(doc.signed_file) == signed and doc.decision.state == DecisionState.REPLACED
    assert signing.verify_pdf(signed).lines()[-1] == (
        f"Lưu ý: văn bản này đã được thay thế bởi {replacement} ngày {replacement.signed_on:%d/%m/%Y}.")


def test_a_file_changed_by_one_byte_after_signing_is_refused(approved, director, clerk):
    doc = signing.document_for_signing(approved, actor=director)
    signing.sign_as_director(doc, actor=director)
    signed = _read(signing.seal_document(doc, actor=clerk).signed_file)
    at = signed.index(b"Pages")  # inside the rendered document, covered by both signatures
    altered = signed[:at] + b"Q" + signed[at + 1:]

    verdict = signing.verify_pdf(altered)

    assert not verdict.ok
    assert verdict.problems[:2] == [
        "Văn bản đã bị thay đổi sau khi ký: chữ ký số của «Nguyễn Văn Giám» không còn khớp với nội dung tệp.",
        "Văn bản đã bị thay đổi sau khi ký: chữ ký số của «Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận» "
        "không còn khớp với nội dung tệp.",
    ]
    with pytest.raises(ValidationError) as refused:
        signing.verify_pdf(b"GIF89a not a pdf")
    assert refused.value.messages[0].startswith("Tệp tải lên không phải tệp PDF")


def test_the_director_signs_with_their_own_tool_and_only_the_rendered_document_by_a_trusted_certificate_is_taken(
        approved, director, clerk, pki):
    doc = signing.document_for_signing(approved, actor=director)
    unsigned = _read(doc.unsigned_file)

    # A certificate from a CA nobody trusts.
    with pytest.raises(ValidationError) as refused:
        signing.accept_director_signed(doc, actor=director, uploaded=_upload(_own_tool_sign(unsigned, pki, "stranger")))
    assert refused.value.messages == [
        "Chữ ký số của «Nguyễn Văn Giám» dùng chứng thư số không do tổ chức chứng thực được tin cậy cấp "
        "(hoặc chứng thư đã hết hạn, bị thu hồi)."]

    # Another document, signed with the right certificate.
    other = pades.prepare(signing._render(approved, approved.lines.first()))
    with pytest.raises(ValidationError) as refused:
        signing.accept_director_signed(doc, actor=director, uploaded=_upload(_own_tool_sign(other, pki, "director")))
    assert refused.value.messages[0].startswith("Nội dung đã ký trong tệp tải lên khác với văn bản hệ thống đã lập")

    # The rendered document with its text changed before signing, in the same file.
    writer = IncrementalPdfFileWriter(io.BytesIO(unsigned))
    page = writer.find_page_for_modification(0)[0].get_object()
    page["/Rotate"] = __import__("pyhanko.pdf_utils.generic", fromlist=["NumberObject"]).NumberObject(90)
    writer.update_container(page)
    tampered = io.BytesIO()
    writer.write(tampered)
    with pytest.raises(ValidationError) as refused:
        signing.accept_director_signed(doc, actor=director, uploaded=_upload(_own_tool_sign(tampered.getvalue(), pki, "director")))
    assert refused.value.messages[0].startswith("Tệp tải lên có thay đổi nội dung ngoài chữ ký số")

    doc.refresh_from_db()
    assert (doc.state, doc.signer_file.name) == (SigningState.RENDERED, "")

    # The right file: taken, then sealed by the office.
    signed_by_tool = _own_tool_sign(unsigned, pki, "director")
    doc = signing.accept_director_signed(doc, actor=director, uploaded=_upload(signed_by_tool))
    assert (doc.state, doc.signer_method, _read(doc.signer_file)) == (SigningState.SIGNER_SIGNED, "upload", signed_by_tool)
    doc = signing.seal_document(doc, actor=clerk)
    assert signing.verify_pdf(_read(doc.signed_file)).ok
    assert SignedDocument.objects.count() == 1


def test_each_giay_khen_is_its_own_signed_file_that_names_its_awardee(approved, director, clerk):
    signing.sign_certificates_as_director(approved, actor=director)
    docs = signing.seal_certificates(approved, actor=clerk)

    lines = list(approved.lines.order_by("order"))
    assert [(d.line, d.state) for d in docs] == [(line, SigningState.ISSUED) for line in lines]
    verdicts = [signing.verify_pdf(_read(d.signed_file)) for d in docs]
    assert all(v.ok for v in verdicts)
    assert [v.lines()[1] for v in verdicts] == [
        f"Giấy khen tặng {line.recipient_name} (số sổ vàng {line.order})." for line in lines]


def test_signatures_are_read_where_an_event_loop_is_already_running(approved, director, pki):
    """pyHanko's synchronous API starts its own event loop: under an ASGI server (or after a test that left a loop
    running) it must still work."""
    signed = _own_tool_sign(_read(signing.document_for_signing(approved, actor=director).unsigned_file), pki, "director")

    async def inside_a_loop():
        return verify.read_signatures(signed)

    assert [(r.name, r.ok) for r in asyncio.run(inside_a_loop())] == [("Nguyễn Văn Giám", True)]
