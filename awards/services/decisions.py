"""Award decisions (Quyết định) and proposals to the province (Tờ trình): drafted by the office from the ranking
and the council's vote, approved or rejected by the Director, corrected only by a new decision that replaces
the approved one.

One function per verb, called alike by the pages, the admin and the commands:
draft_decision, draft_proposal, update_line, remove_line, delete_decision; approve_decision, reject_decision,
replace_decision are in awards.services.approval. Once approved a decision is frozen: its number, signing date, signer, legal basis, base
salary, lines and amounts never change again; every editing verb refuses it."""


from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from awards.models import (
    AwardKind,
    AwardLevel,
    CampaignAward,
    CouncilMeeting,
    Decision,
    DecisionLine,
    DecisionState,
    DocumentType,
    Nominee,
)
from awards.rules import checks_rule
from awards.services.bang_khen import bang_khen_eligibility
from awards.services.council import (
    latest_meeting,
    passed_nominee_ids,
    percent_of_members,
)
from awards.services.legality import other_award_refusal_map, tie_choice
from awards.services.ranking import rank_nominees
from awards.services.transitions import TransitionError, set_state
from campaigns import scope
from campaigns.models import Campaign, Target

TARGET_ORDER = [Target.COLLECTIVE, Target.INDIVIDUAL]
FROZEN_MESSAGE = (
    "{decision} đã ký ban hành: không thể sửa hoặc xóa. Muốn đính chính, hãy lập quyết định thay thế."
)


def ensure_editable(decision: Decision) -> None:
    """Refuse any change to a decision that is no longer a draft, or of a closed campaign."""
    scope.ensure_open(decision.campaign)
    if decision.state != DecisionState.DRAFT:
        if decision.state in (DecisionState.APPROVED, DecisionState.REPLACED):
            raise TransitionError(FROZEN_MESSAGE.format(decision=str(decision)))
        raise TransitionError(f"{decision} ở trạng thái «{decision.get_state_display()}»: không thể sửa.")


# ----------------------------------------------------------------------------------------------- drafting

def _line_fields(nominee: Nominee, organisation) -> dict:
    if nominee.target == Target.INDIVIDUAL:
        return {
            "recipient_name": nominee.staff.full_name, "position": nominee.staff.position,
            "unit_name": nominee.staff.unit.name if nominee.staff.unit_id else nominee.unit.name,
        }
    parent = nominee.unit.parent.name if nominee.unit.parent_id else organisation.name
    return {"recipient_name": nominee.unit.name, "position": "", "unit_name": parent}


def _active_nominee_ids(campaign: Campaign, award_kind: AwardKind, *, exclude: Decision | None = None) -> set[int]:
    """Nominees already on a draft or approved decision of this award: one achievement earns one award."""
    lines = DecisionLine.objects.filter(
        decision__campaign=campaign, decision__award_kind=award_kind,
        decision__state__in=[DecisionState.DRAFT, DecisionState.APPROVED],
    )
    if exclude is not None:
        lines = lines.exclude(decision=exclude)
    return set(lines.values_list("nominee_id", flat=True))


def campaign_quota(campaign: Campaign, award_kind: AwardKind, target: str) -> CampaignAward:
    award = CampaignAward.objects.filter(campaign=campaign, award_kind=award_kind, target=target).first()
    if award is None:
        raise ValidationError(
            f"Phong trào không có hình thức {award_kind.short_name} cho {Target(target).label.lower()}."
        )
    return award


def quota_errors(award: CampaignAward, count: int) -> list[str]:
    if award.quota is not None and count > award.quota:
        return [
            f"Vượt số lượng {award.award_kind.short_name} cho {award.get_target_display().lower()}: "
            f"tối đa {award.quota:02d}, danh sách có {count:02d}."
        ]
    return []


def _vote_note(meeting: CouncilMeeting, nominee: Nominee) -> str:
    vote = next((v for v in meeting.votes.all() if v.nominee_id == nominee.pk), None)
    if vote is None:
        return f"«{nominee.name}» chưa được Hội đồng biểu quyết."
    pct = f"{percent_of_members(vote.votes_for, meeting.total_members)}".replace(".", ",")
    return (
        f"«{nominee.name}» không đạt tỷ lệ phiếu đồng ý của Hội đồng "
        f"({vote.votes_for}/{meeting.total_members} thành viên, {pct}%)."
    )


