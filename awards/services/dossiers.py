"""The unit portal's writes: registrations, the unit's own plan, dossiers with their nominees and documents,
the deadline, and the dossier's transitions (one function per verb, called by the pages, the admin and any
command alike).

States: draft → submitted → returned (reason) → resubmitted → accepted | rejected (reason); the office may
reopen a returned dossier (back to draft). Deadlines are dates meaning until 23:59:59 Vietnam time of that day,
unless the office granted the unit an extension."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from awards.models import (
    CampaignAward,
    DeadlineExtension,
    Document,
    DocumentKind,
    Dossier,
    DossierComment,
    DossierState,
    Nominee,
    Registration,
)
from awards.rules import checks_rule
from awards.services import files
from awards.services.deadlines import (
    deadline_for,
    end_of_day,
    ensure_before_deadline,
    vn_datetime,
)
from awards.services.progress import refresh_progress
from awards.services.recompute import recompute_results
from awards.services.transitions import TransitionError, set_state
from campaigns import scope
from campaigns.models import Target
from campaigns.ops.mail import queue_mail
from campaigns.roles import GROUP_NAMES, Role

EDITABLE_STATES = (DossierState.DRAFT, DossierState.RETURNED)
WITH_OFFICE_STATES = (DossierState.SUBMITTED, DossierState.RESUBMITTED)
DOSSIER_DOCUMENT_KINDS = (DocumentKind.PROPOSAL_LETTER, DocumentKind.COUNCIL_MINUTES)
MISSING = {
    DocumentKind.PROPOSAL_LETTER: "Thiếu văn bản (tờ trình) đề nghị khen thưởng của đơn vị: hãy tải tệp lên.",
    DocumentKind.COUNCIL_MINUTES: "Thiếu biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị: hãy tải tệp lên.",
}


def ensure_editable(dossier, now=None):
    if dossier.state not in EDITABLE_STATES:
        raise TransitionError(
            f"Hồ sơ đang ở trạng thái «{dossier.get_state_display()}» nên không sửa được. "
            "Chỉ sửa được hồ sơ đang soạn hoặc đã được Văn phòng trả lại để bổ sung.",
            code="not_editable",
        )
    ensure_before_deadline(dossier.campaign, dossier.unit, now)


# --- registrations ---------------------------------------------------------------------------------------------

def _check_award(campaign, target, award_kind):
    if not CampaignAward.objects.filter(campaign=campaign, target=target, award_kind=award_kind).exists():
        raise ValidationError(
            f"Phong trào này không có hình thức «{award_kind}» cho {Target(target).label.lower()}. "
            "Hãy chọn một hình thức trong danh sách.", code="award",
        )


def _check_own_staff(unit, staff):
    if staff.unit_id != unit.pk and staff.unit.parent_id != unit.pk:
        raise ValidationError(f"«{staff}» không thuộc {unit}. Chỉ đăng ký, đề nghị cho cán bộ của đơn vị mình.", code="staff_unit")


def _check_own_collective(unit, collective):
    if collective.pk != unit.pk and collective.parent_id != unit.pk:
        raise ValidationError(f"«{collective}» không phải là {unit} hay một tập thể trực thuộc.", code="collective_unit")


@checks_rule("awards.register", on="unit")
@transaction.atomic
def register(campaign, unit, *, award_kind, actor, staff=None, now=None):
    """Register the unit (staff=None) or one of its staff for the campaign, aiming for `award_kind`.
    Registering again changes the award aimed for."""
    ensure_before_deadline(campaign, unit, now)
    target = Target.INDIVIDUAL if staff is not None else Target.COLLECTIVE
    if staff is not None:
        _check_own_staff(unit, staff)
    _check_award(campaign, target, award_kind)
    lookup = {"campaign": campaign, "staff": staff} if staff is not None else {"campaign": campaign, "unit": unit, "staff": None}
    registration, created = Registration.objects.select_for_update().get_or_create(
        **lookup, defaults={"unit": unit, "target": target, "award_kind": award_kind, "registered_by": actor},
    )
    if not created and registration.award_kind_id != award_kind.pk:
        registration.award_kind = award_kind
        registration.registered_by = actor
        registration.save(update_fields=["award_kind", "registered_by"])
    return registration


@checks_rule("awards.register", on="registration")
@transaction.atomic
def cancel_registration(registration, *, actor, now=None):
    ensure_before_deadline(registration.campaign, registration.unit, now)
    registration.delete()


# --- documents -------------------------------------------------------------------------------------------------

def unit_plan_document(campaign, unit, create=False):
    qs = Document.objects.filter(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN)
    if not create:
        return qs.first()
    return Document.objects.get_or_create(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN)[0]


@checks_rule("awards.edit_dossier", on="unit")
def upload_unit_plan(campaign, unit, uploaded, *, actor, now=None):
    """The unit's own emulation plan for the campaign (section V.1 of the plan; collective criterion 3)."""
    files.check_upload(uploaded)
    ensure_before_deadline(campaign, unit, now)
    with files.atomic_with_files():
        document = unit_plan_document(campaign, unit, create=True)
        version = files.store_version(document, uploaded, actor=actor)
        recompute_results(campaign, units=[unit])  # collective criterion 3 reads the plan on file
        return version


