"""Builders of campaign progress for the office's tests: dossiers in any state, with or without their files,
nominees with or without results. They write rows directly, around the services, then recount what the
dashboard keeps per dossier (`refresh_progress`), as a loader writing rows directly must."""

import itertools

import pytest
from django.core.files.base import ContentFile

from awards.models import (
    AwardKind,
    Document,
    DocumentKind,
    DocumentVersion,
    Dossier,
    Nominee,
    Outcome,
    Registration,
    Result,
)
from awards.services.progress import refresh_progress
from campaigns.models import Criterion, Target
from tests.factories import StaffFactory, UnitFactory

_seq = itertools.count(1)


def upload(campaign, unit, kind, *, by, dossier=None, nominee=None):
    document, _ = Document.objects.get_or_create(
        campaign=campaign, unit=unit, kind=kind, dossier=dossier, nominee=nominee,
    )
    n = document.versions.count() + 1
    return DocumentVersion.objects.create(
        document=document, number=n, file=ContentFile(b"%PDF-1.4 test", name="x.pdf"),
        original_name=f"{kind}.pdf", content_type="application/pdf", size=13, sha256="0" * 64, uploaded_by=by,
    )


@pytest.fixture
def build(campaign, clerk):
    """build(unit, registered=, plan=, state=, nominees=, complete=, scored=): one unit's progress."""
    award = AwardKind.objects.get(code="giay-khen-giam-doc")
    criteria = {t: list(Criterion.objects.filter(campaign=campaign, target=t)) for t in Target.values}

    def _build(unit=None, *, registered=True, plan=True, state=None, nominees=2, complete=True, scored=False,
               no_data=False):
        unit = unit or UnitFactory()
        if registered:
            Registration.objects.create(campaign=campaign, unit=unit, target=Target.COLLECTIVE, award_kind=award)
        if plan:
            upload(campaign, unit, DocumentKind.UNIT_PLAN, by=clerk)
        if state is None:
            return unit
        dossier = Dossier.objects.create(campaign=campaign, unit=unit, state=state)
        people = []
        for i in range(nominees):
            if i == 0:
                people.append(Nominee.objects.create(dossier=dossier, target=Target.COLLECTIVE, unit=unit, award_kind=award))
            else:
                staff = StaffFactory(unit=unit)
                people.append(Nominee.objects.create(dossier=dossier, target=Target.INDIVIDUAL, unit=unit, staff=staff,
                                                     award_kind=award))
        if complete:
            upload(campaign, unit, DocumentKind.PROPOSAL_LETTER, by=clerk, dossier=dossier)
            upload(campaign, unit, DocumentKind.COUNCIL_MINUTES, by=clerk, dossier=dossier)
            for nominee in people:
                upload(campaign, unit, DocumentKind.ACHIEVEMENT_REPORT, by=clerk, dossier=dossier, nominee=nominee)
        if scored or no_data:
            for nominee in people:
                Result.objects.bulk_create([
                    Result(nominee=nominee, criterion=c, computed=Outcome.NO_DATA if no_data else Outcome.MET)
                    for c in criteria[nominee.target]
                ])
        refresh_progress([dossier])
        return unit

    return _build
