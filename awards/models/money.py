"""The money rules: legal bases, award rates and base salaries, dated rows the office keeps."""

from django.db import models
from simple_history.models import HistoricalRecords

from awards.models.awards import AwardKind
from campaigns import formatting
from campaigns.models import Target


class CollectiveRule(models.TextChoices):
    DOUBLE_INDIVIDUAL = "double", "Gấp đôi mức tiền của cá nhân (sau khi làm tròn)"
    OWN_COEFFICIENT = "own", "Hệ số riêng của tập thể"


class LegalKind(models.TextChoices):
    LAW = "law", "Luật"
    DECREE = "decree", "Nghị định"
    CIRCULAR = "circular", "Thông tư"
    RESOLUTION = "resolution", "Nghị quyết"
    DECISION = "decision", "Quyết định"


class LegalRole(models.TextChoices):
    """What a legal document grounds (awards.services.grounds picks, per signing date, the one in force)."""

    EMULATION_LAW = "emulation_law", "Luật Thi đua, khen thưởng"
    EMULATION_DECREE = "emulation_decree", "Nghị định quy định chi tiết Luật Thi đua, khen thưởng (và mức tiền thưởng)"
    AMENDMENT = "amendment", "Luật, nghị định sửa đổi, bổ sung văn bản khác"
    BASE_SALARY = "base_salary", "Nghị định quy định mức lương cơ sở"
    OTHER = "other", "Văn bản khác"


class LegalBasis(models.Model):
    """One legal document (văn bản quy phạm pháp luật) the Department's documents rest on: the emulation laws, their
    detailing decrees (which also set award money: NĐ 91/2017, NĐ 98/2023, NĐ 152/2025) and the base-salary decrees,
    with the dates they are in force. The office keeps this table in the admin; grounds and money follow it."""

    kind = models.CharField("loại văn bản", max_length=12, choices=LegalKind.choices, default=LegalKind.DECREE)
    role = models.CharField("dùng làm căn cứ cho", max_length=20, choices=LegalRole.choices, default=LegalRole.EMULATION_DECREE)
    code = models.CharField("số hiệu", max_length=50, unique=True, help_text="Ví dụ: 91/2017/NĐ-CP, 06/2022/QH15")
    issuer = models.CharField("cơ quan ban hành", max_length=100, default="Chính phủ", help_text="Ví dụ: Quốc hội, Chính phủ")
    short_title = models.CharField(
        "tên gọi ngắn", max_length=255, blank=True,
        help_text="Với Luật: tên Luật khi trích dẫn, ví dụ: Luật Thi đua, khen thưởng",
    )
    title = models.CharField("trích yếu", max_length=500)
    issued_on = models.DateField("ngày ban hành")
    valid_from = models.DateField("có hiệu lực từ")
    valid_to = models.DateField("hết hiệu lực sau ngày", null=True, blank=True, help_text="Ngày cuối cùng còn hiệu lực; để trống: đang có hiệu lực")
    replaces = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", verbose_name="thay thế văn bản",
    )
    amends = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="amendments", verbose_name="sửa đổi, bổ sung văn bản",
    )
    collective_rule = models.CharField("cách tính tiền thưởng tập thể", max_length=10, choices=CollectiveRule.choices, blank=True)
    rounding_unit = models.PositiveIntegerField("làm tròn lên bội số của (đồng)", default=10000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "văn bản pháp lý (căn cứ)"
        verbose_name_plural = "văn bản pháp lý (căn cứ)"
        ordering = ["role", "valid_from"]

    def __str__(self):
        return f"{self.get_kind_display()} số {self.code}"

    def in_force_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


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
    legal_document = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="base_salaries",
        verbose_name="nghị định quy định", limit_choices_to={"role": LegalRole.BASE_SALARY},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["valid_from"]

    def __str__(self):
        return f"{formatting.money(self.amount)} từ {formatting.date(self.valid_from)}"
