"""The Director approves and rejects in the admin (list action and change-page buttons), through the services;
nobody else sees them; an approved decision is read-only and cannot be deleted, even by a superuser."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from awards.models import Decision, DecisionState
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.urls import reverse

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:awards_decision_changelist"


@pytest.fixture
def draft(gk_world, giay_khen, campaign, clerk):
    return draft_decision(campaign, award_kind=giay_khen, actor=clerk)


def actions_of(client):
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    form = response.context["action_form"]
    return [name for name, _ in form.fields["action"].choices if name] if form else []


def test_only_the_director_sees_the_approval_actions_and_nobody_the_bulk_delete(client, clerk, director, superuser, draft):
    client.force_login(director)
    assert actions_of(client) == ["approve_selected", "reject_selected"]
    client.force_login(clerk)
    assert actions_of(client) == []
    client.force_login(superuser)
    assert actions_of(client) == ["approve_selected", "reject_selected"]


def test_the_bulk_approval_leads_to_the_review_page_and_signs_nothing_by_itself(client, director, draft):
    client.force_login(director)
    response = client.post(reverse(CHANGELIST), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [draft.pk]})
    assert response["Location"] == reverse("decisions:review", args=[draft.pk])
    draft.refresh_from_db()
    assert (draft.state, draft.number) == (DecisionState.DRAFT, None)
    response = client.post(reverse("decisions:review_approve", args=[draft.pk]), {"signed_on": "2023-12-05"}, follow=True)
    draft.refresh_from_db()
    assert (draft.state, draft.number_text, draft.decided_by) == (DecisionState.APPROVED, "01/QĐ-SLĐTBXH", director)
    assert "Đã ký ban hành Quyết định số 01/QĐ-SLĐTBXH ngày 05/12/2023." in [str(m) for m in response.context["messages"]]


def test_clerk_cannot_run_the_approval_action(client, clerk, draft):
    client.force_login(clerk)
    client.post(reverse(CHANGELIST), {"action": "approve_selected", ACTION_CHECKBOX_NAME: [draft.pk]})
    draft.refresh_from_db()
    assert (draft.state, draft.number) == (DecisionState.DRAFT, None)


def test_director_rejects_from_the_list_with_a_reason(client, director, draft):
    client.force_login(director)
    data = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [draft.pk]}
    response = client.post(reverse(CHANGELIST), data)
    assert response.status_code == 200 and "Lý do" in response.content.decode()  # asks for the reason
    response = client.post(reverse(CHANGELIST), {**data, "confirm": "1", "reason": ""})
    draft.refresh_from_db()
    assert draft.state == DecisionState.DRAFT
    client.post(reverse(CHANGELIST), {**data, "confirm": "1", "reason": "Thiếu ý kiến Công đoàn"})
    draft.refresh_from_db()
    assert (draft.state, draft.rejection_reason) == (DecisionState.REJECTED, "Thiếu ý kiến Công đoàn")


def test_change_page_buttons_approve_and_reject_for_the_director_only(client, clerk, director, draft, gk_world, giay_khen, campaign):
    change = reverse("admin:awards_decision_change", args=[draft.pk])
    approve = reverse("admin:awards_decision_approve", args=[draft.pk])
    client.force_login(clerk)
    assert approve not in client.get(change).content.decode()
    assert client.get(approve).status_code == 403
    assert client.post(approve, {"signed_on": "2023-12-05"}).status_code == 403
    client.force_login(director)
    assert approve in client.get(change).content.decode()
    response = client.get(approve)
    assert response["Location"] == reverse("decisions:review", args=[draft.pk])  # the same reading as the pages
    draft.refresh_from_db()
    assert draft.state == DecisionState.DRAFT
    client.post(reverse("decisions:review_approve", args=[draft.pk]), {"signed_on": "2023-12-05"})
    draft.refresh_from_db()
    assert (draft.state, draft.signed_on, draft.number_text) == (DecisionState.APPROVED, dt.date(2023, 12, 5), "01/QĐ-SLĐTBXH")
    assert approve not in client.get(change).content.decode()  # nothing more to approve

    other = draft_decision(campaign, award_kind=giay_khen, actor=clerk, nominees=[gk_world["collectives"][5]])
    reject = reverse("admin:awards_decision_reject", args=[other.pk])
    client.post(reject, {"reason": ""})
    other.refresh_from_db()
    assert other.state == DecisionState.DRAFT
    client.post(reject, {"reason": "Không thuộc số lượng khen thưởng"})
    other.refresh_from_db()
    assert (other.state, other.rejection_reason) == (DecisionState.REJECTED, "Không thuộc số lượng khen thưởng")


def test_admin_refuses_to_edit_or_delete_an_approved_decision_even_for_a_superuser(client, superuser, director, draft):
    approved = approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 5))
    line = approved.lines.get(order=1)
    client.force_login(superuser)
    change = reverse("admin:awards_decision_change", args=[approved.pk])
    response = client.get(change)
    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert client.post(change, {"meeting": ""}).status_code == 403
    assert client.get(reverse("admin:awards_decision_delete", args=[approved.pk])).status_code == 403
    assert client.post(reverse("admin:awards_decision_delete", args=[approved.pk]), {"post": "yes"}).status_code == 403
    line_change = reverse("admin:awards_decisionline_change", args=[line.pk])
    assert client.post(line_change, {"recipient_name": "Tên khác", "order": 1}).status_code == 403
    assert client.post(reverse("admin:awards_decisionline_delete", args=[line.pk]), {"post": "yes"}).status_code == 403
    line.refresh_from_db()
    assert line.recipient_name != "Tên khác"
    assert Decision.objects.get(pk=approved.pk).state == DecisionState.APPROVED
    assert client.get(reverse("admin:awards_decision_add")).status_code == 403


def test_admin_deletes_a_draft_through_the_service(client, clerk, draft):
    client.force_login(clerk)
    client.post(reverse("admin:awards_decision_delete", args=[draft.pk]), {"post": "yes"})
    assert not Decision.objects.filter(pk=draft.pk).exists()


def test_the_admin_shows_amounts_as_money_and_a_drafts_as_estimates(client, director, draft):
    client.force_login(director)
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "dự thảo: xem khi mở" in page  # a draft's estimate is on its own page (signed today: 1.410.000, 710.000)
    page = client.get(reverse("admin:awards_decision_change", args=[draft.pk])).content.decode()
    assert page.count("1.410.000 (dự kiến)") == 5 and page.count(">710.000 (dự kiến)<") == 5
    approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 5))
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "8.100.000" in page and "8100000" not in page
    page = client.get(reverse("admin:awards_decision_change", args=[draft.pk])).content.decode()
    assert "1.800.000" in page and "1800000" not in page and page.count(">1.080.000<") == 5
    page = client.get(reverse("admin:awards_decisionline_changelist")).content.decode()
    assert page.count("540.000") == 5 and "540000" not in page
    page = client.get(reverse("admin:awards_basesalary_changelist")).content.decode()
    assert "2.340.000" in page and "2340000" not in page
