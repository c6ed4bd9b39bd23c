"""The unit head's pages say what is missing and link each item to the place where it is done."""

import re

import pytest

from awards.services import dossiers
from tests.portal.conftest import BEFORE_DEADLINE
from tests.urls import reverse


@pytest.mark.django_db
def test_every_missing_item_on_home_links_to_its_place_on_the_dossier_page(client, campaign, unit_a, head_a, giay_khen, in_campaign):
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    nominee = dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=head_a.staff, now=BEFORE_DEADLINE)
    client.force_login(head_a)

    home = client.get(reverse("portal:home")).content.decode()
    page_url = reverse("portal:dossier", args=[dossier.pk])
    links = re.findall(rf'<a href="{re.escape(page_url)}#([\w-]+)">([^<]+)</a>', home)
    assert links == [
        ("van-ban-proposal_letter", "Thiếu văn bản (tờ trình) đề nghị khen thưởng của đơn vị: hãy tải tệp lên."),
        ("van-ban-council_minutes", "Thiếu biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị: hãy tải tệp lên."),
        (f"doi-tuong-{nominee.pk}", "Thiếu báo cáo thành tích của Lê Văn Minh: hãy tải tệp lên."),
    ]
    page = client.get(page_url).content.decode()
    assert all(f'id="{anchor}"' in page for anchor, _ in links)


@pytest.mark.django_db
def test_home_without_a_dossier_invites_to_start_one(client, campaign, head_a, in_campaign):
    client.force_login(head_a)
    home = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:dossier_current")}">Lập hồ sơ đề nghị khen thưởng</a>' in home
    assert "Chưa lập hồ sơ: gồm tờ trình, biên bản họp Hội đồng TĐKT của đơn vị và báo cáo thành tích" in home
    assert f'href="{reverse("portal:registration")}">Đăng ký thi đua</a>' in home
    assert f'href="{reverse("portal:plan")}">Kế hoạch phát động thi đua của đơn vị</a>' in home
