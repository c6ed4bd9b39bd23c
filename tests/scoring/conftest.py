"""Builders for the scoring tests: accepted dossiers with nominees, and their records."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from awards.models import Document, DocumentKind, DocumentVersion, DossierState
from campaigns.models import Criterion, IndicatorRecord
from tests.factories import DossierFactory, NomineeFactory, StaffFactory, UnitFactory

VN = dt.timezone(dt.timedelta(hours=7))


def accepted_dossier(campaign, unit, *, submitted=None, state=DossierState.ACCEPTED):
    """The unit's dossier (made once), appraised and submitted at `submitted` (15/11/2023 09:00 by default)."""
    submitted = submitted or dt.datetime(2023, 11, 15, 9, 0, tzinfo=VN)
    return DossierFactory(campaign=campaign, unit=unit, state=state, first_submitted_at=submitted, submitted_at=submitted)


def upload_unit_plan(campaign, unit, user, name="ke-hoach.pdf"):
    document, _ = Document.objects.get_or_create(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN)
    number = document.versions.count() + 1
    return DocumentVersion.objects.create(
        document=document, number=number, file=ContentFile(b"%PDF-1.4 ke hoach", name=name), original_name=name,
        content_type="application/pdf", size=17, sha256="0" * 64, uploaded_by=user,
    )


def criterion(campaign, target, order):
    return Criterion.objects.get(campaign=campaign, target=target, order=order)


@pytest.fixture
def unit_c(organisation):
    return UnitFactory(code="BTXH", name="Phòng Bảo trợ xã hội")


@pytest.fixture
def dossier_a(campaign, unit_a):
    return accepted_dossier(campaign, unit_a)


@pytest.fixture
def collective_a(dossier_a):
    return NomineeFactory(dossier=dossier_a)


@pytest.fixture
def person_a(unit_a):
    return StaffFactory(full_name="Đặng Thị Hạnh", unit=unit_a, gender="female")


@pytest.fixture
def individual_a(dossier_a, person_a):
    return NomineeFactory(dossier=dossier_a, staff=person_a)


def full_indicators(unit, year=2023, **overrides):
    values = dict(
        capital_allocated=1_000_000_000, capital_disbursed=1_000_000_000, capital_source="Báo cáo 12/BC-KHTC",
        online_dossiers=62, total_dossiers=100, online_target_percent=50, online_source="Cổng DVC",
        late_dossiers=0, backlog_dossiers=0, has_procedures=True, late_source="Hệ thống một cửa",
        inspection_result="tot", inspection_source="Kết luận kiểm tra 5/KL-SNV",
        ddci_score=70, ddci_score_last=65, ddci_rank=3, ddci_rank_last=5, ddci_assigned=True, ddci_source="QĐ DDCI",
    )
    values.update(overrides)
    record, _ = IndicatorRecord.objects.update_or_create(unit=unit, year=year, defaults=values)
    return record
