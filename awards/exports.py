"""The campaign's reports as .xlsx: dossier state per unit, the scoring matrix, the ranking with the quota line,
the award list with amounts and the total in words, the budget by fund. Registered in the export registry of
campaigns (campaigns.excel.exporters) by AwardsConfig.ready, which offers them on the Excel page and to
`manage.py export_xlsx`.

Every export starts from the same per-user selector as its page (awards.selectors), so a unit head's export
holds only their unit. `user=None` is the full view (the command line's default, for scheduled reports).
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from awards import selectors as sel
from awards.models import (
    CampaignAward,
    DecisionLine,
    DecisionState,
    Document,
    DocumentKind,
    DocumentType,
    Dossier,
    Outcome,
    Result,
)
from awards.rules import may
from awards.selectors.history import export_rows
from awards.services.money import award_amount
from awards.services.ranking import rank_nominees
from awards.words import amount_in_words
from campaigns import formatting
from campaigns.excel.exporters import Report, register
from campaigns.excel.writer import Col, Table
from campaigns.models import Criterion, Target, Unit


def _visible(selector, user, qs):
    return qs if user is None else selector(user, qs)


def may_export(what, user) -> bool:
    """Whether `user` has anything to see in this export (404 otherwise): the rule awards.export_report
    (without a user, a command run by the operator: everything)."""
    return user is None or may(user, "awards.export_report", what)


def scope_text(user):
    if user is None or sel.sees_everything(user):
        return "toàn bộ"
    if sel.is_unit_head(user):
        return f"đơn vị {user.staff.unit.name}"
    return "hồ sơ Hội đồng xem xét"


# --- dossier state per unit --------------------------------------------------------------------------------

DOC_KINDS = [DocumentKind.UNIT_PLAN, DocumentKind.PROPOSAL_LETTER, DocumentKind.COUNCIL_MINUTES, DocumentKind.ACHIEVEMENT_REPORT]


def write_status(workbook, campaign, user, header):

    dossiers = list(
        _visible(sel.dossiers_for, user, Dossier.objects.filter(campaign=campaign))
        .select_related("unit")
        .annotate(
            collectives=Count("nominees", filter=Q(nominees__target=Target.COLLECTIVE)),
            individuals=Count("nominees", filter=Q(nominees__target=Target.INDIVIDUAL)),
        )
        .order_by("unit__code")
    )
    units = [d.unit for d in dossiers]
    with_dossier = {u.pk for u in units}
    if user is None or sel.sees_everything(user):
        units += [u for u in Unit.objects.filter(active=True).order_by("code") if u.pk not in with_dossier]
    elif sel.is_unit_head(user) and sel.user_unit_id(user) not in with_dossier:
        units.append(user.staff.unit)
    units.sort(key=lambda u: u.code)
    documents = defaultdict(int)
    docs = Document.objects.filter(campaign=campaign, unit__in=[u.pk for u in units], versions__isnull=False)
    if user is not None:
        docs = sel.documents_for(user, docs)
    for row in docs.values("unit_id", "kind").annotate(n=Count("id", distinct=True)):
        documents[(row["unit_id"], row["kind"])] = row["n"]
    table = Table(workbook, "Tình trạng hồ sơ", [
        Col("STT", 6, "int"), Col("Mã đơn vị", 12), Col("Tên đơn vị", 42), Col("Trạng thái hồ sơ", 22),
        Col("Nộp lần đầu", 17, "datetime"), Col("Nộp lần cuối", 17, "datetime"), Col("Số tập thể đề nghị", 12, "int"),
        Col("Số cá nhân đề nghị", 12, "int"), *[Col(kind.label, 18, "int") for kind in DOC_KINDS],
        Col("Cập nhật lúc", 17, "datetime"),
    ], **header)
    by_unit = {d.unit_id: d for d in dossiers}
    for number, unit in enumerate(units, start=1):
        dossier = by_unit.get(unit.pk)
        docs_row = [documents[(unit.pk, kind)] for kind in DOC_KINDS]
        if dossier is None:
            table.append([number, unit.code, unit.name, "Chưa lập hồ sơ", None, None, 0, 0, *docs_row, None])
        else:
            table.append([
                number, unit.code, unit.name, dossier.get_state_display(), dossier.first_submitted_at,
                dossier.submitted_at, dossier.collectives, dossier.individuals, *docs_row, dossier.updated_at,
            ])


# --- the scoring matrix ------------------------------------------------------------------------------------

def write_scores(workbook, campaign, user, header):


    results = (
        _visible(sel.results_for, user, Result.objects.filter(nominee__dossier__campaign=campaign))
        .order_by("nominee__dossier__unit__code", "nominee__target", "nominee_id", "criterion__order")
        .values_list(
            "nominee__unit__code", "nominee__unit__name", "nominee__target", "nominee__staff__full_name",
            "nominee__award_kind__short_name", "criterion__order", "criterion__short_name", "criterion__mandatory",
            "computed", "computed_reason", "evidence", "override", "override_reason", "override_by", "override_at",
        )
    )
    table = Table(workbook, "Kết quả đánh giá", [
        Col("Mã đơn vị", 11), Col("Đơn vị", 32), Col("Đối tượng", 10), Col("Tên tập thể / Họ và tên", 28),
        Col("Hình thức đề nghị", 18), Col("TT", 5, "int"), Col("Tiêu chí", 36), Col("Bắt buộc", 9),
        Col("Kết quả tự động", 16), Col("Diễn giải", 48), Col("Căn cứ", 40),
        Col("Kết quả do Văn phòng quyết định", 18), Col("Lý do / ghi chú", 40), Col("Người quyết định", 20),
        Col("Quyết định lúc", 17, "datetime"), Col("Kết quả cuối cùng", 16),
    ], **header)
    # Rows come as plain tuples (no model instances: 50,000 rows in seconds); the few deciders are named once.
    deciders = {
        u.pk: formatting.person_name(u)
        for u in get_user_model().objects.filter(pk__in=results.exclude(override_by=None).values("override_by")).select_related("staff")
    }
    targets, outcomes = dict(Target.choices), dict(Outcome.choices)
    for (code, unit, target, person, award, order, criterion, mandatory, computed, reason, evidence, override,
         override_reason, by, at) in results.iterator(chunk_size=2000):
        table.append([
            code, unit, targets[target], person or unit, award, order, criterion, "Có" if mandatory else "Không",
            outcomes[computed], reason, evidence, outcomes.get(override, ""), override_reason, deciders.get(by, ""), at,
            outcomes[override or computed],
        ])
    for target, label in Target.choices:
        _write_matrix(workbook, campaign, user, header, target, label, outcomes)


def _write_matrix(workbook, campaign, user, header, target, label, outcomes):
    """One row per nominee, one column per criterion: the final outcome (the office's decision if any)."""

    criteria = list(Criterion.objects.filter(campaign=campaign, target=target).order_by("order"))
    column = {c.pk: i for i, c in enumerate(criteria)}
    table = Table(workbook, f"Ma trận – {label}", [
        Col("Mã đơn vị", 11), Col("Đơn vị", 30), Col("Tên tập thể / Họ và tên", 28),
        *[Col(f"{c.order}. {c.short_name}", 16) for c in criteria], Col("Số tiêu chí đạt", 10, "int"),
    ], title=f"{header['title']}: ma trận {label.lower()}", subtitle=header["subtitle"])
    rows = (
        _visible(sel.results_for, user, Result.objects.filter(nominee__dossier__campaign=campaign, nominee__target=target))
        .order_by("nominee__dossier__unit__code", "nominee_id", "criterion__order")
        .values_list("nominee_id", "nominee__unit__code", "nominee__unit__name", "nominee__staff__full_name",
                     "criterion_id", "computed", "override")
    )
    current, line, met = None, None, 0

    def flush():
        if line is not None:
            table.append([*line, met])

    for nominee_id, code, unit, person, criterion_id, computed, override in rows.iterator(chunk_size=2000):
        if nominee_id != current:
            flush()
            current, line, met = nominee_id, [code, unit, person or unit, *[""] * len(criteria)], 0
        outcome = override or computed
        line[3 + column[criterion_id]] = outcomes[outcome]
        met += outcome == "met"
    flush()


# --- the ranking with the quota line -----------------------------------------------------------------------

def write_ranking(workbook, campaign, user, header):

    awards = list(CampaignAward.objects.filter(campaign=campaign).select_related("award_kind").order_by("award_kind__level", "target"))
    if not awards:
        Table(workbook, "Xếp hạng", [Col("Ghi chú", 60)], **header).append(["Phong trào chưa có hình thức khen thưởng."])
        return
    for award in awards:
        ranked = rank_nominees(campaign, target=award.target, award_kind=award.award_kind, user=user)
        quota = "tất cả nếu đủ điều kiện" if award.quota is None else f"{award.quota:02d}"
        table = Table(workbook, f"{award.award_kind.short_name} – {award.get_target_display()}"[:31], [
            Col("Hạng", 7, "int"), Col("Tên tập thể / Họ và tên", 32), Col("Đơn vị", 32), Col("Điểm", 9, "decimal"),
            Col("Đủ điều kiện", 12), Col("Trong chỉ tiêu", 13), Col("Chưa đạt", 48), Col("Khi bằng điểm", 48),
        ], title=f"{header['title']}: {award.award_kind.short_name}, {award.get_target_display().lower()} (chỉ tiêu: {quota})",
            subtitle=header["subtitle"])
        line_drawn = False
        for rn in ranked:
            if not line_drawn and award.quota is not None and not (rn.eligible and rn.within_quota):
                table.append(["", f"─── Hết chỉ tiêu {quota} ───", "", None, "", "", "", ""], bold=True)
                line_drawn = True
            n = rn.nominee
            table.append([
                rn.rank, n.name, n.unit.name, rn.score, "Có" if rn.eligible else "Không",
                "Có" if rn.within_quota and rn.eligible else "Không", "; ".join(rn.missing), rn.tie_note,
            ])


# --- the award list with amounts, total and total in words -------------------------------------------------

def write_awards(workbook, campaign, user, header):

    lines = (
        _visible(sel.decision_lines_for, user, DecisionLine.objects.filter(
            decision__campaign=campaign, decision__doc_type=DocumentType.DECISION, decision__state=DecisionState.APPROVED,
        ))
        .select_related("decision__award_kind")
        .order_by("decision__signed_on", "decision_id", "target", "order")
    )
    table = Table(workbook, "Danh sách khen thưởng", [
        Col("Số sổ vàng", 9, "int"), Col("Quyết định số", 18), Col("Ngày ký", 12, "date"), Col("Hình thức", 16),
        Col("Đối tượng", 10), Col("Tên tập thể / Họ và tên", 32), Col("Chức vụ", 24), Col("Đơn vị", 32),
        Col("Số tiền (đồng)", 15, "amount"), Col("Mã xác minh", 14),
    ], **header)
    targets = dict(Target.choices)
    total = Decimal(0)
    for line in lines.iterator(chunk_size=2000):
        d = line.decision
        total += line.amount or 0
        table.append([
            line.order, d.number_text, d.signed_on, d.award_kind.short_name, targets[line.target], line.recipient_name,
            line.position, line.unit_name, line.amount, line.verify_code or "",
        ])
    table.append(["", "", None, "", "", "Tổng cộng", "", "", total, ""], bold=True)
    table.append(["", "", None, "", "", f"Bằng chữ: {amount_in_words(total)}", "", "", None, ""])


# --- the budget by fund ------------------------------------------------------------------------------------

def write_budget(workbook, campaign, user, header):

    table = Table(workbook, "Kinh phí theo nguồn", [
        Col("Nguồn kinh phí", 40), Col("Hình thức", 18), Col("Đối tượng", 10), Col("Căn cứ", 34),
        Col("Số lượng", 10, "int"), Col("Mức thưởng (đồng)", 16, "amount"), Col("Thành tiền (đồng)", 16, "amount"),
    ], **header)
    targets = dict(Target.choices)
    decided = (
        _visible(sel.decision_lines_for, user, DecisionLine.objects.filter(
            decision__campaign=campaign, decision__doc_type=DocumentType.DECISION,
            decision__state__in=[DecisionState.APPROVED, DecisionState.DRAFT],
        ))
        .values("decision__award_kind__fund", "decision__award_kind__short_name", "target", "decision__state",
                "decision__number_text", "amount")
        .annotate(n=Count("id"))
        .order_by("decision__award_kind__fund", "decision__award_kind__short_name", "target", "decision__state", "amount")
    )
    funds = defaultdict(list)
    for row in decided:
        state = "Đã ký " + row["decision__number_text"] if row["decision__state"] == DecisionState.APPROVED else "Dự thảo quyết định"
        amount = row["amount"] or Decimal(0)
        funds[row["decision__award_kind__fund"]].append(
            [row["decision__award_kind__short_name"], targets[row["target"]], state, row["n"], amount, amount * row["n"]]
        )
    if not funds:
        # Nothing decided yet: the estimate from the quotas, at the rates in force on the decision deadline.
        for award in CampaignAward.objects.filter(campaign=campaign, quota__isnull=False).select_related("award_kind"):
            try:
                money = award_amount(award.award_kind, award.target, campaign.decision_deadline)
            except ValidationError as exc:  # no legal basis or rate for that day: say so rather than guess
                funds[award.award_kind.fund].append([award.award_kind.short_name, targets[award.target],
                                                     " ".join(exc.messages), award.quota, None, Decimal(0)])
                continue
            funds[award.award_kind.fund].append([
                award.award_kind.short_name, targets[award.target],
                f"Dự toán theo chỉ tiêu ({money.legal_basis})", award.quota, money.amount, money.amount * award.quota,
            ])
    grand = Decimal(0)
    for fund in sorted(funds):
        subtotal = Decimal(0)
        for kind, target, basis, count, amount, total in funds[fund]:
            table.append([fund, kind, target, basis, count, amount, total])
            subtotal += total
        table.append([f"Cộng {fund}", "", "", "", None, None, subtotal], bold=True)
        grand += subtotal
    table.append(["Tổng cộng", "", "", "", None, None, grand], bold=True)
    table.append([f"Bằng chữ: {amount_in_words(grand)}", "", "", "", None, None, None])


# --- the award history across years -----------------------------------------------------------------------

def write_history(workbook, campaign, user, header):
    """Sheet «Lịch sử khen thưởng»: every award of every person and unit the user may read, all years."""
    table = Table(
        workbook, "Lịch sử khen thưởng",
        [Col("Đối tượng", 10), Col("Mã", 12), Col("Tên tập thể / Họ và tên", 32), Col("Đơn vị", 32),
         Col("Năm", 8, "int"), Col("Danh hiệu, hình thức khen thưởng", 40), Col("Số quyết định", 20),
         Col("Ngày quyết định", 14, "date"), Col("Cơ quan, người ký", 40), Col("Nguồn", 28)],
        title=f"Lịch sử khen thưởng qua các năm – {campaign.organisation.name}", subtitle=header["subtitle"],
    )
    for kind, code, name, unit, e in export_rows(user):
        table.append([kind, code, name, unit, e.year, e.award_name, e.decision_number, e.decision_date, e.issuer, e.source])


REPORTS = {
    "status": ("Tình trạng hồ sơ theo đơn vị", "tinh-trang-ho-so", write_status),
    "scores": ("Bảng kết quả đánh giá theo tiêu chí", "ket-qua-danh-gia", write_scores),
    "ranking": ("Xếp hạng và chỉ tiêu khen thưởng", "xep-hang", write_ranking),
    "awards": ("Danh sách khen thưởng", "danh-sach-khen-thuong", write_awards),
    "budget": ("Kinh phí khen thưởng theo nguồn", "kinh-phi-khen-thuong", write_budget),
    "history": ("Lịch sử khen thưởng qua các năm", "lich-su-khen-thuong", write_history),
}


def scores_rows(campaign, user):
    """The scoring matrix has one row per nominee and criterion: 50,000 for a province."""
    return _visible(sel.results_for, user, Result.objects.filter(nominee__dossier__campaign=campaign)).count()


ROW_COUNTS = {"scores": scores_rows}


def register_reports() -> None:
    """Offer these reports in the export registry of campaigns (called once, by AwardsConfig.ready)."""
    for what, (label, slug, write) in REPORTS.items():
        register(what, Report(
            label=label, slug=slug, write=write, allowed=lambda user, what=what: may_export(what, user),
            scope=scope_text, rows=ROW_COUNTS.get(what),
        ))

