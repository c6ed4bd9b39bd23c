"""Every admin changelist and change page opens for a superuser, in a number of queries that does not grow
from 1 to 3 rows."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.models import DocumentKind
from tests.admin_rows import make_rows
from tests.factories import DocumentFactory, DocumentVersionFactory, NomineeFactory, ResultFactory, StaffFactory
from tests.urls import reverse

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_admin_changelist_and_change_page_open_with_flat_queries(client, superuser, model, campaign):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    rows = make_rows(model, 1)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    make_rows(model, 2)
    assert model.objects.count() >= 3
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert response.status_code == 200
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]

    change = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[rows[0].pk])
    response = client.get(change)
    assert response.status_code == 200


def _units_with_proposals(count):
    """`count` units, each with its collective and one person proposed, a result for each, and three documents:
    the dossier's letter and each nominee's achievement report. The person of the last unit, for asserting."""
    for _ in range(count):
        collective = NomineeFactory()
        person = NomineeFactory(dossier=collective.dossier, staff=StaffFactory(unit=collective.unit))
        for nominee in (collective, person):
            ResultFactory(nominee=nominee)
            DocumentVersionFactory(document=DocumentFactory(dossier=nominee.dossier, nominee=nominee,
                                                            kind=DocumentKind.ACHIEVEMENT_REPORT))
        DocumentVersionFactory(document=DocumentFactory(dossier=collective.dossier))
    return person


@pytest.mark.django_db
def test_the_nominee_result_and_document_lists_read_one_row_or_a_full_page_in_the_same_queries(client, superuser, campaign):
    client.force_login(superuser)
    lists = ["admin:awards_nominee_changelist", "admin:awards_result_changelist", "admin:awards_documentversion_changelist"]

    def queries():
        counted = []
        for name in lists:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse(name))
            assert response.status_code == 200
            counted.append(len(captured))
        return counted, [client.get(reverse(name)).content.decode() for name in lists]

    _units_with_proposals(1)
    few, _ = queries()
    person = _units_with_proposals(30)  # 60 nominees and results, 90 documents: more than a page of 50
    many, (nominees, results, documents) = queries()

    assert many == few
    # What the second query reads is shown: each row's dossier, nominee and document by name.
    assert f"<td class=\"field-dossier nowrap\">Hồ sơ {person.unit.name}</td>" in nominees
    assert f"{person.staff.full_name}</a></th>" in results
    assert f"<td class=\"field-document nowrap\">Báo cáo thành tích – {person.staff.full_name}</td>" in documents
