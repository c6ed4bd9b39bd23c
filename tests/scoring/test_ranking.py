"""Eligibility, score with weights, the tie rules of the campaign, the quota line, and Bằng khen of UBND tỉnh."""

import datetime as dt
from decimal import Decimal

import pytest

from awards.models import Outcome, Result
from awards.services.bang_khen import bang_khen_eligibility
from awards.services.ranking import Ranking, rank_nominees
from awards.services.recompute import recompute_results
from awards.services.rulings import rule_on_result
from campaigns import scope
from campaigns.models import AnnualRating, CampaignStatus, Criterion, Initiative
from tests.factories import CampaignFactory, NomineeFactory, StaffFactory, UnitFactory
from tests.scoring.conftest import VN, accepted_dossier

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return dt.datetime(2023, 11, day, hour, 0, tzinfo=VN)


def outcomes(nominee, default=Outcome.MET, **by_order):
    """Give the nominee's results these computed outcomes (criterion order → outcome), default for the rest."""
    recompute_results(nominees=[nominee])
    for r in Result.objects.filter(nominee=nominee).select_related("criterion"):
        r.computed = by_order.get(f"c{r.criterion.order}", default)
        r.save(update_fields=["computed"])
    return nominee


def collective(campaign, name, *, submitted=at(15), women=0, men=1, **by_order):
    unit = UnitFactory(name=name)
    for i in range(women):
        StaffFactory(unit=unit, gender="female")
    for i in range(men):
        StaffFactory(unit=unit, gender="male")
    return outcomes(NomineeFactory(dossier=accepted_dossier(campaign, unit, submitted=submitted)), **by_order)


def individual(campaign, name, *, gender="male", submitted=at(15), unit=None, award="giay-khen-giam-doc", **by_order):
    unit = unit or UnitFactory(name=f"Đơn vị của {name}")
    person = StaffFactory(full_name=name, unit=unit, gender=gender)
    return outcomes(NomineeFactory(dossier=accepted_dossier(campaign, unit, submitted=submitted), staff=person, award=award), **by_order)


def set_criterion(campaign, target, order, **values):
    """Change a criterion through its save (as the admin and the weights page do), so that the kept scores follow."""
    criterion = Criterion.objects.get(campaign=campaign, target=target, order=order)
    for name, value in values.items():
        setattr(criterion, name, value)
    criterion.save()


def table(ranked):
    return [(r.nominee.name, r.score, r.eligible, r.rank, r.within_quota) for r in ranked]


def test_score_is_the_weighted_share_of_applicable_criteria_met_and_not_applicable_never_counts_against(campaign):
    set_criterion(campaign, "collective", 6, mandatory=False)
    full = collective(campaign, "Phòng Đủ", submitted=at(10))
    short = collective(campaign, "Phòng Thiếu giải ngân", submitted=at(11), c6=Outcome.NOT_MET)
    na = collective(campaign, "Phòng Không có vốn", submitted=at(12), c6=Outcome.NOT_APPLICABLE)

    assert table(rank_nominees(campaign, target="collective")) == [
        ("Phòng Đủ", Decimal("100.00"), True, 1, True),
        ("Phòng Không có vốn", Decimal("100.00"), True, 2, True),
        ("Phòng Thiếu giải ngân", Decimal("91.67"), True, 3, True),
    ]
    set_criterion(campaign, "collective", 6, weight=3)
    ranked = rank_nominees(campaign, target="collective")
    assert [r.score for r in ranked] == [Decimal("100.00"), Decimal("100.00"), Decimal("78.57")]  # 11 of 14
    assert (full, na, short) == tuple(r.nominee for r in ranked)