def _select(campaign, *, award_kind, meeting, nominees, extra_check=None):
    """The lines to draft, per target, in ranking order; refusals collected as Vietnamese messages."""

    passed = passed_nominee_ids(meeting)
    taken = _active_nominee_ids(campaign, award_kind)
    chosen, errors = {}, []
    wanted = None if nominees is None else {n.pk: n for n in nominees}
    ranked_ids = set()
    tie_errors = {}
    for target in TARGET_ORDER:
        award = CampaignAward.objects.filter(campaign=campaign, award_kind=award_kind, target=target).first()
        if award is None:
            continue
        ranking = [
            r for r in rank_nominees(campaign, target=target, award_kind=award_kind)
            if r.nominee.award_kind_id == award_kind.pk
        ]
        refused_other = other_award_refusal_map(
            [r.nominee for r in ranking if wanted is None or r.nominee.pk in wanted], award_kind=award_kind)
        picked = []
        for r in ranking:
            n = r.nominee
            ranked_ids.add(n.pk)
            if wanted is not None and n.pk not in wanted:
                continue
            refusal = None
            if not r.eligible:
                missing = ", ".join(str(m) for m in (r.missing or [])) or "chưa đạt đủ tiêu chí"
                refusal = f"«{n.name}» chưa đủ điều kiện: {missing}."
            elif n.pk not in passed:
                refusal = _vote_note(meeting, n)
            elif n.pk in taken:
                refusal = f"«{n.name}» đã có trong một quyết định {award_kind.short_name} khác của phong trào."
            elif extra_check is not None:
                refusal = extra_check(n)[1]
            if refusal:
                if wanted is not None:
                    errors.append(refusal)
                continue
            if n.pk in refused_other:  # one achievement, one award: refused whether the list is automatic or given
                errors.append(refused_other[n.pk])
                continue
            picked.append(r)
        if wanted is None and award.quota is not None and len(picked) > award.quota:
            picked, tie_error = tie_choice(meeting, award, picked)
            if tie_error:
                tie_errors[target] = tie_error
        if wanted is not None:
            errors += quota_errors(award, len(picked))
        chosen[target] = picked
    errors += list(tie_errors.values())
    if wanted is not None:
        for pk, n in wanted.items():
            if pk not in ranked_ids:
                errors.append(f"«{n.name}» không có trong danh sách xét {award_kind.short_name} của phong trào.")
    return chosen, errors


def _create_draft(campaign, *, doc_type, award_kind, meeting, chosen, actor, line_extra=None) -> Decision:
    organisation = campaign.organisation
    decision = Decision.objects.create(
        campaign=campaign, doc_type=doc_type, award_kind=award_kind, meeting=meeting, created_by=actor,
    )
    lines, order = [], 0
    for target in TARGET_ORDER:
        for r in chosen.get(target, []):
            order += 1
            n = r.nominee
            extra = line_extra(n) if line_extra else {}
            lines.append(DecisionLine(
                decision=decision, order=order, nominee=n, target=n.target,
                achievement=extra.get("achievement", n.achievement), condition_met=extra.get("condition_met", ""),
                **_line_fields(n, organisation),
            ))
    bulk_create_with_history(lines, DecisionLine, default_user=actor, default_change_reason="Lập dự thảo")
    set_state(decision, to_state=DecisionState.DRAFT, allowed_from=[DecisionState.DRAFT], actor=actor,
              reason=f"Lập dự thảo gồm {len(lines)} đối tượng")
    return decision


def _meeting(campaign, meeting):
    meeting = meeting or latest_meeting(campaign)
    if meeting is None:
        raise ValidationError("Hội đồng Thi đua - Khen thưởng chưa họp xét: chưa thể lập dự thảo.")
    if meeting.campaign_id != campaign.pk:
        raise ValidationError("Cuộc họp Hội đồng không thuộc phong trào này.")
    return meeting


