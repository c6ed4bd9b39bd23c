"""The Content-Security-Policy in a real browser: the pages of each role, the scoring grid's htmx and the admin
raise no policy violation, and the confirmation before removing a nominee (moved from an inline handler to
static/js/app.js) still asks, and cancelling it keeps the nominee."""

import datetime as dt

import pytest
from django.utils import timezone

from awards.models import AwardKind, Nominee
from awards.services import dossiers
from tests.conftest import PASSWORD
from tests.e2e.conftest import (  # noqa: F401  (the browser fixtures of the e2e suite)
    _media_url_for_live_server,
    browser_context_args,
    browser_type_launch_args,
    live_server,
)
from tests.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""


def open_as(browser, context_args, base_url, user):
    context = browser.new_context(**context_args)
    context.add_init_script(WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(base_url + reverse("login"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    return context, page, console


def violations(page):
    return page.evaluate("window.__cspViolations || []")


def test_pages_run_under_the_policy_without_violations_and_the_confirmation_still_asks(
    live_server, browser, browser_context_args, campaign, clerk, head_a, unit_a, staff_user,  # noqa: F811 (fixtures)
):
    today = timezone.localdate()
    campaign.dossier_deadline = today + dt.timedelta(days=10)
    campaign.decision_deadline = today + dt.timedelta(days=40)
    campaign.save()
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    nominee = dossiers.add_nominee(dossier, award_kind=giay_khen, actor=head_a, staff=staff_user.staff)

    context, page, console = open_as(browser, browser_context_args, live_server.url, head_a)
    page.goto(live_server.url + reverse("portal:dossier", args=[dossier.pk]))
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda d: answer(d, False))
    page.get_by_role("button", name="Bỏ khỏi hồ sơ").click()
    page.wait_for_timeout(300)
    assert asked == ["Bỏ Võ Thị Mai khỏi hồ sơ? Báo cáo thành tích đã tải lên của đối tượng này cũng bị bỏ."]
    assert Nominee.objects.filter(pk=nominee.pk).exists()
    page.once("dialog", lambda d: answer(d, True))
    with page.expect_navigation():
        page.get_by_role("button", name="Bỏ khỏi hồ sơ").click()
    assert len(asked) == 2 and not Nominee.objects.filter(pk=nominee.pk).exists()
    seen = {"unit head": violations(page)}
    for path in (reverse("portal:home"), reverse("records:mine")):
        page.goto(live_server.url + path)
        seen[path] = violations(page)
    context.close()

    context, page, office_console = open_as(browser, browser_context_args, live_server.url, clerk)
    for path in (reverse("office:dashboard"), "/cham-diem/", "/excel/", "/admin/", reverse("admin:campaigns_staff_changelist"),
                 reverse("admin:campaigns_unit_change", args=[unit_a.pk])):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)
    context.close()
    assert {k: v for k, v in seen.items() if v} == {}
    assert console + office_console == []