def test_a_mandatory_criterion_not_met_or_without_data_makes_a_nominee_ineligible(campaign):
    collective(campaign, "Phòng Tốt")
    collective(campaign, "Phòng Trễ hẹn", c9=Outcome.NOT_MET)
    collective(campaign, "Phòng Chưa xác nhận", c2=Outcome.NO_DATA)
    ranked = rank_nominees(campaign, target="collective")
    assert [(r.nominee.name, r.eligible, r.rank, r.missing) for r in ranked] == [
        ("Phòng Tốt", True, 1, []),
        ("Phòng Chưa xác nhận", False, None, ["2. Thực hiện tốt Kế hoạch CCHC của tỉnh và Sở: chưa có số liệu / chưa xác nhận"]),
        ("Phòng Trễ hẹn", False, None, ["9. Không có hồ sơ TTHC trễ hẹn, tồn đọng: không đạt"]),
    ]
    assert [r.within_quota for r in ranked] == [True, False, False]


def test_an_override_ruling_decides_eligibility_not_the_computed_outcome(campaign, clerk):
    n = collective(campaign, "Phòng Được xem xét lại", c6=Outcome.NOT_MET)
    assert rank_nominees(campaign, target="collective")[0].eligible is False
    r = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=n, criterion__order=6)
    rule_on_result(r, actor=clerk, outcome=Outcome.MET, reason="Vốn bị thu hồi theo QĐ 99/QĐ-UBND", expected_version=r.version)
    assert rank_nominees(campaign, target="collective")[0].eligible is True


def test_nd98_women_first_among_individuals_with_the_same_score(campaign):
    individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(1))
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(14))
    ranked = rank_nominees(campaign, target="individual")
    assert [(r.nominee.name, r.rank) for r in ranked] == [("Phạm Thị Lan", 1), ("Lê Văn Hùng", 2)]
    assert ranked[0].tie_note == ""
    assert ranked[1].tie_note == (
        "Cùng 100 điểm với «Phạm Thị Lan»; phân định theo quy tắc ưu tiên nữ (NĐ 98/2023/NĐ-CP Điều 4): «Phạm Thị Lan» là nữ"
    )


def test_nd98_collectives_with_at_least_70_percent_women_first(campaign):
    collective(campaign, "Phòng Nửa nữ", submitted=at(1), women=2, men=2)
    collective(campaign, "Phòng Nhiều nữ", submitted=at(14), women=7, men=3)
    ranked = rank_nominees(campaign, target="collective")
    assert [(r.nominee.name, r.rank, r.women_percent) for r in ranked] == [
        ("Phòng Nhiều nữ", 1, Decimal("70.00")), ("Phòng Nửa nữ", 2, Decimal("50.00")),
    ]
    assert ranked[1].tie_note == (
        "Cùng 100 điểm với «Phòng Nhiều nữ»; phân định theo quy tắc ưu tiên tập thể có từ 70% nữ "
        "(NĐ 98/2023/NĐ-CP Điều 4): «Phòng Nhiều nữ» có 70% nữ"
    )


def test_women_share_counts_active_staff_only(campaign):
    n = collective(campaign, "Phòng Có người nghỉ", women=2, men=1)
    StaffFactory(unit=n.unit, gender="male", active=False)
    assert rank_nominees(campaign, target="collective")[0].women_percent == Decimal("66.67")


def test_then_the_earlier_submission(campaign):
    individual(campaign, "Trần Văn Sơn", submitted=at(18, 16))
    individual(campaign, "Đỗ Văn Tâm", submitted=at(18, 8))
    ranked = rank_nominees(campaign, target="individual")
    assert [(r.nominee.name, r.rank) for r in ranked] == [("Đỗ Văn Tâm", 1), ("Trần Văn Sơn", 2)]
    assert ranked[1].tie_note == (
        "Cùng 100 điểm với «Đỗ Văn Tâm»; phân định theo quy tắc hồ sơ nộp sớm hơn: hồ sơ của «Đỗ Văn Tâm» nộp lúc 08:00 18/11/2023"
    )


def test_the_submission_rule_ignores_gender(campaign):
    campaign.tie_break_rule = "submission"
    campaign.save()
    individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(1))
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(14))
    ranked = rank_nominees(campaign, target="individual")
    assert [(r.nominee.name, r.rank) for r in ranked] == [("Lê Văn Hùng", 1), ("Phạm Thị Lan", 2)]
    assert "hồ sơ nộp sớm hơn" in ranked[1].tie_note


