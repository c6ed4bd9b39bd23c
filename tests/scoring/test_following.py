"""Automatic results follow the services that change what they read: accepting a dossier gives its nominees
their results; uploading the unit's plan decides collective criterion 3."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards.models import Outcome, Result
from awards.services.dossiers import accept_dossier, upload_unit_plan
from tests.factories import NomineeFactory
from tests.scoring.conftest import VN, accepted_dossier

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def test_accepting_a_dossier_computes_its_nominees_results_and_a_plan_upload_decides_criterion_3(campaign, unit_a, clerk, head_a):
    dossier = accepted_dossier(campaign, unit_a, state="submitted")
    nominee = NomineeFactory(dossier=dossier)
    assert not Result.objects.exists()

    accept_dossier(dossier, actor=clerk, notify=False)
    plan = Result.objects.get(nominee=nominee, criterion__order=3)
    assert (Result.objects.filter(nominee=nominee).count(), plan.computed) == (12, Outcome.NOT_MET)

    upload_unit_plan(campaign, unit_a, SimpleUploadedFile("KH-NCC.pdf", PDF, content_type="application/pdf"),
                     actor=head_a, now=dt.datetime(2023, 11, 1, 9, 0, tzinfo=VN))
    plan.refresh_from_db()
    assert (plan.computed, plan.computed_reason) == (Outcome.MET, "Kế hoạch phát động thi đua của đơn vị đã có trong hồ sơ → Đạt")
    assert plan.evidence.startswith("Kế hoạch phát động thi đua của đơn vị: KH-NCC.pdf (phiên bản 1")
