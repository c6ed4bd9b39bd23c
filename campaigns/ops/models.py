"""Background jobs with their progress and result file, and the outbox of every email the application sends."""

import uuid

from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "Đang chờ"
    RUNNING = "running", "Đang chạy"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Không thành công"


class Job(models.Model):
    """A long piece of work done by the worker for one person (a certificate batch, a big export): its progress,
    and when done the file to download. Only the person who started it sees it (campaigns/ops/selectors.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs",
                              verbose_name="người yêu cầu")
    title = models.CharField("việc", max_length=300)
    handler = models.CharField("hàm thực hiện", max_length=200)
    params = models.JSONField("tham số", default=dict, blank=True)
    state = models.CharField("trạng thái", max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField("đã làm", default=0)
    total = models.PositiveIntegerField("tổng số", default=0)
    error = models.TextField("lý do không thành công", blank=True)
    attempts = models.PositiveIntegerField("số lần chạy", default=0)
    result = models.FileField("tệp kết quả", upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField("tên tệp tải về", max_length=255, blank=True)
    result_type = models.CharField("kiểu tệp", max_length=100, blank=True)
    created_at = models.DateTimeField("yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)

    @property
    def counted(self) -> str:
        """"1.368/17.100": what is done of the total, grouped the Vietnamese way (ops formats its own numbers)."""
        return f"{self.done:,}/{self.total:,}".replace(",", ".")

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


class MailState(models.TextChoices):
    QUEUED = "queued", "Chờ gửi"
    RETRYING = "retrying", "Đang thử lại"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Không gửi được"


class OutgoingEmail(models.Model):
    """One email, kept from the moment the transaction that wants it commits until the server took it. The
    worker sends it; a refusal is tried again later with a growing pause (campaigns/ops/mail.py)."""

    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    from_email = models.CharField("người gửi", max_length=254, blank=True)
    to = models.JSONField("người nhận", default=list)
    state = models.CharField("trạng thái", max_length=10, choices=MailState.choices, default=MailState.QUEUED)
    attempts = models.PositiveIntegerField("số lần gửi", default=0)
    last_error = models.TextField("lỗi lần gửi gần nhất", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    next_attempt_at = models.DateTimeField("gửi lại lúc", null=True, blank=True)
    sent_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thư gửi đi"
        verbose_name_plural = "thư gửi đi"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self):
        return self.subject

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)
