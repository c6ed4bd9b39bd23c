"""The decision page and the scoring nominee page show the object's audit trail (who, when, before → after, why)
to those who may see the object; outsiders get 404 and learn nothing."""

import datetime as dt
import html

import pytest

from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.factories import AppraisedNomineeFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def body(response):
    return html.unescape(response.content.decode())


def test_decision_page_shows_the_audit_trail_with_the_signature_and_its_reason(client, gk_world, giay_khen, campaign, clerk, director, head_a):
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director,
                                signed_on=dt.date(2023, 12, 5))
    url = reverse("decisions:detail", args=[decision.pk])
    client.force_login(director)
    page = body(client.get(url))
    assert "Lịch sử thay đổi" in page
    trail = page[page.index("Lịch sử thay đổi"):]
    assert "Chuyển trạng thái" in trail and director.staff.full_name in trail
    assert "Ký ban hành số 01/QĐ-SLĐTBXH ngày 05/12/2023" in trail
    assert "Tạo mới" in trail and clerk.staff.full_name in trail  # the office user who drafted it
    client.force_login(head_a)
    assert client.get(url).status_code == 404


def test_nominee_page_shows_who_changed_the_nominee_and_what(client, campaign, giay_khen, unit_a, clerk, head_a, head_b):
    nominee = AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen, achievement="Thành tích cũ")
    nominee.achievement = "Thành tích đã bổ sung số liệu"
    nominee._history_user = head_a
    nominee.save()
    url = reverse("scoring:nominee", args=[nominee.pk])
    client.force_login(clerk)
    page = body(client.get(url))
    trail = page[page.index("Lịch sử thay đổi"):]
    assert head_a.staff.full_name in trail and "Cập nhật" in trail
    assert "Thành tích cũ" in trail and "Thành tích đã bổ sung số liệu" in trail
    client.force_login(head_b)
    response = client.get(url)
    assert response.status_code == 404 and "Thành tích" not in body(response)
