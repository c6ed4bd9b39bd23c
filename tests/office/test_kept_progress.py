"""What the dashboard counts per dossier (DossierProgress) is kept by the services in the same transaction as each
change, and never drifts: after every step of a dossier's life, made through the services the pages call, the kept
rows equal a recount from the rows themselves."""

import pytest
from django.core.management import call_command

from awards.models import AwardKind, DossierProgress, Outcome, Result
from awards.services import dossiers
from awards.services.progress import campaign_progress, refresh_progress
from awards.services.rulings import rule_on_result
from tests.portal.conftest import BEFORE_DEADLINE, upload
from tests.portal.helpers import complete_dossier

pytestmark = pytest.mark.django_db

FIELDS = ["dossier_id", "collectives", "individuals", "reports", "has_proposal_letter", "has_council_minutes",
          "results_decided"]


def kept():
    return list(DossierProgress.objects.order_by("dossier_id").values_list(*FIELDS))


def assert_no_drift():
    """The kept rows, then the same rows recounted from scratch: they must be equal."""
    before = kept()
    refresh_progress(DossierProgress.objects.values_list("dossier_id", flat=True))
    assert kept() == before


def row(campaign, unit):
    return next(u for u in campaign_progress(campaign).units if u.unit.pk == unit.pk)


def test_the_services_keep_the_counts_through_a_dossiers_whole_life(campaign, unit_a, head_a, clerk):
    award = AwardKind.objects.get(code="giay-khen-giam-doc")
    now = BEFORE_DEADLINE

    dossier = dossiers.get_or_create_dossier(campaign, unit_a)
    dossiers.add_nominee(dossier, award_kind=award, actor=head_a, now=now)
    assert kept() == [(dossier.pk, 1, 0, 0, False, False, 0)]
    assert row(campaign, unit_a).missing == [
        "Thiếu Văn bản (Tờ trình) đề nghị khen thưởng",
        "Thiếu Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị",
        "Thiếu Báo cáo thành tích của 1 đối tượng",
    ]
    assert_no_drift()

    person = dossiers.add_nominee(dossier, award_kind=award, actor=head_a, staff=head_a.staff, now=now)
    dossiers.upload_dossier_document(dossier, "proposal_letter", upload("to-trinh.pdf"), actor=head_a, now=now)
    dossiers.upload_achievement_report(person, upload("bao-cao.pdf"), actor=head_a, now=now)
    assert kept() == [(dossier.pk, 1, 1, 1, True, False, 0)]
    assert_no_drift()

    dossiers.remove_nominee(person, actor=head_a, now=now)  # its report goes with it
    assert kept() == [(dossier.pk, 1, 0, 0, True, False, 0)]
    assert_no_drift()

    person = dossiers.add_nominee(dossier, award_kind=award, actor=head_a, staff=head_a.staff, now=now)
    dossiers.upload_dossier_document(dossier, "council_minutes", upload("bien-ban.pdf"), actor=head_a, now=now)
    for nominee in dossier.nominees.all():
        dossiers.upload_achievement_report(nominee, upload(f"bao-cao-{nominee.pk}.pdf"), actor=head_a, now=now)
    assert kept() == [(dossier.pk, 1, 1, 2, True, True, 0)]
    assert row(campaign, unit_a).complete
    assert_no_drift()

    dossiers.submit_dossier(dossier, actor=head_a, now=now)
    dossiers.return_dossier(dossier, actor=clerk, reason="Bổ sung biên bản có chữ ký")
    dossiers.upload_dossier_document(dossier, "council_minutes", upload("bien-ban-2.pdf"), actor=head_a, now=now)
    dossiers.submit_dossier(dossier, actor=head_a, now=now)
    assert kept() == [(dossier.pk, 1, 1, 2, True, True, 0)]
    assert_no_drift()

    dossiers.accept_dossier(dossier, actor=clerk)  # the results are computed: what they decide is counted
    results = Result.objects.filter(nominee__dossier=dossier)
    decided = results.exclude(computed=Outcome.NO_DATA).count()
    assert results.count() > decided > 0
    assert kept() == [(dossier.pk, 1, 1, 2, True, True, decided)]
    assert_no_drift()

    waiting = results.filter(computed=Outcome.NO_DATA).first()
    rule_on_result(waiting, actor=clerk, outcome=Outcome.MET, reason="Văn phòng xác nhận", expected_version=waiting.version)
    assert kept() == [(dossier.pk, 1, 1, 2, True, True, decided + 1)]
    withdrawn = Result.objects.get(pk=waiting.pk)
    rule_on_result(withdrawn, actor=clerk, outcome="", reason="", expected_version=withdrawn.version)
    assert kept() == [(dossier.pk, 1, 1, 2, True, True, decided)]
    assert_no_drift()


def test_the_command_rebuilds_counts_written_around_the_services(campaign, unit_a, head_a, capsys):
    award = AwardKind.objects.get(code="giay-khen-giam-doc")
    dossier = complete_dossier(campaign, unit_a, head_a, award)
    right = kept()
    DossierProgress.objects.update(collectives=7, reports=0, has_council_minutes=False)  # drifted by hand

    call_command("refresh_progress")

    assert kept() == right == [(dossier.pk, 1, 0, 1, True, True, 0)]
    assert capsys.readouterr().out == "Đã tính lại tiến độ của 1 hồ sơ.\n"


def test_a_dossier_never_counted_is_counted_from_its_rows_without_writing(campaign, unit_a, head_a):
    award = AwardKind.objects.get(code="giay-khen-giam-doc")
    dossier = complete_dossier(campaign, unit_a, head_a, award)
    DossierProgress.objects.all().delete()  # as a loader writing rows directly leaves it

    assert row(campaign, unit_a).complete  # what the dashboard reads (a GET: it writes nothing)
    assert kept() == []

    call_command("refresh_progress")
    assert kept() == [(dossier.pk, 1, 0, 1, True, True, 0)]
