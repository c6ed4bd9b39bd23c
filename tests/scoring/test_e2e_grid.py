"""The scoring grid in a real browser, by keyboard only: Tab to a cell, choose with the arrow keys, type the
note, Enter saves it in place (no page reload), focus comes back to the saved cell; a refusal shows in the cell."""

import re

import pytest
from playwright.sync_api import expect

from awards.models import Outcome, Result
from awards.services.recompute import recompute_results
from tests.conftest import PASSWORD
from tests.e2e.conftest import (  # noqa: F401  (the browser fixtures of the e2e suite)
    _media_url_for_live_server,
    browser_context_args,
    browser_type_launch_args,
    live_server,
)
from tests.factories import NomineeFactory
from tests.scoring.conftest import accepted_dossier

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_office_scores_a_cell_with_the_keyboard_and_it_saves_in_place(live_server, page, clerk, campaign, unit_a, unit_b):  # noqa: F811 (fixture)
    NomineeFactory(dossier=accepted_dossier(campaign, unit_a))
    recompute_results(campaign)
    page.goto(live_server.url + "/dang-nhap/?next=/cham-diem/")
    page.fill("#id_username", clerk.username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    # The path itself, not the login page's "?next=…", which the same pattern would match at once.
    page.wait_for_url(re.compile(r"^[^?]*/cchc-2023/cham-diem/$"))
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__notReloaded = true")

    r = Result.objects.get(nominee__unit=unit_a, criterion__target="collective", criterion__order=2)
    select = page.locator(f"#cell-{r.pk} select[name=outcome]")
    select.focus()
    page.keyboard.press("ArrowDown")  # "Chưa xác nhận" → "Đạt"
    page.keyboard.press("Tab")
    page.keyboard.type("Hoàn thành 15/15 nhiệm vụ CCHC")
    page.keyboard.press("Enter")
    page.locator(f"#cell-{r.pk}.decided").wait_for()
    # A CSS :focus locator, not wait_for_function: a string predicate is eval'd in the page, which the CSP forbids.
    expect(page.locator("[name=outcome]:focus")).to_have_count(1, timeout=3000)

    assert page.evaluate("window.__notReloaded") is True
    assert page.evaluate("document.activeElement.closest('td') && document.activeElement.closest('td').id") == f"cell-{r.pk}"
    assert "«Hoàn thành 15/15 nhiệm vụ CCHC» – Trần Thị Thu Hà" in page.inner_text(f"#cell-{r.pk}")
    r.refresh_from_db()
    assert (r.override, r.override_reason, r.version) == (Outcome.MET, "Hoàn thành 15/15 nhiệm vụ CCHC", 2)

    # Enter on the select saves too; a decision without its reason is refused in the cell, nothing lost.
    r8 = Result.objects.get(nominee__unit=unit_a, criterion__target="collective", criterion__order=8)
    select = page.locator(f"#cell-{r8.pk} select[name=outcome]")
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.locator(f"#cell-{r8.pk} .error").wait_for()
    assert page.inner_text(f"#cell-{r8.pk} .error") == "Ghi nhận xét của Văn phòng khi xác nhận tiêu chí này."
    expect(page.locator("[name=reason]:focus")).to_have_count(1, timeout=3000)
    assert page.locator(f"#cell-{r8.pk} select[name=outcome]").input_value() == "met"
    assert page.evaluate("window.__notReloaded") is True
    r8.refresh_from_db()
    assert r8.version == 1
