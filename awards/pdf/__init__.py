"""The documents the Department signs, as PDFs: the Quyết định with its attached list, the Tờ trình to UBND
tỉnh, the Giấy khen certificates (one multi-page PDF, or one per awardee) and the council's minutes (Mẫu 1.9).

Templates live in templates/pdf/. WeasyPrint and qrcode are imported only when a PDF is actually made."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import Decision, DecisionState, DocumentType
from awards.pdf import formats as f
from awards.pdf.render import image_uri, qr_data_uri, render_pdf
from awards.services.council import threshold_text, vote_outcome
from awards.services.money import award_amount
from campaigns import formatting
from campaigns.models import Gender, Target


def _honorific(line) -> str:
    staff = line.nominee.staff if line.nominee_id and line.target == Target.INDIVIDUAL else None
    if staff is None:
        return ""
    return "Bà" if staff.gender == Gender.FEMALE else "Ông"


def _signature(decision, organisation):
    on_behalf = decision.signer_on_behalf if decision.signed_on else organisation.signer_on_behalf
    title = (decision.signer_title if decision.signed_on else organisation.signer_title) or "GIÁM ĐỐC"
    name = (decision.signer_name if decision.signed_on else organisation.signer_name) or ""
    head = "GIÁM ĐỐC"
    return {
        "authority": head if on_behalf else title.upper(),
        "lines": ([f"KT. {head}", title.upper()] if on_behalf else [title.upper()]),
        "name": name,
    }


def _header(organisation, number_text, doc_type, day, year):
    """A draft has no number (blank before the symbol) and no date ("ngày … tháng … năm …"): both are the register's
    and the signer's, on the day it is signed."""
    return {
        "parent": f.upper(organisation.parent_body),
        "issuer": f.upper(organisation.name),
        "number": f"Số: {number_text}" if number_text else f"Số:      /{doc_type}-{organisation.abbreviation}",
        "place_date": f.place_and_date(organisation.place_name, day, year=year),
    }


def _money_for_draft(decision):
    """For a draft: what the lines would get if signed today (shown as an estimate)."""

    today = timezone.localdate()
    out = {}
    for target in (Target.COLLECTIVE, Target.INDIVIDUAL):
        try:
            out[target] = award_amount(decision.award_kind, target, today)
        except ValidationError:
            out[target] = None
    return out


def decision_context(decision: Decision) -> dict:
    decision = Decision.objects.select_related(
        "campaign__organisation", "award_kind", "legal_basis", "meeting", "replaces"
    ).get(pk=decision.pk)
    campaign, organisation = decision.campaign, decision.campaign.organisation
    lines = list(decision.lines.select_related("nominee__staff").order_by("order"))
    draft = decision.state in (DecisionState.DRAFT, DecisionState.REJECTED)
    estimate = _money_for_draft(decision) if draft and decision.doc_type == DocumentType.DECISION else {}
    basis = decision.legal_basis or next((m.legal_basis for m in estimate.values() if m), None)
    salary = decision.base_salary or next((m.base_salary for m in estimate.values() if m), None)
    rows = []
    for line in lines:
        amount = line.amount
        if amount is None and estimate.get(line.target):
            amount = estimate[line.target].amount
        rows.append({"line": line, "honorific": _honorific(line), "amount": amount, "amount_text": formatting.money(amount)})
    collectives = [r for r in rows if r["line"].target == Target.COLLECTIVE]
    individuals = [r for r in rows if r["line"].target == Target.INDIVIDUAL]
    total = decision.total_amount if decision.total_amount is not None else (
        sum(r["amount"] for r in rows) if rows and all(r["amount"] is not None for r in rows) else None
    )
    per_target = {t: next((r["amount"] for r in rows if r["line"].target == t), None) for t in (Target.COLLECTIVE, Target.INDIVIDUAL)}

    from awards.services.grounds import grounds_for  # noqa: PLC0415 — grounds imports awards.pdf.formats (a cycle at load)

    grounds = grounds_for(decision.doc_type, campaign=campaign, day=decision.signed_on, meeting=decision.meeting)

    year = decision.signed_on.year if decision.signed_on else campaign.year
    return {
        "decision": decision, "campaign": campaign, "organisation": organisation, "draft": draft,
        "header": _header(organisation, decision.number_text, decision.doc_type, decision.signed_on, year),
        "signature": _signature(decision, organisation),
        "grounds": [g.text for g in grounds], "basis": basis, "salary": formatting.money(salary),
        "collectives": collectives, "individuals": individuals,
        "n_collectives": f.count2(len(collectives)), "n_individuals": f.count2(len(individuals)),
        "amount_collective": formatting.money(per_target[Target.COLLECTIVE]),
        "amount_individual": formatting.money(per_target[Target.INDIVIDUAL]),
        "total": formatting.money(total), "total_words": f.money_words(total),
        "subject_tail": f.lower_first(campaign.title),
        "signed_words": f.day_month_year(decision.signed_on, year=year),
        "award_name": decision.award_kind.short_name, "award_full": decision.award_kind.name,
        "fund": decision.award_kind.fund,
        "issued_by": f"Giám đốc {organisation.name}",
        "recipients": (
            ["Như Điều 3;", f"{organisation.parent_body_full or organisation.parent_body} (b/c);", "Lưu: VT, VP."]
            if decision.doc_type == DocumentType.DECISION
            else ["Như trên;", "Sở Nội vụ (Ban Thi đua - Khen thưởng);", "Lưu: VT, VP."]
        ),
    }


