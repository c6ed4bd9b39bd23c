"""What they win: award kinds and quotas, registrations, dossiers and their documents, results against the
criteria, the council's vote, the money rules, and the award decisions with their lines."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign, Criterion, Organisation, Staff, Target, Unit


class AwardLevel(models.TextChoices):
    DEPARTMENT = "department", "Cấp Sở"
    PROVINCE = "province", "Cấp tỉnh"


class AwardKind(models.Model):
    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("hình thức khen thưởng", max_length=255, help_text="Ví dụ: Giấy khen của Giám đốc Sở")
    short_name = models.CharField("tên ngắn", max_length=100, help_text="Ví dụ: Giấy khen")
    level = models.CharField("cấp khen thưởng", max_length=12, choices=AwardLevel.choices)
    fund = models.CharField("nguồn kinh phí", max_length=255, help_text="Quỹ thi đua, khen thưởng của cấp ký quyết định")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        ordering = ["level", "code"]

    def __str__(self):
        return self.name


class CampaignAward(models.Model):
    """An award a campaign gives, with its quota per target (empty quota: all who qualify)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="awards", verbose_name="phong trào")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    quota = models.PositiveSmallIntegerField("số lượng tối đa", null=True, blank=True, help_text="Để trống: khen tất cả nếu đủ điều kiện")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hình thức khen thưởng của phong trào"
        verbose_name_plural = "hình thức khen thưởng của phong trào"
        ordering = ["campaign", "award_kind", "target"]
        constraints = [models.UniqueConstraint(fields=["campaign", "award_kind", "target"], name="unique_campaign_award")]

    def __str__(self):
        quota = f"{self.quota:02d}" if self.quota is not None else "nếu đủ điều kiện"
        return f"{self.award_kind.short_name} – {self.get_target_display()}: {quota}"


class StateChange(models.Model):
    """One row per state transition of any object: who, when, from, to and why. Never edited."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name="loại đối tượng")
    object_id = models.PositiveBigIntegerField("mã đối tượng")
    subject = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField("từ trạng thái", max_length=20, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người thực hiện")
    at = models.DateTimeField("thời điểm", auto_now_add=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        verbose_name = "chuyển trạng thái"
        verbose_name_plural = "nhật ký chuyển trạng thái"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.from_state or '—'} → {self.to_state}"


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


class Nominee(models.Model):
    """A collective or an individual proposed in a dossier, with the award proposed for it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees", verbose_name="hồ sơ")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name="tập thể / đơn vị")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="nominations", verbose_name="cá nhân")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức đề nghị")
    achievement = models.TextField("tóm tắt thành tích", blank=True)
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


class Outcome(models.TextChoices):
    MET = "met", "Đạt"
    NOT_MET = "not_met", "Không đạt"
    NOT_APPLICABLE = "not_applicable", "Không áp dụng"
    NO_DATA = "no_data", "Chưa có số liệu"


