"""Two campaigns side by side: 2023 decided and closed, 2024 open. Every page shows only its campaign's data, a
unit head of both years sees both, the closed year never changes (its signed decision reads the same, word for
word, after 2024 is created and run), and closing is a verb with its reasons and its audit row."""

import datetime as dt
import re
import subprocess

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from awards.models import AwardKind, Decision, DossierState, StateChange
from awards.pdf import decision_pdf
from awards.services import dossiers as dossier_service
from awards.services.approval import approve_decision
from awards.services.cloning import clone_campaign, open_campaign
from awards.services.closing import close_campaign, closing_refusals
from awards.services.decisions import draft_decision
from awards.services.recompute import recompute_results
from campaigns.models import CampaignStatus
from tests.decisions.conftest import meeting_for, person, vote_all
from tests.factories import AppraisedNomineeFactory, DossierFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db
VN = dt.timezone(dt.timedelta(hours=7))


def text_of(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def next_year(campaign, year=2024):
    """The next year's campaign, as the office makes it: cloned from `campaign`, then launched."""
    actor = get_user_model().objects.get(username="clerk")
    return open_campaign(clone_campaign(campaign, code=f"cchc-{year}", year=year, actor=actor), actor=actor)


@pytest.fixture
def year_2023(campaign, clerk, director, unit_a, unit_b, head_a):
    """2023: unit A and unit B nominated, voted, a Giấy khen decision signed on 05/12/2023, the campaign closed."""
    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    nominees = [AppraisedNomineeFactory(campaign=campaign, unit=unit_a, award_kind=giay_khen),
                AppraisedNomineeFactory(campaign=campaign, unit=unit_b, award_kind=giay_khen),
                AppraisedNomineeFactory(campaign=campaign, staff=person(unit_a, "Đặng Thị Hạnh"), award_kind=giay_khen)]
    vote_all(meeting_for(campaign), nominees)
    decision = approve_decision(draft_decision(campaign, award_kind=giay_khen, actor=clerk), actor=director,
                                signed_on=dt.date(2023, 12, 5))
    close_campaign(campaign, actor=clerk, reason="Đã ban hành quyết định khen thưởng")
    campaign.refresh_from_db()
    return {"campaign": campaign, "decision": decision, "giay_khen": giay_khen}


@pytest.fixture
def year_2024(year_2023, clerk, unit_a, head_a):
    """2024 opened from 2023; unit A has a draft dossier in it."""
    new = next_year(year_2023["campaign"])
    dossier = DossierFactory(campaign=new, unit=unit_a)
    return {"campaign": new, "dossier": dossier}


def test_closing_is_refused_while_a_dossier_waits_and_a_decision_is_unsigned(campaign, clerk, unit_a, unit_b):
    waiting = DossierFactory(campaign=campaign, unit=unit_a)
    type(waiting).objects.filter(pk=waiting.pk).update(state=DossierState.SUBMITTED)
    Decision.objects.create(campaign=campaign, award_kind=AwardKind.objects.get(code="giay-khen-giam-doc"), created_by=clerk)
    refusals = closing_refusals(campaign)
    assert refusals[0] == "Hồ sơ của Phòng Người có công đang chờ Văn phòng thẩm định (Đã nộp)."
    assert "còn là dự thảo, chưa được Giám đốc ký ban hành" in refusals[1] and len(refusals) == 2
    with pytest.raises(ValidationError) as refused:
        close_campaign(campaign, actor=clerk)
    assert refused.value.messages == ["Chưa kết thúc được phong trào:", *refusals]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN
    with pytest.raises(CommandError, match="đang chờ Văn phòng thẩm định"):
        call_command("close_campaign", "--campaign", campaign.code)


def test_closing_records_who_when_why_and_every_write_is_refused_afterwards(year_2023, clerk, unit_a, head_a):
    campaign = year_2023["campaign"]
    change = StateChange.objects.get(object_id=campaign.pk, to_state="closed", content_type__model="campaign")
    assert (change.from_state, change.actor, change.reason) == ("open", clerk, "Đã ban hành quyết định khen thưởng")
    with pytest.raises(ValidationError) as refused:
        dossier_service.register(campaign, unit_a, award_kind=year_2023["giay_khen"], actor=head_a)
    assert refused.value.messages == [
        f"Phong trào «{campaign.title}» (cchc-2023) đã kết thúc: hồ sơ, kết quả và văn bản của phong trào được giữ "
        "nguyên, không thể thay đổi."]
    with pytest.raises(ValidationError, match="trạng thái «Đã kết thúc»"):
        close_campaign(campaign, actor=clerk)


def test_every_page_shows_only_its_campaigns_data(client, year_2024, year_2023, clerk):
    old, new = year_2023["campaign"], year_2024["campaign"]
    client.force_login(clerk)
    dossiers_2023 = client.get(reverse("portal:office_dossiers", campaign=old)).content.decode()
    dossiers_2024 = client.get(reverse("portal:office_dossiers", campaign=new)).content.decode()
    assert f"/cchc-2023/don-vi/van-phong/ho-so/{year_2024['dossier'].pk}/" not in dossiers_2023
    assert f"/cchc-2024/don-vi/van-phong/ho-so/{year_2024['dossier'].pk}/" in dossiers_2024
    assert "/cchc-2023/" not in dossiers_2024.split("<main", 1)[1]  # links stay in the page's campaign
    decisions_2023 = client.get(reverse("decisions:list", campaign=old)).content.decode()
    decisions_2024 = client.get(reverse("decisions:list", campaign=new)).content.decode()
    assert year_2023["decision"].number_text in decisions_2023
    assert year_2023["decision"].number_text not in decisions_2024
    # An object of 2023 under 2024's address is not found.
    url = reverse("decisions:detail", kwargs={"pk": year_2023["decision"].pk}, campaign=new)
    assert client.get(url).status_code == 404
    assert client.get(reverse("decisions:detail", kwargs={"pk": year_2023["decision"].pk}, campaign=old)).status_code == 200
    # The closed campaign says so on every page.
    assert "Phong trào 2023 đã kết thúc: chỉ xem" in client.get(reverse("office:dashboard", campaign=old)).content.decode()


def test_a_unit_head_of_both_years_sees_both(client, year_2024, year_2023, head_a, head_b):
    client.force_login(head_a)
    chooser = client.get(reverse("home"))
    assert chooser.status_code == 200
    body = chooser.content.decode()
    # Open first, then the closed one, read-only.
    assert body.index("/cchc-2024/don-vi/") < body.index("/cchc-2023/don-vi/")
    assert re.search(r"Năm 2023 · Đã kết thúc · chỉ xem", body)
    assert client.get("/cchc-2023/don-vi/").status_code == 200
    assert client.get("/cchc-2024/don-vi/").status_code == 200
    # Head B's unit took part in 2023 (a dossier) and may register in 2024.
    client.force_login(head_b)
    assert client.get("/cchc-2023/don-vi/").status_code == 200


def test_old_addresses_go_to_the_one_open_campaign_else_to_the_chooser(client, year_2024, clerk):
    client.force_login(clerk)
    response = client.get("/don-vi/van-phong/ho-so/?trang-thai=submitted")
    assert response["Location"] == "/cchc-2024/don-vi/van-phong/ho-so/?trang-thai=submitted"
    next_year(year_2024["campaign"], 2025)
    assert client.get("/cham-diem/")["Location"] == "/"


def test_a_signed_2023_decision_reads_the_same_after_2024_is_created_and_run(year_2023, clerk, head_a, unit_a, unit_b):
    decision = year_2023["decision"]
    before = text_of(decision_pdf(Decision.objects.get(pk=decision.pk)))
    assert "Phòng Người có công" in before
    new = next_year(year_2023["campaign"])
    with time_machine.travel(dt.datetime(2024, 11, 1, 9, tzinfo=VN), tick=False):
        dossier_service.register(new, unit_a, award_kind=year_2023["giay_khen"], actor=head_a)
        nominees = [AppraisedNomineeFactory(campaign=new, unit=unit_b, award_kind=year_2023["giay_khen"])]
        recompute_results()  # every campaign: the closed one is left alone
        vote_all(meeting_for(new), nominees)
    assert text_of(decision_pdf(Decision.objects.get(pk=decision.pk))) == before


def test_a_closed_campaigns_grid_and_nominee_pages_show_its_results_read_only(client, year_2023, clerk, unit_a, unit_b):
    campaign = year_2023["campaign"]
    client.force_login(clerk)
    grid = client.get(reverse("scoring:grid", campaign=campaign) + "?target=collective").content.decode()
    main = grid.split("<main", 1)[1]
    for unit in (unit_a, unit_b):
        assert unit.name in main.split('id="scoring-grid"', 1)[1]  # every appraised nominee, as the ranking shows
    assert "Chưa có đối tượng nào" not in main
    assert 'name="outcome"' not in main and "Tính lại từ số liệu" not in main and "Tính kết quả ngay" not in main
    assert "Xung đột lợi ích" not in main  # nobody may rule there: no one is told they may not
    assert "Phong trào đã kết thúc: bảng giữ nguyên kết quả lúc kết thúc, chỉ xem." in main
    individual = campaign.dossiers.get(unit=unit_a).nominees.get(staff__isnull=False)
    page = client.get(reverse("scoring:nominee", kwargs={"pk": individual.pk}, campaign=campaign)).content.decode()
    assert "Đặng Thị Hạnh" in page and 'name="outcome"' not in page and "Xung đột lợi ích" not in page
    # Asked directly, the recomputation says why it does nothing.
    response = client.post(reverse("scoring:recompute", campaign=campaign), follow=True)
    assert "đã kết thúc" in response.content.decode() and "Đã tính lại" not in response.content.decode()
