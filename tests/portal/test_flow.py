"""The whole unit-head flow through the web client: register, upload the plan, build a complete dossier, submit,
be returned with a reason, fix, resubmit, be accepted."""

import pytest
from django.core import mail
from pypdf import PdfReader

from awards.models import (
    Document,
    DocumentKind,
    Dossier,
    DossierState,
    Nominee,
    Registration,
)
from awards.services.transitions import transitions_of
from tests.portal.conftest import upload
from tests.urls import reverse


def _messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.django_db(transaction=False)
def test_unit_head_registers_builds_submits_fixes_resubmits_and_is_accepted(
    client, head_a, unit_a, clerk, campaign, giay_khen, in_campaign, django_capture_on_commit_callbacks,
):
    person = head_a.staff
    client.force_login(head_a)

    # Home: nothing done yet, ten days left.
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert home.context["days_left"] == 10
    assert "Còn <strong>10</strong> ngày" in home.content.decode()
    assert home.context["unit_registration"] is None and home.context["dossier"] is None

    # Register the unit and one individual.
    r = client.post(reverse("portal:registration"), {"which": "unit", "unit-award_kind": giay_khen.pk}, follow=True)
    assert _messages(r) == [f"Đã đăng ký thi đua cho {unit_a.name}: {giay_khen.name}."]
    r = client.post(reverse("portal:registration"), {"which": "person", "person-staff": person.pk, "person-award_kind": giay_khen.pk}, follow=True)
    assert _messages(r) == [f"Đã đăng ký thi đua cho Lê Văn Minh: {giay_khen.name}."]
    assert set(Registration.objects.values_list("unit__code", "staff__full_name", "award_kind__code")) == {
        ("NCC", None, "giay-khen-giam-doc"), ("NCC", "Lê Văn Minh", "giay-khen-giam-doc"),
    }

    # Upload the unit's own plan.
    r = client.post(reverse("portal:plan"), {"file": upload("ke-hoach-thi-dua-2023.pdf")}, follow=True)
    assert _messages(r) == ["Đã lưu kế hoạch «ke-hoach-thi-dua-2023.pdf» (phiên bản 1)."]
    plan = Document.objects.get(kind=DocumentKind.UNIT_PLAN, unit=unit_a)
    with plan.versions.get().file.open("rb") as stored:
        assert PdfReader(stored).pages[0].extract_text() == "ke-hoach-thi-dua-2023.pdf"

    # Build the dossier: the unit itself and one individual, both documents, both reports.
    r = client.get(reverse("portal:dossier_current"))
    dossier = Dossier.objects.get(unit=unit_a, campaign=campaign)
    assert r.url == reverse("portal:dossier", args=[dossier.pk])
    url = reverse("portal:dossier", args=[dossier.pk])
    r = client.post(reverse("portal:nominee_add", args=[dossier.pk, "tap-the"]),
                    {"collective-collective": unit_a.pk, "collective-award_kind": giay_khen.pk, "collective-achievement": "Hoàn thành xuất sắc"}, follow=True)
    assert _messages(r) == [f"Đã thêm {unit_a.name} (Giấy khen). Hãy tải báo cáo thành tích lên."]
    r = client.post(reverse("portal:nominee_add", args=[dossier.pk, "ca-nhan"]),
                    {"individual-staff": person.pk, "individual-award_kind": giay_khen.pk}, follow=True)
    assert _messages(r) == ["Đã thêm Lê Văn Minh (Giấy khen). Hãy tải báo cáo thành tích lên."]
    collective, individual = Nominee.objects.filter(dossier=dossier).order_by("target")
    assert (collective.unit, collective.staff, individual.staff) == (unit_a, None, person)

    r = client.post(reverse("portal:dossier_submit", args=[dossier.pk]), follow=True)
    assert _messages(r) == [
        "Hồ sơ chưa đủ nên chưa nộp được:",
        "Thiếu văn bản (tờ trình) đề nghị khen thưởng của đơn vị: hãy tải tệp lên.",
        "Thiếu biên bản họp Hội đồng Thi đua - Khen thưởng của đơn vị: hãy tải tệp lên.",
        f"Thiếu báo cáo thành tích của {unit_a.name}: hãy tải tệp lên.",
        "Thiếu báo cáo thành tích của Lê Văn Minh: hãy tải tệp lên.",
    ]
    client.post(reverse("portal:dossier_upload", args=[dossier.pk, "proposal_letter"]), {"file": upload("to-trinh.pdf")})
    client.post(reverse("portal:dossier_upload", args=[dossier.pk, "council_minutes"]), {"file": upload("bien-ban.pdf")})
    client.post(reverse("portal:report_upload", args=[collective.pk]), {"file": upload("bc-tap-the.pdf")})
    client.post(reverse("portal:report_upload", args=[individual.pk]), {"file": upload("bc-ca-nhan.pdf")})
    page = client.get(url)
    assert page.context["complete"] is True
    assert [i.done for i in page.context["checklist"]] == [True] * 5

    # Submit: the office is told, after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("portal:dossier_submit", args=[dossier.pk]), follow=True)
    assert _messages(r) == ["Đã nộp hồ sơ. Văn phòng Sở sẽ xem xét và báo kết quả qua thư điện tử."]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert [m.to for m in mail.outbox] == [["vanphong@sldtbxh.ninhthuan.gov.vn"]]
    assert mail.outbox[0].subject == f"[Thi đua] {unit_a.name} đã nộp hồ sơ đề nghị khen thưởng"

    # The office returns it with a reason, from its own page.
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:office_return", args=[dossier.pk]), {"return-reason": "Báo cáo thành tích cá nhân chưa có số liệu."})
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RETURNED
    assert mail.outbox[1].to == [head_a.email]
    assert "Lý do: Báo cáo thành tích cá nhân chưa có số liệu." in mail.outbox[1].body

    # The unit head sees the reason, replaces the report and resubmits.
    client.force_login(head_a)
    home = client.get(reverse("portal:home"))
    assert "Báo cáo thành tích cá nhân chưa có số liệu." in home.content.decode()
    client.post(reverse("portal:report_upload", args=[individual.pk]), {"file": upload("bc-ca-nhan-bo-sung.pdf")})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:dossier_submit", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RESUBMITTED

    # Accepted.
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:office_accept", args=[dossier.pk]), {"accept-reason": ""})
    dossier.refresh_from_db()
    assert dossier.state == DossierState.ACCEPTED
    assert mail.outbox[3].to == [head_a.email]
    assert mail.outbox[3].subject == f"[Thi đua] Hồ sơ của {unit_a.name} đã được tiếp nhận"

    # The audit trail has every step with its actor and reason.
    assert [(c.from_state, c.to_state, c.actor.username, c.reason) for c in reversed(transitions_of(dossier))] == [
        ("draft", "submitted", "head_a", ""),
        ("submitted", "returned", "clerk", "Báo cáo thành tích cá nhân chưa có số liệu."),
        ("returned", "resubmitted", "head_a", ""),
        ("resubmitted", "accepted", "clerk", ""),
    ]
    report = Document.objects.get(nominee=individual)
    assert list(report.versions.values_list("number", "original_name")) == [(2, "bc-ca-nhan-bo-sung.pdf"), (1, "bc-ca-nhan.pdf")]
    home = client.get(reverse("portal:office_dossier", args=[dossier.pk]))
    assert home.status_code == 200
