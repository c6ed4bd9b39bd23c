"""The office's dossier list comes in pages of 50, keeping the state filter, in the same number of queries, with
each dossier's number of nominees and of comments not yet resolved."""

import pytest

from awards.models import Dossier, DossierComment, DossierState
from awards.services import dossiers
from awards.views.office import OFFICE_PAGE_SIZE
from tests.factories import StaffFactory, UnitFactory
from tests.portal.helpers import complete_dossier
from tests.urls import reverse


@pytest.mark.django_db
def test_office_dossier_list_pages_by_50_and_keeps_the_state_filter(client, campaign, clerk, in_campaign):
    for _ in range(OFFICE_PAGE_SIZE + 3):
        dossiers.get_or_create_dossier(campaign, UnitFactory())
    submitted = Dossier.objects.filter(campaign=campaign).order_by("unit__code")[:2]
    Dossier.objects.filter(pk__in=[d.pk for d in submitted]).update(state=DossierState.SUBMITTED)
    client.force_login(clerk)
    url = reverse("portal:office_dossiers")

    first = client.get(url)
    second = client.get(url + "?trang=2")
    shown = [d.pk for d in first.context["dossiers"]] + [d.pk for d in second.context["dossiers"]]
    assert len(first.context["dossiers"]) == OFFICE_PAGE_SIZE and len(second.context["dossiers"]) == 3
    assert sorted(shown) == sorted(Dossier.objects.filter(campaign=campaign).values_list("pk", flat=True))
    assert "Trang 1/2" in first.content.decode() and "?trang=2" in first.content.decode()

    filtered = client.get(url + "?trang-thai=submitted")
    assert {d.pk for d in filtered.context["dossiers"]} == {d.pk for d in submitted}
    assert "Trang 1/" not in filtered.content.decode()  # one page: no pager
    assert client.get(url + "?trang=99").context["page"].number == 2  # out of range: the last page


@pytest.mark.django_db
def test_office_dossier_list_counts_each_dossiers_nominees_and_unresolved_comments(
        client, campaign, clerk, head_a, unit_a, giay_khen, in_campaign):
    full = complete_dossier(campaign, unit_a, head_a, giay_khen, staff=[StaffFactory(unit=unit_a), StaffFactory(unit=unit_a)])
    DossierComment.objects.create(dossier=full, author=clerk, text="Bổ sung biên bản")
    DossierComment.objects.create(dossier=full, author=clerk, text="Đã bổ sung", resolved=True)
    empty = dossiers.get_or_create_dossier(campaign, UnitFactory())
    client.force_login(clerk)

    response = client.get(reverse("portal:office_dossiers"))

    rows = {d.pk: (d.nominee_count, d.open_comments) for d in response.context["dossiers"]}
    assert rows == {full.pk: (3, 1), empty.pk: (0, 0)}
    assert response.context["page"].paginator.count == 2
