"""The council's meeting, attendance and votes."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from awards.models.awards import AwardKind
from awards.models.dossiers import Nominee
from campaigns.models import Campaign, Staff, Target


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
    number = models.PositiveIntegerField("số biên bản", null=True, blank=True)
    number_year = models.PositiveSmallIntegerField("năm của sổ", null=True, blank=True)
    number_text = models.CharField("số, ký hiệu biên bản", max_length=50, blank=True, help_text="Ví dụ: 03/BB-SLĐTBXH")
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


class TieBreak(models.Model):
    """The council's conclusion among nominees tied at the quota line of one award for one target: who is in, and
    why. Drafting follows it while the tied group is the same; a change of votes clears it."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="tie_breaks", verbose_name="cuộc họp")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="+", verbose_name="hình thức")
    target = models.CharField("đối tượng", max_length=12, choices=Target.choices)
    tied = models.ManyToManyField(Nominee, related_name="+", verbose_name="các đối tượng cùng hạng")
    chosen = models.ManyToManyField(Nominee, related_name="+", verbose_name="được Hội đồng chọn")
    reason = models.TextField("lý do (kết luận của Hội đồng)")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người ghi")
    recorded_at = models.DateTimeField("ghi lúc", auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[tied, chosen])

    class Meta:
        verbose_name = "kết luận của Hội đồng khi bằng hạng"
        verbose_name_plural = "kết luận của Hội đồng khi bằng hạng"
        ordering = ["meeting", "award_kind", "target"]
        constraints = [models.UniqueConstraint(fields=["meeting", "award_kind", "target"], name="one_tie_break_per_line")]

    def __str__(self):
        return f"{self.award_kind.short_name} – {self.get_target_display()}: {self.reason[:60]}"
