"""The office's ruling on one result: attest it, or override the computed outcome with a written reason; who may
rule (never on a nominee of one's own unit), and concurrent edits caught by the result's version.

"Ruling" is the office's call on one result; "decision" is the Director's award decision (awards.services.decisions)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from awards.models import DossierState, Outcome, Result
from awards.rules import checks_rule, may
from awards.services.evaluators import is_human_criterion
from awards.services.progress import refresh_progress
from awards.services.scores import refresh_scores
from campaigns import formatting, scope


class ScoringError(ValidationError):
    """A refused scoring action; its message is shown to the user as it is (Vietnamese)."""


class ConflictOfInterest(PermissionDenied):
    """An office user who belongs to the nominee's unit may not decide that nominee's results."""


class StaleResult(ScoringError):
    """Somebody else changed the result since the page was loaded."""


# --------------------------------------------------------------------------------------------- rulings


def conflict_message(nominee):
    return (f"Xung đột lợi ích: bạn thuộc {nominee.unit.name}, không được đánh giá đối tượng của đơn vị mình. "
            "Một cán bộ Văn phòng khác sẽ đánh giá.")


@checks_rule("awards.score", message="Chỉ Văn phòng Sở được đánh giá kết quả.", then=("awards.rule_on_result",))
def rule_on_result(result, *, actor, outcome, reason, expected_version) -> Result:
    """An office user rules on a result: attests it, or overrides the computed outcome, with a written reason.

    `outcome` = "" withdraws a previous ruling (the computed result applies again). The save succeeds only
    if nobody changed the result since `expected_version` was read; otherwise StaleResult names who did, when.
    """
    nominee = result.nominee
    scope.ensure_open(nominee.dossier.campaign)
    if not may(actor, "awards.rule_on_result", nominee):
        raise ConflictOfInterest(conflict_message(nominee))
    if nominee.dossier.state != DossierState.ACCEPTED:
        raise ScoringError("Hồ sơ của đối tượng này chưa được tiếp nhận, chưa thể đánh giá.")
    reason = (reason or "").strip()
    if outcome and outcome not in Outcome.values:
        raise ScoringError("Kết quả không hợp lệ.")
    if outcome and not reason:
        if is_human_criterion(result.criterion):
            raise ScoringError("Ghi nhận xét của Văn phòng khi xác nhận tiêu chí này.")
        raise ScoringError("Phải ghi lý do khi quyết định khác với kết quả tự động.")
    now = timezone.now()
    values = {
        "override": outcome or "",
        "override_reason": reason if outcome else "",
        "override_by": actor if outcome else None,
        "override_at": now if outcome else None,
        "updated_by": actor,
        "updated_at": now,
    }
    with transaction.atomic():
        updated = Result.objects.filter(pk=result.pk, version=expected_version).update(version=F("version") + 1, **values)
        if updated != 1:
            current = Result.objects.select_related("updated_by__staff").filter(pk=result.pk).first()
            if current is None:
                raise ScoringError("Kết quả này không còn nữa, tải lại trang.")
            raise StaleResult(stale_message(current))
        fresh = Result.objects.select_related("nominee__unit", "nominee__staff", "nominee__dossier", "criterion",
                                              "override_by", "updated_by").get(pk=result.pk)
        Result.history.bulk_history_create(
            [fresh], update=True, default_user=actor,
            default_change_reason=reason or "Rút quyết định, dùng kết quả tự động",
        )
        refresh_scores([result.nominee_id])  # the score the ranking reads, in the same transaction
        refresh_progress([nominee.dossier_id])  # the office dashboard's count of decided results, likewise
    return fresh




def stale_message(current):
    who = formatting.person_name(current.updated_by) if current.updated_by_id else "người khác"
    return f"Kết quả này đã được {who} sửa lúc {formatting.date(current.updated_at)}, tải lại trang để xem trước khi sửa."


def last_rulings(campaign):
    return Result.objects.filter(criterion__campaign=campaign).aggregate(last=Max("updated_at"), n=Count("pk"))
