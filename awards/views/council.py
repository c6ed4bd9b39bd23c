"""The council's pages: the council's landing page, the office's record of the meeting, attendance and votes,
the conclusion and the minutes PDF. Thin: every change goes through awards.services.council."""


from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards import pdf
from awards.models import (
    CampaignAward,
    DecisionState,
    DossierState,
    Nominee,
)
from awards.rules import may, rule_required
from awards.selectors import meetings_for
from awards.services import council as council_service
from awards.services.ranking import rank_nominees
from awards.views import choices
from awards.views.common import (
    campaign_or_404,
    pdf_response,
    show_errors,
)
from campaigns.fields import parse_whole
from campaigns.models import Staff
from campaigns.params import parse_id

# ---------------------------------------------------------------------------------------------- council

@login_required
@rule_required("awards.view_council")
def council_home(request):
    """What the council considers: the appraised nominees of the current campaign, ranked, with the vote of the
    latest meeting."""
    campaign = campaign_or_404(request)
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
        "threshold": council_service.threshold_text(campaign), "office": may(request.user, "awards.record_vote"),
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
@rule_required("awards.list_meetings")
def meetings(request):
    campaign = campaign_or_404(request)
    rows = (
        meetings_for(request.user, campaign.meetings.all()).select_related("chair", "secretary")
        .annotate(n_votes=Count("votes", distinct=True), n_present=Count("attendance", filter=Q(attendance__present=True), distinct=True))
    )
    return render(request, "decisions/meetings.html", {
        "campaign": campaign, "meetings": rows, "office": may(request.user, "awards.record_vote"), "form": MeetingForm(),
    })


@login_required
@rule_required("awards.record_vote")
def meeting_new(request):
    campaign = campaign_or_404(request)
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
@rule_required("awards.list_meetings")
def meeting(request, pk):
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign", "chair", "secretary"), pk=pk)
    votes = {v.nominee_id: v for v in meeting.votes.all()}
    rows = []
    nominees = _meeting_nominees(meeting)
    for nominee in nominees:
        vote = votes.get(nominee.pk)
        outcome = council_service.vote_outcome(vote, campaign=meeting.campaign) if vote else None
        if vote:
            vote.meeting = meeting
        rows.append({"nominee": nominee, "vote": vote, "outcome": outcome})
    signed = meeting.decisions.filter(state__in=[DecisionState.APPROVED, DecisionState.REPLACED]).first()
    return render(request, "decisions/meeting.html", {
        "meeting": meeting, "rows": rows, "attendance": meeting.attendance.select_related("member__unit"),
        "staff": Staff.objects.filter(active=True).select_related("unit"),
        "office": may(request.user, "awards.record_vote") and signed is None, "signed": signed,
        "threshold": council_service.threshold_text(meeting.campaign),
        **choices.meeting_context(meeting, nominees),
    })


def _int(value, default=0):
    """A count typed by the office: "12", or "1.500" grouped the Vietnamese way (campaigns.fields)."""
    if value is None or str(value).strip() == "":
        return default
    return parse_whole(value, what="Số phiếu")


@require_POST
@login_required
@rule_required("awards.record_vote")
def attendance(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    member = get_object_or_404(Staff, pk=parse_id(request.POST.get("member")))
    try:
        council_service.set_attendance(
            meeting, member=member, present=request.POST.get("present") == "1",
            role=request.POST.get("role", "Ủy viên").strip() or "Ủy viên",
            written_opinion=request.POST.get("written_opinion", ""),
        )
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Đã ghi thành viên {member.full_name}.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def votes(request, pk):
    """The whole grid of votes in one form; every line is checked and the errors are listed per nominee."""
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
            show_errors(request, exc)
    if saved:
        messages.success(request, f"Đã ghi kết quả biểu quyết của {saved} đối tượng.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def conclude(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    try:
        if meeting.secret_ballot and request.POST.get("ballots_issued", "").strip():
            council_service.record_ballots(
                meeting, issued=_int(request.POST.get("ballots_issued")), returned=_int(request.POST.get("ballots_returned")),
                valid=_int(request.POST.get("ballots_valid")),
            )
        council_service.conclude_meeting(meeting, conclusion=request.POST.get("conclusion", ""))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, "Đã ghi kết luận cuộc họp.")
    return redirect("decisions:meeting", pk=meeting.pk)


@login_required
@rule_required("awards.view_councilmeeting")
def minutes_pdf(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)

    return pdf_response(pdf.minutes_pdf(meeting), f"bien-ban-hop-hoi-dong-{timezone.localtime(meeting.held_at):%Y%m%d}.pdf")