def expected_pages(rows: int) -> int:
    """About how many pages a document with a list of `rows` lines has: the text, then some 30 lines a page (a
    Quyết định of 10 lines has 3 pages, of 100 lines 6, of 1,000 lines 37)."""
    return 3 + rows // 30


def decision_pdf(decision: Decision, *, progress=None) -> bytes:
    """The Quyết định then, on a new page, its attached list; or the Tờ trình with its list. `progress(percent, 100)`
    is told how far the render is (for a job's bar)."""
    context = decision_context(decision)
    template = "pdf/proposal.html" if decision.doc_type == DocumentType.PROPOSAL else "pdf/decision.html"
    rows = len(context["collectives"]) + len(context["individuals"])
    return render_pdf(template, context, progress=progress, expected_pages=expected_pages(rows))


def decision_filename(decision: Decision, suffix: str = "") -> str:
    """`quyet-dinh-so-12-2023.pdf`, `to-trinh-du-thao-7.pdf`, `quyet-dinh-so-12-2023-chua-ky.pdf`."""
    kind = "to-trinh" if decision.doc_type == DocumentType.PROPOSAL else "quyet-dinh"
    number = f"so-{decision.number}-{decision.number_year}" if decision.number else f"du-thao-{decision.pk}"
    return f"{kind}-{number}{'-' + suffix if suffix else ''}.pdf"


def verify_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verify:code", args=[code])


def certificate_pages(decision: Decision, lines) -> list[dict]:
    campaign = decision.campaign
    pages = []
    for line in lines:
        if line.target == Target.INDIVIDUAL:
            honorific = _honorific(line)
            recipient = f"{honorific} {line.recipient_name}".strip()
            detail = ", ".join(p for p in (line.position, line.unit_name) if p)
        else:
            recipient, detail = line.recipient_name, line.unit_name
        pages.append({
            "line": line, "recipient": recipient, "detail": detail,
            "reason": f"Đã có thành tích xuất sắc trong {f.lower_first(campaign.title)}",
            "qr": qr_data_uri(verify_url(line.verify_code)) if line.verify_code else "",
            "verify_url": verify_url(line.verify_code) if line.verify_code else "",
        })
    return pages


def certificates_pdf(decision: Decision, lines=None) -> bytes:
    """Giấy khen, one A4 landscape page per awardee, for the lines given (default: all of the decision)."""
    decision = Decision.objects.select_related("campaign__organisation", "award_kind").get(pk=decision.pk)
    if decision.state != DecisionState.APPROVED or decision.doc_type != DocumentType.DECISION:
        raise ValidationError("Chỉ in Giấy khen của quyết định đã ký ban hành và còn hiệu lực.")
    if lines is None:
        lines = decision.lines.all()
    lines = list(lines.select_related("nominee__staff").order_by("order")) if hasattr(lines, "select_related") else list(lines)
    if not lines:
        raise ValidationError("Không có Giấy khen nào để in.")
    organisation = decision.campaign.organisation
    signature = _signature(decision, organisation)
    return render_pdf("pdf/certificates.html", {
        "decision": decision, "organisation": organisation, "pages": certificate_pages(decision, lines),
        "emblem": image_uri(organisation.emblem),
        "awarding_title": f"GIÁM ĐỐC {f.upper(organisation.full_name or organisation.name)}",
        "award_title": f.upper(decision.award_kind.short_name),
        "place_date": f.place_and_date(organisation.place_name, decision.signed_on),
        "decision_date": formatting.date(decision.signed_on),
        "signature": signature,
    })