class Result(models.Model):
    """A nominee against one criterion: the computed outcome with its reason, and any override or attestation."""

    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="results", verbose_name="đối tượng")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="results", verbose_name="tiêu chí")
    computed = models.CharField("kết quả tự động", max_length=16, choices=Outcome.choices, default=Outcome.NO_DATA)
    computed_reason = models.TextField("diễn giải", blank=True)
    evidence = models.TextField("căn cứ", blank=True)
    override = models.CharField("kết quả do Văn phòng quyết định", max_length=16, choices=Outcome.choices, blank=True)
    override_reason = models.TextField("lý do / ghi chú", blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người quyết định")
    override_at = models.DateTimeField("quyết định lúc", null=True, blank=True)
    version = models.PositiveIntegerField("phiên bản", default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người sửa")
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kết quả đánh giá"
        verbose_name_plural = "kết quả đánh giá"
        ordering = ["nominee", "criterion__order"]
        constraints = [models.UniqueConstraint(fields=["nominee", "criterion"], name="one_result_per_criterion")]

    def __str__(self):
        return f"{self.nominee} – {self.criterion.short_name}: {self.get_outcome_display()}"

    @property
    def outcome(self):
        return self.override or self.computed

    def get_outcome_display(self):
        return Outcome(self.outcome).label


class CouncilMeeting(models.Model):
    """A meeting of the Department's emulation and commendation council (Mẫu 1.9)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="meetings", verbose_name="phong trào")
    held_at = models.DateTimeField("thời gian họp")
    ended_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255)
    chair = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="chủ trì")
    secretary = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="thư ký")
    total_members = models.PositiveSmallIntegerField("tổng số thành viên Hội đồng")
    secret_ballot = models.BooleanField("bỏ phiếu kín", default=True)
    ballots_issued = models.PositiveSmallIntegerField("số phiếu phát ra", null=True, blank=True)
    ballots_returned = models.PositiveSmallIntegerField("số phiếu thu về", null=True, blank=True)
    ballots_valid = models.PositiveSmallIntegerField("số phiếu hợp lệ", null=True, blank=True)
    conclusion = models.TextField("kết luận", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cuộc họp Hội đồng"
        verbose_name_plural = "cuộc họp Hội đồng"
        ordering = ["-held_at"]

    def __str__(self):
        return f"Họp Hội đồng {self.held_at:%d/%m/%Y}"


class CouncilAttendance(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="attendance", verbose_name="cuộc họp")
    member = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    role = models.CharField("chức danh trong Hội đồng", max_length=100, default="Ủy viên")
    present = models.BooleanField("có mặt", default=True)
    written_opinion = models.TextField("ý kiến bằng văn bản (nếu vắng)", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành viên dự họp"
        verbose_name_plural = "thành viên dự họp"
        ordering = ["meeting", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="unique_attendance")]

    def __str__(self):
        return str(self.member)


class Vote(models.Model):
    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="votes", verbose_name="cuộc họp")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="votes", verbose_name="đối tượng")
    votes_for = models.PositiveSmallIntegerField("đồng ý", default=0)
    votes_against = models.PositiveSmallIntegerField("không đồng ý", default=0)
    votes_abstain = models.PositiveSmallIntegerField("không biểu quyết", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kết quả biểu quyết"
        verbose_name_plural = "kết quả biểu quyết"
        ordering = ["meeting", "nominee"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nominee"], name="one_vote_per_nominee")]

    def __str__(self):
        return f"{self.nominee}: {self.votes_for}"


class CollectiveRule(models.TextChoices):
    DOUBLE_INDIVIDUAL = "double", "Gấp đôi mức tiền của cá nhân (sau khi làm tròn)"
    OWN_COEFFICIENT = "own", "Hệ số riêng của tập thể"


class LegalBasis(models.Model):
    """A decree that sets award money (NĐ 91/2017, NĐ 98/2023, NĐ 152/2025) and the dates it applies to."""

    code = models.CharField("số hiệu", max_length=50, unique=True, help_text="Ví dụ: 91/2017/NĐ-CP")
    title = models.CharField("trích yếu", max_length=500)
    issued_on = models.DateField("ngày ban hành")
    valid_from = models.DateField("áp dụng từ")
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    collective_rule = models.CharField("cách tính tiền thưởng tập thể", max_length=10, choices=CollectiveRule.choices)
    rounding_unit = models.PositiveIntegerField("làm tròn lên bội số của (đồng)", default=10000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "căn cứ pháp lý về mức thưởng"
        verbose_name_plural = "căn cứ pháp lý về mức thưởng"
        ordering = ["valid_from"]

    def __str__(self):
        return f"Nghị định số {self.code}"


class AwardRate(models.Model):
    legal_basis = models.ForeignKey(LegalBasis, on_delete=models.CASCADE, related_name="rates", verbose_name="căn cứ")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="rates", verbose_name="hình thức")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    coefficient = models.DecimalField("hệ số", max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hệ số tiền thưởng"
        verbose_name_plural = "hệ số tiền thưởng"
        ordering = ["legal_basis", "award_kind", "target"]
        constraints = [models.UniqueConstraint(fields=["legal_basis", "award_kind", "target"], name="unique_award_rate")]

    def __str__(self):
        return f"{self.award_kind.short_name} {self.get_target_display()}: {self.coefficient}"


class BaseSalary(models.Model):
    valid_from = models.DateField("áp dụng từ", unique=True)
    amount = models.DecimalField("mức lương cơ sở (đồng)", max_digits=12, decimal_places=0)
    legal_ref = models.CharField("văn bản quy định", max_length=100, help_text="Ví dụ: NĐ 24/2023/NĐ-CP")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.amount:,.0f} từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class DocumentType(models.TextChoices):
    DECISION = "QĐ", "Quyết định"
    PROPOSAL = "TTr", "Tờ trình"


class DocumentRegister(models.Model):
    """The Department's register of numbers for one kind of document in one year (sổ đăng ký văn bản)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="registers", verbose_name="cơ quan")
    doc_type = models.CharField("loại văn bản", max_length=5, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

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
