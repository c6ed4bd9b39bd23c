"""Next year's campaign from this one, and the office's work on it while it is a draft.

`clone_campaign(source, code=…, year=…, actor=…)` makes a new campaign, in draft, that copies the source's
criteria (target, order, short name, text, evidence kind, indicator, weight, mandatory flag), its awards and
quotas and its council settings, and moves every date (plan, period, dossier and decision deadlines) to the
same day and month of the new year (29/02 becomes 28/02). Its grounds are never copied: the law on emulation and
its detailing decree are chosen, from the legal-basis table, as those in force on the new campaign's plan date;
the office adds the province's plan of the new year on the draft page. The source is never changed.

While the new campaign is a draft the office edits its criteria, quotas and dates (`update_campaign`,
`save_criterion`, `delete_criterion`, `set_quota`); `open_campaign` launches it, and from then on its criteria
are locked (the weights keep their own rule: locked once scoring has started). Every change keeps its history
(django-simple-history); creating and opening leave a StateChange (who, when, why)."""

import datetime as dt
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from awards.models import CampaignAward, LegalRole, StateChange
from awards.pdf.formats import lower_first
from awards.rules import checks_rule
from awards.services.grounds import in_force
from awards.services.transitions import set_state
from campaigns.models import Campaign, CampaignGround, CampaignStatus, Criterion
from campaigns.validators import criteria_locked_message

SET_UP = "awards.set_up_campaign"  # the office (commands run by the operator pass actor=None)
CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CRITERION_FIELDS = ["target", "order", "short_name", "text", "evidence_kind", "indicator", "mandatory", "weight"]
CAMPAIGN_FIELDS = ["title", "plan_number", "plan_date", "period_start", "period_end", "dossier_deadline",
                   "decision_deadline"]

class CloneError(ValidationError):
    """A refused change to a campaign's set-up; its message is shown as it is (Vietnamese)."""


def same_day_in(day: dt.date | None, year: int) -> dt.date | None:
    """The same day and month in `year` (29/02 → 28/02 in a common year)."""
    if day is None:
        return None
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def legal_grounds_on(day: dt.date) -> list[tuple[str, dt.date, str]]:
    """(reference, issued on, citation) of the law and of the detailing decree in force on `day`, chosen from the
    legal-document table by the same rule as the documents' grounds (`grounds.in_force`), never copied."""
    grounds = []
    for role in (LegalRole.EMULATION_LAW, LegalRole.EMULATION_DECREE):
        doc = in_force(role, day).first()
        if doc is None:
            continue
        title = doc.short_title or doc.title
        if role == LegalRole.EMULATION_DECREE:
            title = "Nghị định"
        text = f"{title} số {doc.code} ngày {doc.issued_on:%d/%m/%Y}"
        if role == LegalRole.EMULATION_DECREE:
            text += f" của {doc.issuer} {lower_first(doc.title)}"
        grounds.append((doc.code, doc.issued_on, text))
    return grounds


def _retitle(title: str, old: int, new: int) -> str:
    """"… năm 2023" → "… năm 2024": only the campaign's own year, named as such."""
    return re.sub(rf"\bnăm {old}\b", f"năm {new}", title)


def _record(obj, *, to_state, from_state="", actor, reason):
    StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, from_state=from_state,
        to_state=to_state, actor=actor if actor is not None and actor.is_authenticated else None, reason=reason,
    )


def check_new_code(code: str) -> str:
    code = (code or "").strip().lower()
    if not CODE_RE.match(code) or len(code) > 50:
        raise CloneError("Mã phong trào gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: cchc-2024.")
    if Campaign.objects.filter(code=code).exists():
        raise CloneError(f"Đã có phong trào mã «{code}»; chọn mã khác (mỗi phong trào một mã).")
    return code


@checks_rule(SET_UP, system=True)
def clone_campaign(source: Campaign, *, code: str, year: int, actor) -> Campaign:
    """Next year's campaign from `source`, as a draft (see the module's docstring)."""
    code = check_new_code(code)
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise CloneError("Năm của phong trào mới phải là một năm từ 2000 đến 2100.")
    try:
        with transaction.atomic():
            return _clone(source, code=code, year=year, actor=actor)
    except IntegrityError:
        # Someone made a campaign with this code a moment ago.
        raise CloneError(f"Đã có phong trào mã «{code}»; chọn mã khác (mỗi phong trào một mã).") from None


