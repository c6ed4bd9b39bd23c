"""The office's choices on the council meeting page that the law leaves to the council: one award per achievement
(which form a person or collective nominated twice is proposed for), the route of a Bằng khen proposal, and the
council's conclusion among nominees tied at the quota line. Thin: every change goes through
awards.services.legality."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from awards.models import AwardLevel, BangKhenRoute, CampaignAward, Nominee
from awards.rules import may, rule_required
from awards.selectors import council as council_reads
from awards.selectors import meetings_for
from awards.services import legality
from awards.services.ballots import nominees_considered
from awards.views.common import campaign_or_404, show_errors
from campaigns.params import parse_id


def duplicate_groups(nominees) -> list[dict]:
    """Persons and collectives nominated for more than one award kind in the meeting's campaign."""
    groups = {}
    for nominee in nominees:
        key = ("s", nominee.staff_id) if nominee.staff_id else ("u", nominee.unit_id)
        groups.setdefault(key, []).append(nominee)
    return [{"name": rows[0].name, "nominees": rows} for rows in groups.values() if len({n.award_kind_id for n in rows}) > 1]


def meeting_context(meeting, lines=None) -> dict:
    """What the meeting page shows of these choices, in one query rather than by reading every nominee of the
    province: the nominees proposed for a provincial award, and every nomination of a person (or collective)
    nominated for more than one award kind (found by two grouped subqueries). `lines`, the page's award lines
    (awards.selectors.council.vote_lines), spare the query when one department-level award kind is all there is."""
    if lines is not None and len({line.award_kind_id for line in lines}) <= 1 and not any(line.provincial for line in lines):
        return {"duplicates": [], "province_nominees": [], "route_choices": BangKhenRoute.choices}
    considered = nominees_considered(meeting)
    staff = (considered.filter(staff__isnull=False).order_by().values("staff_id")
             .annotate(kinds=Count("award_kind", distinct=True)).filter(kinds__gt=1).values("staff_id"))
    units = (considered.filter(staff__isnull=True).order_by().values("unit_id")
             .annotate(kinds=Count("award_kind", distinct=True)).filter(kinds__gt=1).values("unit_id"))
    nominees = list(considered.filter(
        Q(award_kind__level=AwardLevel.PROVINCE) | Q(staff_id__in=staff) | Q(staff__isnull=True, unit_id__in=units)
    ))
    return {
        # A province nominee read only for its level has one award kind: duplicate_groups leaves it out.
        "duplicates": duplicate_groups(nominees),
        "province_nominees": [n for n in nominees if n.award_kind.level == AwardLevel.PROVINCE],
        "route_choices": BangKhenRoute.choices,
    }


@login_required
@rule_required("awards.list_meetings")
def meeting_ties(request, pk):
    """The ties at the quota lines of a meeting and the council's choice (the office records it): loaded into the
    meeting page by htmx once the page is shown (ranking the whole province is the page's longest part), or as a
    page of its own without JavaScript."""
    # Whether a signed decision rests on the meeting (its record is then closed) is read with it.
    meeting = council_reads.meeting_with_signed(request.user, pk)
    if meeting is None:
        raise Http404
    meeting.campaign = campaign_or_404(request)  # meetings_for keeps to the page's campaign, read with the request
    context = {
        "meeting": meeting, "ties": legality.open_ties(meeting),
        "office": may(request.user, "awards.record_vote") and not meeting.signed,
    }
    template = "decisions/_ties.html" if request.headers.get("HX-Request") else "decisions/meeting_ties.html"
    return render(request, template, context)


def _nominee_of(meeting, value):
    return get_object_or_404(Nominee, pk=parse_id(value), dossier__campaign=meeting.campaign)


@require_POST
@login_required
@rule_required("awards.record_vote")
def choose_award(request, pk):
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    nominee = _nominee_of(meeting, request.POST.get("nominee"))
    try:
        legality.choose_award(nominee, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, f"Đã chọn {nominee.award_kind.short_name} cho «{nominee.name}»; hình thức còn lại không xét.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def bang_khen_route(request, pk):
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    nominee = _nominee_of(meeting, request.POST.get("nominee"))
    try:
        legality.set_bang_khen_route(nominee, route=request.POST.get("route", ""), actor=request.user,
                                    reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        nominee.refresh_from_db()
        messages.success(request, f"Căn cứ đề nghị Bằng khen của «{nominee.name}»: {nominee.get_bang_khen_route_display()}.")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def tie_break(request, pk):
    meeting = get_object_or_404(meetings_for(request.user).select_related("campaign"), pk=pk)
    award = get_object_or_404(
        CampaignAward.objects.select_related("award_kind"), campaign=meeting.campaign,
        award_kind_id=parse_id(request.POST.get("award_kind")), target=request.POST.get("target", ""),
    )
    chosen = list(Nominee.objects.filter(dossier__campaign=meeting.campaign,
                                         pk__in=[parse_id(v) for v in request.POST.getlist("chosen")]))
    try:
        legality.record_tie_break(meeting, award_kind=award.award_kind, target=award.target, chosen=chosen,
                                 reason=request.POST.get("reason", ""), actor=request.user)
    except ValidationError as exc:
        show_errors(request, exc)
    else:
        messages.success(request, "Đã ghi kết luận của Hội đồng đối với các đối tượng cùng hạng.")
    return redirect("decisions:meeting", pk=meeting.pk)
