"""Who may open what in the decisions area (w.decision is approved: 12/QĐ-SLĐTBXH, line_a of unit_a, whose
nominee is the `staff` actor, and line_b of unit_b)."""

import datetime as dt

from awards.models import CouncilAttendance, CouncilMeeting
from tests.access import Case

ANON = {"anonymous": "login"}
OFFICE_DIRECTOR = {**ANON, "clerk": 200, "director": 200, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
OFFICE_ONLY = {**OFFICE_DIRECTOR, "director": 404}
OFFICE_POST = {**OFFICE_ONLY, "clerk": 302}
COUNCIL = {**OFFICE_DIRECTOR, "council": 200}
# On a decision both may see: the office's verbs refuse the director (403) and the other way round.
OFFICE_VERB = {**OFFICE_DIRECTOR, "clerk": 302, "director": 403}
DIRECTOR_VERB = {**OFFICE_DIRECTOR, "clerk": 403, "director": 302}
PUBLIC = {"anonymous": 200, "clerk": 200, "director": 200, "head_a": 200, "head_b": 200, "council": 200, "staff": 200}
ADMIN_DIRECTOR = {**ANON, "clerk": 403, "director": 200, "head_a": "login", "head_b": "login", "council": "login", "staff": "login"}


def _meeting(w):

    w.meeting = CouncilMeeting.objects.create(
        campaign=w.campaign, held_at=dt.datetime(2023, 12, 1, 1, 0, tzinfo=dt.timezone.utc), place="Phòng họp Sở",
        chair=w.director.staff, secretary=w.clerk.staff, total_members=7,
    )
    return {"pk": w.meeting.pk}


def _ballot_meeting(w):
    """A meeting at which the director and the council member are recorded present (they may open their ballot)."""
    kwargs = _meeting(w)
    for user in (w.director, w.council):
        CouncilAttendance.objects.create(meeting=w.meeting, member=user.staff, present=True)
    return kwargs


MEMBERS_PRESENT = {**ANON, "clerk": 404, "director": 200, "head_a": 404, "head_b": 404, "council": 200, "staff": 404}
DIRECTOR_ONLY = {**OFFICE_DIRECTOR, "clerk": 404}


def _decision(w):
    return {"pk": w.decision.pk}


def _line(w):
    return {"pk": w.decision.pk, "line_pk": w.line_a.pk}


CASES = [
    Case("decisions:council_home", expect=COUNCIL),
    Case("decisions:meetings", expect=OFFICE_DIRECTOR),
    Case("decisions:meeting_new", expect=OFFICE_ONLY),
    Case("decisions:meeting", kwargs=_meeting, expect=OFFICE_DIRECTOR),
    Case("decisions:attendance", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {"member": w.council.staff.pk, "present": "1", "role": "Ủy viên"}),
    Case("decisions:member_search", kwargs=_meeting, expect=OFFICE_ONLY),
    Case("decisions:meeting_ties", kwargs=_meeting, expect=OFFICE_DIRECTOR),
    Case("decisions:votes", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {f"n{w.nominee_a.pk}_for": "6", f"n{w.nominee_a.pk}_against": "1"}),
    Case("decisions:conclude", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {"conclusion": "Hội đồng thống nhất danh sách."}),
    Case("decisions:minutes_pdf", kwargs=_meeting, expect=COUNCIL),
    Case("decisions:choose_award", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {"nominee": w.nominee_a.pk, "reason": "Kết luận của Hội đồng"}),
    Case("decisions:bang_khen_route", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {"nominee": w.nominee_a.pk, "route": "campaign", "reason": "Kết luận của Hội đồng"}),
    Case("decisions:tie_break", kwargs=_meeting, method="post", expect=OFFICE_POST,
         data=lambda w: {"award_kind": w.award_kind.pk, "target": "collective", "reason": "Hội đồng chọn"}),
    Case("decisions:ballot", kwargs=_ballot_meeting, expect=MEMBERS_PRESENT),
    Case("decisions:minutes_confirm", kwargs=_ballot_meeting, method="post",
         expect={**MEMBERS_PRESENT, "director": 302, "council": 302}),
    Case("decisions:ballot_open", kwargs=_ballot_meeting, method="post", expect=OFFICE_POST, data=lambda w: {"secret": "1"}),
    Case("decisions:ballot_close", kwargs=_ballot_meeting, method="post", expect=OFFICE_POST),
    Case("decisions:list", expect=OFFICE_DIRECTOR),
    Case("decisions:draft", method="post", expect=OFFICE_POST, data=lambda w: {"award_kind": w.award_kind.pk}),
    Case("decisions:draft_proposal", method="post", expect=OFFICE_POST),
    Case("decisions:detail", kwargs=_decision, expect=OFFICE_DIRECTOR),
    Case("decisions:line_edit", kwargs=_line, method="post", expect=OFFICE_VERB,
         data=lambda w: {"recipient_name": "Tên khác"}),
    Case("decisions:line_remove", kwargs=_line, method="post", expect=OFFICE_VERB),
    Case("decisions:delete", kwargs=_decision, method="post", expect=OFFICE_VERB),
    Case("decisions:replace", kwargs=_decision, method="post", expect=OFFICE_VERB),
    Case("decisions:approve", kwargs=_decision, method="post", expect=DIRECTOR_VERB,
         data=lambda w: {"signed_on": "2023-12-05"}),
    Case("decisions:reject", kwargs=_decision, method="post", expect=DIRECTOR_VERB, data=lambda w: {"reason": "Sai tên"}),
    Case("decisions:pdf", kwargs=_decision, expect=OFFICE_DIRECTOR),
    Case("decisions:review", kwargs=_decision, expect=DIRECTOR_ONLY),
    Case("decisions:preview_pdf", kwargs=_decision, expect=DIRECTOR_ONLY),
    Case("decisions:review_approve", kwargs=_decision, method="post", expect={**DIRECTOR_ONLY, "director": 302},
         data=lambda w: {"signed_on": "2023-12-05"}),
    Case("decisions:review_reject", kwargs=_decision, method="post", expect={**DIRECTOR_ONLY, "director": 302},
         data=lambda w: {"reason": "Sai tên"}),
    # A unit head gets the certificates of their own unit, staff their own; the council member has none.
    Case("decisions:certificates_pdf", kwargs=_decision,
         expect={**OFFICE_DIRECTOR, "head_a": 200, "head_b": 200, "staff": 200}),
    Case("decisions:certificates", expect={**PUBLIC, "anonymous": "login"}),
    Case("decisions:certificate_pdf", kwargs=lambda w: {"line_pk": w.line_a.pk},
         expect={**OFFICE_DIRECTOR, "head_a": 200, "staff": 200}),
    Case("verify:lookup", expect=PUBLIC),
    Case("verify:code", kwargs=lambda w: {"code": w.line_a.verify_code}, expect=PUBLIC),
    # The approve button leads to the Director's review page (decisions:review).
    Case("admin:awards_decision_approve", kwargs=lambda w: {"pk": w.decision.pk}, expect={**ADMIN_DIRECTOR, "director": 302}),
    Case("admin:awards_decision_reject", kwargs=lambda w: {"pk": w.decision.pk}, expect=ADMIN_DIRECTOR),
]
