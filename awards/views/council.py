"""The council's pages: the council's landing page, the office's record of the meeting, attendance and votes,
the conclusion and the minutes PDF. Thin: every change goes through awards.services.council."""

import re
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from awards import jobs, pdf
from awards.models import (
    CampaignAward,
)
from awards.rules import may, rule_required
from awards.selectors import council as council_reads
from awards.selectors import meetings_for
from awards.services import council as council_service
from awards.services.ballots import nominees_considered
from awards.services.ranking import rank_nominees
from awards.views import choices
from awards.views.common import (
    campaign_or_404,
    long_document_page,
    pdf_response,
    show_errors,
)
from campaigns.fields import parse_whole
from campaigns.models import Staff, Target
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


MEETING_PAGE_SIZE = 50  # nominees per page of the vote table (a province considers 3,000)


def _vote_filters(params) -> dict:
    """The vote table's filters, read from a GET (the page) or a POST (kept across saving a page of votes)."""
    target = params.get("doi_tuong", "")
    return {
        "award_kind_id": parse_id(params.get("hinh_thuc")) if params.get("hinh_thuc") else None,
        "target": target if target in Target.values else "",
        "text": params.get("tim", "").strip()[:100],
        "waiting": params.get("chua") == "1",
    }


def _filter_query(filters, page=None) -> str:
    params = {
        "hinh_thuc": filters["award_kind_id"] or "", "doi_tuong": filters["target"], "tim": filters["text"],
        "chua": "1" if filters["waiting"] else "", "trang": page or "",
    }
    return urlencode({k: v for k, v in params.items() if v})


@login_required
@rule_required("awards.list_meetings")
def meeting(request, pk):
    """The office's record of a meeting: attendance (the council's roster, or anyone found by name), the ballot
    panel, the vote table by award line a page at a time (every nominee reachable through the lines, a search and
    the "not yet voted" filter), the council's choices and the conclusion. A fixed number of queries."""
    campaign = campaign_or_404(request)
    meeting = get_object_or_404(council_reads.for_meeting_page(meetings_for(request.user)), pk=pk)
    meeting.campaign = campaign  # meetings_for keeps to the page's campaign, read with the request
    filters = _vote_filters(request.GET)
    lines = council_reads.vote_lines(meeting)
    table = council_reads.vote_rows(meeting, **filters)
    paginator = Paginator(table, MEETING_PAGE_SIZE)
    if not filters["text"]:  # the award lines have counted the rows already
        paginator.count = sum(
            line.waiting if filters["waiting"] else line.nominees for line in lines
            if filters["award_kind_id"] in (None, line.award_kind_id) and filters["target"] in ("", line.target)
        )
    page = paginator.get_page(request.GET.get("trang"))
    start = (page.number - 1) * MEETING_PAGE_SIZE
    outcomes = {}  # by votes for: a page holds a handful of different counts
    rows = []
    for row in council_reads.vote_page(table, lines, start=start, stop=start + MEETING_PAGE_SIZE, **filters):
        if row.votes_for is None:
            outcome = None
        elif (outcome := outcomes.get(row.votes_for)) is None:
            outcome = outcomes[row.votes_for] = council_service.outcome_of(row.votes_for, meeting=meeting)
        rows.append({"nominee": row, "outcome": outcome})
    signed = council_service.signed_decision_on(meeting) if meeting.signed else None
    office = may(request.user, "awards.record_vote") and signed is None
    recorded = council_reads.attendance_recorded(meeting)
    return render(request, "decisions/meeting.html", {
        "meeting": meeting, "rows": rows, "page": page, "lines": lines,
        "filters": filters, "query": _filter_query(filters), "page_query": _filter_query(filters, page.number),
        "targets": Target.choices, "attendance": recorded, "bp": council_reads.ballot_panel(meeting, attendance=recorded),
        "roster": council_reads.council_roster(meeting, attendance=recorded) if office else [],
        "office": office, "signed": signed,
        "threshold": council_service.threshold_text(meeting.campaign),
        **choices.meeting_context(meeting, lines),
    })


@login_required
@rule_required("awards.record_vote")
def member_search(request, pk):
    """htmx: the <option>s of the attendance form for what the office typed (the roster when nothing is typed):
    someone outside the council's roster is found by name or staff code among all active staff."""
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    text = request.GET.get("tim", "").strip()
    people = council_reads.staff_matching(text) if text else council_reads.council_roster(meeting)
    return render(request, "decisions/_member_options.html", {"people": people, "text": text})


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


_VOTE_KEY = re.compile(r"^n(\d+)_for$")


@require_POST
@login_required
@rule_required("awards.record_vote")
def votes(request, pk):
    """A page of the vote table in one form; every line is checked and the errors are listed per nominee. Lines
    left empty are skipped; the office comes back to the same page of the table."""
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    typed = {parse_id(m.group(1)) for key in request.POST if (m := _VOTE_KEY.match(key)) and request.POST[key].strip()} - {None}
    saved, failed = 0, 0
    for nominee in nominees_considered(meeting).filter(pk__in=typed):
        key = f"n{nominee.pk}"
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
    query = _filter_query(_vote_filters(request.POST), parse_id(request.POST.get("trang")))
    return redirect(reverse("decisions:meeting", kwargs={"pk": meeting.pk}) + (f"?{query}#bieu-quyet" if query else "#bieu-quyet"))


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
@require_http_methods(["GET", "POST"])
def minutes_pdf(request, pk):
    """The minutes (Mẫu 1.9). With more than JOB_INLINE_MAX_LINES votes it is rendered by the worker: GET says so,
    the button's POST starts the job."""
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    lines = meeting.votes.count()
    if jobs.long_document(lines):
        if request.method != "POST":
            return long_document_page(
                request, title=f"Biên bản họp Hội đồng ngày {timezone.localtime(meeting.held_at):%d/%m/%Y}", lines=lines,
                back=reverse("decisions:meeting", args=[meeting.pk]))
        job = jobs.start_minutes_document(user=request.user, meeting=meeting, lines=lines)
        return redirect("ops:job", pk=job.pk)
    return pdf_response(pdf.minutes_pdf(meeting), pdf.minutes_filename(meeting))
