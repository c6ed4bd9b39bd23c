"""The menu fits: at 1366 px the office's and the director's menus stay on one line; at 390 px unit heads, staff
and council members get a compact menu behind one button, and no page of theirs is wider than the screen."""

import pytest

from tests.conftest import PASSWORD
from tests.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ONE_LINE = """() => {
  const items = [...document.querySelectorAll('.mainnav > a, .mainnav > details, .account')];
  const tops = items.map(e => Math.round(e.getBoundingClientRect().top));
  return {tops: [...new Set(tops)], header: document.querySelector('.topbar').getBoundingClientRect().height,
          width: document.documentElement.scrollWidth};
}"""


def log_in(browser, args, base, user, width):
    context = browser.new_context(**{**args, "viewport": {"width": width, "height": 800}})
    page = context.new_page()
    page.goto(base + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return context, page


def test_the_office_and_director_menus_stay_on_one_line_at_1366(live_server, browser, browser_context_args, campaign, clerk, director):
    for user, pages in ((clerk, ["office:dashboard", "scoring:grid", "decisions:meetings", "decisions:list", "portal:office_dossiers"]),
                        (director, ["decisions:list", "office:dashboard"])):
        context, page = log_in(browser, browser_context_args, live_server.url, user, 1366)
        for name in pages:
            page.goto(live_server.url + reverse(name))
            layout = page.evaluate(ONE_LINE)
            assert (len(layout["tops"]), layout["width"]) == (1, 1366), (user.username, name, layout)
            assert layout["header"] < 70, (user.username, name, layout)
            assert "Giai đoạn:" in page.inner_text(".campaign-bar")
        page.click(".mainnav details.menu-group >> nth=0")
        assert page.locator(".mainnav details[open] .menu-items a").first.is_visible()
        context.close()


def test_unit_heads_staff_and_council_get_a_compact_menu_at_390(live_server, browser, browser_context_args, campaign,
                                                                 head_a, staff_user, council_member):
    for user, pages in ((head_a, ["portal:home", "portal:dossier_current", "portal:registration", "portal:plan"]),
                        (staff_user, ["records:mine", "decisions:certificates"]),
                        (council_member, ["decisions:council_home", "scoring:ranking"])):
        context, page = log_in(browser, browser_context_args, live_server.url, user, 390)
        for name in pages:
            page.goto(live_server.url + reverse(name))
            assert page.locator(".menu-panel").is_hidden() and page.locator("label.menu-button").is_visible()
            assert page.locator(".topbar").bounding_box()["height"] < 70
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width == 390, (user.username, name, width)
        page.click("label.menu-button")
        assert page.locator(".menu-panel").is_visible()
        assert page.get_by_role("link", name="Hồ sơ cá nhân").is_visible()
        context.close()
