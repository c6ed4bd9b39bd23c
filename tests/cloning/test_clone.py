"""Next year's campaign from this one: what is copied, what moves to the new year, what is chosen by the law in
force, what is refused; and the draft the office edits until it is launched, after which criteria are locked."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from awards.models import CampaignAward, StateChange
from awards.services import cloning
from campaigns.models import Campaign, CampaignStatus, Criterion
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def criteria_of(campaign):
    return list(campaign.criteria.order_by("target", "order").values_list(*cloning.CRITERION_FIELDS))


def awards_of(campaign):
    return sorted(CampaignAward.objects.filter(campaign=campaign).values_list("award_kind__code", "target", "quota"))


def test_clone_campaign_command_makes_next_years_draft_and_refuses_the_same_code_again(campaign, clerk):
    before = (criteria_of(campaign), awards_of(campaign), list(campaign.grounds.values_list("reference", "text")))
    out = StringIO()
    call_command("clone_campaign", "cchc-2023", "--code", "cchc-2024", "--year", "2024", "--user", "clerk", stdout=out)
    new = Campaign.objects.get(code="cchc-2024")
    assert "Đã tạo phong trào «Phong trào thi đua cải cách hành chính năm 2024» (mã cchc-2024, đang soạn): 17 tiêu chí" in out.getvalue()
    assert (new.year, new.status, new.title, new.organisation) == (
        2024, CampaignStatus.DRAFT, "Phong trào thi đua cải cách hành chính năm 2024", campaign.organisation)
    assert new.criteria.count() == 17
    assert criteria_of(new) == criteria_of(campaign)
    assert awards_of(new) == awards_of(campaign) == [
        ("bang-khen-ubnd-tinh", "collective", None), ("bang-khen-ubnd-tinh", "individual", None),
        ("giay-khen-giam-doc", "collective", 5), ("giay-khen-giam-doc", "individual", 5),
    ]
    assert (new.dossier_deadline, new.decision_deadline) == (dt.date(2024, 11, 20), dt.date(2024, 12, 15))
    assert (new.plan_date, new.period_start, new.period_end) == (dt.date(2024, 4, 10), dt.date(2024, 4, 10), dt.date(2024, 11, 29))
    assert (new.vote_threshold_percent, new.council_size, new.tie_break_rule) == (
        campaign.vote_threshold_percent, campaign.council_size, campaign.tie_break_rule)
    # Grounds by the law in force in 2024, never copied from 2023: the 2022 law and NĐ 98/2023.
    assert list(new.grounds.order_by("order").values_list("reference", "issued_on")) == [
        ("06/2022/QH15", dt.date(2022, 6, 15)), ("98/2023/NĐ-CP", dt.date(2023, 12, 31)),
    ]
    assert new.grounds.get(order=2).text.startswith("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ")
    change = StateChange.objects.get(object_id=new.pk, to_state="draft")
    assert (change.actor.username, change.reason) == ("clerk", "Tạo từ phong trào cchc-2023 (2023)")
    # The source is untouched.
    campaign.refresh_from_db()
    assert (criteria_of(campaign), awards_of(campaign), list(campaign.grounds.values_list("reference", "text"))) == before
    assert campaign.status == CampaignStatus.OPEN

    with pytest.raises(CommandError, match="Đã có phong trào mã «cchc-2024»; chọn mã khác"):
        call_command("clone_campaign", "cchc-2023", "--code", "cchc-2024", "--year", "2024")
    assert Campaign.objects.filter(code="cchc-2024").count() == 1 and Criterion.objects.filter(campaign=new).count() == 17


def test_an_unknown_source_or_a_bad_code_is_refused_in_vietnamese(campaign):
    with pytest.raises(CommandError, match="Không có phong trào mã «cchc-1999»"):
        call_command("clone_campaign", "cchc-1999", "--code", "x-2024", "--year", "2024")
    with pytest.raises(CommandError, match="Mã phong trào gồm chữ thường không dấu"):
        call_command("clone_campaign", "cchc-2023", "--code", "CCHC 2024", "--year", "2024")
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("year, decree", [(2025, "98/2023/NĐ-CP"), (2026, "152/2025/NĐ-CP")])
def test_the_decree_is_the_one_in_force_on_the_new_plan_date(campaign, year, decree):
    new = cloning.clone_campaign(campaign, code=f"cchc-{year}", year=year, actor=None)
    assert list(new.grounds.order_by("order").values_list("reference", flat=True)) == ["06/2022/QH15", decree]


def test_a_29_february_moves_to_28_february():
    assert cloning.same_day_in(dt.date(2024, 2, 29), 2025) == dt.date(2025, 2, 28)
    assert cloning.same_day_in(dt.date(2023, 11, 20), 2024) == dt.date(2024, 11, 20)


def test_the_draft_is_edited_then_launched_and_its_criteria_are_locked(campaign, clerk):
    new = cloning.clone_campaign(campaign, code="cchc-2024", year=2024, actor=clerk)
    first = new.criteria.get(target="individual", order=1)
    cloning.save_criterion(new, criterion=first, actor=clerk, short_name="Hoàn thành xuất sắc nhiệm vụ năm 2024",
                           text="Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2024.")
    added = cloning.save_criterion(new, actor=clerk, target="individual", order=6, short_name="Chuyển đổi số",
                                   text="Sử dụng thành thạo phần mềm quản lý văn bản.", evidence_kind="attestation",
                                   mandatory=False, weight=2)
    award = CampaignAward.objects.get(campaign=new, award_kind__code="giay-khen-giam-doc", target="individual")
    cloning.set_quota(award, quota=7, actor=clerk)
    cloning.update_campaign(new, actor=clerk, dossier_deadline=dt.date(2024, 11, 25), plan_number="45/KH-SLĐTBXH")
    with pytest.raises(cloning.CloneError, match="Hạn nộp hồ sơ phải trước hạn trình khen thưởng"):
        cloning.update_campaign(new, actor=clerk, dossier_deadline=dt.date(2024, 12, 31))
    new.refresh_from_db()
    assert (new.dossier_deadline, new.plan_number, new.criteria.count()) == (dt.date(2024, 11, 25), "45/KH-SLĐTBXH", 18)

    cloning.open_campaign(new, actor=clerk)
    new.refresh_from_db()
    assert new.status == CampaignStatus.OPEN
    change = StateChange.objects.get(object_id=new.pk, to_state="open")
    assert (change.from_state, change.actor) == ("draft", clerk)
    locked = "đã phát động: tiêu chí, số lượng khen thưởng và thời hạn đã khóa"
    with pytest.raises(cloning.CloneError, match=locked):
        cloning.save_criterion(new, criterion=first, actor=clerk, text="Sửa sau khi phát động")
    with pytest.raises(cloning.CloneError, match=locked):
        cloning.delete_criterion(added, actor=clerk)
    with pytest.raises(cloning.CloneError, match=locked):
        cloning.set_quota(award, quota=9, actor=clerk)
    first.refresh_from_db()
    assert first.text == "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2024."
    # The 2023 campaign's criteria never moved.
    assert campaign.criteria.get(target="individual", order=1).short_name == "Hoàn thành xuất sắc nhiệm vụ năm 2023"


def test_the_admin_refuses_to_change_the_criteria_of_a_launched_campaign(client, superuser, campaign):
    c = Criterion.objects.get(campaign=campaign, target="collective", order=1)
    data = {f: getattr(c, f) for f in ("target", "order", "short_name", "evidence_kind", "indicator")}
    data.update(campaign=campaign.pk, text="Nội dung sửa sau khi phát động", weight="1", mandatory="on")
    client.force_login(superuser)
    response = client.post(reverse("admin:campaigns_criterion_change", args=[c.pk]), data)
    assert response.status_code == 200
    assert "đã phát động: tiêu chí, số lượng khen thưởng và thời hạn đã khóa" in response.content.decode()
    c.refresh_from_db()
    assert c.text == "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2023."
    # A draft's criteria may still be changed there.
    draft = cloning.clone_campaign(campaign, code="cchc-2024", year=2024, actor=None)
    d = draft.criteria.get(target="collective", order=1)
    data.update(campaign=draft.pk, text="Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2024.")
    assert client.post(reverse("admin:campaigns_criterion_change", args=[d.pk]), data).status_code == 302
    d.refresh_from_db()
    assert d.text == "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2024."
