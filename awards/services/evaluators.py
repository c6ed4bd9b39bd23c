"""Appraisal: every nominee against every criterion of its target, decided from the records where the evidence
is data, by an office user where it is an attestation, and overridden only with a written reason.

Outcomes (awards.models.Outcome): met, not met, not applicable ("không áp dụng", never counted against a
nominee) and no data yet (never the same as "not met"). Each computed result carries a reason a person can read
("Giải ngân 98,5% < 100% → Không đạt") and its evidence (the figures and the documents they come from).

Where data comes from (the campaign's year unless said otherwise):
- rating: `AnnualRating` of the person (individual) or the unit (collective): HTXSNV → met.
- document: the unit's plan (`Document` of kind unit_plan for the campaign) with at least one version → met.
- inspection: `IndicatorRecord.inspection_result` = Tốt → met.
- initiative: at least one `Initiative` of the person / unit recognised in the year → met.
- discipline: any `DisciplineRecord` of the person / unit in the year → not met.
- ratio, disbursement: disbursed ÷ allocated ≥ 100%; nothing allocated → not applicable.
- ratio, online services: online ÷ all dossiers ≥ the target assigned under QĐ 245/QĐ-UBND.
- zero count, late dossiers: late + backlogged = 0; a unit without procedures → not applicable.
- index, PAR/PCI/PAPI/SIPAS: every component assigned to the unit scores higher than last year; none
  assigned → not applicable.
- index, DDCI: score higher or rank better than last year; not assigned → not applicable.
- attestation: no data until the office decides, with a note.

Results are stored (`Result`), so pages read them without recomputing. Whatever changes the records calls
`recompute_results(...)` explicitly (forms here, the Excel importer, the admin): automatic results follow the
data; a person's decision (override / attestation) is kept and shown beside the computed result.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Q
from django.utils import timezone

from awards.models import DocumentKind, DocumentVersion, Outcome
from campaigns import formatting
from campaigns.models import (
    AnnualRating,
    DisciplineRecord,
    EvidenceKind,
    IndexComponentScore,
    IndexName,
    Indicator,
    IndicatorRecord,
    Initiative,
    InspectionResult,
    Rating,
    Target,
)

MET, NOT_MET, NOT_APPLICABLE, NO_DATA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NO_DATA
ARROW = {MET: "Đạt", NOT_MET: "Không đạt", NOT_APPLICABLE: "Không áp dụng", NO_DATA: "Chưa có số liệu"}

# Criteria whose outcome a person decides (the computed result stays "no data").
HUMAN_KINDS = {EvidenceKind.ATTESTATION}


def _shown_ratio(ratio) -> Decimal:
    """A ratio compared with a line, cut (not rounded) to the 2 decimals it is shown with, so that the comparison
    and the text agree: 99,999% is 99,99% < 100%, never "100% < 100%". (Formatting itself rounds half up,
    campaigns.formatting; this is the criterion's rule, not a second rounding rule.)"""
    return Decimal(ratio).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _source(text):
    return f" (nguồn: {text})" if text else ""


def _verdict(outcome, text):
    return f"{text} → {ARROW[outcome]}"


# --------------------------------------------------------------------------------------------- evaluation


@dataclass
class Evaluation:
    outcome: str
    reason: str
    evidence: str = ""


@dataclass
class Records:
    """Everything the criteria of one campaign year are decided from, loaded once for a set of nominees."""

    year: int
    staff_ratings: dict
    unit_ratings: dict
    staff_initiatives: dict
    unit_initiatives: dict
    staff_discipline: dict
    unit_discipline: dict
    indicators: dict
    components: dict
    unit_plans: dict  # unit_id -> latest DocumentVersion of the unit plan, or None

    @classmethod
    def load(cls, campaign, nominees):
        staff_ids = {n.staff_id for n in nominees if n.staff_id}
        unit_ids = {n.unit_id for n in nominees}
        year = campaign.year

        def by_subject(qs, many=True):
            staff, unit = defaultdict(list), defaultdict(list)
            for row in qs:
                target = staff[row.staff_id] if row.staff_id else unit[row.unit_id]
                target.append(row)
            if not many:
                return {k: v[0] for k, v in staff.items()}, {k: v[0] for k, v in unit.items()}
            return staff, unit

        subject = Q(staff_id__in=staff_ids) | Q(unit_id__in=unit_ids)
        staff_ratings, unit_ratings = by_subject(AnnualRating.objects.filter(subject, year=year), many=False)
        staff_init, unit_init = by_subject(Initiative.objects.filter(subject, year=year).order_by("title", "pk"))
        staff_disc, unit_disc = by_subject(DisciplineRecord.objects.filter(subject, year=year).order_by("decided_on", "pk"))
        indicators = {r.unit_id: r for r in IndicatorRecord.objects.filter(unit_id__in=unit_ids, year=year)}
        components = defaultdict(list)
        for c in IndexComponentScore.objects.filter(unit_id__in=unit_ids, year=year).order_by("index", "component"):
            components[c.unit_id].append(c)
        plans = {}
        latest = (
            DocumentVersion.objects.filter(
                document__campaign=campaign, document__kind=DocumentKind.UNIT_PLAN, document__unit_id__in=unit_ids,
            ).order_by("document__unit_id", "-number").select_related("document")
        )
        for version in latest:
            plans.setdefault(version.document.unit_id, version)
        return cls(year, staff_ratings, unit_ratings, staff_init, unit_init, staff_disc, unit_disc, indicators,
                   components, plans)


def _subject_label(nominee):
    return "cá nhân" if nominee.target == Target.INDIVIDUAL else "đơn vị"


def _rating(nominee, records):
    year = records.year
    row = records.staff_ratings.get(nominee.staff_id) if nominee.staff_id else records.unit_ratings.get(nominee.unit_id)
    if row is None:
        return Evaluation(NO_DATA, f"Chưa có xếp loại năm {year} của {_subject_label(nominee)}")
    evidence = f"Xếp loại năm {year}: {row.get_rating_display()}{_source(row.source)}"
    if row.rating == Rating.EXCELLENT:
        return Evaluation(MET, _verdict(MET, f"Xếp loại năm {year}: {row.get_rating_display()}"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Xếp loại năm {year}: {row.get_rating_display()}, không phải Hoàn thành xuất sắc nhiệm vụ"), evidence)


def _document(nominee, records):
    version = records.unit_plans.get(nominee.unit_id)
    if version is None:
        return Evaluation(NOT_MET, _verdict(NOT_MET, "Chưa có Kế hoạch phát động thi đua của đơn vị trong hồ sơ"))
    evidence = (
        f"{DocumentKind.UNIT_PLAN.label}: {version.original_name} (phiên bản {version.number}, "
        f"tải lên ngày {formatting.date(timezone.localtime(version.uploaded_at).date())})"
    )
    return Evaluation(MET, _verdict(MET, "Kế hoạch phát động thi đua của đơn vị đã có trong hồ sơ"), evidence)


def _inspection(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is None or not record.inspection_result:
        return Evaluation(NO_DATA, f"Chưa có kết quả kiểm tra CCHC năm {records.year}")
    label = record.get_inspection_result_display()
    evidence = f"Kết quả kiểm tra CCHC năm {records.year}: {label}{_source(record.inspection_source)}"
    if record.inspection_result == InspectionResult.GOOD:
        return Evaluation(MET, _verdict(MET, f"Kiểm tra CCHC xếp loại {label}"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Kiểm tra CCHC xếp loại {label}, không phải Tốt"), evidence)


def _initiative_line(item):
    ref = f", {item.decision_ref}" if item.decision_ref else ""
    return f"«{item.title}» ({item.recognised_by}{ref})"


def _initiative(nominee, records):
    items = records.staff_initiatives.get(nominee.staff_id, []) if nominee.staff_id else records.unit_initiatives.get(nominee.unit_id, [])
    if not items:
        return Evaluation(NOT_MET, _verdict(NOT_MET, f"Không có sáng kiến được công nhận năm {records.year}"))
    evidence = "; ".join(_initiative_line(i) for i in items)
    text = f"Sáng kiến được công nhận năm {records.year}: «{items[0].title}»"
    if len(items) > 1:
        text = f"{len(items)} sáng kiến được công nhận năm {records.year}"
    return Evaluation(MET, _verdict(MET, text), evidence)


def _discipline(nominee, records):
    items = records.staff_discipline.get(nominee.staff_id, []) if nominee.staff_id else records.unit_discipline.get(nominee.unit_id, [])
    if not items:
        return Evaluation(MET, _verdict(MET, f"Không có quyết định kỷ luật năm {records.year}"))
    lines = []
    for item in items:
        parts = [item.form]
        if item.decision_ref:
            parts.append(f"Quyết định {item.decision_ref}")
        if item.decided_on:
            parts.append(f"ngày {formatting.date(item.decided_on)}")
        lines.append(" ".join(parts))
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Bị kỷ luật năm {records.year}: {lines[0]}"), "; ".join(lines))


def _disbursement(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is None or record.capital_allocated is None:
        return Evaluation(NO_DATA, f"Chưa có số liệu vốn đầu tư công năm {records.year}")
    if record.capital_allocated == 0:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Không có vốn đầu tư công được giao"),
                          f"Vốn được giao: 0 đồng{_source(record.capital_source)}")
    if record.capital_disbursed is None:
        return Evaluation(NO_DATA, f"Chưa có số liệu vốn đã giải ngân năm {records.year}")
    ratio = _shown_ratio(record.capital_disbursed * 100 / record.capital_allocated)
    evidence = (
        f"Vốn được giao {formatting.number(record.capital_allocated)} đồng, đã giải ngân {formatting.number(record.capital_disbursed)} "
        f"đồng{_source(record.capital_source)}"
    )
    if record.capital_disbursed >= record.capital_allocated:
        return Evaluation(MET, _verdict(MET, f"Giải ngân {formatting.percent(ratio)} ≥ 100%"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Giải ngân {formatting.percent(ratio)} < 100%"), evidence)


def _online(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is not None and not record.has_procedures:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Đơn vị không giải quyết thủ tục hành chính"))
    if record is None or None in (record.online_dossiers, record.total_dossiers, record.online_target_percent):
        return Evaluation(NO_DATA, f"Chưa có số liệu dịch vụ công trực tuyến năm {records.year}")
    if record.total_dossiers == 0:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Không phát sinh hồ sơ thủ tục hành chính"),
                          f"Tổng số hồ sơ: 0{_source(record.online_source)}")
    ratio = _shown_ratio(Decimal(record.online_dossiers) * 100 / Decimal(record.total_dossiers))
    target = record.online_target_percent
    evidence = (
        f"{formatting.number(record.online_dossiers)} hồ sơ trực tuyến / {formatting.number(record.total_dossiers)} hồ sơ; chỉ tiêu "
        f"{formatting.percent(target)} theo QĐ 245/QĐ-UBND{_source(record.online_source)}"
    )
    if ratio >= target:
        return Evaluation(MET, _verdict(MET, f"Tỷ lệ hồ sơ trực tuyến {formatting.percent(ratio)} ≥ chỉ tiêu {formatting.percent(target)}"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Tỷ lệ hồ sơ trực tuyến {formatting.percent(ratio)} < chỉ tiêu {formatting.percent(target)}"), evidence)


def _late(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is not None and not record.has_procedures:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Đơn vị không giải quyết thủ tục hành chính"))
    if record is None or record.late_dossiers is None or record.backlog_dossiers is None:
        return Evaluation(NO_DATA, f"Chưa có số liệu hồ sơ trễ hẹn, tồn đọng năm {records.year}")
    text = f"{record.late_dossiers} hồ sơ trễ hẹn, {record.backlog_dossiers} hồ sơ tồn đọng"
    evidence = text + _source(record.late_source)
    if record.late_dossiers == 0 and record.backlog_dossiers == 0:
        return Evaluation(MET, _verdict(MET, text), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, text), evidence)


def _count_words(n, k):
    if n == 1:
        return "tăng điểm" if k == 1 else "không tăng điểm"
    if k == n:
        return f"cả {n} tăng điểm"
    return f"{k} tăng điểm" if k else "không thành phần nào tăng điểm"


def _index(nominee, records):
    components = records.components.get(nominee.unit_id, [])
    if not components:
        if records.indicators.get(nominee.unit_id) is None:
            return Evaluation(NO_DATA, f"Chưa có số liệu chỉ số thành phần năm {records.year}")
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Không được giao chỉ số thành phần PAR INDEX, PCI, PAPI, SIPAS"))
    evidence = []
    missing = []
    by_index = defaultdict(list)
    for c in components:
        if c.score is None or c.score_last is None:
            missing.append(f"{c.get_index_display()} – {c.component}")
            evidence.append(f"{c.get_index_display()} – {c.component}: chưa đủ điểm hai năm{_source(c.source)}")
            continue
        by_index[c.index].append(c)
        evidence.append(
            f"{c.get_index_display()} – {c.component}: {formatting.number(c.score_last)} (năm {records.year - 1}) → "
            f"{formatting.number(c.score)} (năm {records.year}){_source(c.source)}"
        )
    if missing:
        return Evaluation(NO_DATA, f"Chưa có đủ điểm năm nay và năm trước: {', '.join(missing)}", "\n".join(evidence))
    parts = []
    all_up = True
    for index in IndexName.values:
        items = by_index.get(index)
        if not items:
            continue
        up = sum(1 for c in items if c.score > c.score_last)
        all_up &= up == len(items)
        parts.append(f"{IndexName(index).label}: {len(items)} thành phần được giao, {_count_words(len(items), up)}")
    outcome = MET if all_up else NOT_MET
    return Evaluation(outcome, _verdict(outcome, "; ".join(parts)), "\n".join(evidence))


def _ddci(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is None:
        return Evaluation(NO_DATA, f"Chưa có số liệu DDCI năm {records.year}")
    if not record.ddci_assigned:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Không được giao chỉ số thành phần DDCI"))
    has_score = record.ddci_score is not None and record.ddci_score_last is not None
    has_rank = record.ddci_rank is not None and record.ddci_rank_last is not None
    evidence = []
    if has_score:
        evidence.append(f"Điểm DDCI: {formatting.number(record.ddci_score_last)} (năm trước) → {formatting.number(record.ddci_score)}")
    if has_rank:
        evidence.append(f"Thứ hạng DDCI: {record.ddci_rank_last} (năm trước) → {record.ddci_rank}")
    evidence = "; ".join(evidence) + _source(record.ddci_source)
    if has_score and record.ddci_score > record.ddci_score_last:
        text = f"DDCI tăng điểm: {formatting.number(record.ddci_score)} > {formatting.number(record.ddci_score_last)} năm trước"
        return Evaluation(MET, _verdict(MET, text), evidence)
    if has_rank and record.ddci_rank < record.ddci_rank_last:
        return Evaluation(MET, _verdict(MET, f"DDCI tăng bậc: hạng {record.ddci_rank}, năm trước hạng {record.ddci_rank_last}"), evidence)
    if not (has_score and has_rank):
        return Evaluation(NO_DATA, "Chưa có đủ điểm và thứ hạng DDCI năm nay và năm trước", evidence)
    return Evaluation(NOT_MET, _verdict(
        NOT_MET,
        f"DDCI không tăng điểm ({formatting.number(record.ddci_score)} ≤ {formatting.number(record.ddci_score_last)}) và không tăng bậc "
        f"(hạng {record.ddci_rank}, năm trước hạng {record.ddci_rank_last})",
    ), evidence)


def _attestation(nominee, records):
    return Evaluation(NO_DATA, "Chờ Văn phòng xác nhận")


EVALUATORS = {
    (EvidenceKind.RATING, Indicator.NONE): _rating,
    (EvidenceKind.DOCUMENT, Indicator.NONE): _document,
    (EvidenceKind.INSPECTION, Indicator.INSPECTION): _inspection,
    (EvidenceKind.INSPECTION, Indicator.NONE): _inspection,
    (EvidenceKind.INITIATIVE, Indicator.NONE): _initiative,
    (EvidenceKind.DISCIPLINE, Indicator.NONE): _discipline,
    (EvidenceKind.RATIO, Indicator.DISBURSEMENT): _disbursement,
    (EvidenceKind.RATIO, Indicator.ONLINE_SERVICES): _online,
    (EvidenceKind.ZERO_COUNT, Indicator.LATE_DOSSIERS): _late,
    (EvidenceKind.INDEX, Indicator.PAR_PCI_PAPI_SIPAS): _index,
    (EvidenceKind.INDEX, Indicator.DDCI): _ddci,
    (EvidenceKind.ATTESTATION, Indicator.NONE): _attestation,
}


def evaluate(nominee, criterion, records) -> Evaluation:
    """The automatic outcome of one nominee against one criterion, from preloaded records."""
    evaluator = EVALUATORS.get((criterion.evidence_kind, criterion.indicator))
    if evaluator is None:
        evaluator = _attestation if criterion.evidence_kind == EvidenceKind.ATTESTATION else None
    if evaluator is None:
        return Evaluation(NO_DATA, "Tiêu chí này chưa có cách tính tự động: chờ Văn phòng quyết định")
    return evaluator(nominee, records)


def is_human_criterion(criterion) -> bool:
    return criterion.evidence_kind in HUMAN_KINDS or (criterion.evidence_kind, criterion.indicator) not in EVALUATORS
