"""What a unit sends: registrations, the dossier with its nominees, comments, deadline extensions, documents
and their versions, and the reminders sent before the deadline."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from awards.models.awards import AwardKind
from campaigns.models import Campaign, Staff, Target, Unit


class Registration(models.Model):
    """A unit's or an individual's registration (đăng ký thi đua) for a campaign, with the award aimed for."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations", verbose_name="phong trào")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="registrations", verbose_name="đơn vị")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="registrations", verbose_name="cá nhân")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức đăng ký")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="người đăng ký")
    registered_at = models.DateTimeField("ngày đăng ký", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "unit__code", "target", "staff__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(staff__isnull=True), name="one_unit_registration"),
            models.UniqueConstraint(fields=["campaign", "staff"], condition=Q(staff__isnull=False), name="one_staff_registration"),
        ]

    def __str__(self):
        return str(self.staff or self.unit)


class DossierState(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp"
    RETURNED = "returned", "Trả lại để bổ sung"
    RESUBMITTED = "resubmitted", "Đã nộp lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    REJECTED = "rejected", "Không tiếp nhận"


class Dossier(models.Model):
    """A unit's award dossier (hồ sơ đề nghị khen thưởng) for a campaign: one per unit per campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dossiers", verbose_name="phong trào")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name="đơn vị")
    state = models.CharField("trạng thái", max_length=12, choices=DossierState.choices, default=DossierState.DRAFT)
    first_submitted_at = models.DateTimeField("nộp lần đầu lúc", null=True, blank=True)
    submitted_at = models.DateTimeField("nộp lần cuối lúc", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["campaign", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="one_dossier_per_unit_campaign")]

    def __str__(self):
        return f"Hồ sơ {self.unit}"


class DossierComment(models.Model):
    """A request or remark from the office to the unit about its dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments", verbose_name="hồ sơ")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người viết")
    text = models.TextField("nội dung")
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    resolved = models.BooleanField("đã xử lý", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ý kiến về hồ sơ"
        verbose_name_plural = "ý kiến về hồ sơ"
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


class DeadlineExtension(models.Model):
    """The office lets one unit submit after the campaign's deadline, until `until`, for a recorded reason."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions", verbose_name="phong trào")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="extensions", verbose_name="đơn vị")
    until = models.DateTimeField("gia hạn đến")
    reason = models.TextField("lý do")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người cho gia hạn")
    granted_at = models.DateTimeField("lúc", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "gia hạn nộp hồ sơ"
        verbose_name_plural = "gia hạn nộp hồ sơ"
        ordering = ["-granted_at"]

    def __str__(self):
        return f"{self.unit} đến {self.until:%d/%m/%Y %H:%M}"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", "Đang đề nghị"
    WITHDRAWN = "withdrawn", "Không xét (đã chọn hình thức khác cho cùng thành tích)"


class BangKhenRoute(models.TextChoices):
    """Which standard a proposal for the provincial Bằng khen rests on (Luật TĐKT 2022 Điều 74 khoản 1; NĐ 91/2017
    Điều 39 before 2024): the office picks it per nominee, the Tờ trình says it."""

    TWO_YEARS = "two_years", "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ và 02 sáng kiến được công nhận"
    CAMPAIGN = "campaign", "Thành tích xuất sắc được bình xét trong phong trào thi đua"


class Nominee(models.Model):
    """A collective or an individual proposed in a dossier, with the award proposed for it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees", verbose_name="hồ sơ")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name="tập thể / đơn vị")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations", verbose_name="cá nhân")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức đề nghị")
    achievement = models.TextField("tóm tắt thành tích", blank=True)
    proposal_state = models.CharField(
        "xét hình thức này", max_length=12, choices=ProposalState.choices, default=ProposalState.PROPOSED,
        help_text="Mỗi thành tích một hình thức khen thưởng: chọn hình thức khác thì hình thức này không xét nữa",
    )
    bang_khen_route = models.CharField(
        "căn cứ đề nghị Bằng khen", max_length=20, choices=BangKhenRoute.choices, default=BangKhenRoute.TWO_YEARS,
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đối tượng đề nghị"
        verbose_name_plural = "đối tượng đề nghị"
        ordering = ["dossier", "target", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target="collective", staff__isnull=True) | Q(target="individual", staff__isnull=False),
                name="nominee_target_matches_subject",
            ),
            models.UniqueConstraint(fields=["dossier", "unit", "award_kind"], condition=Q(staff__isnull=True), name="one_collective_nomination"),
            models.UniqueConstraint(fields=["dossier", "staff", "award_kind"], condition=Q(staff__isnull=False), name="one_individual_nomination"),
        ]

    def __str__(self):
        return str(self.staff or self.unit)

    @property
    def name(self):
        return self.staff.full_name if self.staff_id else self.unit.name


