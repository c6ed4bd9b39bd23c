"""Pages of the decisions area: the council's landing page, the office's record of the meeting and the votes,
drafting and correcting decisions, the Director's approval (also in the admin), PDF downloads, and the public
verification of a certificate. Thin: every change goes through awards.services.council / decisions."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.models import (
    AwardLevel, CampaignAward, CouncilMeeting, Decision, DecisionLine, DecisionState, DocumentType, DossierState,
    Nominee,
)
from awards.selectors import decision_lines_for, decisions_for, sees_everything
from awards.services import council as council_service
from awards.services import decisions as decision_service
from campaigns.models import Staff
from campaigns.params import parse_id
from campaigns.roles import Role, has_role
from campaigns.selectors import get_current_campaign


# ---------------------------------------------------------------------------------------------- who may

def is_office(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, Role.OFFICE))


def sees_council(user) -> bool:
    return sees_everything(user) or has_role(user, Role.COUNCIL)


def meetings_for(user, qs=None):
    qs = CouncilMeeting.objects.all() if qs is None else qs
    return qs if sees_council(user) else qs.none()


def _require(check, user):
    if not check(user):
        raise Http404


def _campaign():
    campaign = get_current_campaign()
    if campaign is None:
        raise Http404
    return campaign


def _errors(request, exc):
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


# ---------------------------------------------------------------------------------------------- council

@login_required
def council_home(request):
    """What the council considers: the appraised nominees of the current campaign, ranked, with the vote of the
    latest meeting."""
    _require(sees_council, request.user)
    from awards.services.ranking import rank_nominees

    campaign = _campaign()
    meeting = council_service.latest_meeting(campaign)
    votes = {}
    if meeting:
        votes = {v.nominee_id: council_service.vote_outcome(v, campaign=campaign) for v in meeting.votes.select_related("meeting")}
    sections = []
    awards = CampaignAward.objects.filter(campaign=campaign).select_related("award_kind").order_by("award_kind__level", "award_kind__code", "target")
    for award in awards:
        ranked = rank_nominees(campaign, target=award.target, award_kind=award.award_kind, user=request.user)
        sections.append({"award": award, "rows": [{"r": r, "vote": votes.get(r.nominee.pk)} for r in ranked]})
    return render(request, "decisions/council_home.html", {
        "campaign": campaign, "meeting": meeting, "sections": sections,
        "threshold": council_service.threshold_text(campaign), "office": is_office(request.user),
    })


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(label="Thời gian họp", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                  input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"])
    ended_at = forms.DateTimeField(label="Kết thúc lúc", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                   input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"])
    place = forms.CharField(label="Địa điểm", max_length=255)
    chair = forms.ModelChoiceField(label="Chủ trì", queryset=Staff.objects.filter(active=True).select_related("unit"))
    secretary = forms.ModelChoiceField(label="Thư ký", queryset=Staff.objects.filter(active=True).select_related("unit"))
    secret_ballot = forms.BooleanField(label="Bỏ phiếu kín", required=False, initial=True)


@login_required
def meetings(request):
    _require(sees_everything, request.user)
    campaign = _campaign()
    rows = (
        meetings_for(request.user, campaign.meetings.all()).select_related("chair", "secretary")
        .annotate(n_votes=Count("votes", distinct=True), n_present=Count("attendance", filter=Q(attendance__present=True), distinct=True))
    )
    return render(request, "decisions/meetings.html", {
        "campaign": campaign, "meetings": rows, "office": is_office(request.user), "form": MeetingForm(),
    })


@login_required
def meeting_new(request):
    _require(is_office, request.user)
    campaign = _campaign()
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = council_service.record_meeting(campaign, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Đã ghi cuộc họp Hội đồng. Ghi tiếp thành phần dự họp và kết quả biểu quyết.")
            return redirect("decisions:meeting", pk=meeting.pk)
    return render(request, "decisions/meeting_new.html", {"campaign": campaign, "form": form})


def _meeting_nominees(meeting):
    return list(
        Nominee.objects.filter(dossier__campaign=meeting.campaign, dossier__state=DossierState.ACCEPTED)
        .select_related("staff", "unit", "award_kind").order_by("award_kind__level", "target", "unit__code", "staff__full_name", "pk")
    )


@login_required
def meeting(request, pk):
    _require(sees_everything, request.user)
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign", "chair", "secretary"), pk=pk)
    votes = {v.nominee_id: v for v in meeting.votes.all()}
    rows = []
    for nominee in _meeting_nominees(meeting):
        vote = votes.get(nominee.pk)
        outcome = council_service.vote_outcome(vote, campaign=meeting.campaign) if vote else None
        if vote:
            vote.meeting = meeting
        rows.append({"nominee": nominee, "vote": vote, "outcome": outcome})
    signed = meeting.decisions.filter(state__in=[DecisionState.APPROVED, DecisionState.REPLACED]).first()
    return render(request, "decisions/meeting.html", {
        "meeting": meeting, "rows": rows, "attendance": meeting.attendance.select_related("member__unit"),
        "staff": Staff.objects.filter(active=True).select_related("unit"),
        "office": is_office(request.user) and signed is None, "signed": signed,
        "threshold": council_service.threshold_text(meeting.campaign),
    })


def _int(value, default=0):
    if value is None or str(value).strip() == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"«{value}» không phải là số.")


@require_POST
@login_required
def attendance(request, pk):
    _require(is_office, request.user)
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    member = get_object_or_404(Staff, pk=parse_id(request.POST.get("member")))
    try:
        council_service.set_attendance(
            meeting, member=member, present=request.POST.get("present") == "1",
            role=request.POST.get("role", "Ủy viên").strip() or "Ủy viên",
            written_opinion=request.POST.get("written_opinion", ""),
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ghi thành viên {member.full_name}.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
def votes(request, pk):
    """The whole grid of votes in one form; every line is checked and the errors are listed per nominee."""
    _require(is_office, request.user)
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    saved, failed = 0, 0
    for nominee in _meeting_nominees(meeting):
        key = f"n{nominee.pk}"
        if request.POST.get(f"{key}_for", "").strip() == "":
            continue
        try:
            council_service.record_vote(
                meeting, nominee=nominee, votes_for=_int(request.POST.get(f"{key}_for")),
                votes_against=_int(request.POST.get(f"{key}_against")), votes_abstain=_int(request.POST.get(f"{key}_abstain")),
            )
            saved += 1
        except ValidationError as exc:
            failed += 1
            _errors(request, exc)
    if saved:
        messages.success(request, f"Đã ghi kết quả biểu quyết của {saved} đối tượng.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
def conclude(request, pk):
    _require(is_office, request.user)
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    try:
        if meeting.secret_ballot and request.POST.get("ballots_issued", "").strip():
            council_service.record_ballots(
                meeting, issued=_int(request.POST.get("ballots_issued")), returned=_int(request.POST.get("ballots_returned")),
                valid=_int(request.POST.get("ballots_valid")),
            )
        council_service.conclude_meeting(meeting, conclusion=request.POST.get("conclusion", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã ghi kết luận cuộc họp.")
    return redirect("decisions:meeting", pk=meeting.pk)


def _pdf_response(pdf: bytes, filename: str, *, inline=True) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


@login_required
def minutes_pdf(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    from awards.pdf import minutes_pdf as render

    return _pdf_response(render(meeting), f"bien-ban-hop-hoi-dong-{timezone.localtime(meeting.held_at):%Y%m%d}.pdf")


# ---------------------------------------------------------------------------------------------- decisions

@login_required
def decision_list(request):
    _require(sees_everything, request.user)
    campaign = _campaign()
    rows = (
        decisions_for(request.user, campaign.decisions.all()).select_related("award_kind", "replaces", "created_by", "decided_by")
        .annotate(n_lines=Count("lines")).order_by("-created_at", "-id")
    )
    kinds = CampaignAward.objects.filter(campaign=campaign).select_related("award_kind").order_by("award_kind__code")
    department_kinds = {a.award_kind for a in kinds if a.award_kind.level == AwardLevel.DEPARTMENT}
    return render(request, "decisions/decision_list.html", {
        "campaign": campaign, "decisions": rows, "office": is_office(request.user),
        "department_kinds": sorted(department_kinds, key=lambda k: k.code),
        "has_province": any(a.award_kind.level == AwardLevel.PROVINCE for a in kinds),
        "meeting": council_service.latest_meeting(campaign),
    })


@require_POST
@login_required
def draft(request):
    _require(is_office, request.user)
    campaign = _campaign()
    kind = _department_kind(campaign, request.POST.get("award_kind"))
    try:
        decision = decision_service.draft_decision(campaign, award_kind=kind, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return redirect("decisions:list")
    messages.success(request, f"Đã lập dự thảo quyết định gồm {decision.lines.count()} đối tượng.")
    return redirect("decisions:detail", pk=decision.pk)


def _department_kind(campaign, kind_id):
    award = (
        CampaignAward.objects.filter(campaign=campaign, award_kind__level=AwardLevel.DEPARTMENT)
        .filter(award_kind_id=parse_id(kind_id)).select_related("award_kind").first()
    )
    if award is None:
        raise Http404
    return award.award_kind


@require_POST
@login_required
def draft_proposal(request):
    _require(is_office, request.user)
    campaign = _campaign()
    try:
        decision = decision_service.draft_proposal(campaign, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
        return redirect("decisions:list")
    messages.success(request, f"Đã lập dự thảo tờ trình gồm {decision.lines.count()} đối tượng.")
    return redirect("decisions:detail", pk=decision.pk)


def _decision(request, pk):
    return get_object_or_404(
        decisions_for(request.user).select_related("campaign__organisation", "award_kind", "meeting", "replaces", "legal_basis", "decided_by", "created_by"),
        pk=pk,
    )


@login_required
def decision_detail(request, pk):
    decision = _decision(request, pk)
    lines = list(decision.lines.select_related("nominee__staff").order_by("order"))
    return render(request, "decisions/decision_detail.html", {
        "decision": decision, "lines": lines,
        "office": is_office(request.user), "director": decision_service.can_approve(request.user),
        "editable": decision.state == DecisionState.DRAFT, "today": timezone.localdate(),
        "replacement": Decision.objects.filter(replaces=decision).first(),
        "total_lines": len(lines),
    })


@require_POST
@login_required
def line_edit(request, pk, line_pk):
    decision = _decision(request, pk)
    line = get_object_or_404(decision.lines.all(), pk=line_pk)
    fields = {name: request.POST[name] for name in decision_service.LINE_FIELDS if name in request.POST}
    try:
        decision_service.update_line(line, actor=request.user, **fields)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã sửa dòng «{line.recipient_name}».")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
def line_remove(request, pk, line_pk):
    decision = _decision(request, pk)
    line = get_object_or_404(decision.lines.all(), pk=line_pk)
    try:
        decision_service.remove_line(line, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã bỏ «{line.recipient_name}» khỏi dự thảo.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
def decision_delete(request, pk):
    decision = _decision(request, pk)
    try:
        decision_service.delete_decision(decision, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("decisions:detail", pk=decision.pk)
    messages.success(request, "Đã xóa dự thảo.")
    return redirect("decisions:list")


@require_POST
@login_required
def decision_replace(request, pk):
    decision = _decision(request, pk)
    try:
        new = decision_service.replace_decision(decision, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
        return redirect("decisions:detail", pk=decision.pk)
    messages.success(request, f"Đã lập dự thảo thay thế {decision}. Sửa danh sách rồi trình Giám đốc phê duyệt.")
    return redirect("decisions:detail", pk=new.pk)


@require_POST
@login_required
def decision_approve(request, pk):
    decision = _decision(request, pk)
    try:
        signed_on = dt.date.fromisoformat(request.POST["signed_on"]) if request.POST.get("signed_on") else None
    except ValueError:
        messages.error(request, "Ngày ký không hợp lệ.")
        return redirect("decisions:detail", pk=decision.pk)
    try:
        decision = decision_service.approve_decision(decision, actor=request.user, signed_on=signed_on)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"Đã ký ban hành {decision}.")
    return redirect("decisions:detail", pk=decision.pk)


@require_POST
@login_required
def decision_reject(request, pk):
    decision = _decision(request, pk)
    try:
        decision_service.reject_decision(decision, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã trả lại dự thảo, kèm lý do.")
    return redirect("decisions:detail", pk=decision.pk)


@login_required
def decision_pdf(request, pk):
    decision = _decision(request, pk)
    from awards.pdf import decision_pdf as render

    kind = "to-trinh" if decision.doc_type == DocumentType.PROPOSAL else "quyet-dinh"
    number = f"so-{decision.number}-{decision.number_year}" if decision.number else f"du-thao-{decision.pk}"
    return _pdf_response(render(decision), f"{kind}-{number}.pdf")


# ---------------------------------------------------------------------------------------------- certificates

def _visible_lines(user):
    return decision_lines_for(user).filter(decision__doc_type=DocumentType.DECISION)


@login_required
def certificates(request):
    """The certificates this user may print: all for the office, their unit's for a unit head, their own for staff."""
    lines = (
        _visible_lines(request.user).select_related("decision__award_kind", "decision__campaign")
        .order_by("-decision__signed_on", "decision_id", "order")
    )
    groups = {}
    for line in lines:
        groups.setdefault(line.decision, []).append(line)
    return render(request, "decisions/certificates.html", {"groups": list(groups.items())})