def _locked(dossier):
    return Dossier.objects.select_for_update().select_related("campaign", "unit").get(pk=dossier.pk)


@checks_rule("awards.edit_dossier", on="dossier")
def upload_dossier_document(dossier, kind, uploaded, *, actor, now=None):
    """The proposal letter or the council's minutes: one slot each per dossier, every upload a new version."""
    if kind not in DOSSIER_DOCUMENT_KINDS:
        raise ValidationError("Loại văn bản này không thuộc hồ sơ.", code="kind")
    files.check_upload(uploaded)
    with files.atomic_with_files():
        dossier = _locked(dossier)
        ensure_editable(dossier, now)
        document, _ = Document.objects.get_or_create(
            dossier=dossier, kind=kind, nominee=None, defaults={"campaign": dossier.campaign, "unit": dossier.unit},
        )
        version = files.store_version(document, uploaded, actor=actor)
        refresh_progress([dossier])  # what the office dashboard counts, in the same transaction
        return version


@checks_rule("awards.edit_dossier", on="nominee.dossier")
def upload_achievement_report(nominee, uploaded, *, actor, now=None):
    files.check_upload(uploaded)
    with files.atomic_with_files():
        dossier = _locked(nominee.dossier)
        ensure_editable(dossier, now)
        document, _ = Document.objects.get_or_create(
            nominee=nominee, kind=DocumentKind.ACHIEVEMENT_REPORT,
            defaults={"campaign": dossier.campaign, "unit": dossier.unit, "dossier": dossier},
        )
        version = files.store_version(document, uploaded, actor=actor)
        refresh_progress([dossier])  # what the office dashboard counts, in the same transaction
        return version


# --- dossiers and nominees -------------------------------------------------------------------------------------

def get_or_create_dossier(campaign, unit):
    try:
        return Dossier.objects.get_or_create(campaign=campaign, unit=unit)[0]
    except IntegrityError:  # created by a parallel request
        return Dossier.objects.get(campaign=campaign, unit=unit)


def check_nominee(dossier, *, award_kind, staff=None, collective=None, now=None):
    """Whether this proposal may be added to the dossier (it is editable, the person or collective is the unit's,
    the award is offered, no duplicate); returns (target, unit), else ValidationError. add_nominee checks the same
    under the dossier's lock; the admin's form asks it first to show the refusal on the form."""
    ensure_editable(dossier, now)
    if staff is not None:
        _check_own_staff(dossier.unit, staff)
        target, unit = Target.INDIVIDUAL, staff.unit
    else:
        collective = collective or dossier.unit
        _check_own_collective(dossier.unit, collective)
        target, unit = Target.COLLECTIVE, collective
    _check_award(dossier.campaign, target, award_kind)
    duplicate = Nominee.objects.filter(dossier=dossier, award_kind=award_kind)
    duplicate = duplicate.filter(staff=staff) if staff is not None else duplicate.filter(unit=unit, staff__isnull=True)
    if duplicate.exists():
        raise ValidationError(f"«{staff or unit}» đã được đề nghị «{award_kind.short_name}» trong hồ sơ này.", code="duplicate")
    return target, unit