class DocumentKind(models.TextChoices):
    UNIT_PLAN = "unit_plan", "Kế hoạch phát động thi đua của đơn vị"
    PROPOSAL_LETTER = "proposal_letter", "Văn bản (Tờ trình) đề nghị khen thưởng"
    COUNCIL_MINUTES = "council_minutes", "Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị"
    ACHIEVEMENT_REPORT = "achievement_report", "Báo cáo thành tích"


class Document(models.Model):
    """A slot for one required document; its files are kept as versions, never overwritten."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="documents", verbose_name="phong trào")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="documents", verbose_name="đơn vị")
    kind = models.CharField("loại văn bản", max_length=30, choices=DocumentKind.choices)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, null=True, blank=True, related_name="documents", verbose_name="hồ sơ")
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, null=True, blank=True, related_name="documents", verbose_name="đối tượng")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["campaign", "unit__code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(kind="unit_plan"), name="one_unit_plan"),
            models.UniqueConstraint(fields=["dossier", "kind"], condition=Q(nominee__isnull=True, dossier__isnull=False), name="one_dossier_document_per_kind"),
            models.UniqueConstraint(fields=["nominee", "kind"], condition=Q(nominee__isnull=False), name="one_nominee_document_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.nominee or self.unit}"


def document_upload_to(instance, filename):
    # Generated name; the original name is kept in the row, never in the path.
    return f"documents/{instance.document.campaign_id}/{instance.document.unit_id}/{uuid.uuid4().hex}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions", verbose_name="văn bản")
    number = models.PositiveIntegerField("phiên bản")
    file = models.FileField("tệp", upload_to=document_upload_to, max_length=255)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField("định dạng", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="người tải lên")
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        verbose_name = "phiên bản văn bản"
        verbose_name_plural = "phiên bản văn bản"
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")]

    def __str__(self):
        return f"{self.original_name} (v{self.number})"


class ReminderLog(models.Model):
    """A reminder sent to a unit head N days before the dossier deadline; at most one per (unit head, N)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders", verbose_name="phong trào")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reminders", verbose_name="đơn vị")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="người nhận")
    days_before = models.PositiveSmallIntegerField("số ngày trước hạn")
    sent_on = models.DateField("ngày gửi")
    sent_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        verbose_name = "nhắc hạn đã gửi"
        verbose_name_plural = "nhắc hạn đã gửi"
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["campaign", "user", "days_before"], name="one_reminder_per_step")]

    def __str__(self):
        return f"{self.user} – {self.days_before} ngày"


class DossierProgress(models.Model):
    """How far a dossier is, as the office dashboard and the unit list count it: its nominees, its documents with
    a file, and its decided results. Kept by the services that change them (`awards.services.progress
    .refresh_progress`, in the same transaction: adding or removing a nominee, an upload, a recomputation, a
    ruling), so that the dashboard reads one row per dossier instead of counting the whole campaign on each
    request. A cache of what the rows say: never edited by hand, rebuilt at any time (`manage.py refresh_progress`).
    """

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, primary_key=True, related_name="progress",
                                   verbose_name="hồ sơ")
    collectives = models.PositiveIntegerField("tập thể đề nghị", default=0)
    individuals = models.PositiveIntegerField("cá nhân đề nghị", default=0)
    reports = models.PositiveIntegerField("đối tượng đã có báo cáo thành tích", default=0)
    has_proposal_letter = models.BooleanField("đã có tờ trình", default=False)
    has_council_minutes = models.BooleanField("đã có biên bản họp Hội đồng", default=False)
    results_decided = models.PositiveIntegerField("kết quả đã xác định", default=0)
    updated_at = models.DateTimeField("tính lúc", auto_now=True)

    class Meta:
        verbose_name = "tiến độ hồ sơ"
        verbose_name_plural = "tiến độ hồ sơ"

    def __str__(self):
        return f"{self.dossier_id}: {self.collectives + self.individuals} đối tượng"
