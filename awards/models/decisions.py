"""The Director's award decisions (and proposals to the province), their lines and the register of numbers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from awards.models.awards import AwardKind
from awards.models.council import CouncilMeeting
from awards.models.dossiers import Nominee
from awards.models.money import LegalBasis
from campaigns.models import Campaign, Organisation, Target


class DocumentType(models.TextChoices):
    DECISION = "QĐ", "Quyết định"
    PROPOSAL = "TTr", "Tờ trình"
    MINUTES = "BB", "Biên bản"


class DocumentRegister(models.Model):
    """The Department's register of numbers for one kind of document in one year (sổ đăng ký văn bản)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="registers", verbose_name="cơ quan")
    doc_type = models.CharField("loại văn bản", max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)
    last_signed_on = models.DateField(
        "ngày của số cuối", null=True, blank=True,
        help_text="Ngày ký của văn bản mang số cuối đã cấp; văn bản sau không được ký trước ngày này",
    )

    class Meta:
        verbose_name = "sổ đăng ký văn bản"
        verbose_name_plural = "sổ đăng ký văn bản"
        constraints = [models.UniqueConstraint(fields=["organisation", "doc_type", "year"], name="unique_register")]

    def __str__(self):
        return f"{self.get_doc_type_display()} {self.year}: {self.last_number}"


class DecisionState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã ký ban hành"
    REJECTED = "rejected", "Không phê duyệt"
    REPLACED = "replaced", "Đã được thay thế"


class Decision(models.Model):
    """An award decision (Quyết định) or a proposal to the province (Tờ trình), drafted by the office and
    approved by the Director. Once approved its number, date, lines and amounts are frozen."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="decisions", verbose_name="phong trào")
    doc_type = models.CharField("loại văn bản", max_length=5, choices=DocumentType.choices, default=DocumentType.DECISION)
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="decisions", verbose_name="hình thức")
    state = models.CharField("trạng thái", max_length=10, choices=DecisionState.choices, default=DecisionState.DRAFT)
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions", verbose_name="cuộc họp Hội đồng")
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="thay thế quyết định")
    number = models.PositiveIntegerField("số", null=True, blank=True)
    number_year = models.PositiveSmallIntegerField("năm của sổ", null=True, blank=True)
    number_text = models.CharField("số, ký hiệu", max_length=50, blank=True, help_text="Ví dụ: 12/QĐ-SLĐTBXH")
    signed_on = models.DateField("ngày ký", null=True, blank=True)
    signer_name = models.CharField("người ký", max_length=255, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=100, blank=True)
    signer_on_behalf = models.BooleanField("ký thay", default=False)
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="căn cứ mức thưởng")
    base_salary = models.DecimalField("mức lương cơ sở áp dụng", max_digits=12, decimal_places=0, null=True, blank=True)
    total_amount = models.DecimalField("tổng tiền thưởng", max_digits=14, decimal_places=0, null=True, blank=True)
    rejection_reason = models.TextField("lý do không phê duyệt", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="người lập")
    created_at = models.DateTimeField("lập lúc", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người phê duyệt")
    decided_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quyết định khen thưởng / tờ trình"
        verbose_name_plural = "quyết định khen thưởng / tờ trình"
        ordering = ["-created_at"]
        permissions = [("approve_decision", "Phê duyệt, ký quyết định khen thưởng")]
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "number_year", "number"], condition=Q(number__isnull=False), name="unique_decision_number"),
        ]

    def __str__(self):
        if self.number_text:
            return f"{self.get_doc_type_display()} số {self.number_text}"
        return f"Dự thảo {self.get_doc_type_display().lower()} – {self.award_kind.short_name}"


class DecisionLine(models.Model):
    """One awardee in a decision's list: frozen name, position, unit and amount. `order` is the số sổ vàng."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines", verbose_name="quyết định")
    order = models.PositiveSmallIntegerField("số thứ tự (số sổ vàng)")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="decision_lines", verbose_name="đối tượng")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    recipient_name = models.CharField("tên tập thể / họ tên", max_length=255)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    unit_name = models.CharField("đơn vị", max_length=255, blank=True)
    amount = models.DecimalField("số tiền", max_digits=12, decimal_places=0, null=True, blank=True)
    achievement = models.TextField("thành tích", blank=True)
    condition_met = models.TextField("điều kiện đạt", blank=True)
    verify_code = models.CharField("mã xác minh", max_length=16, unique=True, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "dòng danh sách khen thưởng"
        verbose_name_plural = "danh sách khen thưởng"
        ordering = ["decision", "order"]
        constraints = [models.UniqueConstraint(fields=["decision", "order"], name="unique_line_order")]

    def __str__(self):
        return f"{self.order}. {self.recipient_name}"
