"""The demo's unit portal: registrations, unit plans and award dossiers of the 2023 campaign in every state, with
real small PDF files, built through the same services as the pages (the clock set inside November 2023) so the
history reads as it would have happened. Idempotent: run again, it does nothing.

States, by unit: accepted (NCC, TTRA, LDVL, BTXH, TTCTXH, CSCNMT; NCC after one return), resubmitted after a
return and an extension (TTDVVL), returned with a reason and a comment (PCTNXH), submitted (BQLNT), rejected
(KHTC) and a draft still missing its minutes (VP)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import escape

from awards.models import (
    AwardKind,
    DeadlineExtension,
    DocumentVersion,
    Dossier,
    DossierComment,
    DossierState,
    Registration,
    StateChange,
)
from awards.services import dossiers as svc
from campaigns.models import DisciplineRecord, Rating, Staff, Unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
GIAY_KHEN = "giay-khen-giam-doc"
BANG_KHEN = "bang-khen-ubnd-tinh"

# unit code: (final state, number of individuals, award for the collective, day of first submission in Nov 2023)
PLAN = {
    "NCC": ("accepted", 2, BANG_KHEN, 8),
    "TTRA": ("accepted", 1, GIAY_KHEN, 13),
    "LDVL": ("accepted", 2, GIAY_KHEN, 14),
    "BTXH": ("accepted", 2, GIAY_KHEN, 15),
    "TTCTXH": ("accepted", 2, GIAY_KHEN, 16),
    "CSCNMT": ("accepted", 1, GIAY_KHEN, 17),
    "TTDVVL": ("resubmitted", 2, GIAY_KHEN, 17),
    "PCTNXH": ("returned", 1, GIAY_KHEN, 18),
    "BQLNT": ("submitted", 1, GIAY_KHEN, 19),
    "KHTC": ("rejected", 1, GIAY_KHEN, 10),
    "VP": ("draft", 1, GIAY_KHEN, None),
}
NO_PLAN = {"VP", "PCTNXH"}
RETURNED_ONCE = ("NCC", "TTDVVL")  # returned for a missing figure, fixed and sent again


def _at(day, hour=9, minute=0):
    return dt.datetime(2023, 11, day, hour, minute, tzinfo=VN)


_FONT_DIR = settings.BASE_DIR / "static" / "fonts"


_rendered = {}


def _html(pages):
    fonts = "".join(
        f"@font-face {{ font-family: Tinos; font-weight: {weight}; src: url('{(_FONT_DIR / name).as_uri()}'); }}"
        for weight, name in (("normal", "Tinos-Regular.ttf"), ("bold", "Tinos-Bold.ttf"))
    )
    return f"""<html><head><style>{fonts}
      @page {{ size: A4; margin: 20mm 20mm 20mm 30mm; }}
      body {{ font-family: Tinos, serif; font-size: 13pt; }}
      section {{ page-break-after: always; }}
      .head {{ text-align: center; font-weight: bold; }} h1 {{ text-align: center; font-size: 14pt; }}
    </style></head><body>{pages}</body></html>"""


def _page(title, unit_name, body):
    return (f'<section><p class="head">{escape(unit_name.upper())}</p><h1>{escape(title.upper())}</h1>'
            f"<p>{escape(body)}</p><p><i>Tài liệu minh họa, tạo tự động cho bản chạy thử.</i></p></section>")


def pdf(title, unit_name, body):
    """A real one-page A4 PDF in Vietnamese (WeasyPrint, bundled Tinos), kept for repeated demo runs."""
    key = (title, unit_name, body)
    if key not in _rendered:
        from weasyprint import HTML  # noqa: PLC0415 — heavy library, loaded only when a PDF is rendered

        _rendered[key] = HTML(string=_html(_page(*key))).write_pdf()
    return _rendered[key]


def prerender(keys):
    """Render many (title, unit name, body) documents in ONE WeasyPrint run, a page each, and fill pdf()'s
    cache with each page as its own PDF: one layout pass instead of dozens."""

    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 — loaded only when the demo's PDFs are built
    from weasyprint import HTML  # noqa: PLC0415 — heavy library, loaded only when a PDF is rendered

    keys = [k for k in dict.fromkeys(keys) if k not in _rendered]
    if not keys:
        return
    pages = "".join(_page(*k) for k in keys)
    whole = PdfReader(io.BytesIO(HTML(string=_html(pages)).write_pdf()))
    for key, page in zip(keys, whole.pages, strict=True):
        out = io.BytesIO()
        writer = PdfWriter()
        writer.add_page(page)
        writer.write(out)
        _rendered[key] = out.getvalue()


def demo_file(filename, title, unit, body):
    return SimpleUploadedFile(filename, pdf(title, unit.name, body), content_type="application/pdf")


PLAN_TITLE = "Kế hoạch phát động phong trào thi đua cải cách hành chính năm 2023"
DOSSIER_DOCUMENTS = [
    ("proposal_letter", "Tờ trình đề nghị khen thưởng - {code}.pdf", "Tờ trình đề nghị khen thưởng"),
    ("council_minutes", "Biên bản họp Hội đồng TĐKT - {code}.pdf", "Biên bản họp Hội đồng Thi đua - Khen thưởng"),
]


def _plan_body(unit):
    return f"{unit.name} phát động phong trào thi đua cải cách hành chính năm 2023 theo Kế hoạch của Sở."


def _dossier_body(unit):
    return f"Hồ sơ đề nghị khen thưởng năm 2023 của {unit.name}."


def _achievement(unit, person=None):
    if person is None:
        return f"{unit.name} hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2023."
    return f"{person.full_name} hoàn thành xuất sắc nhiệm vụ được giao năm 2023."


def report_body(name, achievement):
    return f"Báo cáo thành tích đề nghị khen thưởng của {name}: {achievement}"


def _supplement_body(name):
    return f"Báo cáo thành tích bổ sung của {name}: đã giải quyết 100% hồ sơ đúng hạn."


def _backdate(model, pk, when, field):
    model.objects.filter(pk=pk).update(**{field: when})


def _nominee_staff(unit, count, prefer=None):
    """The unit's best candidates: rated HTXSNV in 2023, never disciplined, in code order (deterministic)."""
    disciplined = DisciplineRecord.objects.filter(year=2023, staff__isnull=False).values("staff_id")
    candidates = list(
        Staff.objects.filter(unit=unit, user__isnull=True, ratings__year=2023, ratings__rating=Rating.EXCELLENT)
        .exclude(pk__in=disciplined).order_by("code")
    )
    if prefer is not None and prefer.unit_id == unit.pk:
        candidates = [prefer] + [c for c in candidates if c.pk != prefer.pk]
    if len(candidates) < count:
        candidates += list(Staff.objects.filter(unit=unit).exclude(pk__in=[c.pk for c in candidates]).exclude(pk__in=disciplined).order_by("code"))
    return candidates[:count]


