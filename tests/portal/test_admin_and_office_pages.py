"""The office acts on dossiers from its pages and from the admin, both through the same services."""

import datetime as dt

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail

from awards.models import DeadlineExtension, DossierComment, DossierState
from awards.services import dossiers
from awards.services.transitions import transitions_of
from tests.portal.conftest import BEFORE_DEADLINE
from tests.portal.helpers import complete_dossier
from tests.urls import reverse


@pytest.fixture
def submitted_a(campaign, unit_a, head_a, giay_khen):
    d = complete_dossier(campaign, unit_a, head_a, giay_khen)
    dossiers.submit_dossier(d, actor=head_a, now=BEFORE_DEADLINE)
    return d


@pytest.fixture
def submitted_b(campaign, unit_b, head_b, giay_khen):
    d = complete_dossier(campaign, unit_b, head_b, giay_khen)
    dossiers.submit_dossier(d, actor=head_b, now=BEFORE_DEADLINE)
    return d


def _msgs(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db
def test_admin_return_action_asks_for_a_reason_then_returns_each_dossier(
    client, clerk, submitted_a, submitted_b, head_a, head_b, django_capture_on_commit_callbacks,
):
    client.force_login(clerk)
    url = reverse("admin:awards_dossier_changelist")
    selected = {"action": "return_dossiers", ACTION_CHECKBOX_NAME: [submitted_a.pk, submitted_b.pk]}

    ask = client.post(url, selected)
    assert ask.status_code == 200 and "Trả lại hồ sơ để bổ sung" in ask.content.decode()
    empty = client.post(url, {**selected, "apply": "1", "reason": ""})
    assert "Hãy ghi lý do: đơn vị sẽ đọc lý do này." in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**selected, "apply": "1", "reason": "Thiếu chữ ký"}, follow=True)

    assert _msgs(done) == ["Đã trả lại: 2 hồ sơ."]
    for d in (submitted_a, submitted_b):
        d.refresh_from_db()
        assert (d.state, transitions_of(d)[0].reason, transitions_of(d)[0].actor) == (DossierState.RETURNED, "Thiếu chữ ký", clerk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([head_a.email, head_b.email])


@pytest.mark.django_db
def test_admin_accept_and_reject_actions_report_refusals_by_unit(client, clerk, submitted_a, campaign, unit_b):
    draft = dossiers.get_or_create_dossier(campaign, unit_b)
    client.force_login(clerk)
    url = reverse("admin:awards_dossier_changelist")
    done = client.post(url, {"action": "accept_dossiers", ACTION_CHECKBOX_NAME: [submitted_a.pk, draft.pk]}, follow=True)
    assert _msgs(done) == [
        f"{unit_b}: Không thể chuyển từ trạng thái «Đang soạn» sang «Đã tiếp nhận».",
        "Đã tiếp nhận: 1 hồ sơ.",
    ]
    submitted_a.refresh_from_db()
    assert submitted_a.state == DossierState.ACCEPTED


@pytest.mark.django_db
def test_admin_reject_action_needs_the_reason(client, clerk, submitted_a):
    client.force_login(clerk)
    url = reverse("admin:awards_dossier_changelist")
    client.post(url, {"action": "reject_dossiers", ACTION_CHECKBOX_NAME: [submitted_a.pk], "apply": "1", "reason": "Không đủ điều kiện"})
    submitted_a.refresh_from_db()
    assert (submitted_a.state, transitions_of(submitted_a)[0].reason) == (DossierState.REJECTED, "Không đủ điều kiện")


@pytest.mark.django_db
def test_the_director_reads_the_admin_but_has_no_dossier_actions(client, director, submitted_a):
    client.force_login(director)
    page = client.get(reverse("admin:awards_dossier_changelist"))
    assert page.status_code == 200
    assert "return_dossiers" not in page.content.decode()


@pytest.mark.django_db
def test_admin_extension_goes_through_the_extension_rules(client, clerk, campaign, unit_a, in_campaign):
    client.force_login(clerk)
    url = reverse("admin:awards_deadlineextension_add")
    refused = client.post(url, {"campaign": campaign.pk, "unit": unit_a.pk, "until_0": "20/11/2023", "until_1": "12:00", "reason": "x"})
    assert "Ngày gia hạn phải sau hạn chung (20/11/2023)" in refused.content.decode()
    client.post(url, {"campaign": campaign.pk, "unit": unit_a.pk, "until_0": "25/11/2023", "until_1": "17:00:00", "reason": "Ốm"})
    assert list(DeadlineExtension.objects.values_list("unit", "reason", "granted_by")) == [(unit_a.pk, "Ốm", clerk.pk)]


@pytest.mark.django_db
def test_office_pages_return_reopen_extend_and_comment(client, clerk, director, head_a, submitted_a, submitted_b, in_campaign):
    client.force_login(clerk)
    listing = client.get(reverse("portal:office_dossiers") + "?trang-thai=submitted")
    assert [d.unit.code for d in listing.context["dossiers"]] == ["NCC", "TTDVVL"]
    page = reverse("portal:office_dossier", args=[submitted_a.pk])

    r = client.post(reverse("portal:office_return", args=[submitted_a.pk]), {"return-reason": ""}, follow=True)
    assert _msgs(r) == ["Hãy ghi lý do: đơn vị sẽ đọc lý do này."]
    r = client.post(reverse("portal:office_return", args=[submitted_a.pk]), {"return-reason": "Bổ sung biên bản"}, follow=True)
    assert _msgs(r) == ["Đã trả lại hồ sơ để đơn vị bổ sung; đơn vị được báo qua thư điện tử."]
    r = client.post(reverse("portal:office_reopen", args=[submitted_a.pk]), {"reopen-reason": "Cho sửa lại", "reopen-until": "2023-11-30"}, follow=True)
    assert _msgs(r) == ["Đã mở lại hồ sơ; đơn vị có thể sửa và nộp lại."]
    r = client.post(reverse("portal:office_extend", args=[submitted_b.pk]), {"extend-until": "2023-11-22", "extend-reason": "Chờ chữ ký"}, follow=True)
    assert _msgs(r) == ["Đã gia hạn nộp hồ sơ cho đơn vị."]
    client.post(reverse("portal:office_comment", args=[submitted_a.pk]), {"comment-text": "Ghi rõ số liệu 2023"})

    submitted_a.refresh_from_db()
    assert submitted_a.state == DossierState.DRAFT
    assert list(DeadlineExtension.objects.order_by("unit__code").values_list("unit__code", "until", "reason")) == [
        ("NCC", dt.datetime(2023, 11, 30, 16, 59, 59, 999999, tzinfo=dt.UTC), "Cho sửa lại"),
        ("TTDVVL", dt.datetime(2023, 11, 22, 16, 59, 59, 999999, tzinfo=dt.UTC), "Chờ chữ ký"),
    ]
    detail = client.get(page).content.decode()
    assert "Bổ sung biên bản" in detail and "Ghi rõ số liệu 2023" in detail

    # The unit head sees the office's comment on the home page until the office marks it handled.
    client.force_login(head_a)
    assert "Ghi rõ số liệu 2023" in client.get(reverse("portal:home")).content.decode()
    client.force_login(clerk)
    comment = DossierComment.objects.get()
    client.post(reverse("portal:office_comment_resolve", args=[comment.pk]))
    client.force_login(head_a)
    assert "Ghi rõ số liệu 2023" not in client.get(reverse("portal:home")).content.decode()

    # The director reads but does not act.
    client.force_login(director)
    assert client.get(page).status_code == 200
    assert client.post(reverse("portal:office_accept", args=[submitted_b.pk])).status_code == 403
