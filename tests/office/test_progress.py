"""The progress of each unit: every stage decided from the data, the units at risk, the days left in Vietnam
time, in a number of queries that does not grow with the campaign.

These tests write rows directly (tests/office/conftest.py) and read the progress as counted afresh from them
(`counted`); that the services keep the counts without a recount is tests/office/test_kept_progress.py."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards.models import DeadlineExtension, Document, DocumentKind, Dossier, DossierState, Nominee, Outcome, Result
from awards.services.dossiers import dossier_checklist
from awards.services.progress import campaign_progress, refresh_progress, vietnam_today
from tests.factories import UnitFactory
from tests.office.conftest import upload

pytestmark = pytest.mark.django_db

FLAGS = ["registered", "plan_on_file", "complete", "submitted", "returned", "accepted", "scored"]


def counted(campaign, **kwargs):
    """The progress after a recount of every dossier from its rows (the tests write rows around the services)."""
    refresh_progress(Dossier.objects.filter(campaign=campaign))
    return campaign_progress(campaign, **kwargs)


def flags(progress):
    return {u.unit.code: tuple(f for f in FLAGS if getattr(u, f)) for u in progress.units}


def test_each_unit_is_placed_at_every_stage_it_has_reached(campaign, build, office_unit):
    build(UnitFactory(code="U1"), registered=False, plan=False)
    build(UnitFactory(code="U2"), plan=False)
    build(UnitFactory(code="U3"), state=DossierState.DRAFT, complete=False)
    build(UnitFactory(code="U4"), state=DossierState.DRAFT)
    build(UnitFactory(code="U5"), state=DossierState.SUBMITTED)
    build(UnitFactory(code="U6"), state=DossierState.RETURNED)
    build(UnitFactory(code="U7"), state=DossierState.ACCEPTED)
    build(UnitFactory(code="U8"), state=DossierState.ACCEPTED, scored=True)

    progress = counted(campaign, today=dt.date(2023, 11, 1))

    assert flags(progress) == {
        "VP": (),
        "U1": (),
        "U2": ("registered",),
        "U3": ("registered", "plan_on_file"),
        "U4": ("registered", "plan_on_file", "complete"),
        "U5": ("registered", "plan_on_file", "complete", "submitted"),
        "U6": ("registered", "plan_on_file", "complete", "submitted", "returned"),
        "U7": ("registered", "plan_on_file", "complete", "submitted", "accepted"),
        "U8": ("registered", "plan_on_file", "complete", "submitted", "accepted", "scored"),
    }
    assert [(key, count) for key, _, count, _ in progress.totals] == [
        ("registered", 7), ("plan_on_file", 6), ("complete", 5), ("submitted", 4), ("returned", 1),
        ("accepted", 2), ("scored", 1),
    ]
    assert progress.total == 9


def test_a_dossier_is_complete_only_with_letter_minutes_and_a_report_per_nominee(campaign, build, clerk):

    unit = build(UnitFactory(code="U1"), state=DossierState.DRAFT, nominees=3, complete=False)
    dossier = unit.dossiers.get()
    row = lambda: next(u for u in counted(campaign).units if u.unit.code == "U1")  # noqa: E731

    assert row().missing == [
        "Thiếu Văn bản (Tờ trình) đề nghị khen thưởng",
        "Thiếu Biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị",
        "Thiếu Báo cáo thành tích của 3 đối tượng",
    ]
    upload(campaign, unit, DocumentKind.PROPOSAL_LETTER, by=clerk, dossier=dossier)
    upload(campaign, unit, DocumentKind.COUNCIL_MINUTES, by=clerk, dossier=dossier)
    nominees = list(Nominee.objects.filter(dossier=dossier))
    for nominee in nominees[:2]:
        upload(campaign, unit, DocumentKind.ACHIEVEMENT_REPORT, by=clerk, dossier=dossier, nominee=nominee)
    # A slot with no file uploaded yet does not count.
    Document.objects.create(campaign=campaign, unit=unit, kind=DocumentKind.ACHIEVEMENT_REPORT, dossier=dossier,
                            nominee=nominees[2])
    assert row().missing == ["Thiếu Báo cáo thành tích của 1 đối tượng"]
    assert not row().complete

    upload(campaign, unit, DocumentKind.ACHIEVEMENT_REPORT, by=clerk, dossier=dossier, nominee=nominees[2])
    assert row().missing == []
    assert row().complete


def test_a_dossier_without_nominees_is_not_complete(campaign, build):
    build(UnitFactory(code="U1"), state=DossierState.DRAFT, nominees=0)

    row = next(u for u in counted(campaign).units if u.unit.code == "U1")

    assert (row.unit.code, row.complete, row.missing) == ("U1", False, ["Chưa có đối tượng đề nghị khen thưởng"])


def test_scored_needs_a_decided_result_on_every_criterion_and_no_data_is_not_decided(campaign, build, clerk):
    unit = build(UnitFactory(code="U1"), state=DossierState.ACCEPTED, nominees=2, no_data=True)
    row = lambda: next(u for u in counted(campaign).units if u.unit.code == "U1")  # noqa: E731
    assert (row().results_decided, row().results_expected, row().scored) == (0, 12 + 5, False)

    results = Result.objects.filter(nominee__dossier__unit=unit)
    results.exclude(pk=results.first().pk).update(computed=Outcome.NOT_APPLICABLE)
    assert (row().results_decided, row().scored) == (16, False)

    # The office decides the last one by an override: now every criterion is decided.
    results.filter(computed=Outcome.NO_DATA).update(override=Outcome.MET, override_reason="Xác nhận", override_by=clerk)
    assert (row().results_decided, row().scored) == (17, True)

    # An override back to "no data yet" undoes it.
    results.filter(override=Outcome.MET).update(override=Outcome.NO_DATA)
    assert row().scored is False


def test_units_that_submitted_nothing_are_at_risk_from_seven_days_before_the_deadline(campaign, build):
    build(UnitFactory(code="U1"), state=DossierState.DRAFT)
    build(UnitFactory(code="U2"), state=DossierState.RETURNED)
    build(UnitFactory(code="U3"))

    def at_risk(day):
        return [u.unit.code for u in counted(campaign, today=day).at_risk]

    assert at_risk(dt.date(2023, 11, 12)) == []                     # 8 days left
    assert at_risk(dt.date(2023, 11, 13)) == ["U1", "U3", "VP"]     # 7 days left: nothing submitted
    assert at_risk(dt.date(2023, 11, 21)) == ["U1", "U3", "VP"]     # past the deadline, still nothing


def test_an_extension_moves_the_units_deadline_and_its_risk(campaign, build, clerk):
    unit = build(UnitFactory(code="U1"))
    DeadlineExtension.objects.create(
        campaign=campaign, unit=unit, until=dt.datetime(2023, 11, 30, 23, 59, 59, tzinfo=timezone.get_current_timezone()),
        reason="Đơn vị mới sáp nhập", granted_by=clerk,
    )
    progress = counted(campaign, today=dt.date(2023, 11, 20))
    row = next(u for u in progress.units if u.unit.code == "U1")

    assert (row.deadline, row.extended, row.days_left, row.at_risk) == (dt.date(2023, 11, 30), True, 10, False)
    assert [u.unit.code for u in progress.at_risk] == ["VP"]


def test_days_left_count_vietnam_dates_not_utc_dates(campaign):
    # 17:30 UTC on 19/11 is already 00:30 on 20/11 in Vietnam: the deadline is today, not tomorrow.
    today = vietnam_today(dt.datetime(2023, 11, 19, 17, 30, tzinfo=dt.timezone.utc))
    progress = counted(campaign, today=today)

    assert today == dt.date(2023, 11, 20)
    assert [(d.label, d.date, d.days_left, d.days_label) for d in progress.deadlines] == [
        ("Kết thúc đợt thi đua", dt.date(2023, 11, 29), 9, "còn 9 ngày"),
        ("Hạn nộp hồ sơ đề nghị khen thưởng", dt.date(2023, 11, 20), 0, "hạn cuối là hôm nay"),
        ("Hạn trình khen thưởng", dt.date(2023, 12, 15), 25, "còn 25 ngày"),
    ]
    assert vietnam_today(dt.datetime(2023, 11, 19, 16, 59, tzinfo=dt.timezone.utc)) == dt.date(2023, 11, 19)


def _queries(campaign):
    with CaptureQueriesContext(connection) as ctx:
        progress = campaign_progress(campaign, today=dt.date(2023, 11, 15))
        [(u.complete, u.scored, u.at_risk, u.missing) for u in progress.units]
    return len(ctx)


def test_progress_takes_the_same_number_of_queries_for_one_unit_and_for_many(campaign, build):
    build(UnitFactory(), state=DossierState.ACCEPTED, scored=True)
    one = _queries(campaign)
    for state in [DossierState.DRAFT, DossierState.SUBMITTED, DossierState.RETURNED, DossierState.ACCEPTED] * 3:
        build(UnitFactory(), state=state, nominees=3, scored=True)
    build(UnitFactory(), registered=False, plan=False)

    assert _queries(campaign) == one == 1


def test_completeness_agrees_with_the_unit_portals_checklist(campaign, build, clerk):

    build(UnitFactory(code="U1"), state=DossierState.DRAFT)
    build(UnitFactory(code="U2"), state=DossierState.DRAFT, complete=False)
    build(UnitFactory(code="U3"), state=DossierState.DRAFT, nominees=0)
    build(UnitFactory(code="U4"), state=DossierState.DRAFT, nominees=4)
    Document.objects.get(dossier__unit__code="U4", kind=DocumentKind.ACHIEVEMENT_REPORT,
                         nominee=Dossier.objects.get(unit__code="U4").nominees.last()).versions.all().delete()
    build(UnitFactory(code="U5"), state=DossierState.DRAFT, nominees=1)
    Document.objects.get(dossier__unit__code="U5", kind=DocumentKind.COUNCIL_MINUTES).versions.all().delete()

    ours = {u.unit.code: u.complete for u in counted(campaign).units if u.dossier_id}
    theirs = {d.unit.code: all(item.done for item in dossier_checklist(d)) for d in Dossier.objects.select_related("unit")}

    assert ours == theirs == {"U1": True, "U2": False, "U3": False, "U4": False, "U5": False}
