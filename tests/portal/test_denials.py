"""A unit head reaching another unit's dossier, nominee or file gets 404, and nothing changes."""

import pytest

from awards.models import DocumentVersion, DossierState, Nominee
from awards.services import dossiers
from tests.portal.conftest import upload
from tests.portal.helpers import complete_dossier
from tests.urls import reverse


@pytest.mark.django_db
def test_another_units_dossier_and_files_are_404_for_a_unit_head(client, campaign, unit_a, head_a, head_b, giay_khen, in_campaign):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen, staff=[head_a.staff])
    nominee = dossier.nominees.filter(staff__isnull=False).get()
    report = nominee.documents.get()
    before = (list(Nominee.objects.values_list("pk", flat=True)), DocumentVersion.objects.count())
    client.force_login(head_b)

    answers = {
        "dossier": client.get(reverse("portal:dossier", args=[dossier.pk])).status_code,
        "document": client.get(reverse("portal:document", args=[report.pk])).status_code,
        "submit": client.post(reverse("portal:dossier_submit", args=[dossier.pk])).status_code,
        "add": client.post(reverse("portal:nominee_add", args=[dossier.pk, "ca-nhan"]),
                           {"individual-staff": head_b.staff.pk, "individual-award_kind": giay_khen.pk}).status_code,
        "remove": client.post(reverse("portal:nominee_remove", args=[nominee.pk])).status_code,
        "report": client.post(reverse("portal:report_upload", args=[nominee.pk]), {"file": upload()}).status_code,
        "letter": client.post(reverse("portal:dossier_upload", args=[dossier.pk, "proposal_letter"]), {"file": upload()}).status_code,
        "office page": client.get(reverse("portal:office_dossier", args=[dossier.pk])).status_code,
        "file": client.get(reverse("files:version", args=[report.versions.get().pk])).status_code,
    }

    assert set(answers.values()) == {404}, answers
    dossier.refresh_from_db()
    assert dossier.state == DossierState.DRAFT
    assert (list(Nominee.objects.values_list("pk", flat=True)), DocumentVersion.objects.count()) == before


@pytest.mark.django_db
def test_a_unit_heads_home_shows_only_their_own_unit(client, campaign, unit_a, unit_b, head_a, head_b, clerk, giay_khen, in_campaign):
    complete_dossier(campaign, unit_a, head_a, giay_khen)
    b = complete_dossier(campaign, unit_b, head_b, giay_khen)
    dossiers.add_comment(b, actor=clerk, text="Bí mật của đơn vị B")

    client.force_login(head_a)
    page = client.get(reverse("portal:home"))
    assert page.context["dossier"].unit == unit_a
    assert "Bí mật của đơn vị B" not in page.content.decode() and unit_b.name not in page.content.decode()