def seed(campaign, stdout=None):
    """Dossiers in several states (the first step of every stage)."""
    write = stdout.write if stdout is not None else (lambda s: None)
    User = get_user_model()
    office = User.objects.filter(username="vanphong").first()
    if campaign is None or office is None:
        write("Chưa có phong trào hoặc tài khoản minh họa; bỏ qua hồ sơ minh họa.")
        return
    if Dossier.objects.filter(campaign=campaign).exists():
        write("Hồ sơ minh họa đã có; không tạo lại.")
        return
    with transaction.atomic():
        counts = _seed(campaign, office)
    write(
        f"Đã tạo {counts['dossiers']} hồ sơ minh họa ({counts['states']}), {counts['registrations']} đăng ký thi đua, "
        f"{counts['files']} tệp PDF."
    )


def _seed(campaign, office):
    awards = {a.code: a for a in AwardKind.objects.filter(code__in=[GIAY_KHEN, BANG_KHEN])}
    units = {u.code: u for u in Unit.objects.filter(code__in=PLAN)}
    heads = {u.staff.unit.code: u for u in get_user_model().objects.filter(username__startswith="thutruong.").select_related("staff__unit")}
    canbo = Staff.objects.filter(user__username="canbo").first()
    people_of = {code: _nominee_staff(unit, PLAN[code][1], prefer=canbo) for code, unit in units.items()}

    keys = []
    for code, unit in units.items():
        keys += [(PLAN_TITLE, unit.name, _plan_body(unit))] + [(t, unit.name, _dossier_body(unit)) for _, _, t in DOSSIER_DOCUMENTS]
        named = [(unit.name, _achievement(unit))] + [(p.full_name, _achievement(unit, p)) for p in people_of[code]]
        keys += [("Báo cáo thành tích", unit.name, report_body(name, achievement)) for name, achievement in named]
        if code in RETURNED_ONCE:
            keys.append(("Báo cáo thành tích (bổ sung số liệu)", unit.name, _supplement_body(named[-1][0])))
    prerender(keys)

    for code, (state, n_people, collective_award, day) in PLAN.items():
        unit = units.get(code)
        if unit is None:
            continue
        actor = heads.get(code, office)  # units without a demo account are entered by the office
        start = _at(max((day or 20) - 12, 1), 8)

        reg = svc.register(campaign, unit, award_kind=awards[GIAY_KHEN], actor=actor, now=start)
        _backdate(Registration, reg.pk, start, "registered_at")
        people = people_of[code]
        for person in people:
            reg = svc.register(campaign, unit, award_kind=awards[GIAY_KHEN], actor=actor, staff=person, now=start)
            _backdate(Registration, reg.pk, start, "registered_at")

        if code not in NO_PLAN:
            version = svc.upload_unit_plan(
                campaign, unit,
                demo_file(f"Kế hoạch thi đua CCHC 2023 - {code}.pdf", PLAN_TITLE, unit, _plan_body(unit)),
                actor=actor, now=start,
            )
            _backdate(DocumentVersion, version.pk, start, "uploaded_at")

        dossier = svc.get_or_create_dossier(campaign, unit)
        _backdate(Dossier, dossier.pk, start, "created_at")
        nominees = [svc.add_nominee(dossier, award_kind=awards[collective_award], actor=actor, now=start,
                                    achievement=_achievement(unit))]
        for person in people:
            nominees.append(svc.add_nominee(dossier, award_kind=awards[GIAY_KHEN], actor=actor, staff=person, now=start,
                                            achievement=_achievement(unit, person)))
        uploads = DOSSIER_DOCUMENTS[:1] if state == "draft" else DOSSIER_DOCUMENTS  # a draft still lacks its minutes
        for kind, filename, title in uploads:
            version = svc.upload_dossier_document(dossier, kind, demo_file(filename.format(code=code), title, unit, _dossier_body(unit)),
                                                  actor=actor, now=start)
            _backdate(DocumentVersion, version.pk, start, "uploaded_at")
        for nominee in nominees:
            version = svc.upload_achievement_report(
                nominee, demo_file(f"Báo cáo thành tích - {nominee.name}.pdf", "Báo cáo thành tích", unit,
                               report_body(nominee.name, nominee.achievement)),
                actor=actor, now=start,
            )
            _backdate(DocumentVersion, version.pk, start, "uploaded_at")
        if state == "draft":
            continue

        def step(change, when):
            _backdate(StateChange, change.pk, when, "at")

        step(svc.submit_dossier(dossier, actor=actor, now=_at(day, 10), notify=False), _at(day, 10))
        if code in RETURNED_ONCE:
            step(svc.return_dossier(dossier, actor=office, notify=False,
                                    reason="Báo cáo thành tích cá nhân chưa nêu số liệu giải quyết hồ sơ năm 2023; đề nghị bổ sung."),
                 _at(day + 1, 15))
            if code == "TTDVVL":
                ext = svc.grant_extension(campaign, unit, actor=office, until=dt.date(2023, 11, 24), now=_at(day + 2, 8),
                                          reason="Thủ trưởng đơn vị đi công tác, cần thêm thời gian ký báo cáo bổ sung.")
                _backdate(DeadlineExtension, ext.pk, _at(day + 2, 8), "granted_at")
            fixed_at = _at(day + 2, 9) if code == "NCC" else _at(23, 9)
            version = svc.upload_achievement_report(
                nominees[-1], demo_file(f"Báo cáo thành tích (bổ sung) - {nominees[-1].name}.pdf", "Báo cáo thành tích (bổ sung số liệu)", unit,
                                    _supplement_body(nominees[-1].name)),
                actor=actor, now=fixed_at,
            )
            _backdate(DocumentVersion, version.pk, fixed_at, "uploaded_at")
            step(svc.submit_dossier(dossier, actor=actor, now=fixed_at, notify=False), fixed_at)
        if state == "accepted":
            step(svc.accept_dossier(dossier, actor=office, notify=False, reason="Hồ sơ đầy đủ, đúng hạn."), _at(21, 14))
        elif state == "rejected":
            step(svc.reject_dossier(dossier, actor=office, notify=False,
                                    reason="Báo cáo thành tích không có xác nhận của thủ trưởng đơn vị và đơn vị không bổ sung trong thời hạn."),
                 _at(21, 15))
        elif state == "returned":
            step(svc.return_dossier(dossier, actor=office, notify=False,
                                    reason="Biên bản họp Hội đồng TĐKT của đơn vị chưa ghi kết quả biểu quyết; đề nghị bổ sung."),
                 _at(day + 1, 16))
            comment = svc.add_comment(dossier, actor=office, text="Đề nghị gửi kèm Kế hoạch phát động thi đua năm 2023 của đơn vị.")
            _backdate(DossierComment, comment.pk, _at(day + 1, 16, 5), "created_at")

    states = Dossier.objects.filter(campaign=campaign).values_list("state", flat=True)
    summary = {}
    for s in states:
        summary[s] = summary.get(s, 0) + 1

    return {
        "dossiers": len(states),
        "states": ", ".join(f"{DossierState(s).label.lower()}: {n}" for s, n in sorted(summary.items())),
        "registrations": Registration.objects.filter(campaign=campaign).count(),
        "files": DocumentVersion.objects.filter(document__campaign=campaign).count(),
    }