@login_required
def certificates_pdf(request, pk):
    """All the certificates of one decision that this user may print (a unit head: their own unit's)."""
    lines = _visible_lines(request.user).filter(decision_id=pk)
    if not lines.exists():
        raise Http404
    decision = Decision.objects.get(pk=pk)
    from awards.pdf import certificates_pdf as render

    try:
        pdf = render(decision, lines)
    except ValidationError:
        raise Http404
    return _pdf_response(pdf, f"giay-khen-qd-{decision.number}-{decision.number_year}.pdf")


@login_required
def certificate_pdf(request, line_pk):
    line = get_object_or_404(_visible_lines(request.user).select_related("decision"), pk=line_pk)
    from awards.pdf import certificates_pdf as render

    try:
        pdf = render(line.decision, DecisionLine.objects.filter(pk=line.pk))
    except ValidationError:
        raise Http404
    return _pdf_response(pdf, f"giay-khen-qd-{line.decision.number}-{line.decision.number_year}-so-{line.order}.pdf")


# ---------------------------------------------------------------------------------------------- verification

def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


def verify_lookup(request):
    """Public: a form for the code printed on a certificate."""
    code = _normalise(request.GET.get("ma", ""))
    if code:
        return redirect("verify:code", code=code)
    return render(request, "decisions/verify.html", {"state": "form"})


def verify_code(request, code):
    """Public: name, award, decision number and date, organisation; nothing else."""
    code = _normalise(code)
    line = (
        DecisionLine.objects.filter(verify_code=code, decision__doc_type=DocumentType.DECISION)
        .select_related("decision__award_kind", "decision__campaign__organisation").first()
    )
    if line is None or line.decision.state not in (DecisionState.APPROVED, DecisionState.REPLACED):
        return render(request, "decisions/verify.html", {"state": "unknown", "code": code}, status=404)
    if line.decision.state == DecisionState.REPLACED:
        return render(request, "decisions/verify.html", {"state": "replaced", "code": code, "line": line}, status=410)
    organisation = line.decision.campaign.organisation
    return render(request, "decisions/verify.html", {
        "state": "valid", "code": code, "line": line, "decision": line.decision,
        "organisation_name": organisation.full_name or organisation.name,
    })
