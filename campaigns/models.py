"""Who competes and how they are judged: the organisation, its units and staff, campaigns, criteria, and
the records that criteria are decided from (ratings, initiatives, discipline, indicator data); and the Excel
files the office uploads to import those records."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from campaigns.storage import emblem_storage


class Organisation(models.Model):
    """The agency running campaigns. A row, not text in templates: agencies get renamed and merged."""

    name = models.CharField("tên cơ quan", max_length=255, help_text="Ví dụ: Sở Lao động - Thương binh và Xã hội")
    full_name = models.CharField(
        "tên đầy đủ", max_length=255, blank=True,
        help_text="Dùng trên Giấy khen, ví dụ: Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận",
    )
    parent_body = models.CharField("cơ quan chủ quản", max_length=255, help_text="Ví dụ: UBND tỉnh Ninh Thuận")
    parent_body_full = models.CharField(
        "tên đầy đủ cơ quan chủ quản", max_length=255, blank=True,
        help_text="Dùng trong Kính gửi, ví dụ: Ủy ban nhân dân tỉnh Ninh Thuận",
    )
    place_name = models.CharField("địa danh", max_length=100, help_text="Dùng khi ghi ngày tháng, ví dụ: Ninh Thuận")
    abbreviation = models.CharField("chữ viết tắt", max_length=30, help_text="Dùng trong số văn bản, ví dụ: SLĐTBXH")
    signer_name = models.CharField("họ tên người ký", max_length=255)
    signer_title = models.CharField("chức vụ người ký", max_length=100, default="GIÁM ĐỐC")
    signer_on_behalf = models.BooleanField(
        "ký thay (KT.)", default=False,
        help_text="Chọn khi Phó Giám đốc ký thay Giám đốc (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)",
    )
    emblem = models.ImageField(
        "quốc huy", upload_to="organisation/", storage=emblem_storage, blank=True,
        help_text="Ảnh Quốc huy in trên Giấy khen (PNG hoặc JPG); để trống thì chỗ in Quốc huy để trống",
    )
    email = models.EmailField("thư điện tử", blank=True)
    # Images of electronic documents (Nghị định 30/2020, Phụ lục I): uploaded by the office, never served publicly.
    seal_image = models.ImageField(
        "ảnh con dấu (ký số)", upload_to="organisation/seal/", blank=True,
        help_text="Hình ảnh con dấu của cơ quan, màu đỏ, định dạng PNG nền trong suốt; in trên văn bản điện tử "
                  "khi văn thư ký số",
    )
    seal_diameter_mm = models.DecimalField(
        "đường kính con dấu (mm)", max_digits=4, decimal_places=1, default=36,
        help_text="Kích thước thực tế của con dấu: ảnh con dấu được in đúng kích thước này",
    )
    signer_signature_image = models.ImageField(
        "ảnh chữ ký người ký", upload_to="organisation/signature/", blank=True,
        help_text="Hình ảnh chữ ký của người có thẩm quyền (màu xanh, PNG nền trong suốt), đặt giữa chức vụ và "
                  "họ tên khi ký số",
    )
    founding_decision_number = models.CharField(
        "số quyết định quy định chức năng, nhiệm vụ", max_length=50, blank=True,
        help_text="Quyết định của UBND tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của cơ quan, "
                  "ví dụ: 24/2021/QĐ-UBND. Là căn cứ của quyết định khen thưởng: chưa ghi thì không ký được.",
    )
    founding_decision_date = models.DateField("ngày ban hành quyết định đó", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    SECTION = "section", "Phòng chuyên môn"
    DEPARTMENT_UNIT = "department_unit", "Đơn vị thuộc Sở"
    ATTACHED = "attached", "Đơn vị trực thuộc Sở"


class Unit(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units", verbose_name="cơ quan")
    kind = models.CharField("loại đơn vị", max_length=20, choices=UnitKind.choices)
    code = models.CharField("mã đơn vị", max_length=30, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="đơn vị cấp trên"
    )
    email = models.EmailField("thư điện tử", blank=True)
    active = models.BooleanField("đang hoạt động", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    MALE = "male", "Nam"
    FEMALE = "female", "Nữ"


class StaffCategory(models.TextChoices):
    CIVIL_SERVANT = "civil_servant", "Công chức"
    PUBLIC_EMPLOYEE = "public_employee", "Viên chức"
    WORKER = "worker", "Người lao động"


class Staff(models.Model):
    code = models.CharField("mã cán bộ", max_length=30, unique=True, help_text="Mã định danh dùng khi nhập từ Excel")
    full_name = models.CharField("họ và tên", max_length=255)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=255, blank=True)
    category = models.CharField("đối tượng", max_length=20, choices=StaffCategory.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff", verbose_name="đơn vị")
    email = models.EmailField("thư điện tử", blank=True)
    active = models.BooleanField("đang công tác", default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="staff",
        verbose_name="tài khoản",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ, công chức, viên chức"
        ordering = ["unit__code", "full_name"]
        # The share of women of every unit (the collectives' tie rule) counted from this index alone.
        indexes = [models.Index(fields=["unit", "gender"], condition=Q(active=True), name="staff_active_unit_gender")]

    def __str__(self):
        return self.full_name


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    OPEN = "open", "Đang phát động"
    CLOSED = "closed", "Đã kết thúc"


class TieBreakRule(models.TextChoices):
    ND98 = "nd98", "Ưu tiên nữ, tập thể có từ 70% nữ, rồi hồ sơ nộp sớm hơn (NĐ 98/2023 Điều 4)"
    SUBMISSION = "submission", "Hồ sơ nộp sớm hơn"


class Campaign(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="campaigns", verbose_name="cơ quan")
    code = models.SlugField("mã phong trào", max_length=50, unique=True)
    plan_number = models.CharField("số kế hoạch", max_length=50, help_text="Ví dụ: …/KH-SLĐTBXH")
    plan_date = models.DateField("ngày kế hoạch")
    title = models.CharField("tên phong trào", max_length=500)
    year = models.PositiveSmallIntegerField("năm")
    period_start = models.DateField("bắt đầu thi đua")
    period_end = models.DateField("kết thúc thi đua", help_text="Ngày cuối cùng của đợt thi đua (trước ngày 30/11/2023 là 29/11/2023)")
    dossier_deadline = models.DateField("hạn nộp hồ sơ", help_text="Hồ sơ được nhận đến hết 23:59:59 ngày này, giờ Việt Nam")
    decision_deadline = models.DateField("hạn trình khen thưởng")
    status = models.CharField("trạng thái", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    vote_threshold_percent = models.DecimalField(
        "ngưỡng biểu quyết (%)", max_digits=5, decimal_places=2, default=50,
        help_text="Tỷ lệ phiếu đồng ý trên TỔNG SỐ thành viên Hội đồng cần vượt (ví dụ 50 = quá nửa)",
    )
    vote_threshold_strict = models.BooleanField(
        "phải vượt ngưỡng", default=True, help_text="Đánh dấu: phải lớn hơn ngưỡng; bỏ đánh dấu: từ ngưỡng trở lên"
    )
    tie_break_rule = models.CharField("quy tắc xếp hạng khi bằng điểm", max_length=20, choices=TieBreakRule.choices, default=TieBreakRule.ND98)
    council_size = models.PositiveSmallIntegerField("tổng số thành viên Hội đồng", default=7)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-year", "code"]

    def __str__(self):
        return self.title


class CampaignGround(models.Model):
    """A document the campaign follows ("Căn cứ …"), in order."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="grounds", verbose_name="phong trào")
    order = models.PositiveSmallIntegerField("thứ tự")
    reference = models.CharField("số, ký hiệu", max_length=100, help_text="Ví dụ: 1223/KH-UBND")
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    text = models.TextField("trích yếu")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "căn cứ"
        verbose_name_plural = "căn cứ"
        ordering = ["campaign", "order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "order"], name="unique_ground_order")]

    def __str__(self):
        return self.reference


class Target(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class EvidenceKind(models.TextChoices):
    ATTESTATION = "attestation", "Xác nhận của Văn phòng"
    DOCUMENT = "document", "Văn bản lưu trong hồ sơ"
    RATING = "rating", "Xếp loại hằng năm"
    ZERO_COUNT = "zero_count", "Số lượng phải bằng 0"
    RATIO = "ratio", "Tỷ lệ so với chỉ tiêu"
    INDEX = "index", "Chỉ số thành phần so với năm trước"
    INITIATIVE = "initiative", "Sáng kiến được công nhận"
    DISCIPLINE = "discipline", "Hồ sơ kỷ luật"
    INSPECTION = "inspection", "Kết quả kiểm tra"


class Indicator(models.TextChoices):
    """Which figures a measurable criterion reads; empty for criteria that do not read indicator data."""

    NONE = "", "—"
    DISBURSEMENT = "disbursement", "Giải ngân vốn đầu tư công"
    ONLINE_SERVICES = "online_services", "Dịch vụ công trực tuyến"
    LATE_DOSSIERS = "late_dossiers", "Hồ sơ TTHC trễ hẹn, tồn đọng"
    PAR_PCI_PAPI_SIPAS = "par_pci_papi_sipas", "PAR INDEX, PCI, PAPI, SIPAS"
    DDCI = "ddci", "DDCI"
    INSPECTION = "inspection", "Kiểm tra CCHC"


class Criterion(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria", verbose_name="phong trào")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    order = models.PositiveSmallIntegerField("thứ tự")
    short_name = models.CharField("tên ngắn", max_length=120)
    text = models.TextField("nội dung tiêu chí", help_text="Nguyên văn trong kế hoạch")
    evidence_kind = models.CharField("căn cứ đánh giá", max_length=20, choices=EvidenceKind.choices)
    indicator = models.CharField("số liệu", max_length=30, choices=Indicator.choices, blank=True, default="")
    mandatory = models.BooleanField("bắt buộc", default=True)
    weight = models.DecimalField("trọng số", max_digits=6, decimal_places=2, default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        ordering = ["campaign", "target", "order"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "target", "order"], name="unique_criterion_order"),
        ]

    def __str__(self):
        return f"{self.get_target_display()} {self.order}. {self.short_name}"


class Rating(models.TextChoices):
    EXCELLENT = "HTXSNV", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "HTTNV", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "HTNV", "Hoàn thành nhiệm vụ"
    FAILED = "KHTNV", "Không hoàn thành nhiệm vụ"


def _one_subject(prefix):
    """Exactly one of staff and unit is set (a record concerns one person or one unit)."""
    return models.CheckConstraint(
        condition=(Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)),
        name=f"{prefix}_staff_xor_unit",
        violation_error_message="Chọn một cán bộ hoặc một đơn vị, không chọn cả hai.",
    )


class AnnualRating(models.Model):
    """The annual performance rating (NĐ 90/2020, NĐ 48/2023) of a person or a unit: one per year."""

    year = models.PositiveSmallIntegerField("năm")
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings", verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="ratings", verbose_name="đơn vị")
    rating = models.CharField("xếp loại", max_length=10, choices=Rating.choices)
    source = models.CharField("văn bản", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "xếp loại hằng năm"
        verbose_name_plural = "xếp loại hằng năm"
        ordering = ["-year"]
        constraints = [
            _one_subject("rating"),
            models.UniqueConstraint(fields=["staff", "year"], condition=Q(staff__isnull=False), name="one_rating_per_staff_year",
                                    violation_error_message="Cán bộ này đã có xếp loại của năm này."),
            models.UniqueConstraint(fields=["unit", "year"], condition=Q(unit__isnull=False), name="one_rating_per_unit_year",
                                    violation_error_message="Đơn vị này đã có xếp loại của năm này."),
        ]

    def __str__(self):
        return f"{self.staff or self.unit} {self.year}: {self.rating}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) of a person or of a unit."""

    year = models.PositiveSmallIntegerField("năm công nhận")
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, null=True, blank=True, related_name="initiatives", verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="initiatives", verbose_name="đơn vị")
    title = models.CharField("tên sáng kiến", max_length=500)
    recognised_by = models.CharField("cơ quan công nhận", max_length=255, default="Hội đồng sáng kiến Sở")
    decision_ref = models.CharField("quyết định công nhận", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-year", "title"]
        constraints = [_one_subject("initiative")]

    def __str__(self):
        return self.title


class DisciplineRecord(models.Model):
    year = models.PositiveSmallIntegerField("năm")
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, null=True, blank=True, related_name="discipline_records", verbose_name="cán bộ")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="discipline_records", verbose_name="đơn vị")
    form = models.CharField("hình thức kỷ luật", max_length=255, help_text="Ví dụ: Khiển trách")
    decision_ref = models.CharField("quyết định", max_length=255, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        ordering = ["-year"]
        constraints = [_one_subject("discipline")]

    def __str__(self):
        return f"{self.staff or self.unit} {self.year}: {self.form}"


class InspectionResult(models.TextChoices):
    GOOD = "tot", "Tốt"
    FAIR = "kha", "Khá"
    AVERAGE = "trung_binh", "Trung bình"
    POOR = "yeu", "Yếu"


class IndicatorRecord(models.Model):
    """The figures of one unit for one year that measurable criteria are decided from.

    An empty figure means "no data yet", never zero. Each group of figures records its source document.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="indicators", verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    capital_allocated = models.DecimalField("vốn đầu tư công được giao (đồng)", max_digits=18, decimal_places=0, null=True, blank=True)
    capital_disbursed = models.DecimalField("vốn đã giải ngân (đồng)", max_digits=18, decimal_places=0, null=True, blank=True)
    capital_source = models.CharField("nguồn số liệu giải ngân", max_length=255, blank=True)
    online_dossiers = models.PositiveIntegerField("hồ sơ trực tuyến", null=True, blank=True)
    total_dossiers = models.PositiveIntegerField("tổng số hồ sơ", null=True, blank=True)
    online_target_percent = models.DecimalField("chỉ tiêu tỷ lệ trực tuyến (%)", max_digits=5, decimal_places=2, null=True, blank=True,
                                                help_text="Chỉ tiêu giao theo QĐ 245/QĐ-UBND ngày 01/3/2023")
    online_source = models.CharField("nguồn số liệu trực tuyến", max_length=255, blank=True)
    late_dossiers = models.PositiveIntegerField("hồ sơ trễ hẹn", null=True, blank=True)
    backlog_dossiers = models.PositiveIntegerField("hồ sơ tồn đọng", null=True, blank=True)
    has_procedures = models.BooleanField("có giải quyết TTHC", default=True)
    late_source = models.CharField("nguồn số liệu TTHC", max_length=255, blank=True)
    inspection_result = models.CharField("kết quả kiểm tra CCHC", max_length=12, choices=InspectionResult.choices, blank=True)
    inspection_source = models.CharField("nguồn kết quả kiểm tra", max_length=255, blank=True)
    ddci_score = models.DecimalField("điểm DDCI năm nay", max_digits=7, decimal_places=2, null=True, blank=True)
    ddci_score_last = models.DecimalField("điểm DDCI năm trước", max_digits=7, decimal_places=2, null=True, blank=True)
    ddci_rank = models.PositiveSmallIntegerField("thứ hạng DDCI năm nay", null=True, blank=True)
    ddci_rank_last = models.PositiveSmallIntegerField("thứ hạng DDCI năm trước", null=True, blank=True)
    ddci_assigned = models.BooleanField("được giao chỉ số DDCI", default=True)
    ddci_source = models.CharField("nguồn số liệu DDCI", max_length=255, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        ordering = ["-year", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_indicator_record_per_unit_year")]

    def __str__(self):
        return f"{self.unit} {self.year}"


class IndexName(models.TextChoices):
    PAR_INDEX = "PAR", "PAR INDEX"
    PCI = "PCI", "PCI"
    PAPI = "PAPI", "PAPI"
    SIPAS = "SIPAS", "SIPAS"


class IndexComponentScore(models.Model):
    """A component of PAR INDEX, PCI, PAPI or SIPAS assigned to a unit, with this and last year's score."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="index_components", verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    index = models.CharField("bộ chỉ số", max_length=10, choices=IndexName.choices)
    component = models.CharField("chỉ số thành phần", max_length=255)
    score = models.DecimalField("điểm năm nay", max_digits=7, decimal_places=2, null=True, blank=True)
    score_last = models.DecimalField("điểm năm trước", max_digits=7, decimal_places=2, null=True, blank=True)
    source = models.CharField("nguồn số liệu", max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ số thành phần"
        verbose_name_plural = "chỉ số thành phần"
        ordering = ["-year", "unit__code", "index", "component"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "index", "component"], name="unique_index_component"),
        ]

    def __str__(self):
        return f"{self.get_index_display()} – {self.component}"