@checks_rule("awards.edit_dossier", on="dossier")
def add_nominee(dossier, *, award_kind, actor, staff=None, collective=None, achievement="", now=None):
    """Propose a collective (the unit itself or one under it) or an individual of the unit for an award."""
    with transaction.atomic():
        dossier = _locked(dossier)
        target, unit = check_nominee(dossier, award_kind=award_kind, staff=staff, collective=collective, now=now)
        nominee = Nominee.objects.create(
            dossier=dossier, target=target, unit=unit, staff=staff, award_kind=award_kind, achievement=achievement,
        )
        refresh_progress([dossier])  # what the office dashboard counts, in the same transaction
        return nominee


@checks_rule("awards.edit_dossier", on="nominee.dossier")
def remove_nominee(nominee, *, actor, now=None):
    """Take a nominee out of the dossier, with its achievement report (its files go with it)."""
    with transaction.atomic():
        dossier = _locked(nominee.dossier)
        ensure_editable(dossier, now)
        try:
            with transaction.atomic():
                nominee.delete()
        except ProtectedError:
            raise ValidationError(
                f"Không bỏ được {nominee.name}: đối tượng này đã có trong kết quả biểu quyết hoặc quyết định khen thưởng.",
                code="protected",
            ) from None
        refresh_progress([dossier])  # what the office dashboard counts, in the same transaction


@dataclass
class ChecklistItem:
    key: str
    label: str
    done: bool
    missing: str = ""  # what to do, when not done
    nominee_id: int | None = None

    @property
    def anchor(self):
        """Where on the dossier page this item is done."""
        if self.nominee_id:
            return f"doi-tuong-{self.nominee_id}"
        return "them-doi-tuong" if self.key == "nominees" else f"van-ban-{self.key}"


def dossier_checklist(dossier, nominees=None, documents=None):
    """Exactly what the dossier still lacks, item by item (empty `missing` = done).

    `nominees` and `documents` may be given already loaded (pages pass their prefetched lists)."""
    nominees = list(dossier.nominees.select_related("staff", "unit")) if nominees is None else nominees
    if documents is None:
        documents = list(Document.objects.filter(dossier=dossier).prefetch_related("versions"))
    with_file = {(d.kind, d.nominee_id) for d in documents if any(True for _ in d.versions.all())}
    items = [ChecklistItem(
        "nominees", "Có ít nhất một tập thể hoặc cá nhân được đề nghị", bool(nominees),
        "Chưa có tập thể, cá nhân nào được đề nghị: hãy thêm ít nhất một đối tượng.",
    )]
    for kind in DOSSIER_DOCUMENT_KINDS:
        done = (kind, None) in with_file
        items.append(ChecklistItem(kind, DocumentKind(kind).label, done, MISSING[kind]))
    for nominee in nominees:
        done = (DocumentKind.ACHIEVEMENT_REPORT, nominee.pk) in with_file
        items.append(ChecklistItem(
            f"report-{nominee.pk}", f"Báo cáo thành tích của {nominee.name}", done,
            f"Thiếu báo cáo thành tích của {nominee.name}: hãy tải tệp lên.", nominee_id=nominee.pk,
        ))
    return items


def missing_items(dossier, **loaded):
    return [item.missing for item in dossier_checklist(dossier, **loaded) if not item.done]


# --- transitions -----------------------------------------------------------------------------------------------

def _unit_head_emails(unit):
    users = get_user_model().objects.filter(
        groups__name=GROUP_NAMES[Role.UNIT_HEAD], staff__unit=unit, is_active=True,
    ).exclude(email="").values_list("email", flat=True)
    emails = list(dict.fromkeys(users))
    return emails


