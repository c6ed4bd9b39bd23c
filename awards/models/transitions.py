"""The log of state transitions of any object (written by awards.services.transitions.set_state)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


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
