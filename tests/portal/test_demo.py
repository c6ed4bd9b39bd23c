"""The demo gains dossiers in every state, with real PDF files, so that every portal screen shows something."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from awards.models import (
    DeadlineExtension,
    DocumentVersion,
    Dossier,
    Registration,
    StateChange,
)
from tests.urls import reverse


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--stage", "dossiers", stdout=None)


@pytest.mark.django_db
def test_demo_dossiers_are_in_every_state_with_their_history(demo):
    states = dict(Dossier.objects.values_list("unit__code", "state"))
    assert states == {
        "NCC": "accepted", "TTRA": "accepted", "LDVL": "accepted", "BTXH": "accepted", "TTCTXH": "accepted",
        "CSCNMT": "accepted", "TTDVVL": "resubmitted", "PCTNXH": "returned", "BQLNT": "submitted", "KHTC": "rejected",
        "VP": "draft",
    }
    ttdvvl = Dossier.objects.get(unit__code="TTDVVL")
    history = StateChange.objects.filter(object_id=ttdvvl.pk, content_type__model="dossier").order_by("at")
    assert [(c.to_state, c.actor.username, c.at.strftime("%d/%m/%Y")) for c in history] == [
        ("submitted", "thutruong.dvvl", "17/11/2023"), ("returned", "vanphong", "18/11/2023"), ("resubmitted", "thutruong.dvvl", "23/11/2023"),
    ]
    assert DeadlineExtension.objects.get().unit.code == "TTDVVL"
    assert Registration.objects.filter(staff__user__username="canbo").exists()


@pytest.mark.django_db
def test_demo_files_are_real_pdfs_and_a_replaced_report_keeps_its_first_version(demo):
    for version in DocumentVersion.objects.all()[:5]:
        with version.file.open("rb") as f:
            assert "Tài liệu minh họa" in PdfReader(f).pages[0].extract_text()
    replaced = DocumentVersion.objects.filter(number=2, document__unit__code="NCC").get()
    assert replaced.document.versions.count() == 2


@pytest.mark.django_db
def test_demo_portal_is_idempotent(demo, capsys):
    counts = (Dossier.objects.count(), DocumentVersion.objects.count(), StateChange.objects.count(), Registration.objects.count())
    call_command("seed_demo", "--stage", "dossiers")
    assert "Hồ sơ minh họa đã có; không tạo lại." in capsys.readouterr().out
    assert (Dossier.objects.count(), DocumentVersion.objects.count(), StateChange.objects.count(), Registration.objects.count()) == counts


@pytest.mark.django_db
def test_every_portal_screen_shows_demo_data(demo, client):
    users = {u.username: u for u in get_user_model().objects.all()}
    client.force_login(users["thutruong.dvvl"])
    home = client.get(reverse("portal:home")).content.decode()
    assert "Đã nộp lại" in home and "Thủ trưởng đơn vị đi công tác" in home
    dossier = Dossier.objects.get(unit__code="TTDVVL")
    assert "Báo cáo thành tích cá nhân chưa nêu số liệu" in client.get(reverse("portal:dossier", args=[dossier.pk])).content.decode()
    assert client.get(reverse("portal:registration")).status_code == 200
    assert client.get(reverse("portal:plan")).status_code == 200

    client.force_login(users["vanphong"])
    listing = client.get(reverse("portal:office_dossiers"))
    assert len(listing.context["dossiers"]) == 11
    assert client.get(reverse("portal:office_dossier", args=[dossier.pk])).status_code == 200
