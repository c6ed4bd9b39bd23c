"""Electronic ballots at a council meeting: the office opens and closes the vote, each member present casts their
own ballot on a page of their own, and members confirm the minutes.

Secrecy of a secret ballot is kept by the shape of the data, not by a promise: the fact that a member voted
(`BallotCast`, with the member) and what was chosen (`Ballot`, without anyone) are separate rows, written in the
same transaction. A secret `Ballot` carries no voter, no time and a random primary key (so not even the order of
rows ties it to a `BallotCast`), and no history is kept of it: nobody, office or admin, can read back who chose
what. An open ballot records its voter."""

import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from campaigns.models import Staff


class VotingMode(models.TextChoices):
    PAPER = "paper", "Phiếu giấy (Văn phòng nhập số phiếu)"
    ELECTRONIC = "electronic", "Bỏ phiếu điện tử"


class BallotState(models.TextChoices):
    PENDING = "pending", "Chưa mở biểu quyết"
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc biểu quyết"


class Choice(models.TextChoices):
    FOR = "for", "Đồng ý"
    AGAINST = "against", "Không đồng ý"
    ABSTAIN = "abstain", "Không biểu quyết"


class MeetingVoting(models.Model):
    """How a meeting votes: electronically (this row exists) or on paper (no row: the office types the counts)."""

    meeting = models.OneToOneField("awards.CouncilMeeting", on_delete=models.CASCADE, related_name="voting", verbose_name="cuộc họp")
    mode = models.CharField("hình thức", max_length=12, choices=VotingMode.choices, default=VotingMode.ELECTRONIC)
    state = models.CharField("trạng thái", max_length=10, choices=BallotState.choices, default=BallotState.PENDING)
    opened_at = models.DateTimeField("mở lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "biểu quyết điện tử"
        verbose_name_plural = "biểu quyết điện tử"

    def __str__(self):
        return f"{self.meeting}: {self.get_state_display()}"


class BallotCast(models.Model):
    """That a member has voted at a meeting (never what they chose)."""

    meeting = models.ForeignKey("awards.CouncilMeeting", on_delete=models.CASCADE, related_name="ballots_cast", verbose_name="cuộc họp")
    member = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    cast_at = models.DateTimeField("bỏ phiếu lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thành viên đã bỏ phiếu"
        verbose_name_plural = "thành viên đã bỏ phiếu"
        ordering = ["meeting", "member__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_ballot_per_member")]

    def __str__(self):
        return str(self.member)


class Ballot(models.Model):
    """One choice on one nominee. `voter` is set only for an open vote; a secret ballot has no voter and no time,
    and its random key says nothing about the order in which ballots were cast."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey("awards.CouncilMeeting", on_delete=models.CASCADE, related_name="ballots", verbose_name="cuộc họp")
    nominee = models.ForeignKey("awards.Nominee", on_delete=models.PROTECT, related_name="+", verbose_name="đối tượng")
    choice = models.CharField("lựa chọn", max_length=10, choices=Choice.choices)
    voter = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người bỏ phiếu (biểu quyết công khai)")

    class Meta:
        verbose_name = "phiếu biểu quyết"
        verbose_name_plural = "phiếu biểu quyết"
        ordering = ["meeting", "nominee", "choice"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nominee", "voter"], condition=models.Q(voter__isnull=False), name="one_open_ballot_per_voter"),
        ]

    def __str__(self):
        return self.get_choice_display()


class MinutesConfirmation(models.Model):
    """A member present confirms the text of the minutes; `digest` is the text they read, so a later change of the
    minutes shows as a confirmation of an earlier text."""

    meeting = models.ForeignKey("awards.CouncilMeeting", on_delete=models.CASCADE, related_name="confirmations", verbose_name="cuộc họp")
    member = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="tài khoản")
    digest = models.CharField("mã nội dung biên bản đã xác nhận", max_length=64)
    confirmed_at = models.DateTimeField("xác nhận lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "xác nhận biên bản"
        verbose_name_plural = "xác nhận biên bản"
        ordering = ["meeting", "confirmed_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_confirmation_per_member")]

    def __str__(self):
        return f"{self.member} – {self.confirmed_at:%d/%m/%Y %H:%M}"


class DecisionReading(models.Model):
    """The Director's last look at a decision: when, and the list as it then was (to show what changed since)."""

    decision = models.ForeignKey("awards.Decision", on_delete=models.CASCADE, related_name="readings", verbose_name="quyết định")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="người xem")
    seen_at = models.DateTimeField("xem lúc")
    snapshot = models.JSONField("danh sách lúc xem", default=dict)

    class Meta:
        verbose_name = "lần xem dự thảo"
        verbose_name_plural = "lần xem dự thảo"
        constraints = [models.UniqueConstraint(fields=["decision", "user"], name="one_reading_per_user")]

    def __str__(self):
        return f"{self.user} – {self.seen_at:%d/%m/%Y %H:%M}"
