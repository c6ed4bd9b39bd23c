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

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from awards.models import Document, DocumentKind, DocumentVersion, Dossier, DossierState, Nominee, Outcome, Result
from awards.selectors import user_unit_id
from campaigns.models import (
    AnnualRating, Campaign, Criterion, DisciplineRecord, EvidenceKind, IndexComponentScore, IndexName, Indicator,
    IndicatorRecord, Initiative, InspectionResult, Rating, Target,
)
from campaigns.roles import Role, has_role

MET, NOT_MET, NOT_APPLICABLE, NO_DATA = Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE, Outcome.NO_DATA
ARROW = {MET: "Đạt", NOT_MET: "Không đạt", NOT_APPLICABLE: "Không áp dụng", NO_DATA: "Chưa có số liệu"}

# Criteria whose outcome a person decides (the computed result stays "no data").
HUMAN_KINDS = {EvidenceKind.ATTESTATION}


class ScoringError(ValidationError):
    """A refused scoring action; its message is shown to the user as it is (Vietnamese)."""


class ConflictOfInterest(PermissionDenied):
    """An office user who belongs to the nominee's unit may not decide that nominee's results."""


class StaleResult(ScoringError):
    """Somebody else changed the result since the page was loaded."""


# --------------------------------------------------------------------------------------------- formatting


def fmt_number(value, places=2) -> str:
    """1234.5 → "1.234,5"; 62.00 → "62" (Vietnamese separators, no trailing zeros)."""
    value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{frac}" if frac else f"{sign}{text}"


def fmt_percent(value) -> str:
    return f"{fmt_number(value)}%"