@checks_rule("awards.draft_decision", message="Chỉ Văn phòng Sở được lập dự thảo quyết định khen thưởng.")
@transaction.atomic
def draft_decision(
    campaign: Campaign, *, award_kind: AwardKind, actor, meeting: CouncilMeeting | None = None,
    nominees: list[Nominee] | None = None,
) -> Decision:
    """A draft Quyết định from the ranking and the vote: only eligible nominees who passed the vote, in ranking
    order, never more than the campaign's quota per target. With `nominees`, exactly those, or a refusal that
    names every reason."""
    if award_kind.level != AwardLevel.DEPARTMENT:
        raise ValidationError(
            f"{award_kind.short_name} do cấp tỉnh quyết định: Sở lập Tờ trình đề nghị, không lập quyết định."
        )
    meeting = _meeting(campaign, meeting)
    chosen, errors = _select(campaign, award_kind=award_kind, meeting=meeting, nominees=nominees)
    if errors:
        raise ValidationError(errors)
    if not any(chosen.values()):
        raise ValidationError(
            f"Không có đối tượng nào đủ điều kiện và đạt tỷ lệ phiếu của Hội đồng để tặng {award_kind.short_name}."
        )
    return _create_draft(campaign, doc_type=DocumentType.DECISION, award_kind=award_kind, meeting=meeting,
                         chosen=chosen, actor=actor)


def province_award_kind(campaign: Campaign) -> AwardKind | None:
    award = (
        CampaignAward.objects.filter(campaign=campaign, award_kind__level=AwardLevel.PROVINCE)
        .select_related("award_kind").order_by("award_kind__code").first()
    )
    return award.award_kind if award else None


@checks_rule("awards.draft_decision", message="Chỉ Văn phòng Sở được lập dự thảo tờ trình.")
@transaction.atomic
def draft_proposal(
    campaign: Campaign, *, actor, award_kind: AwardKind | None = None, meeting: CouncilMeeting | None = None,
    nominees: list[Nominee] | None = None,
) -> Decision:
    """A draft Tờ trình to UBND tỉnh for the nominees eligible for Bằng khen who passed the vote, each line with
    the nominee's achievement and the condition met."""

    award_kind = award_kind or province_award_kind(campaign)
    if award_kind is None:
        raise ValidationError("Phong trào không có hình thức khen thưởng cấp tỉnh.")
    meeting = _meeting(campaign, meeting)
    reasons = {}

    def check(nominee):
        ok, reason = bang_khen_eligibility(nominee, year=campaign.year)
        reasons[nominee.pk] = reason
        return ok, None if ok else f"«{nominee.name}» chưa đủ điều kiện đề nghị {award_kind.short_name}: {reason}"

    chosen, errors = _select(campaign, award_kind=award_kind, meeting=meeting, nominees=nominees, extra_check=check)
    if errors:
        raise ValidationError(errors)
    if not any(chosen.values()):
        raise ValidationError(f"Không có đối tượng nào đủ điều kiện đề nghị {award_kind.short_name}.")
    return _create_draft(
        campaign, doc_type=DocumentType.PROPOSAL, award_kind=award_kind, meeting=meeting, chosen=chosen, actor=actor,
        line_extra=lambda n: {"condition_met": reasons.get(n.pk, "")},
    )


# -------------------------------------------------------------------------------------- editing a draft

LINE_FIELDS = ("recipient_name", "position", "unit_name", "achievement", "condition_met")


@checks_rule("awards.draft_decision", on="line", message="Chỉ Văn phòng Sở được sửa dự thảo.")
@transaction.atomic
def update_line(line: DecisionLine, *, actor, **fields) -> DecisionLine:
    """Correct the text of a line of a draft (names, position, unit, achievement)."""
    decision = Decision.objects.select_for_update().get(pk=line.decision_id)
    ensure_editable(decision)
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    if "recipient_name" in fields and not str(fields["recipient_name"]).strip():
        raise ValidationError("Tên tập thể / họ tên không được để trống.")
    for name, value in fields.items():
        setattr(line, name, str(value).strip())
    line.save(update_fields=list(fields))
    return line


@checks_rule("awards.draft_decision", on="line", message="Chỉ Văn phòng Sở được sửa dự thảo.")
@transaction.atomic
def remove_line(line: DecisionLine, *, actor) -> None:
    decision = Decision.objects.select_for_update().get(pk=line.decision_id)
    ensure_editable(decision)
    line.delete()


@checks_rule("awards.draft_decision", on="decision", message="Chỉ Văn phòng Sở được xóa dự thảo.")
@transaction.atomic
def delete_decision(decision: Decision, *, actor) -> None:
    """Only a draft (or a rejected draft) may be deleted; an approved decision never."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if decision.state not in (DecisionState.DRAFT, DecisionState.REJECTED):
        raise TransitionError(FROZEN_MESSAGE.format(decision=str(decision)))
    decision.lines.all().delete()
    decision.delete()
