"""The demo's scoring stage: indicator data of every unit for 2023 (with their sources), the index components
assigned to some units, the records that make most nominees eligible, the automatic results, the office's
attestations, two overrides with their reasons, and ties that the campaign's rule separates (7 eligible
collectives and 7 eligible individuals for 5 + 5 Giấy khen, so the quota line shows).

Runs after awards/demo/dossiers.py. If the portal's demo made no accepted dossier yet, accepted dossiers with
nominees are made here for the units that have no dossier. Idempotent: a second run changes nothing."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from awards.demo import dossiers as demo_dossiers
from awards.models import (
    AwardKind,
    Document,
    DocumentKind,
    Dossier,
    DossierState,
    Nominee,
    Outcome,
    Result,
)
from awards.rules import conflict_of_interest
from awards.services import evaluators, files, recompute, rulings
from awards.services.files import store_version
from awards.services.transitions import set_state
from campaigns.models import (
    AnnualRating,
    DisciplineRecord,
    IndexComponentScore,
    IndicatorRecord,
    Initiative,
    Rating,
    Staff,
    Target,
    Unit,
)

VN = dt.timezone(dt.timedelta(hours=7))
YEAR = 2023
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")

# unit code: (allocated, disbursed) in đồng; 0 = no public investment capital (not applicable)
CAPITAL = {"KHTC": (5_200_000_000, 5_200_000_000), "CSCNMT": (12_000_000_000, 11_820_000_000),
           "BQLNT": (3_000_000_000, 3_000_000_000)}
# unit code: (online, total, target %); absent = the unit handles no administrative procedures
ONLINE = {"NCC": (620, 1000, 50), "LDVL": (455, 700, 60), "BTXH": (380, 800, 50), "TTDVVL": (2100, 2500, 80),
          "TTCTXH": (40, 90, 50), "PCTNXH": (30, 40, 50)}
LATE = {"BTXH": (2, 1)}
INSPECTION = {"BTXH": "", "PCTNXH": "kha"}
# unit code: (score last year, score, rank last year, rank); absent = not assigned
DDCI = {"VP": (68.5, 71.2, 6, 4), "TTRA": (72.0, 70.5, 5, 3), "KHTC": (65.0, 69.8, 8, 6), "LDVL": (70.1, 74.3, 4, 2),
        "NCC": (73.4, 76.0, 3, 2), "BTXH": (69.0, 68.2, 6, 7), "PCTNXH": (61.0, 64.5, 9, 8)}
COMPONENTS = {
    "NCC": [("PAR", "Cải cách thủ tục hành chính", 7.50, 8.25), ("PAR", "Hiện đại hóa hành chính", 5.50, 6.00)],
    "LDVL": [("PCI", "Chi phí thời gian", 6.12, 6.80)],
    "TTDVVL": [("PAR", "Cải cách thủ tục hành chính", 7.10, 7.60), ("SIPAS", "Sự hài lòng về kết quả dịch vụ", 82.0, 86.5)],
    "BTXH": [("SIPAS", "Sự hài lòng về tiếp cận dịch vụ", 84.0, 81.0)],
}
SOURCES = {
    "capital_source": "Báo cáo 215/BC-SLĐTBXH ngày 31/12/2023 về giải ngân vốn đầu tư công",
    "online_source": "Cổng Dịch vụ công tỉnh, số liệu đến 15/11/2023",
    "late_source": "Hệ thống thông tin giải quyết TTHC tỉnh, số liệu đến 15/11/2023",
    "inspection_source": "Thông báo 88/TB-SNV kết quả kiểm tra CCHC năm 2023",
    "ddci_source": "Quyết định 1890/QĐ-UBND công bố DDCI năm 2023",
}
COMPONENT_SOURCE = "Quyết định 456/QĐ-UBND công bố chỉ số CCHC năm 2023"

# The collectives proposed (if the portal's demo proposed none), in order of submission.
COLLECTIVES = ["NCC", "TTDVVL", "LDVL", "KHTC", "TTCTXH", "PCTNXH", "BQLNT", "BTXH", "CSCNMT"]
UNIT_INITIATIVES = {
    "LDVL": "Bản đồ số cung - cầu lao động tỉnh Ninh Thuận",
    "TTRA": "Tiếp nhận đơn thư khiếu nại qua ứng dụng Zalo của Sở",
    "CSCNMT": "Phần mềm quản lý hồ sơ học viên cai nghiện",
    "KHTC": "Quy trình thẩm định dự toán điện tử liên phòng",
    "TTCTXH": "Tổng đài tư vấn công tác xã hội 24/7",
    "PCTNXH": "Sổ theo dõi người sau cai nghiện trên điện thoại",
    "BQLNT": "Tra cứu phần mộ liệt sĩ bằng mã QR",
}
NOT_PLANNED = {"BTXH"}  # units whose plan is not on file


def seed(campaign, stdout=None):
    """Indicator data, nominees on accepted dossiers, results, and the office's rulings."""
    clerk = get_user_model().objects.filter(username="vanphong").select_related("staff").first()
    if campaign is None or clerk is None:
        return
    with transaction.atomic():
        units = {u.code: u for u in Unit.objects.all()}
        made = _indicators(units) + _components(units)
        created_nominees = _nominees(campaign, units, clerk)
        _plans(campaign, clerk)
        _records(campaign, units)
        report = recompute.recompute_results(campaign)
        decided = _decide(campaign, clerk)
    if stdout is not None:
        stdout.write(
            f"Chấm điểm: {made} bản ghi số liệu mới, {created_nominees} đối tượng mới, {report.created} kết quả mới, "
            f"{decided} kết quả do Văn phòng quyết định."
        )


