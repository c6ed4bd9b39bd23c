"""Electronic ballots: a member's own ballot page (cast, see the result, confirm the minutes) and the office's
buttons that open and close the vote. Thin: every change goes through awards.services.ballots."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from awards.models import BallotState, Choice, CouncilMeeting
from awards.rules import rule_required
from awards.selectors import meetings_for
from awards.services import ballots as service
from awards.services import council as council_service
from awards.views.common import show_errors as _errors


def _own_staff(user):
    return getattr(user, "staff", None) if user.is_authenticated else None


def _member_meeting(request, pk):
    """The meeting, for a member recorded present at it; everyone else gets 404."""
    staff = _own_staff(request.user)
    if staff is None:
        raise Http404
    meeting = get_object_or_404(
        CouncilMeeting.objects.select_related("campaign", "chair", "secretary")
        .filter(attendance__member=staff, attendance__present=True), pk=pk,
    )
    return meeting, staff


@login_required
@rule_required("awards.cast_ballot")
def ballot(request, pk):
    """GET: the member's ballot (one choice per nominee) while the vote is open; afterwards the result and the
    minutes' text to confirm. POST: cast the ballot."""
    meeting, staff = _member_meeting(request, pk)
    voting = service.voting_of(meeting)
    nominees = list(service.nominees_considered(meeting))
    if request.method == "POST":
        choices = {}
        for nominee in nominees:
            value = request.POST.get(f"n{nominee.pk}", "")
            if value:
                choices[nominee.pk] = value
        try:
            service.cast_ballot(meeting, member=staff, choices=choices, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
            return render(request, "decisions/ballot.html", _context(meeting, staff, voting, nominees, posted=choices), status=400)
        messages.success(request, "Đã ghi phiếu biểu quyết của bạn." + (" Phiếu kín: không ai xem được lựa chọn của bạn." if meeting.secret_ballot else ""))
        return redirect("decisions:ballot", pk=meeting.pk)
    return render(request, "decisions/ballot.html", _context(meeting, staff, voting, nominees))


def _context(meeting, staff, voting, nominees, posted=None):
    has_voted = meeting.ballots_cast.filter(member=staff).exists()
    closed = meeting.votes.exists() and (voting is None or voting.state == BallotState.CLOSED)
    results = []
    if closed:
        for vote in meeting.votes.select_related("nominee__staff", "nominee__unit", "nominee__award_kind").order_by("nominee__target", "nominee_id"):
            vote.meeting = meeting
            results.append({"vote": vote, "outcome": council_service.vote_outcome(vote, campaign=meeting.campaign)})
    confirmation = meeting.confirmations.filter(member=staff).first()
    digest = service.minutes_digest(meeting) if closed else None
    return {
        "meeting": meeting, "voting": voting, "nominees": nominees, "has_voted": has_voted, "closed": closed,
        "results": results, "choices": Choice.choices, "posted": posted or {},
        "minutes_text": service.minutes_text(meeting) if closed else "",
        "confirmation": confirmation, "confirmed_current": bool(confirmation and confirmation.digest == digest),
        "confirmations": service.confirmations(meeting) if closed else [],
        "threshold": council_service.threshold_text(meeting.campaign),
    }


@require_POST
@login_required
@rule_required("awards.cast_ballot")
def confirm(request, pk):
    meeting, staff = _member_meeting(request, pk)
    try:
        service.confirm_minutes(meeting, member=staff, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã xác nhận nội dung biên bản.")
    return redirect("decisions:ballot", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def open_vote(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    try:
        service.open_ballot(meeting, actor=request.user, secret=request.POST.get("secret", "1") == "1")
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã mở biểu quyết: các thành viên có mặt bỏ phiếu trên trang của mình (Hội đồng → Phiếu biểu quyết).")
    return redirect("decisions:meeting", pk=meeting.pk)


@require_POST
@login_required
@rule_required("awards.record_vote")
def close_vote(request, pk):
    meeting = get_object_or_404(meetings_for(request.user), pk=pk)
    try:
        service.close_ballot(meeting, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Đã kết thúc biểu quyết; kết quả đã được đếm vào biên bản.")
    return redirect("decisions:meeting", pk=meeting.pk)
