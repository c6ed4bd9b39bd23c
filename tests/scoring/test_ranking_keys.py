"""The ranking orders on keys kept beside each nominee's score (the name, the person's gender, the unit's share of
women, the dossier's first submission), so that a page is read without joining 20,000 staff. Whatever changes
where they come from (a save, the Excel import of the organisation, a correction of the submission time), the
ranking reads as it would from the live rows."""

import datetime as dt
from decimal import Decimal

import pytest

from awards.models import Dossier, NomineeScore
from awards.services.ranking import Ranking
from awards.services.scores import refresh_ranking_keys
from campaigns.excel.importers import import_org
from campaigns.models import Staff
from tests.excel.conftest import STAFF_HEADERS, UNIT_HEADERS, xlsx
from tests.scoring.test_ranking import at, collective, individual

pytestmark = pytest.mark.django_db


def ranking(campaign, target):
    """What the ranking page reads: (name, rank, share of women, tie note) of every row, in order."""
    return [(r.nominee.name, r.rank, r.women_percent, r.tie_note) for r in Ranking(campaign, target=target).all()]


def staff_row(person, **over):
    row = {"code": person.code, "name": person.full_name, "gender": "Nữ" if person.gender == "female" else "Nam",
           "dob": "05/12/1980", "position": "Chuyên viên", "category": "Công chức", "unit": person.unit.code,
           "email": "", "active": "Có"}
    row.update(over)
    return list(row.values())


def test_a_staff_members_new_gender_and_name_move_their_nomination(campaign):
    individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(1))
    lan = individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(14))
    assert [row[:2] for row in ranking(campaign, "individual")] == [("Phạm Thị Lan", 1), ("Lê Văn Hùng", 2)]

    person = lan.staff
    person.gender, person.full_name = "male", "Phạm Văn Lân"  # a record corrected in the admin
    person.save()

    assert ranking(campaign, "individual") == [
        ("Lê Văn Hùng", 1, None, ""),
        ("Phạm Văn Lân", 2, None, "Cùng 100 điểm với «Lê Văn Hùng»; phân định theo quy tắc hồ sơ nộp sớm hơn: hồ sơ "
                                  "của «Lê Văn Hùng» nộp lúc 09:00 01/11/2023"),
    ]


def test_a_units_share_of_women_follows_its_staff_moving_leaving_and_joining(campaign):
    many = collective(campaign, "Phòng Nhiều nữ", submitted=at(14), women=7, men=3)
    half = collective(campaign, "Phòng Nửa nữ", submitted=at(1), women=2, men=2)
    assert [row[:3] for row in ranking(campaign, "collective")] == [
        ("Phòng Nhiều nữ", 1, Decimal("70.00")), ("Phòng Nửa nữ", 2, Decimal("50.00")),
    ]

    woman = Staff.objects.filter(unit=many.unit, gender="female").order_by("pk").first()
    woman.unit = half.unit  # moved: 6 of 9 and 3 of 5, neither 70 %, so the earlier submission first
    woman.save()
    assert ranking(campaign, "collective") == [
        ("Phòng Nửa nữ", 1, Decimal("60.00"), ""),
        ("Phòng Nhiều nữ", 2, Decimal("66.67"), "Cùng 100 điểm với «Phòng Nửa nữ»; phân định theo quy tắc hồ sơ nộp "
                                                 "sớm hơn: hồ sơ của «Phòng Nửa nữ» nộp lúc 09:00 01/11/2023"),
    ]

    for man in Staff.objects.filter(unit=half.unit, gender="male"):
        man.active = False  # left: 3 of 3 women among those still working there
        man.save()
    Staff.objects.create(code="NEW1", full_name="Đặng Thị Thu", gender="female", unit=many.unit)  # 7 of 10 again
    assert [row[:3] for row in ranking(campaign, "collective")] == [  # both at least 70 %: the earlier submission
        ("Phòng Nửa nữ", 1, Decimal("100.00")), ("Phòng Nhiều nữ", 2, Decimal("70.00")),
    ]


