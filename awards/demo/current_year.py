"""The living demo: the 2023 campaign closed (for the record, after the office has ruled on the dossiers still
waiting), and this year's campaign cloned from it with deadlines ahead of today, launched, and units at every
step: some only registered, some with dossiers submitted, one returned with a reason, one accepted, the rest not
started. Everything goes through the services (clone_campaign, update_campaign, open_campaign, register, the
dossier verbs, close_campaign). Idempotent: run again, it does nothing."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from awards.demo.dossiers import GIAY_KHEN, _nominee_staff, demo_file, prerender
from awards.models import AwardKind, Dossier, DossierState
from awards.services import dossiers as svc
from awards.services.cloning import clone_campaign, open_campaign, update_campaign
from awards.services.closing import close_campaign
from campaigns.models import Campaign, CampaignStatus, Unit

# unit code: the step it has reached in this year's campaign (the others have not started).
STEPS = {
    "NCC": "accepted",
    "TTRA": "submitted",
    "LDVL": "submitted",
    "PCTNXH": "returned",
    "BTXH": "draft",
    "TTDVVL": "registered",
    "CSCNMT": "registered",
}
DOCUMENTS = [("proposal_letter", "To-trinh-de-nghi.pdf", "Tờ trình đề nghị khen thưởng"),
             ("council_minutes", "Bien-ban-hop-HDTDKT.pdf", "Biên bản họp Hội đồng Thi đua - Khen thưởng")]


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def seed(campaign, stdout=None):
    """Close `campaign` (2023) and open this year's campaign from it."""
    office = get_user_model().objects.filter(username="vanphong").first()
    today = timezone.localdate()
    if campaign is None or office is None or today.year <= campaign.year:
        _write(stdout, "Không tạo phong trào năm nay (chưa có phong trào gốc, tài khoản Văn phòng, hoặc năm nay chưa sang năm mới).")
        return
    code = f"cchc-{today.year}"
    if Campaign.objects.filter(code=code).exists():
        _write(stdout, f"Phong trào {code} đã có; không tạo lại.")
        return
    with transaction.atomic():
        _close(campaign, office)
        new = _open_this_year(campaign, office, code, today)
        counts = _units_at_every_step(new, office)
    _write(stdout, f"Đã kết thúc phong trào {campaign.code} và phát động {code} (hạn nộp hồ sơ "
                   f"{new.dossier_deadline:%d/%m/%Y}): " + ", ".join(f"{n} {label}" for label, n in counts.items()) + ".")


def _close(campaign, office):
    """The office rules on the dossiers still waiting (they came after the council met), then ends 2023."""
    if campaign.status != CampaignStatus.OPEN:
        return
    for dossier in Dossier.objects.filter(campaign=campaign, state__in=[DossierState.SUBMITTED, DossierState.RESUBMITTED]):
        svc.reject_dossier(dossier, actor=office, notify=False,
                           reason="Hội đồng Thi đua - Khen thưởng đã xét xong đợt khen thưởng; hồ sơ không còn được xét.")
    close_campaign(campaign, actor=office, reason="Đã ban hành quyết định khen thưởng năm " + str(campaign.year))


def _open_this_year(source, office, code, today):
    """Cloned from `source`; the period runs to a month ahead, the dossier deadline three weeks ahead."""
    new = clone_campaign(source, code=code, year=today.year, actor=office)
    update_campaign(
        new, actor=office, plan_date=min(new.plan_date, today), period_start=min(new.period_start, today - dt.timedelta(days=60)),
        period_end=today + dt.timedelta(days=30), dossier_deadline=today + dt.timedelta(days=21),
        decision_deadline=today + dt.timedelta(days=45),
    )
    return open_campaign(new, actor=office, reason="Phát động phong trào năm " + str(today.year))


def _units_at_every_step(campaign, office):
    award = AwardKind.objects.get(code=GIAY_KHEN)
    units = {u.code: u for u in Unit.objects.filter(code__in=STEPS)}
    heads = {u.staff.unit.code: u for u in get_user_model().objects.filter(username__startswith="thutruong.").select_related("staff__unit")}
    year = campaign.year
    keys, plan = [], {}
    for code, step in STEPS.items():
        unit = units.get(code)
        if unit is None or step == "registered":
            continue
        people = _nominee_staff(unit, 1)
        plan[code] = people
        keys += [(title, unit.name, f"{title} năm {year} của {unit.name}.") for _, _, title in DOCUMENTS]
        keys += [("Báo cáo thành tích", unit.name, f"Báo cáo thành tích năm {year} của {name}.")
                 for name in [unit.name, *(p.full_name for p in people)]]
    prerender(keys)
    counts = {"đơn vị đã đăng ký": 0, "hồ sơ đang soạn": 0, "hồ sơ đã nộp": 0, "bị trả lại": 0, "đã tiếp nhận": 0}
    for code, step in STEPS.items():
        unit = units.get(code)
        if unit is None:
            continue
        actor = heads.get(code, office)
        svc.register(campaign, unit, award_kind=award, actor=actor)
        counts["đơn vị đã đăng ký"] += 1
        if step == "registered":
            continue
        dossier = svc.get_or_create_dossier(campaign, unit)
        nominees = [svc.add_nominee(dossier, award_kind=award, actor=actor,
                                    achievement=f"Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm {year}.")]
        for person in plan[code]:
            nominees.append(svc.add_nominee(dossier, award_kind=award, actor=actor, staff=person,
                                            achievement=f"Hoàn thành xuất sắc nhiệm vụ năm {year}."))
        for kind, filename, title in DOCUMENTS:
            svc.upload_dossier_document(dossier, kind, demo_file(filename, title, unit, f"{title} năm {year} của {unit.name}."), actor=actor)
        for nominee in nominees:
            name = nominee.staff.full_name if nominee.staff else unit.name
            svc.upload_achievement_report(nominee, demo_file("Bao-cao-thanh-tich.pdf", "Báo cáo thành tích", unit,
                                                             f"Báo cáo thành tích năm {year} của {name}."), actor=actor)
        if step == "draft":
            counts["hồ sơ đang soạn"] += 1
            continue
        svc.submit_dossier(dossier, actor=actor, notify=False)
        counts["hồ sơ đã nộp"] += 1
        if step == "returned":
            svc.return_dossier(dossier, actor=office, notify=False,
                               reason="Biên bản họp Hội đồng của đơn vị chưa có chữ ký của Chủ tịch Hội đồng; đề nghị bổ sung.")
            counts["bị trả lại"] += 1
        elif step == "accepted":
            svc.accept_dossier(dossier, actor=office, notify=False, reason="Hồ sơ đầy đủ, đúng hạn.")
            counts["đã tiếp nhận"] += 1
    return counts