def test_nominees_the_rule_cannot_separate_share_a_rank_and_the_page_says_so(campaign):
    unit = UnitFactory(name="Phòng Chung")
    individual(campaign, "Võ Văn An", unit=unit)
    individual(campaign, "Võ Văn Bình", unit=unit)
    ranked = rank_nominees(campaign, target="individual")
    assert [(r.nominee.name, r.rank) for r in ranked] == [("Võ Văn An", 1), ("Võ Văn Bình", 1)]
    assert ranked[1].tie_note.endswith("không phân định được: cùng hạng, Hội đồng xem xét")


def test_score_beats_the_tie_rules(campaign):
    set_criterion(campaign, "individual", 4, mandatory=False)
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(1), c4=Outcome.NOT_MET)
    individual(campaign, "Lê Văn Hùng", gender="male", submitted=at(14))
    ranked = rank_nominees(campaign, target="individual")
    assert [(r.nominee.name, r.rank, r.score, r.tie_note) for r in ranked] == [
        ("Lê Văn Hùng", 1, Decimal("100.00"), ""), ("Phạm Thị Lan", 2, Decimal("80.00"), ""),
    ]


def test_the_quota_line_five_collectives_for_the_2023_giay_khen(campaign):
    for day in range(1, 8):
        collective(campaign, f"Phòng {day}", submitted=at(day))
    collective(campaign, "Phòng Không đủ", submitted=at(9), c1=Outcome.NOT_MET)
    ranked = rank_nominees(campaign, target="collective")
    assert [(r.nominee.name, r.rank, r.within_quota) for r in ranked] == [
        ("Phòng 1", 1, True), ("Phòng 2", 2, True), ("Phòng 3", 3, True), ("Phòng 4", 4, True), ("Phòng 5", 5, True),
        ("Phòng 6", 6, False), ("Phòng 7", 7, False), ("Phòng Không đủ", None, False),
    ]


def test_a_closed_campaign_still_shows_who_ranked_where(campaign):
    for day in range(1, 3):
        collective(campaign, f"Phòng {day}", submitted=at(day))
    collective(campaign, "Phòng Không đủ", submitted=at(9), c1=Outcome.NOT_MET)
    before = table(rank_nominees(campaign, target="collective"))
    campaign.status = CampaignStatus.CLOSED  # as close_campaign leaves it, its results frozen
    campaign.save(update_fields=["status"])
    assert table(rank_nominees(campaign, target="collective")) == before == [
        ("Phòng 1", Decimal("100.00"), True, 1, True), ("Phòng 2", Decimal("100.00"), True, 2, True),
        ("Phòng Không đủ", before[2][1], False, None, False),
    ]


def test_an_award_without_a_quota_takes_every_eligible_nominee(campaign):
    for i in range(7):
        collective(campaign, f"Phòng {i}", submitted=at(i + 1))
    campaign.awards.filter(target="collective", award_kind__code="giay-khen-giam-doc").update(quota=None)
    assert all(r.within_quota for r in rank_nominees(campaign, target="collective"))


# --- Bằng khen UBND tỉnh

def history(subject, years_ratings, initiatives=()):
    field = "staff" if hasattr(subject, "full_name") else "unit"
    for year, rating in years_ratings.items():
        AnnualRating.objects.create(**{field: subject}, year=year, rating=rating)
    for year, title in initiatives:
        Initiative.objects.create(**{field: subject}, year=year, title=title, decision_ref=f"{year % 100}/QĐ-HĐSK")


@pytest.fixture
def person(campaign, unit_a):
    staff = StaffFactory(full_name="Huỳnh Thị Yến", unit=unit_a, gender="female")
    return NomineeFactory(dossier=accepted_dossier(campaign, unit_a), staff=staff, award="bang-khen-ubnd-tinh")


def test_bang_khen_individual_one_year_of_htxsnv_is_not_enough(person):
    history(person.staff, {2022: "HTTNV", 2023: "HTXSNV"}, [(2023, "A"), (2023, "B")])
    assert bang_khen_eligibility(person, year=2023) == (
        False, "Cá nhân chỉ Hoàn thành xuất sắc nhiệm vụ năm 2023 (năm 2022: Hoàn thành tốt nhiệm vụ); cần 2 năm liên tục → Chưa đủ điều kiện",
    )


