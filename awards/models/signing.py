"""The electronic documents of approved decisions and their digital signatures (awards/services/signing.py)."""

import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from awards.models.decisions import Decision, DecisionLine


def signed_upload_to(instance, filename):
    return f"signed/{uuid.uuid4().hex}.pdf"


class SignedKind(models.TextChoices):
    DOCUMENT = "document", "Quyết định / Tờ trình"
    CERTIFICATE = "certificate", "Giấy khen"


class SigningState(models.TextChoices):
    RENDERED = "rendered", "Chờ người có thẩm quyền ký số"
    SIGNER_SIGNED = "signed", "Đã ký số, chờ văn thư ký số cơ quan"
    ISSUED = "issued", "Đã ký số, phát hành"


class SignedDocument(models.Model):
    """The electronic document of an approved decision: the PDF rendered once (`unsigned_file`, what everybody
    signs and compares against), the file with the signer's signature, and the issued file with the organisation's
    signature too. Files are never replaced; a replaced decision keeps its signed file."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="signed_documents", verbose_name="quyết định")
    kind = models.CharField("loại", max_length=12, choices=SignedKind.choices, default=SignedKind.DOCUMENT)
    line = models.ForeignKey(DecisionLine, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="Giấy khen của")
    state = models.CharField("trạng thái", max_length=10, choices=SigningState.choices, default=SigningState.RENDERED)
    unsigned_file = models.FileField("văn bản chưa ký", upload_to=signed_upload_to)
    unsigned_sha256 = models.CharField("SHA-256 văn bản chưa ký", max_length=64, unique=True)
    signer_file = models.FileField("văn bản có chữ ký người có thẩm quyền", upload_to=signed_upload_to, blank=True)
    signed_file = models.FileField("văn bản đã ký số phát hành", upload_to=signed_upload_to, blank=True)
    signed_sha256 = models.CharField("SHA-256 văn bản phát hành", max_length=64, blank=True, db_index=True)
    signer_method = models.CharField("cách ký", max_length=10, blank=True, choices=[
        ("server", "Chứng thư số cấu hình trên máy chủ"), ("upload", "Công cụ ký số riêng, tải lên"),
    ])
    signer_subject = models.CharField("chứng thư số người ký", max_length=500, blank=True)
    signer_serial = models.CharField("số hiệu chứng thư người ký", max_length=100, blank=True)
    signer_issuer = models.CharField("tổ chức cấp chứng thư người ký", max_length=500, blank=True)
    signer_signed_at = models.DateTimeField("thời điểm người có thẩm quyền ký", null=True, blank=True)
    org_subject = models.CharField("chứng thư số cơ quan", max_length=500, blank=True)
    org_serial = models.CharField("số hiệu chứng thư cơ quan", max_length=100, blank=True)
    org_issuer = models.CharField("tổ chức cấp chứng thư cơ quan", max_length=500, blank=True)
    org_signed_at = models.DateTimeField("thời điểm cơ quan ký", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bản điện tử đã ký số"
        verbose_name_plural = "văn bản điện tử đã ký số"
        ordering = ["decision", "kind", "line__order"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "kind"], condition=Q(line__isnull=True), name="one_signed_document"),
            models.UniqueConstraint(fields=["decision", "line"], condition=Q(line__isnull=False), name="one_signed_certificate"),
        ]

    def __str__(self):
        if self.line_id:
            return f"Giấy khen số sổ vàng {self.line.order} – {self.decision}"
        return str(self.decision)