def test_a_renamed_unit_and_a_corrected_submission_time_reorder_the_ranking(campaign):
    first = collective(campaign, "Phòng A", submitted=at(10))
    collective(campaign, "Phòng B", submitted=at(11))
    assert [row[:2] for row in ranking(campaign, "collective")] == [("Phòng A", 1), ("Phòng B", 2)]

    dossier = Dossier.objects.get(pk=first.dossier_id)
    dossier.first_submitted_at = at(12)  # the clerk's correction
    dossier.save()
    unit = first.unit
    unit.name = "Phòng Tổ chức"
    unit.save()

    assert [row[:2] for row in ranking(campaign, "collective")] == [("Phòng B", 1), ("Phòng Tổ chức", 2)]


def test_the_organisation_import_brings_the_ranking_in_line(campaign):
    hung = individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(1))
    individual(campaign, "Phạm Văn Lâm", gender="male", submitted=at(14))
    many = collective(campaign, "Phòng Nhiều nữ", submitted=at(14), women=7, men=3)
    collective(campaign, "Phòng Ít nữ", submitted=at(1), women=1, men=3)
    woman = Staff.objects.filter(unit=many.unit, gender="female").order_by("pk").first()

    # Written in bulk, past the models' signals: Lê Văn Hùng was a woman, Lê Thị Hồng; a woman of Phòng Nhiều nữ
    # works in Phòng Ít nữ now (6 of 9 women against 2 of 5).
    report = import_org(xlsx({"Đơn vị": [UNIT_HEADERS], "Cán bộ": [
        STAFF_HEADERS,
        staff_row(hung.staff, name="Lê Thị Hồng", gender="Nữ"),
        staff_row(woman, unit=Staff.objects.get(unit__name="Phòng Ít nữ", gender="female").unit.code),
    ]}))
    assert report.errors == [] and report.applied

    assert [row[:2] for row in ranking(campaign, "individual")] == [("Lê Thị Hồng", 1), ("Phạm Văn Lâm", 2)]
    assert [row[:3] for row in ranking(campaign, "collective")] == [
        ("Phòng Ít nữ", 1, Decimal("40.00")), ("Phòng Nhiều nữ", 2, Decimal("66.67")),
    ]


def test_scores_kept_before_the_keys_are_scored_again_when_the_ranking_meets_them(campaign):
    individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(1))
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(14))
    collective(campaign, "Phòng Nửa nữ", submitted=at(1), women=2, men=2)
    collective(campaign, "Phòng Nhiều nữ", submitted=at(14), women=7, men=3)
    before = (ranking(campaign, "individual"), ranking(campaign, "collective"))

    # As migration 0012 leaves the rows of an upgraded database: no keys, and marked to be scored again.
    NomineeScore.objects.update(shortfalls=None, name="", gender="", women_percent=None, submitted_at=None)

    assert (ranking(campaign, "individual"), ranking(campaign, "collective")) == before
    assert not NomineeScore.objects.filter(name="").exists()
    assert before[0][0][:2] == ("Phạm Thị Lan", 1) and before[1][0][:3] == ("Phòng Nhiều nữ", 1, Decimal("70.00"))


def test_the_kept_submission_time_is_the_dossiers(campaign):
    nominee = individual(campaign, "Lê Văn Hùng", submitted=dt.datetime(2023, 11, 3, 7, 45, 12, tzinfo=dt.UTC))
    kept = NomineeScore.objects.get(nominee=nominee)
    assert (kept.name, kept.gender, kept.women_percent, kept.submitted_at) == (
        "Lê Văn Hùng", "male", None, dt.datetime(2023, 11, 3, 7, 45, 12, tzinfo=dt.UTC),
    )


def test_an_import_of_tens_of_thousands_of_people_is_brought_in_line_in_batches(campaign):
    lan = individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(1))
    person = lan.staff
    Staff.objects.filter(pk=person.pk).update(full_name="Phạm Thị Lan Anh")  # written in bulk, past the signals

    # 40,000 ids in one list: more than SQLite takes as parameters of one query.
    refresh_ranking_keys(staff=[*range(10**6, 10**6 + 40_000), person.pk], units=[person.unit_id])

    assert [row[:2] for row in ranking(campaign, "individual")] == [("Phạm Thị Lan Anh", 1)]