def _indicators(units):
    made = 0
    for code, unit in units.items():
        allocated, disbursed = CAPITAL.get(code, (0, None))
        online = ONLINE.get(code)
        late, backlog = LATE.get(code, (0, 0))
        ddci = DDCI.get(code)
        values = {
            "capital_allocated": Decimal(allocated), "capital_disbursed": None if disbursed is None else Decimal(disbursed),
            "has_procedures": online is not None,
            "online_dossiers": online[0] if online else None, "total_dossiers": online[1] if online else None,
            "online_target_percent": Decimal(online[2]) if online else None,
            "late_dossiers": late if online else None, "backlog_dossiers": backlog if online else None,
            "inspection_result": INSPECTION.get(code, "tot"),
            "ddci_assigned": ddci is not None,
            "ddci_score_last": Decimal(str(ddci[0])) if ddci else None, "ddci_score": Decimal(str(ddci[1])) if ddci else None,
            "ddci_rank_last": ddci[2] if ddci else None, "ddci_rank": ddci[3] if ddci else None,
        }
        values.update({k: v for k, v in SOURCES.items()})
        if not online:
            values["online_source"] = values["late_source"] = ""
        if not values["inspection_result"]:
            values["inspection_source"] = ""
        if not ddci:
            values["ddci_source"] = ""
        _, created = IndicatorRecord.objects.get_or_create(unit=unit, year=YEAR, defaults=values)
        made += created
    return made


def _components(units):
    made = 0
    for code, rows in COMPONENTS.items():
        if code not in units:
            continue
        for index, component, last, now in rows:
            _, created = IndexComponentScore.objects.get_or_create(
                unit=units[code], year=YEAR, index=index, component=component,
                defaults={"score_last": Decimal(str(last)), "score": Decimal(str(now)), "source": COMPONENT_SOURCE},
            )
            made += created
    return made


def _eligible_staff(unit, skip=()):
    disciplined = DisciplineRecord.objects.filter(year=YEAR, staff__isnull=False).values("staff_id")
    return list(
        Staff.objects.filter(unit=unit, active=True, user__isnull=True).exclude(pk__in=disciplined).exclude(pk__in=skip)
        .order_by("code")
    )


def _nominees(campaign, units, clerk):
    """Nominees on accepted dossiers: the portal's demo makes them; if it made none, accepted dossiers are made
    here for units without a dossier. Then a Giấy khen collective is added on accepted dossiers that lack one
    (until six, so the quota line of five has somebody below it) and one individual is proposed for Bằng khen."""
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    bang_khen = AwardKind.objects.get(code="bang-khen-ubnd-tinh")
    made = 0
    if not Dossier.objects.filter(campaign=campaign, state=DossierState.ACCEPTED).exists():
        made += _own_dossiers(campaign, units, clerk, giay_khen)
    accepted = list(Dossier.objects.filter(campaign=campaign, state=DossierState.ACCEPTED).select_related("unit")
                    .order_by("first_submitted_at", "pk"))
    collectives = recompute.scored_nominees(campaign).filter(target=Target.COLLECTIVE, award_kind=giay_khen)
    have = set(collectives.values_list("dossier_id", flat=True))
    count = len(have)
    for dossier in accepted:
        if count >= 6:
            break
        if dossier.pk not in have:
            _nominate(clerk, dossier=dossier, target=Target.COLLECTIVE, unit=dossier.unit, award_kind=giay_khen,
                                   achievement=f"{dossier.unit.name} hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2023.")
            made += 1
            count += 1
    individuals = recompute.scored_nominees(campaign).filter(target=Target.INDIVIDUAL)
    if not individuals.filter(award_kind=bang_khen).exists():
        first = individuals.filter(award_kind=giay_khen, staff__user__isnull=True).select_related("staff").order_by("dossier__first_submitted_at", "pk").first()
        if first is not None:
            _nominate(clerk, dossier=first.dossier, target=Target.INDIVIDUAL, unit=first.unit, staff=first.staff,
                                   award_kind=bang_khen,
                                   achievement="Hai năm liền hoàn thành xuất sắc nhiệm vụ, hai sáng kiến được công nhận.")
            made += 1
    return made