class AccountAction(models.TextChoices):
    CREATED = "created", "Tạo tài khoản"
    INVITED = "invited", "Gửi thư đặt mật khẩu"
    DEACTIVATED = "deactivated", "Khóa tài khoản"
    REACTIVATED = "reactivated", "Mở lại tài khoản"
    ROLE_GRANTED = "role_granted", "Giao vai trò"
    ROLE_REVOKED = "role_revoked", "Thu hồi vai trò"


class AccountEvent(models.Model):
    """What the office did to an account, by whom, when and why (campaigns.services.accounts). Never edited."""

    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account_events",
                                verbose_name="tài khoản")
    action = models.CharField("thao tác", max_length=20, choices=AccountAction.choices)
    detail = models.CharField("nội dung", max_length=255, blank=True)
    reason = models.TextField("lý do", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name="người thực hiện")
    at = models.DateTimeField("thời điểm", auto_now_add=True)

    class Meta:
        verbose_name = "nhật ký tài khoản"
        verbose_name_plural = "nhật ký tài khoản"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} – {self.account}"


def _upload_name(instance, filename):
    """A generated name: the person's file name is kept in `name`, never used on the storage."""
    return f"excel-imports/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}.xlsx"


class ExcelUpload(models.Model):
    """An .xlsx file the office uploaded to import (campaigns/excel/uploads.py): kept on the default storage from the
    upload until it is imported (or for UPLOAD_TTL), checked and then imported by the worker, always this same
    file. Only its uploader sees it (campaigns.selectors.uploads_for); its id is the token in the page's address."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="excel_uploads",
                              verbose_name="người tải lên")
    kind = models.CharField("loại dữ liệu", max_length=30)
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", upload_to=_upload_name, max_length=200, blank=True)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)
    job = models.ForeignKey("ops.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name="việc gần nhất")  # the check, then the import
    report = models.JSONField("kết quả kiểm tra hoặc nhập", null=True, blank=True)  # Report.as_page()
    created_at = models.DateTimeField("tải lên lúc", default=timezone.now)
    imported_at = models.DateTimeField("đã nhập lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp Excel tải lên để nhập"
        verbose_name_plural = "tệp Excel tải lên để nhập"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.name
