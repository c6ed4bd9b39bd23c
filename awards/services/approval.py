"""The Director's approval (the next number of the register, the signing date, the signer, the money frozen under
the legal basis and base salary of that date) or rejection of a draft, and the replacement of an approved
decision by a corrected draft. Called alike by the decision page, the admin and the demo."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from awards.models import (
    Decision,
    DecisionLine,
    DecisionState,
    DocumentType,
)
from awards.rules import checks_rule
from awards.services.announcements import announce_signed
from awards.services.decisions import (
    TARGET_ORDER,
    campaign_quota,
    quota_errors,
)
from awards.services.legality import ensure_signable
from awards.services.money import amount_under, base_salary_on, legal_basis_on
from awards.services.register import take_number
from awards.services.transitions import TransitionError, set_state

VERIFY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


# ------------------------------------------------------------------------------------- approval, rejection

def _new_verify_code() -> str:
    while True:
        code = "".join(secrets.choice(VERIFY_ALPHABET) for _ in range(8))
        if not DecisionLine.objects.filter(verify_code=code).exists():
            return code


def _check_lines(decision: Decision, lines: list[DecisionLine]) -> None:
    if not lines:
        raise ValidationError("Danh sách khen thưởng trống: không thể phê duyệt.")
    errors = []
    for target in TARGET_ORDER:
        count = sum(1 for line in lines if line.target == target)
        if count:
            errors += quota_errors(campaign_quota(decision.campaign, decision.award_kind, target), count)
    if errors:
        raise ValidationError(errors)


@checks_rule("awards.approve_decision", on="decision", message="Chỉ Giám đốc Sở (người có quyền phê duyệt) được ký quyết định.")
def approve_decision(decision: Decision, *, actor, signed_on: dt.date | None = None, notify: bool = True) -> Decision:
    """The Director signs: the next number of the register, the signing date, the signer, and the money frozen
    under the legal basis and base salary of that date. Approving an approved decision changes nothing. The units
    and awardees concerned are emailed after the commit (`notify=False`: the demo's history)."""
    signed_on = signed_on or timezone.localdate()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("campaign__organisation", "award_kind").get(pk=decision.pk)
        if decision.state == DecisionState.APPROVED:
            return decision
        if decision.state != DecisionState.DRAFT:
            raise TransitionError(
                f"{decision} ở trạng thái «{decision.get_state_display()}»: không thể phê duyệt."
            )
        lines = sorted(decision.lines.all(), key=lambda line: (TARGET_ORDER.index(line.target), line.order))
        _check_lines(decision, lines)
        ensure_signable(decision, lines, signed_on)
        old = None
        if decision.replaces_id:
            old = Decision.objects.select_for_update().get(pk=decision.replaces_id)
            if old.state != DecisionState.APPROVED:
                raise TransitionError(f"{old} không còn hiệu lực để thay thế.")
        organisation = decision.campaign.organisation

        total = None
        if decision.doc_type == DocumentType.DECISION:
            basis = legal_basis_on(signed_on)
            salary = base_salary_on(signed_on).amount
            amounts = {t: amount_under(basis, salary, decision.award_kind, t).amount for t in TARGET_ORDER
                       if any(line.target == t for line in lines)}
            decision.legal_basis, decision.base_salary = basis, salary
            for line in lines:
                line.amount = amounts[line.target]
                line.verify_code = _new_verify_code()
            total = sum(line.amount for line in lines)
        # The list's numbers are the số sổ vàng: 1..n, collectives first. Orders are unique, so move them out
        # of the way first (a transient step, not a change anyone made), then set them in one statement whose
        # outcome the audit trail records, line by line.
        DecisionLine.objects.filter(decision=decision).update(order=F("order") + 20000)
        for i, line in enumerate(lines, start=1):
            line.order = i
        bulk_update_with_history(lines, DecisionLine, ["order", "amount", "verify_code"], default_user=actor,
                                 default_change_reason="Ký ban hành: số thứ tự và số tiền chốt")

        number, decision.number_text = take_number(organisation, decision.doc_type, signed_on)
        decision.number, decision.number_year = number, signed_on.year
        decision.signed_on = signed_on
        decision.signer_name = organisation.signer_name
        decision.signer_title = organisation.signer_title
        decision.signer_on_behalf = organisation.signer_on_behalf
        decision.total_amount = total
        decision.decided_by = actor
        decision.decided_at = timezone.now()
        set_state(
            decision, to_state=DecisionState.APPROVED, allowed_from=[DecisionState.DRAFT], actor=actor,
            reason=f"Ký ban hành số {decision.number_text} ngày {signed_on:%d/%m/%Y}",
            update_fields=["number", "number_year", "number_text", "signed_on", "signer_name", "signer_title",
                           "signer_on_behalf", "legal_basis", "base_salary", "total_amount", "decided_by", "decided_at"],
        )
        if old is not None:
            set_state(old, to_state=DecisionState.REPLACED, allowed_from=[DecisionState.APPROVED], actor=actor,
                      reason=f"Được thay thế bởi {decision}")
        if notify:
            announce_signed(decision)  # emails to the units and awardees, sent after the commit
    return decision


@checks_rule("awards.approve_decision", on="decision", message="Chỉ Giám đốc Sở (người có quyền phê duyệt) được từ chối phê duyệt.")
@transaction.atomic
def reject_decision(decision: Decision, *, actor, reason: str) -> Decision:
    """The Director sends the draft back, with the reason; the office may then draft again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Phải ghi lý do không phê duyệt.")
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.DRAFT:
        raise TransitionError(f"{decision} ở trạng thái «{decision.get_state_display()}»: không thể từ chối.")
    decision.rejection_reason = reason
    decision.decided_by = actor
    decision.decided_at = timezone.now()
    set_state(decision, to_state=DecisionState.REJECTED, allowed_from=[DecisionState.DRAFT], actor=actor,
              reason=reason, update_fields=["rejection_reason", "decided_by", "decided_at"])
    return decision


@checks_rule("awards.draft_decision", on="decision", message="Chỉ Văn phòng Sở được lập quyết định thay thế.")
@transaction.atomic
def replace_decision(decision: Decision, *, actor) -> Decision:
    """A correction: a new draft with the approved decision's lines, which replaces it once approved."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state != DecisionState.APPROVED:
        raise TransitionError("Chỉ lập quyết định thay thế cho một quyết định đã ký ban hành và còn hiệu lực.")
    existing = Decision.objects.filter(replaces=decision).first()
    if existing is not None:
        if existing.state == DecisionState.DRAFT:
            raise TransitionError(f"Đã có dự thảo thay thế {decision} đang chờ phê duyệt.")
        existing.replaces = None  # a rejected replacement gives way to the new one
        existing.save(update_fields=["replaces"])
    new = Decision.objects.create(
        campaign=decision.campaign, doc_type=decision.doc_type, award_kind=decision.award_kind,
        meeting=decision.meeting, replaces=decision, created_by=actor,
    )
    bulk_create_with_history(
        [DecisionLine(
            decision=new, order=line.order, nominee_id=line.nominee_id, target=line.target,
            recipient_name=line.recipient_name, position=line.position, unit_name=line.unit_name,
            achievement=line.achievement, condition_met=line.condition_met,
        ) for line in decision.lines.all()],
        DecisionLine, default_user=actor, default_change_reason=f"Lập dự thảo thay thế {decision}",
    )
    set_state(new, to_state=DecisionState.DRAFT, allowed_from=[DecisionState.DRAFT], actor=actor,
              reason=f"Lập dự thảo thay thế {decision}")
    return new