def minutes_context(meeting) -> dict:

    campaign = meeting.campaign
    organisation = campaign.organisation
    attendance = list(meeting.attendance.select_related("member__unit"))
    present = [a for a in attendance if a.present]
    absent = [a for a in attendance if not a.present]
    votes = list(meeting.votes.select_related("nominee__staff", "nominee__unit", "nominee__award_kind")
                 .order_by("nominee__target", "nominee__award_kind__code", "nominee_id"))
    rows = []
    for vote in votes:
        outcome = vote_outcome(vote, campaign=campaign)
        rows.append({
            "vote": vote, "nominee": vote.nominee, "percent": formatting.number(outcome.percent), "passed": outcome.passed,
            "against_percent": formatting.number(vote.votes_against * 100 / meeting.total_members) if meeting.total_members else "0",
        })
    held = timezone.localtime(meeting.held_at)
    ended = timezone.localtime(meeting.ended_at) if meeting.ended_at else None
    from awards.services.grounds import grounds_for  # noqa: PLC0415 — grounds imports awards.pdf.formats (a cycle at load)

    grounds = grounds_for(DocumentType.MINUTES, campaign=campaign, day=held.date())
    # Each nominee counts once, however many award kinds it was voted for (one achievement, one award).
    passed_subjects = {("s", r["nominee"].staff_id) if r["nominee"].staff_id else ("u", r["nominee"].unit_id)
                       for r in rows if r["passed"]}
    ties = [
        {"record": t, "chosen": list(t.chosen.select_related("staff", "unit").order_by("pk")),
         "tied": list(t.tied.select_related("staff", "unit").order_by("pk"))}
        for t in meeting.tie_breaks.select_related("award_kind").order_by("award_kind__code", "target")
    ]
    return {
        "meeting": meeting, "campaign": campaign, "organisation": organisation,
        "grounds": [g.text for g in grounds], "ties": ties,
        "set_aside": [r["nominee"] for r in rows if r["nominee"].proposal_state == "withdrawn"],
        "set_aside_kinds": sorted({r["nominee"].award_kind.short_name for r in rows if r["nominee"].proposal_state == "withdrawn"}),
        "header": _header(organisation, meeting.number_text, "BB", held.date(), held.year) | {
            "place_date": f.place_and_date(organisation.place_name, held.date())},
        "held_time": f"{held:%H} giờ {held:%M} phút, {f.day_month_year(held.date())}",
        "ended_time": f"{ended:%H} giờ {ended:%M} phút" if ended else "",
        "same_day": ended is not None and ended.date() == held.date(),
        "present": present, "absent": absent, "n_present": len(present), "total": meeting.total_members,
        "present_percent": formatting.number(len(present) * 100 / meeting.total_members) if meeting.total_members else "0",
        "collectives": [r for r in rows if r["nominee"].target == Target.COLLECTIVE],
        "individuals": [r for r in rows if r["nominee"].target == Target.INDIVIDUAL],
        "n_passed": f.count2(len(passed_subjects)), "threshold": threshold_text(campaign),
        "subject_tail": f.lower_first(campaign.title),
    }


def minutes_pdf(meeting, *, progress=None) -> bytes:
    context = minutes_context(meeting)
    rows = len(context["collectives"]) + len(context["individuals"])
    return render_pdf("pdf/minutes.html", context, progress=progress, expected_pages=expected_pages(rows))


def minutes_filename(meeting) -> str:
    return f"bien-ban-hop-hoi-dong-{timezone.localtime(meeting.held_at):%Y%m%d}.pdf"
