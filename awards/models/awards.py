"""Award kinds and the awards (with quotas) a campaign gives."""

from django.db import models
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign, Target


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
