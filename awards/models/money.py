"""The money rules: legal bases, award rates and base salaries, dated rows the office keeps."""

from django.db import models
from simple_history.models import HistoricalRecords

from awards.models.awards import AwardKind
from campaigns import formatting
from campaigns.models import Target


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
        return f"{formatting.money(self.amount)} từ {formatting.date(self.valid_from)}"
