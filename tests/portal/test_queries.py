"""Every list page of the portal runs the same number of queries at one row and at many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import DossierComment
from awards.services import dossiers
from tests.factories import CouncilMeetingFactory, DecisionFactory, StaffFactory, UnitFactory
from tests.portal.conftest import BEFORE_DEADLINE, upload
from tests.portal.helpers import complete_dossier
from tests.urls import reverse


def _count(client, url):
    client.get(url)  # the first request after logging in also touches the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def _grow_dossier(dossier, actor, award_kind, n):
    """Add n individuals, each registered and with a report (two versions each), and a comment each."""
    for _ in range(n):
        person = StaffFactory(unit=dossier.unit)
        dossiers.register(dossier.campaign, dossier.unit, award_kind=award_kind, actor=actor, staff=person, now=BEFORE_DEADLINE)
        nominee = dossiers.add_nominee(dossier, award_kind=award_kind, actor=actor, staff=person, now=BEFORE_DEADLINE)
        dossiers.upload_achievement_report(nominee, upload(), actor=actor, now=BEFORE_DEADLINE)
        dossiers.upload_achievement_report(nominee, upload(), actor=actor, now=BEFORE_DEADLINE)
        DossierComment.objects.create(dossier=dossier, author=actor, text="Bổ sung")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "dossier", "office_dossier"])
def test_dossier_pages_have_flat_queries(client, campaign, unit_a, head_a, clerk, giay_khen, in_campaign, page):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    user = clerk if page == "office_dossier" else head_a
    url = reverse("portal:home") if page == "home" else reverse(f"portal:{page}", args=[dossier.pk])
    client.force_login(user)
    _grow_dossier(dossier, head_a, giay_khen, 1)
    one = _count(client, url)
    _grow_dossier(dossier, head_a, giay_khen, 4)
    many = _count(client, url)
    assert many == one


@pytest.mark.django_db
def test_registration_page_has_flat_queries(client, campaign, unit_a, head_a, giay_khen, in_campaign):
    client.force_login(head_a)
    dossiers.register(campaign, unit_a, award_kind=giay_khen, actor=head_a, staff=head_a.staff)
    one = _count(client, reverse("portal:registration"))
    for _ in range(4):
        dossiers.register(campaign, unit_a, award_kind=giay_khen, actor=head_a, staff=StaffFactory(unit=unit_a))
    assert _count(client, reverse("portal:registration")) == one


@pytest.mark.django_db
def test_plan_and_document_pages_have_flat_queries(client, campaign, unit_a, head_a, in_campaign):
    client.force_login(head_a)
    version = dossiers.upload_unit_plan(campaign, unit_a, upload(), actor=head_a)
    urls = [reverse("portal:plan"), reverse("portal:document", args=[version.document_id])]
    one = [_count(client, u) for u in urls]
    for _ in range(4):
        dossiers.upload_unit_plan(campaign, unit_a, upload(), actor=head_a)
    assert [_count(client, u) for u in urls] == one


@pytest.mark.django_db
def test_office_dossier_list_has_flat_queries(client, campaign, clerk, head_a, unit_a, giay_khen, in_campaign):
    client.force_login(clerk)
    complete_dossier(campaign, unit_a, head_a, giay_khen)
    one = _count(client, reverse("portal:office_dossiers"))
    for _ in range(4):
        unit = UnitFactory()
        d = dossiers.get_or_create_dossier(campaign, unit)
        dossiers.grant_extension(campaign, unit, actor=clerk, until=BEFORE_DEADLINE.date().replace(day=28), reason="Gia hạn")
        DossierComment.objects.create(dossier=d, author=clerk, text="Bổ sung")
    response = client.get(reverse("portal:office_dossiers"))
    assert len(response.context["dossiers"]) == 5
    assert _count(client, reverse("portal:office_dossiers")) == one


@pytest.mark.django_db
def test_campaign_stage_follows_the_campaign_with_the_same_queries_in_every_state(
        client, campaign, unit_a, head_a, in_campaign):
    """The bar under the menu says where the campaign stands; finding out costs one query whatever the state
    (the count of every page must not depend on whether a meeting or a signed decision exists)."""
    client.force_login(head_a)
    url = reverse("portal:home")

    def stage():
        count = _count(client, url)
        text = client.get(url).content.decode()
        return count, text.split('class="stage">')[1].split("<")[0]

    before, receiving = stage()
    CouncilMeetingFactory(campaign=campaign)
    met_count, met = stage()
    DecisionFactory(campaign=campaign, approved=True)
    signed_count, signed = stage()
    assert (met, signed) == ("Hội đồng xét, lập quyết định", "Đã ký quyết định khen thưởng")
    assert receiving in {"Thẩm định, chấm điểm"} or receiving.startswith("Nhận hồ sơ (hạn ")
    assert before == met_count == signed_count