def test_bang_khen_individual_two_years_with_one_initiative_is_not_enough(person):
    history(person.staff, {2022: "HTXSNV", 2023: "HTXSNV"}, [(2023, "Số hóa hồ sơ"), (2021, "Cũ, ngoài thời gian")])
    assert bang_khen_eligibility(person, year=2023) == (
        False,
        "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023) nhưng chỉ có 1 sáng kiến được công nhận trong thời "
        "gian này: «Số hóa hồ sơ» (2023, 23/QĐ-HĐSK); cần 2 sáng kiến → Chưa đủ điều kiện",
    )


def test_bang_khen_individual_two_years_with_two_initiatives(person):
    history(person.staff, {2022: "HTXSNV", 2023: "HTXSNV"}, [(2022, "Mã QR tra cứu"), (2023, "Số hóa hồ sơ")])
    assert bang_khen_eligibility(person, year=2023) == (
        True,
        "Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023); 2 sáng kiến được công nhận trong thời gian này: "
        "«Mã QR tra cứu» (2022, 22/QĐ-HĐSK); «Số hóa hồ sơ» (2023, 23/QĐ-HĐSK) → Đủ điều kiện",
    )


def test_bang_khen_individual_three_years_counts_initiatives_of_all_three(person):
    history(person.staff, {2020: "HTTNV", 2021: "HTXSNV", 2022: "HTXSNV", 2023: "HTXSNV"}, [(2021, "Một cửa"), (2023, "Số hóa")])
    ok, reason = bang_khen_eligibility(person, year=2023)
    assert ok is True
    assert reason.startswith("Hoàn thành xuất sắc nhiệm vụ 3 năm liên tục (2021, 2022, 2023); 2 sáng kiến")


def test_bang_khen_run_must_end_in_the_campaign_year(person):
    history(person.staff, {2021: "HTXSNV", 2022: "HTXSNV", 2023: "HTTNV"}, [(2021, "A"), (2022, "B")])
    assert bang_khen_eligibility(person, year=2023) == (
        False, "Cá nhân năm 2023: Hoàn thành tốt nhiệm vụ; cần Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục → Chưa đủ điều kiện",
    )


def test_bang_khen_collective_needs_two_consecutive_years(campaign, unit_a, unit_b):
    one = NomineeFactory(dossier=accepted_dossier(campaign, unit_a), award="bang-khen-ubnd-tinh")
    two = NomineeFactory(dossier=accepted_dossier(campaign, unit_b), award="bang-khen-ubnd-tinh")
    history(unit_a, {2022: "HTTNV", 2023: "HTXSNV"})
    history(unit_b, {2022: "HTXSNV", 2023: "HTXSNV"})
    assert bang_khen_eligibility(one, year=2023) == (
        False, "Tập thể chỉ Hoàn thành xuất sắc nhiệm vụ năm 2023 (năm 2022: Hoàn thành tốt nhiệm vụ); cần 2 năm liên tục → Chưa đủ điều kiện",
    )
    assert bang_khen_eligibility(two, year=2023) == (
        True, "Tập thể Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục (2022, 2023) → Đủ điều kiện",
    )
    outcomes(one), outcomes(two)
    ranked = rank_nominees(campaign, target="collective", award_kind="bang-khen-ubnd-tinh")
    assert [(r.nominee.unit.name, r.eligible, r.rank, r.within_quota) for r in ranked] == [
        ("Trung tâm Dịch vụ việc làm", True, 1, True), ("Phòng Người có công", False, None, False),
    ]
    assert ranked[1].missing == [ranked[1].bang_khen_reason]
    # The Giấy khen ranking does not list the Bằng khen nominees.
    assert rank_nominees(campaign, target="collective") == []