def _nominate(clerk, **fields):
    """A nominee with its achievement report on file, as an accepted dossier must have."""

    nominee = Nominee.objects.create(**fields)
    document = Document.objects.create(campaign=nominee.dossier.campaign, unit=nominee.dossier.unit, dossier=nominee.dossier,
                                       nominee=nominee, kind=DocumentKind.ACHIEVEMENT_REPORT)
    uploaded = demo_dossiers.demo_file(f"Báo cáo thành tích - {nominee.name}.pdf", "Báo cáo thành tích", nominee.dossier.unit,
                                 demo_dossiers.report_body(nominee.name, nominee.achievement))
    with files.atomic_with_files():
        files.store_version(document, uploaded, actor=clerk)
    return nominee


def _own_dossiers(campaign, units, clerk, giay_khen):
    has_dossier = set(Dossier.objects.filter(campaign=campaign).values_list("unit__code", flat=True))
    made = 0
    for i, code in enumerate(COLLECTIVES):
        unit = units.get(code)
        if unit is None or code in has_dossier:
            continue
        submitted = dt.datetime(2023, 11, 6 + i, 8 + i % 3, 15 * (i % 4), tzinfo=VN)
        dossier = Dossier.objects.create(campaign=campaign, unit=unit)
        set_state(dossier, to_state=DossierState.SUBMITTED, allowed_from=[DossierState.DRAFT], actor=None,
                  reason="Nộp hồ sơ (dữ liệu minh họa)")
        Dossier.objects.filter(pk=dossier.pk).update(first_submitted_at=submitted, submitted_at=submitted)
        set_state(dossier, to_state=DossierState.ACCEPTED, allowed_from=[DossierState.SUBMITTED], actor=clerk,
                  reason="Hồ sơ đầy đủ, đúng hạn")
        _nominate(clerk, dossier=dossier, target=Target.COLLECTIVE, unit=unit, award_kind=giay_khen,
                               achievement=f"{unit.name} hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2023.")
        made += 1
        for person in _eligible_staff(unit)[: 2 if code in ("NCC", "LDVL") else 1]:
            _nominate(clerk, dossier=dossier, target=Target.INDIVIDUAL, unit=unit, staff=person, award_kind=giay_khen,
                                   achievement=f"{person.full_name} tích cực đổi mới quy trình giải quyết hồ sơ.")
            made += 1
    return made


def _plans(campaign, clerk):

    for unit in Unit.objects.filter(pk__in=recompute.scored_nominees(campaign).values("unit_id")):
        if unit.code in NOT_PLANNED:
            continue
        document, _ = Document.objects.get_or_create(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN)
        if not document.versions.exists():
            store_version(document, ContentFile(PDF, name=f"Ke-hoach-thi-dua-CCHC-2023-{unit.code}.pdf"), actor=clerk)