def _dossier_link(dossier, office=False):
    name = "portal:office_dossier" if office else "portal:dossier"
    return settings.SITE_URL.rstrip("/") + scope.reverse_in(dossier.campaign, name, args=[dossier.pk])


def _mail_after_commit(subject, body, recipients):
    """Queue one email in the outbox (campaigns/ops/mail.py): kept with the transaction, sent by the worker after the commit
    and retried while the mail server refuses it, so a transition never fails because of mail. Transitions take
    `notify=False` where no one should be told (the demo's history)."""
    queue_mail(subject, body, recipients)


@checks_rule("awards.submit_dossier", on="dossier")
def submit_dossier(dossier, *, actor, now=None, notify=True):
    """The unit sends its dossier: draft → submitted, or returned → resubmitted. Refused after the deadline,
    while anything is missing, or if it was already sent."""
    now = now or timezone.now()
    with transaction.atomic():
        dossier = _locked(dossier)
        if dossier.state in WITH_OFFICE_STATES:
            raise TransitionError(
                f"Hồ sơ đã được nộp lúc {vn_datetime(dossier.submitted_at)} và đang chờ Văn phòng xem xét; không nộp lại lần nữa.",
                code="already_submitted",
            )
        ensure_editable(dossier, now)
        missing = missing_items(dossier)
        if missing:
            raise ValidationError(["Hồ sơ chưa đủ nên chưa nộp được:"] + missing, code="incomplete")
        to_state = DossierState.RESUBMITTED if dossier.state == DossierState.RETURNED else DossierState.SUBMITTED
        dossier.submitted_at = now
        fields = ["submitted_at"]
        if dossier.first_submitted_at is None:
            dossier.first_submitted_at = now
            fields.append("first_submitted_at")
        change = set_state(dossier, to_state=to_state, allowed_from=EDITABLE_STATES, actor=actor, update_fields=fields)
        verb = "nộp lại" if to_state == DossierState.RESUBMITTED else "nộp"
        if notify:
            _mail_after_commit(
                f"[Thi đua] {dossier.unit} đã {verb} hồ sơ đề nghị khen thưởng",
                f"{dossier.unit} đã {verb} hồ sơ đề nghị khen thưởng của {dossier.campaign} lúc {vn_datetime(now)}.\n\n"
                f"Xem và thẩm định hồ sơ: {_dossier_link(dossier, office=True)}\n",
                settings.OFFICE_EMAILS,
            )
    return change


def _require_reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"Hãy ghi lý do {what}: đơn vị sẽ đọc lý do này.", code="reason_required")
    return reason


@checks_rule("awards.appraise_dossier", on="dossier")
def return_dossier(dossier, *, actor, reason, notify=True):
    """The office sends the dossier back to the unit for correction, saying why."""
    reason = _require_reason(reason, "trả lại hồ sơ")
    with transaction.atomic():
        dossier = _locked(dossier)
        change = set_state(dossier, to_state=DossierState.RETURNED, allowed_from=WITH_OFFICE_STATES, actor=actor, reason=reason)
        if notify:
            _mail_after_commit(
                f"[Thi đua] Hồ sơ của {dossier.unit} được trả lại để bổ sung",
                f"Văn phòng Sở đã trả lại hồ sơ đề nghị khen thưởng của {dossier.unit} để bổ sung, chỉnh sửa.\n\n"
                f"Lý do: {reason}\n\nHạn nộp: {vn_datetime(deadline_for(dossier.campaign, dossier.unit))}.\n"
                f"Sửa và nộp lại hồ sơ tại: {_dossier_link(dossier)}\n",
                _unit_head_emails(dossier.unit),
            )
    return change