def fmt_date(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value:%H:%M} {value:%d/%m/%Y}"
    return f"{value:%d/%m/%Y}" if value else ""


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
        f"tải lên ngày {fmt_date(timezone.localtime(version.uploaded_at).date())})"
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
            parts.append(f"ngày {fmt_date(item.decided_on)}")
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
    ratio = record.capital_disbursed * 100 / record.capital_allocated
    evidence = (
        f"Vốn được giao {fmt_number(record.capital_allocated)} đồng, đã giải ngân {fmt_number(record.capital_disbursed)} "
        f"đồng{_source(record.capital_source)}"
    )
    if record.capital_disbursed >= record.capital_allocated:
        return Evaluation(MET, _verdict(MET, f"Giải ngân {fmt_percent(ratio)} ≥ 100%"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Giải ngân {fmt_percent(ratio)} < 100%"), evidence)


def _online(nominee, records):
    record = records.indicators.get(nominee.unit_id)
    if record is not None and not record.has_procedures:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Đơn vị không giải quyết thủ tục hành chính"))
    if record is None or None in (record.online_dossiers, record.total_dossiers, record.online_target_percent):
        return Evaluation(NO_DATA, f"Chưa có số liệu dịch vụ công trực tuyến năm {records.year}")
    if record.total_dossiers == 0:
        return Evaluation(NOT_APPLICABLE, _verdict(NOT_APPLICABLE, "Không phát sinh hồ sơ thủ tục hành chính"),
                          f"Tổng số hồ sơ: 0{_source(record.online_source)}")
    ratio = Decimal(record.online_dossiers) * 100 / Decimal(record.total_dossiers)
    target = record.online_target_percent
    evidence = (
        f"{fmt_number(record.online_dossiers)} hồ sơ trực tuyến / {fmt_number(record.total_dossiers)} hồ sơ; chỉ tiêu "
        f"{fmt_percent(target)} theo QĐ 245/QĐ-UBND{_source(record.online_source)}"
    )
    if ratio >= target:
        return Evaluation(MET, _verdict(MET, f"Tỷ lệ hồ sơ trực tuyến {fmt_percent(ratio)} ≥ chỉ tiêu {fmt_percent(target)}"), evidence)
    return Evaluation(NOT_MET, _verdict(NOT_MET, f"Tỷ lệ hồ sơ trực tuyến {fmt_percent(ratio)} < chỉ tiêu {fmt_percent(target)}"), evidence)


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
            f"{c.get_index_display()} – {c.component}: {fmt_number(c.score_last)} (năm {records.year - 1}) → "
            f"{fmt_number(c.score)} (năm {records.year}){_source(c.source)}"
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
        evidence.append(f"Điểm DDCI: {fmt_number(record.ddci_score_last)} (năm trước) → {fmt_number(record.ddci_score)}")
    if has_rank:
        evidence.append(f"Thứ hạng DDCI: {record.ddci_rank_last} (năm trước) → {record.ddci_rank}")
    evidence = "; ".join(evidence) + _source(record.ddci_source)
    if has_score and record.ddci_score > record.ddci_score_last:
        return Evaluation(MET, _verdict(MET, f"DDCI tăng điểm: {fmt_number(record.ddci_score)} > {fmt_number(record.ddci_score_last)} năm trước"), evidence)
    if has_rank and record.ddci_rank < record.ddci_rank_last:
        return Evaluation(MET, _verdict(MET, f"DDCI tăng bậc: hạng {record.ddci_rank}, năm trước hạng {record.ddci_rank_last}"), evidence)
    if not (has_score and has_rank):
        return Evaluation(NO_DATA, f"Chưa có đủ điểm và thứ hạng DDCI năm nay và năm trước", evidence)
    return Evaluation(NOT_MET, _verdict(
        NOT_MET,
        f"DDCI không tăng điểm ({fmt_number(record.ddci_score)} ≤ {fmt_number(record.ddci_score_last)}) và không tăng bậc "
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


# --------------------------------------------------------------------------------------------- recompute


@dataclass
class RecomputeReport:
    created: int = 0
    changed: int = 0
    unchanged: int = 0


def scored_nominees(campaign=None):
    """Nominees that are appraised: those of accepted dossiers (of the campaign, if given)."""
    qs = Nominee.objects.filter(dossier__state=DossierState.ACCEPTED)
    if campaign is not None:
        qs = qs.filter(dossier__campaign=campaign)
    return qs


@transaction.atomic
def recompute_results(campaign=None, *, nominees=None, units=None, staff=None) -> RecomputeReport:
    """Create the missing results and bring every automatic result in line with the records.

    Scope: the nominees given, else the appraised nominees of `campaign` (every campaign if None), narrowed to
    those of `units` (collectives and individuals of those units) or `staff`. A person's decision (override,
    attestation) is never touched. Call it after any change of the records (forms, imports, admin).
    """
    if nominees is None:
        qs = scored_nominees(campaign)
        if units is not None or staff is not None:
            cond = Q(pk__in=[])
            if units is not None:
                cond |= Q(unit__in=units)
            if staff is not None:
                cond |= Q(staff__in=staff)
            qs = qs.filter(cond)
        nominees = list(qs.select_related("dossier__campaign"))
    else:
        nominees = list(Nominee.objects.filter(pk__in=[n.pk for n in nominees]).select_related("dossier__campaign"))
    report = RecomputeReport()
    by_campaign = defaultdict(list)
    for n in nominees:
        by_campaign[n.dossier.campaign].append(n)
    for camp, group in by_campaign.items():
        _recompute_campaign(camp, group, report)
    return report


def _recompute_campaign(campaign, nominees, report):
    from simple_history.utils import bulk_update_with_history

    criteria = defaultdict(list)
    for c in Criterion.objects.filter(campaign=campaign):
        criteria[c.target].append(c)
    records = Records.load(campaign, nominees)
    existing = {
        (r.nominee_id, r.criterion_id): r
        for r in Result.objects.filter(nominee__in=[n.pk for n in nominees], criterion__campaign=campaign)
    }
    to_create, to_update = [], []
    for nominee in nominees:
        for criterion in criteria[nominee.target]:
            ev = evaluate(nominee, criterion, records)
            result = existing.get((nominee.pk, criterion.pk))
            if result is None:
                to_create.append(Result(nominee=nominee, criterion=criterion, computed=ev.outcome,
                                        computed_reason=ev.reason, evidence=ev.evidence))
            elif (result.computed, result.computed_reason, result.evidence) != (ev.outcome, ev.reason, ev.evidence):
                result.computed, result.computed_reason, result.evidence = ev.outcome, ev.reason, ev.evidence
                to_update.append(result)
            else:
                report.unchanged += 1
    if to_create:
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(to_create, Result, batch_size=500, default_change_reason="Tính tự động")
        report.created += len(to_create)
    if to_update:
        # Only the computed fields: a person's decision saved meanwhile is never overwritten.
        bulk_update_with_history(to_update, Result, ["computed", "computed_reason", "evidence"], batch_size=500,
                                 default_change_reason="Số liệu thay đổi, tính lại")
        report.changed += len(to_update)


def recompute_after_import(*, units=None, staff=None, campaign=None) -> RecomputeReport:
    """For the Excel importer: after records of these units / staff changed, bring automatic results in line."""
    return recompute_results(campaign, units=units, staff=staff)


# --------------------------------------------------------------------------------------------- decisions


def can_decide(user, nominee) -> bool:
    """May this user decide (attest / override) this nominee's results?"""
    return may_score(user) and not has_conflict(user, nominee)


def may_score(user) -> bool:
    return user.is_authenticated and (has_role(user, Role.OFFICE) or user.is_superuser)


def has_conflict(user, nominee) -> bool:
    unit_id = user_unit_id(user)
    return unit_id is not None and unit_id == nominee.unit_id


def conflict_message(nominee):
    return (f"Xung đột lợi ích: bạn thuộc {nominee.unit.name}, không được đánh giá đối tượng của đơn vị mình. "
            "Một cán bộ Văn phòng khác sẽ đánh giá.")


def decide_result(result, *, actor, outcome, reason, expected_version) -> Result:
    """An office user decides a result: attests it, or overrides the computed outcome, with a written reason.

    `outcome` = "" withdraws a previous decision (the computed result applies again). The save succeeds only
    if nobody changed the result since `expected_version` was read; otherwise StaleResult names who did, when.
    """
    nominee = result.nominee
    if not may_score(actor):
        raise PermissionDenied("Chỉ Văn phòng Sở được đánh giá kết quả.")
    if has_conflict(actor, nominee):
        raise ConflictOfInterest(conflict_message(nominee))
    if nominee.dossier.state != DossierState.ACCEPTED:
        raise ScoringError("Hồ sơ của đối tượng này chưa được tiếp nhận, chưa thể đánh giá.")
    reason = (reason or "").strip()
    if outcome and outcome not in Outcome.values:
        raise ScoringError("Kết quả không hợp lệ.")
    if outcome and not reason:
        if is_human_criterion(result.criterion):
            raise ScoringError("Ghi nhận xét của Văn phòng khi xác nhận tiêu chí này.")
        raise ScoringError("Phải ghi lý do khi quyết định khác với kết quả tự động.")
    now = timezone.now()
    values = {
        "override": outcome or "",
        "override_reason": reason if outcome else "",
        "override_by": actor if outcome else None,
        "override_at": now if outcome else None,
        "updated_by": actor,
        "updated_at": now,
    }
    with transaction.atomic():
        updated = Result.objects.filter(pk=result.pk, version=expected_version).update(version=F("version") + 1, **values)
        if updated != 1:
            current = Result.objects.select_related("updated_by__staff").filter(pk=result.pk).first()
            if current is None:
                raise ScoringError("Kết quả này không còn nữa, tải lại trang.")
            raise StaleResult(stale_message(current))
        fresh = Result.objects.select_related("nominee__unit", "nominee__staff", "nominee__dossier", "criterion",
                                              "override_by", "updated_by").get(pk=result.pk)
        Result.history.bulk_history_create(
            [fresh], update=True, default_user=actor,
            default_change_reason=reason or "Rút quyết định, dùng kết quả tự động",
        )
    return fresh


def person_name(user):
    """How a person is named on pages: the staff record's full name, else the account's name."""
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.full_name if staff else (user.get_full_name() or user.username)


def stale_message(current):
    who = person_name(current.updated_by) if current.updated_by_id else "người khác"
    return f"Kết quả này đã được {who} sửa lúc {fmt_date(current.updated_at)}, tải lại trang để xem trước khi sửa."


# --------------------------------------------------------------------------------------------- weights


def scoring_started(campaign) -> bool:
    """Scoring has started once any result of the campaign has been decided by a person."""
    return Result.objects.filter(criterion__campaign=campaign, updated_by__isnull=False).exists()


WEIGHTS_LOCKED = "Đã bắt đầu chấm điểm (đã có kết quả do Văn phòng quyết định): không thể đổi trọng số tiêu chí."


def check_weight_change(campaign, changed: bool):
    if changed and scoring_started(campaign):
        raise ScoringError(WEIGHTS_LOCKED)


@transaction.atomic
def set_criteria_settings(campaign, *, weights: dict, mandatory: dict, actor) -> int:
    """Set each criterion's weight and whether it is mandatory. Weights are locked once scoring has started;
    the mandatory flags may change at any time (eligibility is read, never stored). Returns rows changed."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    criteria = list(Criterion.objects.filter(campaign=campaign, pk__in=set(weights) | set(mandatory)))
    changed_weight = [c for c in criteria if c.pk in weights and Decimal(weights[c.pk]) != c.weight]
    check_weight_change(campaign, bool(changed_weight))
    changed = []
    for c in criteria:
        dirty = False
        if c.pk in weights and Decimal(weights[c.pk]) != c.weight:
            if Decimal(weights[c.pk]) < 0:
                raise ScoringError("Trọng số không được âm.")
            c.weight = Decimal(weights[c.pk])
            dirty = True
        if c.pk in mandatory and bool(mandatory[c.pk]) != c.mandatory:
            c.mandatory = bool(mandatory[c.pk])
            dirty = True
        if dirty:
            c.save(update_fields=["weight", "mandatory"])
            changed.append(c)
    return len(changed)


# --------------------------------------------------------------------------------------------- indicator data

INDICATOR_GROUPS = [
    ("Giải ngân vốn đầu tư công", ["capital_allocated", "capital_disbursed"], "capital_source"),
    ("Dịch vụ công trực tuyến", ["online_dossiers", "total_dossiers", "online_target_percent"], "online_source"),
    ("Hồ sơ TTHC trễ hẹn, tồn đọng", ["late_dossiers", "backlog_dossiers"], "late_source"),
    ("Kiểm tra CCHC", ["inspection_result"], "inspection_source"),
    ("DDCI", ["ddci_score", "ddci_score_last", "ddci_rank", "ddci_rank_last"], "ddci_source"),
]


def indicator_errors(values: dict) -> dict:
    """Checks shared by the form and the Excel import: {field: Vietnamese message}."""
    errors = {}

    def filled(name):
        return values.get(name) not in (None, "")

    allocated, disbursed = values.get("capital_allocated"), values.get("capital_disbursed")
    if filled("capital_disbursed") and not filled("capital_allocated"):
        errors["capital_allocated"] = "Nhập vốn được giao trước khi nhập vốn đã giải ngân (nhập 0 nếu không được giao vốn)."
    if filled("capital_allocated") and filled("capital_disbursed") and disbursed > allocated:
        errors["capital_disbursed"] = "Vốn đã giải ngân không được lớn hơn vốn được giao."
    if filled("online_dossiers") and filled("total_dossiers") and values["online_dossiers"] > values["total_dossiers"]:
        errors["online_dossiers"] = "Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ."
    target = values.get("online_target_percent")
    if filled("online_target_percent") and not (0 <= target <= 100):
        errors["online_target_percent"] = "Chỉ tiêu phải từ 0% đến 100%."
    for name in ("capital_allocated", "capital_disbursed"):
        if filled(name) and values[name] < 0:
            errors[name] = "Số tiền không được âm."
    for label, fields, source in INDICATOR_GROUPS:
        if any(filled(f) for f in fields) and not (values.get(source) or "").strip():
            errors[source] = f"Ghi văn bản là nguồn của số liệu «{label}»."
    return errors


@transaction.atomic
def save_indicator_record(*, unit, year, values: dict, actor=None) -> IndicatorRecord:
    """Create or update a unit's figures for a year, then recompute the results that read them."""
    errors = indicator_errors(values)
    if errors:
        raise ValidationError(errors)
    record, _ = IndicatorRecord.objects.select_for_update().get_or_create(unit=unit, year=year)
    for name, value in values.items():
        setattr(record, name, value)
    if actor is not None:
        record._history_user = actor
    record.save()
    recompute_results(units=[unit])
    return record


@transaction.atomic
def save_index_components(*, unit, year, rows: list[dict], delete_ids=(), actor=None) -> None:
    """Replace/update the index components assigned to a unit for a year, then recompute."""
    seen = set()
    for row in rows:
        if any(row.get(k) not in (None, "") for k in ("score", "score_last")) and not (row.get("source") or "").strip():
            raise ValidationError({"source": "Ghi văn bản là nguồn của điểm chỉ số thành phần."})
        key = (row.get("index"), (row.get("component") or "").strip().lower())
        if key in seen:
            raise ValidationError({"component": f"Chỉ số thành phần «{row.get('component')}» của {row.get('index')} được nhập hai lần."})
        seen.add(key)
    IndexComponentScore.objects.filter(unit=unit, year=year, pk__in=list(delete_ids)).delete()
    for row in rows:
        row = dict(row)
        pk = row.pop("id", None)
        if pk:
            # One save per row (not a queryset update) so that the audit trail records who changed what.
            record = IndexComponentScore.objects.filter(pk=pk, unit=unit, year=year).first()
            if record is None:
                continue
            for name, value in row.items():
                setattr(record, name, value)
            if actor is not None:
                record._history_user = actor
            record.save()
        else:
            IndexComponentScore.objects.update_or_create(
                unit=unit, year=year, index=row.pop("index"), component=row.pop("component"), defaults=row,
            )
    IndicatorRecord.objects.get_or_create(unit=unit, year=year)
    recompute_results(units=[unit])


# --------------------------------------------------------------------------------------------- reading


def unscored_count(campaign) -> int:
    """Appraised nominees that have no result yet (a dossier accepted since the last recompute)."""
    return scored_nominees(campaign).filter(results__isnull=True).count()


def last_decisions(campaign):
    return Result.objects.filter(criterion__campaign=campaign).aggregate(last=Max("updated_at"), n=Count("pk"))