def _records(campaign, units):
    """Ratings and initiatives so that most nominees are eligible; the last individual has no initiative."""
    nominees = list(recompute.scored_nominees(campaign).select_related("unit", "staff", "award_kind").order_by("pk"))
    for n in nominees:
        if n.target == Target.COLLECTIVE:
            if n.unit.code in ("BTXH",):
                continue
            AnnualRating.objects.update_or_create(unit=n.unit, year=YEAR, defaults={"rating": Rating.EXCELLENT,
                                                  "source": f"Quyết định xếp loại tập thể năm {YEAR}"})
            if n.award_kind.code == "bang-khen-ubnd-tinh":
                AnnualRating.objects.update_or_create(unit=n.unit, year=YEAR - 1, defaults={"rating": Rating.EXCELLENT,
                                                      "source": f"Quyết định xếp loại tập thể năm {YEAR - 1}"})
            title = UNIT_INITIATIVES.get(n.unit.code)
            if title and not Initiative.objects.filter(unit=n.unit, year=YEAR).exists():
                Initiative.objects.create(unit=n.unit, year=YEAR, title=title, decision_ref="27/QĐ-HĐSK ngày 25/10/2023")
    individuals = [n for n in nominees if n.target == Target.INDIVIDUAL and n.award_kind.code == "giay-khen-giam-doc"]
    bang_khen_staff = {n.staff_id for n in nominees if n.target == Target.INDIVIDUAL and n.award_kind.code == "bang-khen-ubnd-tinh"}
    for i, n in enumerate(individuals):
        if DisciplineRecord.objects.filter(staff=n.staff, year=YEAR).exists():
            continue
        AnnualRating.objects.update_or_create(staff=n.staff, year=YEAR, defaults={"rating": Rating.EXCELLENT,
                                              "source": f"Quyết định xếp loại năm {YEAR}"})
        last = i == len(individuals) - 1
        if not last and not Initiative.objects.filter(staff=n.staff, year=YEAR).exists():
            Initiative.objects.create(staff=n.staff, year=YEAR, title=f"Cải tiến quy trình tiếp nhận hồ sơ tại {n.unit.name}",
                                      decision_ref="28/QĐ-HĐSK ngày 25/10/2023")
        if n.staff_id in bang_khen_staff:
            AnnualRating.objects.update_or_create(staff=n.staff, year=YEAR - 1, defaults={"rating": Rating.EXCELLENT,
                                                  "source": f"Quyết định xếp loại năm {YEAR - 1}"})
            if not Initiative.objects.filter(staff=n.staff, year=YEAR - 1).exists():
                Initiative.objects.create(staff=n.staff, year=YEAR - 1, title="Số hóa hồ sơ trợ cấp một lần",
                                          decision_ref="19/QĐ-HĐSK ngày 20/10/2022")


NOTES = {
    "Thực hiện tốt Kế hoạch CCHC của tỉnh và Sở": "Hoàn thành đúng hạn các nhiệm vụ CCHC được giao (Báo cáo CCHC quý IV/2023).",
    "Đề án 06/CP": "Hoàn thành làm sạch dữ liệu và kết nối theo Đề án 06 (Báo cáo 17/BC-TCA06).",
    "Thực hiện tốt Kế hoạch CCHC của Sở và đơn vị": "Thực hiện đầy đủ nhiệm vụ CCHC được phân công.",
    "Thực hiện văn bản chỉ đạo đúng chất lượng, thời gian": "Không có văn bản chỉ đạo bị chậm trong năm (sổ theo dõi văn bản).",
}


def _decide(campaign, clerk):
    """The office's attestations (all but one, left waiting), and two overrides with their reasons."""
    results = list(
        Result.objects.filter(nominee__in=recompute.scored_nominees(campaign), updated_by__isnull=True)
        .select_related("nominee__unit", "nominee__staff", "nominee__dossier", "criterion").order_by("nominee_id", "criterion__order")
    )
    if Result.objects.filter(criterion__campaign=campaign, updated_by__isnull=False).exists():
        return 0  # decided on an earlier run (or by a person): leave it as it is
    decided = 0
    waiting = next((r for r in reversed(results) if evaluators.is_human_criterion(r.criterion)
                    and r.nominee.target == Target.COLLECTIVE and r.nominee.unit.code == "BTXH"), None)
    for r in results:
        if conflict_of_interest(clerk, r.nominee) or r is waiting:
            continue
        if evaluators.is_human_criterion(r.criterion):
            outcome, note = Outcome.MET, NOTES.get(r.criterion.short_name, "Văn phòng xác nhận đạt.")
            if r.nominee.target == Target.INDIVIDUAL and r.nominee.unit.code == "BTXH" and r.criterion.order == 3:
                outcome, note = Outcome.NOT_MET, "Chậm 2 văn bản chỉ đạo của UBND tỉnh (CV 1021, CV 1175)."
            rulings.rule_on_result(r, actor=clerk, outcome=outcome, reason=note, expected_version=r.version)
            decided += 1
        elif r.nominee.unit.code == "CSCNMT" and r.criterion.indicator == "disbursement":
            rulings.rule_on_result(
                r, actor=clerk, outcome=Outcome.MET, expected_version=r.version,
                reason="Phần vốn chưa giải ngân (180 triệu đồng) bị điều chuyển theo Quyết định 1520/QĐ-UBND ngày "
                       "20/11/2023, không thuộc trách nhiệm của đơn vị.",
            )
            decided += 1
        elif r.nominee.unit.code == "TTCTXH" and r.criterion.indicator == "online_services":
            rulings.rule_on_result(
                r, actor=clerk, outcome=Outcome.NOT_APPLICABLE, expected_version=r.version,
                reason="QĐ 245/QĐ-UBND không giao chỉ tiêu trực tuyến cho Trung tâm; số liệu trên là Trung tâm tự theo dõi.",
            )
            decided += 1
    return decided
