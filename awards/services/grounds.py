"""The grounds (căn cứ) a document cites, chosen by its kind and its signing date, never fixed text.

The rule per document kind (RULES) lists what is cited, in the order of Nghị định 30/2020 (higher documents first):

- the Luật Thi đua, khen thưởng in force on the signing date, with the amending laws in force then
  (LegalBasis rows of role EMULATION_LAW / AMENDMENT);
- the detailing decree in force on that date (role EMULATION_DECREE), never a repealed one;
- the organisation's founding decision (Organisation.founding_decision_number / _date, kept by the office);
- the campaign's own grounds (CampaignGround: the province's plan and the documents the criteria rest on), except
  rows naming a document of the legal table (that one is chosen by date above);
- the campaign's plan (Campaign.plan_number / plan_date);
- the council's meeting (its Biên bản, with its number once it has one).

A ground that still holds a placeholder ("…", no number or no date) is kept with `missing` set: a draft prints it,
signing is refused with a message naming it (`signing_errors`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from awards.models import DocumentType, LegalBasis, LegalRole
from awards.pdf import formats as f

LAW, DECREE, FOUNDING, CAMPAIGN_GROUNDS, PLAN, MEETING = "law", "decree", "founding", "campaign_grounds", "plan", "meeting"
RULES = {
    DocumentType.DECISION: (LAW, DECREE, FOUNDING, CAMPAIGN_GROUNDS, PLAN, MEETING),
    DocumentType.PROPOSAL: (LAW, DECREE, FOUNDING, CAMPAIGN_GROUNDS, PLAN, MEETING),
    DocumentType.MINUTES: (LAW, DECREE, PLAN),
}
PLACEHOLDER = re.compile(r"…|\.\.\.|^\s*/|^\s*$")


@dataclass(frozen=True)
class Ground:
    what: str             # what the ground is, for messages: "Kế hoạch phát động thi đua của Sở"
    text: str             # the citation, after "Căn cứ "
    missing: str = ""     # why it cannot be signed yet ('' when complete)
    issued_on: dt.date | None = None  # a ground is never younger than the document citing it


def has_number(reference: str) -> bool:
    """"1223/KH-UBND" yes; "…/KH-SLĐTBXH", "/KH-SLĐTBXH", "" no."""
    reference = (reference or "").strip()
    return bool(reference) and not PLACEHOLDER.search(reference) and reference[0].isdigit()


def in_force(role: str, day: dt.date):
    return (
        LegalBasis.objects.filter(role=role, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from", "-issued_on")
    )


def _date_words(day):
    return f.day_month_year(day) if day else "ngày … tháng … năm …"


def _law(day) -> Ground:
    law = in_force(LegalRole.EMULATION_LAW, day).first()
    what = "Luật Thi đua, khen thưởng"
    if law is None:
        return Ground(what, "Luật Thi đua, khen thưởng …",
                      f"chưa có Luật Thi đua, khen thưởng có hiệu lực ngày {day:%d/%m/%Y} trong bảng văn bản pháp lý")
    parts = [f"{law.short_title or law.title} {_date_words(law.issued_on)}"]
    amendments = [a for a in law.amendments.order_by("issued_on") if a.in_force_on(day)]
    groups: dict[str, list] = {}
    for a in amendments:
        groups.setdefault(a.short_title or a.title, []).append(a)
    for title, rows in groups.items():
        parts.append(f"{title} " + " và ".join(_date_words(a.issued_on) for a in rows))
    return Ground(what, "; ".join(parts))


def _decree(day) -> Ground:
    decree = in_force(LegalRole.EMULATION_DECREE, day).first()
    what = "Nghị định quy định chi tiết Luật Thi đua, khen thưởng"
    if decree is None:
        return Ground(what, "Nghị định số …/NĐ-CP của Chính phủ",
                      f"chưa có nghị định quy định chi tiết Luật Thi đua, khen thưởng có hiệu lực ngày {day:%d/%m/%Y}")
    return Ground(what, f"Nghị định số {decree.code} {_date_words(decree.issued_on)} của {decree.issuer} "
                        f"{f.lower_first(decree.title)}")


def _founding(organisation) -> Ground:
    number, day = organisation.founding_decision_number.strip(), organisation.founding_decision_date
    issuer = organisation.parent_body_full or organisation.parent_body
    what = "Quyết định quy định chức năng, nhiệm vụ của cơ quan"
    text = (f"Quyết định số {number or '…'} {_date_words(day)} của {issuer} quy định chức năng, nhiệm vụ, quyền hạn "
            f"và cơ cấu tổ chức của {organisation.full_name or organisation.name}")
    missing = []
    if not has_number(number):
        missing.append("chưa có số")
    if day is None:
        missing.append("chưa có ngày ban hành")
    return Ground(what, text, " và ".join(missing) + (" (Văn phòng ghi trong mục Cơ quan của trang quản trị)" if missing else ""),
                  day)


def _campaign_grounds(campaign) -> list[Ground]:
    legal_codes = set(LegalBasis.objects.values_list("code", flat=True))
    out = []
    for ground in campaign.grounds.order_by("order"):
        if ground.reference in legal_codes:
            continue
        missing = []
        if not has_number(ground.reference) or "…" in ground.text:
            missing.append("chưa có số")
        if ground.issued_on is None:
            missing.append("chưa có ngày ban hành")
        out.append(Ground(f"Căn cứ «{ground.reference}» của phong trào", ground.text, " và ".join(missing), ground.issued_on))
    return out


def _plan(campaign) -> Ground:
    organisation = campaign.organisation
    text = (f"Kế hoạch số {campaign.plan_number} {_date_words(campaign.plan_date)} của {organisation.name} "
            f"về việc phát động {f.lower_first(campaign.title)}")
    missing = []
    if not has_number(campaign.plan_number):
        missing.append(f"số kế hoạch còn là «{campaign.plan_number or '—'}»")
    if campaign.plan_date is None:
        missing.append("chưa có ngày kế hoạch")
    return Ground("Kế hoạch phát động phong trào của Sở", text,
                  " và ".join(missing) + (" (Văn phòng sửa trong mục Phong trào thi đua)" if missing else ""),
                  campaign.plan_date)


def _meeting(meeting, organisation) -> Ground:
    if meeting is None:
        return Ground("Biên bản họp Hội đồng Thi đua - Khen thưởng", "Biên bản họp Hội đồng Thi đua - Khen thưởng …",
                      "Hội đồng chưa họp xét")
    held = timezone.localtime(meeting.held_at).date()
    number = f"số {meeting.number_text} " if meeting.number_text else ""
    return Ground("Biên bản họp Hội đồng Thi đua - Khen thưởng",
                  f"Biên bản {number}{f.day_month_year(held)} họp Hội đồng Thi đua - Khen thưởng {organisation.name}")


def grounds_for(doc_type: str, *, campaign, day: dt.date | None = None, meeting=None) -> list[Ground]:
    """The grounds a document of `doc_type` cites when signed on `day` (default: today, for a draft)."""
    day = day or timezone.localdate()
    organisation = campaign.organisation
    out = []
    for part in RULES[doc_type]:
        if part == LAW:
            out.append(_law(day))
        elif part == DECREE:
            out.append(_decree(day))
        elif part == FOUNDING:
            out.append(_founding(organisation))
        elif part == CAMPAIGN_GROUNDS:
            out += _campaign_grounds(campaign)
        elif part == PLAN:
            out.append(_plan(campaign))
        elif part == MEETING:
            out.append(_meeting(meeting, organisation))
    return out


def signing_errors(grounds: list[Ground], day: dt.date | None = None) -> list[str]:
    """One Vietnamese message per ground that still holds a placeholder, or that is dated after the signing day."""
    errors = [f"Căn cứ «{g.what}» chưa đầy đủ: {g.missing}. Chưa thể ký ban hành." for g in grounds if g.missing]
    if day is not None:
        errors += [
            f"Căn cứ «{g.what}» ban hành ngày {g.issued_on:%d/%m/%Y}, sau ngày ký {day:%d/%m/%Y}: văn bản không căn cứ "
            "vào văn bản ban hành sau nó." for g in grounds if g.issued_on and g.issued_on > day
        ]
    return errors