@pytest.mark.parametrize("per_page", [2, 3, 4])
def test_every_page_of_the_ranking_says_what_the_whole_ranking_says(campaign, per_page):
    """A page inside the eligible, one across the line between the eligible and the others, one inside the others:
    the same rows, ranks, notes and quota marks as the whole ranking, and beyond the last page the last page."""
    set_criterion(campaign, "individual", 4, mandatory=False)
    unit = UnitFactory(name="Phòng Chung")
    individual(campaign, "Võ Văn An", unit=unit, submitted=at(3))
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(5))
    individual(campaign, "Võ Văn Bình", unit=unit, submitted=at(3))
    individual(campaign, "Lê Văn Hùng", submitted=at(1), c4=Outcome.NOT_MET)
    individual(campaign, "Trần Văn Chưa", c1=Outcome.NOT_MET)
    individual(campaign, "Đỗ Thị Thiếu", gender="female", c2=Outcome.NO_DATA, c4=Outcome.NOT_MET)
    individual(campaign, "Ngô Văn Không", c1=Outcome.NOT_MET)

    def said(rows):
        return [(r.nominee.pk, r.nominee.name, r.score, r.eligible, r.rank, r.tie_note, r.within_quota) for r in rows]

    whole = Ranking(campaign, target="individual", quota=2)
    everyone = said(whole.all())
    assert [row[1] for row in everyone] == ["Phạm Thị Lan", "Võ Văn An", "Võ Văn Bình", "Lê Văn Hùng",
                                            "Ngô Văn Không", "Trần Văn Chưa", "Đỗ Thị Thiếu"]
    pages = []
    for number in range(1, -(-len(everyone) // per_page) + 1):
        ranking = Ranking(campaign, target="individual", quota=2)
        page = ranking.page(number, per_page)
        assert (page.number, ranking.total, ranking.eligible, ranking.within) == (number, 7, 4, 3)  # An and Bình share rank 2
        pages += said(page.object_list)
    assert pages == everyone
    beyond = Ranking(campaign, target="individual", quota=2).page(99, per_page)
    assert beyond.number == -(-len(everyone) // per_page) and said(beyond.object_list) == everyone[(beyond.number - 1) * per_page:]


def test_the_offices_ranking_compiled_once_reads_what_the_selector_reads(campaign, clerk, council_member, head_a, unit_a):
    """The office sees every nominee: its ranking is everyone's, read by SQL compiled once per process. A council
    member's goes through the selector (nominees_for) and, seeing the same appraised nominees, reads the same
    pages; a unit head's keeps to the unit; on another campaign's pages the selector keeps the office to that one."""
    set_criterion(campaign, "individual", 4, mandatory=False)
    individual(campaign, "Võ Văn An", unit=unit_a, submitted=at(3))
    individual(campaign, "Phạm Thị Lan", gender="female", submitted=at(5))
    individual(campaign, "Võ Văn Bình", unit=unit_a, submitted=at(3))
    individual(campaign, "Lê Văn Hùng", submitted=at(1), c4=Outcome.NOT_MET)
    individual(campaign, "Trần Văn Chưa", c1=Outcome.NOT_MET)

    def pages(user):
        out = []
        for number in (1, 2, 3):
            ranking = Ranking(campaign, target="individual", quota=2, user=user)
            page = ranking.page(number, 2)
            out.append(((ranking.total, ranking.eligible, ranking.within),
                        [(r.nominee.pk, r.nominee.name, r.nominee.unit_name, r.score, r.rank, r.tie_note, r.within_quota)
                         for r in page.object_list]))
        return out

    with scope.within(campaign):
        office, council = pages(clerk), pages(council_member)
        unit_head = pages(head_a)
    assert office == council
    assert [row[1] for _, rows in office for row in rows] == ["Phạm Thị Lan", "Võ Văn An", "Võ Văn Bình", "Lê Văn Hùng",
                                                               "Trần Văn Chưa"]
    assert office[0][0] == (5, 4, 3)  # An and Bình share rank 2
    assert [(counts, [(name, rank) for _, name, _, _, rank, *_ in rows]) for counts, rows in unit_head[:1]] == [
        ((2, 2, 2), [("Võ Văn An", 1), ("Võ Văn Bình", 1)])]
    with scope.within(CampaignFactory(code="cchc-2024", year=2024)):
        assert pages(clerk)[0] == ((0, 0, 0), [])
