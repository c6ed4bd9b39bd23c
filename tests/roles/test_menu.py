"""The main menu: grouped by task, each item only for those the rules let open it, the current page marked."""

import re

import pytest

from tests.factories import DossierFactory, NomineeFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def menu_of(client, user, path):
    client.force_login(user)
    html = client.get(path).content.decode()
    nav = html[html.index('<nav class="mainnav"'):html.index("</nav>")]
    groups = re.findall(r"<summary>([^<]+)</summary>", nav)
    links = re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', nav)
    active = re.findall(r'<a href="[^"]*" class="(?:menu-link )?active"[^>]*>([^<]+)</a>', nav)
    return groups, links, active


def test_the_office_gets_the_task_groups_and_the_current_page_marked(client, campaign, clerk):
    groups, links, active = menu_of(client, clerk, reverse("decisions:list"))
    assert groups == ["Hồ sơ", "Chấm điểm", "Hội đồng", "Quyết định", "Thiết lập", "Báo cáo"]
    assert links == ["Trang chủ", "Hồ sơ các đơn vị", "Tiến độ đơn vị", "Chấm điểm", "Số liệu chỉ tiêu", "Xếp hạng",
                     "Danh sách Hội đồng xét", "Họp Hội đồng", "Quyết định khen thưởng", "Giấy khen", "Phong trào",
                     "Tài khoản", "Tổng quan", "Excel", "Quản trị"]
    assert active == ["Quyết định khen thưởng"]


def test_staff_and_unit_heads_see_only_their_own_items(client, campaign, staff_user, head_a, unit_a):
    # A member of staff takes part in a campaign once nominated in it (their scores and certificates); before,
    # its pages are a 404 that names nothing of it.
    assert menu_of(client, staff_user, reverse("decisions:certificates")) == ([], ["Trang chủ"], [])
    NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=unit_a), staff=staff_user.staff)
    assert menu_of(client, staff_user, reverse("decisions:certificates")) == ([], ["Trang chủ", "Giấy khen"], ["Giấy khen"])
    # Outside a campaign (a site page), the campaign's pages are not offered: nothing guesses a campaign.
    assert menu_of(client, staff_user, reverse("records:mine")) == ([], ["Trang chủ"], [])
    groups, links, _ = menu_of(client, head_a, reverse("portal:home"))
    assert groups == ["Hồ sơ"] and links == ["Trang chủ", "Đơn vị của tôi", "Hồ sơ khen thưởng", "Giấy khen", "Excel"]


def test_the_header_shows_the_campaign_and_its_stage(client, campaign, clerk):
    client.force_login(clerk)
    html = client.get(reverse("office:dashboard")).content.decode()
    assert f"Phong trào: <strong>{campaign.title}</strong> · Giai đoạn: <strong class=\"stage\">Thẩm định, chấm điểm</strong>" in html


def account_menu_of(client, user, path):
    client.force_login(user)
    html = client.get(path, follow=True).content.decode()
    menu = html[html.index('<div class="menu-items account-items">'):]
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]+)</a>', menu[:menu.index("</div>")])


def test_whoever_can_start_a_background_job_finds_their_jobs_in_the_account_menu(
    client, campaign, clerk, director, head_a, council_member, staff_user,
):
    jobs = (reverse("ops:jobs"), "Việc của tôi")
    for user in (clerk, director, head_a, council_member):
        assert account_menu_of(client, user, reverse("home")) == [(reverse("records:mine"), "Hồ sơ cá nhân"), jobs], user
    # Staff print only their own Giấy khen, one page at once: nothing of theirs ever goes to the worker.
    assert account_menu_of(client, staff_user, reverse("home")) == [(reverse("records:mine"), "Hồ sơ cá nhân")]
    # Also on a campaign's page, and marked on the list itself.
    assert jobs in account_menu_of(client, clerk, reverse("decisions:list"))
    client.force_login(clerk)
    assert '<a href="/viec/" aria-current="page">Việc của tôi</a>' in client.get(reverse("ops:jobs")).content.decode()
