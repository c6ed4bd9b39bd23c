"""The office's campaign pages: next year's campaign from a page, the draft edited there, launched, then locked;
a deadline extension for a unit that has no dossier yet."""

import datetime as dt
import html

import pytest
import time_machine
from django.test import Client

from awards.models import CampaignAward, DeadlineExtension, Dossier
from awards.services.dossiers import deadline_for, register
from campaigns.models import Campaign, CampaignStatus
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def text(response):
    return html.unescape(response.content.decode())


def test_the_office_makes_next_years_campaign_on_a_page_edits_the_draft_and_launches_it(clerk, campaign):
    client = logged_in(clerk)
    page = text(client.get(reverse("setup:list")))
    assert "Tạo phong trào năm mới từ một phong trào" in page and 'value="cchc-2024"' in page
    response = client.post(reverse("setup:clone"), {"source": "cchc-2023", "code": "cchc-2024", "year": "2024"})
    assert response.status_code == 302 and response["Location"] == reverse("setup:edit", kwargs={"code": "cchc-2024"})
    new = Campaign.objects.get(code="cchc-2024")
    page = text(client.get(response["Location"]))
    assert "Đang soạn" in page and "Tiêu chí (17)" in page
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in page and "Nghị định số 98/2023/NĐ-CP" in page
    assert "Tiêu chí còn nhắc năm cũ" in page  # "năm 2023" in the copied texts: the office is told to check them

    criterion = new.criteria.get(target="collective", order=1)
    prefix = f"c{criterion.pk}"
    data = {f"{prefix}-{k}": v for k, v in {
        "target": "collective", "order": 1, "short_name": "Hoàn thành xuất sắc nhiệm vụ năm 2024",
        "text": "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2024.", "evidence_kind": "rating", "indicator": "",
        "mandatory": "on", "weight": "2"}.items()}
    client.post(reverse("setup:criterion_edit", kwargs={"code": new.code, "pk": criterion.pk}), data)
    criterion.refresh_from_db()
    assert (criterion.short_name, criterion.weight) == ("Hoàn thành xuất sắc nhiệm vụ năm 2024", 2)
    award = CampaignAward.objects.get(campaign=new, award_kind__code="giay-khen-giam-doc", target="collective")
    client.post(reverse("setup:quotas", kwargs={"code": new.code}), {f"quota-{award.pk}": "8"})
    award.refresh_from_db()
    assert award.quota == 8

    response = client.post(reverse("setup:open", kwargs={"code": new.code}), follow=True)
    assert "Đã phát động «Phong trào thi đua cải cách hành chính năm 2024». Từ nay tiêu chí đã khóa." in text(response)
    new.refresh_from_db()
    assert new.status == CampaignStatus.OPEN
    response = client.post(reverse("setup:criterion_edit", kwargs={"code": new.code, "pk": criterion.pk}),
                           {**data, f"{prefix}-short_name": "Sửa muộn"}, follow=True)
    assert "đã phát động: tiêu chí, số lượng khen thưởng và thời hạn đã khóa" in text(response)
    criterion.refresh_from_db()
    assert criterion.short_name == "Hoàn thành xuất sắc nhiệm vụ năm 2024"


def test_the_same_code_again_is_refused_on_the_page(clerk, campaign):
    client = logged_in(clerk)
    client.post(reverse("setup:clone"), {"source": "cchc-2023", "code": "cchc-2024", "year": "2024"})
    response = client.post(reverse("setup:clone"), {"source": "cchc-2023", "code": "cchc-2024", "year": "2024"}, follow=True)
    assert "Đã có phong trào mã «cchc-2024»; chọn mã khác" in text(response)
    assert Campaign.objects.filter(code="cchc-2024").count() == 1


def test_the_office_extends_the_deadline_of_a_unit_with_no_dossier(clerk, head_b, unit_b, campaign):
    assert not Dossier.objects.filter(unit=unit_b).exists()
    client = logged_in(clerk)
    with time_machine.travel(dt.datetime(2023, 11, 22, 9, tzinfo=dt.timezone.utc)):
        response = client.post(reverse("setup:extensions", kwargs={"code": campaign.code}),
                               {"unit": unit_b.pk, "until": "2023-11-30", "reason": "Thủ trưởng đi công tác"}, follow=True)
        assert "Đã gia hạn nộp hồ sơ cho Trung tâm Dịch vụ việc làm đến hết ngày 30/11/2023." in text(response)
        ext = DeadlineExtension.objects.get(campaign=campaign, unit=unit_b)
        assert (ext.reason, ext.granted_by) == ("Thủ trưởng đi công tác", clerk)
        assert deadline_for(campaign, unit_b).date() == dt.date(2023, 11, 30)
        # The unit may now register although the general deadline has passed.
        register(campaign, unit_b, award_kind=CampaignAward.objects.filter(campaign=campaign).first().award_kind,
                 actor=head_b)
        page = text(client.get(reverse("setup:extensions", kwargs={"code": campaign.code})))
        assert "Thủ trưởng đi công tác" in page and "Trần Thị Thu Hà" in page
