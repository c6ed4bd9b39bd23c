"""Results: every nominee against every criterion, computed from the records or ruled on by the office."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from awards.models.dossiers import Nominee
from campaigns.models import Criterion


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
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name="người quyết định")
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


class NomineeScore(models.Model):
    """A nominee's score and whether it meets every mandatory criterion, kept by the services that change results
    or criteria (`awards.services.scores.refresh_scores`, in the same transaction), so that the ranking reads one
    row per nominee instead of aggregating every result on each request. A cache of what the results say: never
    edited by hand, rebuilt from the results at any time (`manage.py refresh_scores`)."""

    nominee = models.OneToOneField(Nominee, on_delete=models.CASCADE, primary_key=True, related_name="score",
                                   verbose_name="đối tượng")
    score = models.DecimalField("điểm", max_digits=7, decimal_places=2)
    meets_mandatory = models.BooleanField("đạt mọi tiêu chí bắt buộc")
    # The mandatory criteria it falls short of, in no particular order: [[criterion id, outcome]], the outcome
    # "không đạt" or "chưa có số liệu", or null when there is no result at all; [] when it meets them all. Null
    # for a row written before the field existed (or before the keys below): the ranking scores such a row again
    # when it meets it.
    shortfalls = models.JSONField("tiêu chí bắt buộc chưa đạt", null=True, blank=True, default=None)
    # What the ranking orders on besides the score, copied from where it lives so that a page is read from the
    # scores alone (no join with 20,000 staff): the person's or unit's name and, for the tie rule of ND 98, the
    # person's gender (individuals) or the unit's share of women among its active staff (collectives), and the
    # dossier's first submission. Kept with the score by `refresh_scores`, and by the signals and hooks of
    # awards.services.scores whenever a staff member, a unit, a dossier or a nominee changes.
    name = models.CharField("tên", max_length=255, blank=True, default="")
    gender = models.CharField("giới tính", max_length=10, blank=True, default="")
    women_percent = models.DecimalField("tỷ lệ nữ (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField("hồ sơ nộp lần đầu lúc", null=True, blank=True)
    # How many results the nominee has: 0 (or no row at all) for one accepted since the last recompute, which the
    # scoring grid counts without looking through every result of the campaign (recompute.unscored_count).
    result_count = models.PositiveIntegerField("số kết quả", default=0)
    updated_at = models.DateTimeField("tính lúc", auto_now=True)

    class Meta:
        verbose_name = "điểm của đối tượng"
        verbose_name_plural = "điểm của đối tượng"
        indexes = [models.Index(fields=["meets_mandatory", "-score"], name="nomineescore_rank")]

    def __str__(self):
        return f"{self.nominee_id}: {self.score}"