@checks_rule("awards.appraise_dossier", on="dossier")
def accept_dossier(dossier, *, actor, reason="", notify=True):
    with transaction.atomic():
        dossier = _locked(dossier)
        change = set_state(dossier, to_state=DossierState.ACCEPTED, allowed_from=WITH_OFFICE_STATES, actor=actor, reason=(reason or "").strip())
        recompute_results(nominees=list(dossier.nominees.all()))  # accepted nominees are appraised: their results
        if notify:
            _mail_after_commit(
                f"[Thi đua] Hồ sơ của {dossier.unit} đã được tiếp nhận",
                f"Văn phòng Sở đã tiếp nhận hồ sơ đề nghị khen thưởng của {dossier.unit} ({dossier.campaign}).\n"
                + (f"\nGhi chú: {change.reason}\n" if change.reason else "")
                + f"\nXem hồ sơ: {_dossier_link(dossier)}\n",
                _unit_head_emails(dossier.unit),
            )
    return change


@checks_rule("awards.appraise_dossier", on="dossier")
def reject_dossier(dossier, *, actor, reason, notify=True):
    reason = _require_reason(reason, "không tiếp nhận hồ sơ")
    with transaction.atomic():
        dossier = _locked(dossier)
        change = set_state(dossier, to_state=DossierState.REJECTED, allowed_from=WITH_OFFICE_STATES, actor=actor, reason=reason)
        if notify:
            _mail_after_commit(
                f"[Thi đua] Hồ sơ của {dossier.unit} không được tiếp nhận",
                f"Văn phòng Sở không tiếp nhận hồ sơ đề nghị khen thưởng của {dossier.unit} ({dossier.campaign}).\n\n"
                f"Lý do: {reason}\n\nXem hồ sơ: {_dossier_link(dossier)}\n",
                _unit_head_emails(dossier.unit),
            )
    return change


@checks_rule("awards.appraise_dossier", on="dossier")
def reopen_dossier(dossier, *, actor, reason="", until=None, now=None):
    """The office reopens a returned dossier as a draft; with `until`, it also extends the unit's deadline so
    the unit can still change it after the campaign's deadline."""
    with transaction.atomic():
        dossier = _locked(dossier)
        change = set_state(dossier, to_state=DossierState.DRAFT, allowed_from=[DossierState.RETURNED], actor=actor,
                           reason=(reason or "").strip())
        if until is not None:
            grant_extension(dossier.campaign, dossier.unit, actor=actor, until=until,
                            reason=change.reason or "Mở lại hồ sơ đã trả lại", now=now)
    return change


def check_extension(campaign, *, until, reason, now=None):
    """The rules of an extension: a reason, an end after the campaign's deadline and not already past.
    Returns (until as an aware datetime, the reason stripped)."""
    reason = _require_reason(reason, "gia hạn")
    if isinstance(until, dt.date) and not isinstance(until, dt.datetime):
        until = end_of_day(until)
    if until <= end_of_day(campaign.dossier_deadline):
        raise ValidationError(
            f"Ngày gia hạn phải sau hạn chung ({campaign.dossier_deadline:%d/%m/%Y}); hãy chọn một ngày muộn hơn.",
            code="until",
        )
    if until <= (now or timezone.now()):
        raise ValidationError("Ngày gia hạn đã qua; hãy chọn một ngày từ hôm nay trở đi.", code="until_past")
    return until, reason


@checks_rule("awards.appraise_dossier")
def grant_extension(campaign, unit, *, actor, until, reason, now=None):
    """Let one unit submit and change its dossier until `until` (an aware datetime, or a date meaning the end of
    that day in Vietnam time), for a recorded reason."""
    scope.ensure_open(campaign)
    until, reason = check_extension(campaign, until=until, reason=reason, now=now)
    with transaction.atomic():
        return DeadlineExtension.objects.create(campaign=campaign, unit=unit, until=until, reason=reason, granted_by=actor)


@checks_rule("awards.appraise_dossier", on="dossier")
def add_comment(dossier, *, actor, text):
    text = (text or "").strip()
    if not text:
        raise ValidationError("Hãy ghi nội dung ý kiến.", code="text_required")
    return DossierComment.objects.create(dossier=dossier, author=actor, text=text)


def resolve_comment(comment, *, actor):
    """Mark a comment resolved; a save (not a queryset update) so that the audit trail records who and when."""
    if comment.resolved:
        return comment
    comment.resolved = True
    comment._history_user = actor
    comment.save(update_fields=["resolved"])
    return comment