def _clone(source, *, code, year, actor):
    shift = {name: same_day_in(getattr(source, name), year + (getattr(source, name).year - source.year))
             for name in ("plan_date", "period_start", "period_end", "dossier_deadline", "decision_deadline")}
    campaign = Campaign(
        organisation=source.organisation, code=code, year=year, status=CampaignStatus.DRAFT,
        plan_number=source.plan_number if "…" in source.plan_number else re.sub(r"^\d+", "…", source.plan_number),
        title=_retitle(source.title, source.year, year),
        vote_threshold_percent=source.vote_threshold_percent, vote_threshold_strict=source.vote_threshold_strict,
        tie_break_rule=source.tie_break_rule, council_size=source.council_size, **shift,
    )
    reason = f"Tạo từ phong trào {source.code} ({source.year})"
    campaign._change_reason = reason
    campaign._history_user = actor if actor is not None and actor.is_authenticated else None
    campaign.save()
    user = campaign._history_user
    bulk_create_with_history(
        [Criterion(campaign=campaign, **{f: getattr(c, f) for f in CRITERION_FIELDS})
         for c in source.criteria.order_by("target", "order")],
        Criterion, default_user=user, default_change_reason=reason,
    )
    bulk_create_with_history(
        [CampaignAward(campaign=campaign, award_kind_id=a.award_kind_id, target=a.target, quota=a.quota)
         for a in CampaignAward.objects.filter(campaign=source).order_by("pk")],
        CampaignAward, default_user=user, default_change_reason=reason,
    )
    bulk_create_with_history(
        [CampaignGround(campaign=campaign, order=i, reference=ref, issued_on=issued, text=text)
         for i, (ref, issued, text) in enumerate(legal_grounds_on(campaign.plan_date), start=1)],
        CampaignGround, default_user=user,
        default_change_reason=f"Căn cứ pháp lý có hiệu lực ngày {campaign.plan_date:%d/%m/%Y}",
    )
    _record(campaign, to_state=CampaignStatus.DRAFT, actor=actor, reason=reason)
    return campaign


# --------------------------------------------------------------------------------------------- the draft


def ensure_draft(campaign: Campaign):
    locked = criteria_locked_message(campaign)
    if locked:
        raise CloneError(locked)


def _check_dates(campaign):
    problems = []
    if campaign.period_start > campaign.period_end:
        problems.append("Ngày bắt đầu thi đua phải trước ngày kết thúc.")
    if campaign.dossier_deadline > campaign.decision_deadline:
        problems.append("Hạn nộp hồ sơ phải trước hạn trình khen thưởng.")
    if problems:
        raise CloneError(problems)


@checks_rule(SET_UP, system=True)
@transaction.atomic
def update_campaign(campaign: Campaign, *, actor, **values) -> Campaign:
    """Title, plan number and date, period and deadlines of a draft campaign."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure_draft(campaign)
    unknown = set(values) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise CloneError(f"Không sửa được: {', '.join(sorted(unknown))}.")
    for name, value in values.items():
        setattr(campaign, name, value)
    _check_dates(campaign)
    campaign.full_clean(exclude=["organisation"])
    campaign._history_user = actor
    campaign.save()
    return campaign


@checks_rule(SET_UP, system=True)
@transaction.atomic
def save_criterion(campaign: Campaign, *, actor, criterion: Criterion | None = None, **values) -> Criterion:
    """Add a criterion to a draft campaign, or change one of its criteria."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure_draft(campaign)
    if criterion is None:
        criterion = Criterion(campaign=campaign)
    elif criterion.campaign_id != campaign.pk:
        raise CloneError("Tiêu chí không thuộc phong trào này.")
    for name, value in values.items():
        if name not in CRITERION_FIELDS:
            raise CloneError(f"Không sửa được: {name}.")
        setattr(criterion, name, value)
    criterion.full_clean(exclude=["campaign"])
    criterion._history_user = actor
    criterion.save()
    return criterion


@checks_rule(SET_UP, system=True)
@transaction.atomic
def delete_criterion(criterion: Criterion, *, actor):
    campaign = Campaign.objects.select_for_update().get(pk=criterion.campaign_id)
    ensure_draft(campaign)
    criterion._history_user = actor
    criterion.delete()


@checks_rule(SET_UP, system=True)
@transaction.atomic
def set_quota(award: CampaignAward, *, quota: int | None, actor) -> CampaignAward:
    campaign = Campaign.objects.select_for_update().get(pk=award.campaign_id)
    ensure_draft(campaign)
    if quota is not None and quota < 0:
        raise CloneError("Số lượng không được âm.")
    award.quota = quota
    award._history_user = actor
    award.save(update_fields=["quota"])
    return award


def open_problems(campaign: Campaign) -> list[str]:
    """What stops a draft from being launched (empty when it can be)."""
    problems = []
    for target, label in (("collective", "tập thể"), ("individual", "cá nhân")):
        has_award = CampaignAward.objects.filter(campaign=campaign, target=target).exists()
        if has_award and not campaign.criteria.filter(target=target).exists():
            problems.append(f"Chưa có tiêu chí nào cho {label}.")
    if not CampaignAward.objects.filter(campaign=campaign).exists():
        problems.append("Chưa có hình thức khen thưởng nào.")
    if not campaign.grounds.exists():
        problems.append("Chưa có căn cứ nào.")
    return problems


@checks_rule(SET_UP, system=True)
@transaction.atomic
def open_campaign(campaign: Campaign, *, actor, reason="") -> Campaign:
    """Launch a draft campaign: units may register and submit; its criteria are locked from now on."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure_draft(campaign)
    problems = open_problems(campaign)
    if problems:
        raise CloneError(["Chưa phát động được:", *problems])
    _check_dates(campaign)
    set_state(campaign, to_state=CampaignStatus.OPEN, allowed_from=[CampaignStatus.DRAFT], actor=actor,
              reason=reason or "Phát động phong trào", state_field="status")
    return campaign
