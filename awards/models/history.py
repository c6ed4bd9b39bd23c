"""The awards of earlier years, imported from the office's records (the award history reads them beside the
decisions signed here: awards/selectors/history.py)."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import Staff, Unit


class PastAward(models.Model):
    """An award a person or a unit received outside this application (before it, or from another issuer), as the
    office imports it from the records of earlier years: who, the award, the year, the decision and its issuer.
    Awards of decisions signed in this application are not copied here: the award history reads both."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, null=True, blank=True, related_name="past_awards", verbose_name="cá nhân")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="past_awards", verbose_name="tập thể / đơn vị")
    year = models.PositiveSmallIntegerField("năm")
    award_name = models.CharField("danh hiệu, hình thức khen thưởng", max_length=255,
                                  help_text="Ví dụ: Giấy khen của Giám đốc Sở, Chiến sĩ thi đua cơ sở")
    decision_number = models.CharField("số quyết định", max_length=100, help_text="Ví dụ: 12/QĐ-SLĐTBXH")
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    issuer = models.CharField("cơ quan, người ký", max_length=255, help_text="Ví dụ: Giám đốc Sở Lao động - Thương binh và Xã hội")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "khen thưởng trước đây"
        verbose_name_plural = "khen thưởng trước đây (nhập từ hồ sơ cũ)"
        ordering = ["-year", "award_name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(staff__isnull=False, unit__isnull=True) | Q(staff__isnull=True, unit__isnull=False)),
                name="past_award_staff_xor_unit",
                violation_error_message="Chọn một cán bộ hoặc một đơn vị, không chọn cả hai.",
            ),
        ]
        indexes = [models.Index(fields=["staff", "year"]), models.Index(fields=["unit", "year"])]

    def __str__(self):
        return f"{self.award_name} {self.year} – {self.staff or self.unit}"
