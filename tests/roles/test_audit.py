"""The audit trail: every change with who, when and before → after; every transition with its reason; shown on
the object's page and in the admin; never editable or deletable, not even by a superuser."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from awards.audit import history_for
from awards.models import Dossier, DossierState, StateChange
from awards.services.transitions import set_state
from campaigns.audit import Change
from campaigns.models import Unit
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _unit_form(unit, **changes):
    data = {"organisation": unit.organisation_id, "kind": unit.kind, "code": unit.code, "name": unit.name,
            "parent": "", "email": unit.email, "active": "on" if unit.active else ""}
    return data | changes


def test_a_change_made_in_the_admin_is_recorded_with_who_when_and_before_after(client, world):
    w = world
    client.force_login(w.clerk)
    response = client.post(reverse("admin:campaigns_unit_change", args=[w.unit_a.pk]),
                           _unit_form(w.unit_a, name="Phòng Chính sách Người có công", email="ncc@example.vn"))
    assert response.status_code == 302
    latest = history_for(w.unit_a)[0]
    assert latest.action == "Cập nhật"
    assert latest.actor == w.clerk and latest.actor_name == "Trần Thị Thu Hà"
    assert latest.changes == [
        Change("tên đơn vị", "Phòng Người có công", "Phòng Chính sách Người có công"),
        Change("thư điện tử", "—", "ncc@example.vn"),
    ]
    assert not latest.is_transition


def test_creation_and_deletion_are_recorded(client, world):
    w = world
    client.force_login(w.clerk)
    unit = Unit.objects.create(organisation=w.organisation, code="TMP", name="Tổ công tác tạm thời", kind="section")
    created = history_for(unit)[0]
    assert created.action == "Tạo mới"
    assert Change("mã đơn vị", "—", "TMP") in created.changes
    assert Change("loại đơn vị", "—", "Phòng chuyên môn") in created.changes
    pk = unit.pk
    response = client.post(reverse("admin:campaigns_unit_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302 and not Unit.objects.filter(pk=pk).exists()
    deleted = Unit.history.filter(id=pk).order_by("-history_id").first()
    assert (deleted.history_type, deleted.history_user) == ("-", w.clerk)


def test_a_transition_is_recorded_with_its_actor_and_reason(world):
    w = world
    set_state(w.dossier_b, to_state=DossierState.RETURNED, allowed_from=[DossierState.ACCEPTED], actor=w.clerk,
              reason="Thiếu biên bản họp Hội đồng của đơn vị")
    change = StateChange.objects.filter(object_id=w.dossier_b.pk, content_type=ContentType.objects.get_for_model(Dossier)).first()
    assert (change.from_state, change.to_state, change.actor, change.reason) == (
        "accepted", "returned", w.clerk, "Thiếu biên bản họp Hội đồng của đơn vị")
    latest = history_for(w.dossier_b)[0]
    assert latest.is_transition and latest.action == "Chuyển trạng thái"
    assert latest.actor == w.clerk
    assert latest.reason == "Thiếu biên bản họp Hội đồng của đơn vị"
    assert latest.changes[0] == Change("trạng thái", "Đã tiếp nhận", "Trả lại để bổ sung")
    # The dossier's whole story: created, submitted by the unit head, accepted by the office, returned.
    assert [(e.action, e.actor_name, e.reason) for e in history_for(w.dossier_b)] == [
        ("Chuyển trạng thái", "Trần Thị Thu Hà", "Thiếu biên bản họp Hội đồng của đơn vị"),
        ("Chuyển trạng thái", "Trần Thị Thu Hà", "Hồ sơ đầy đủ, đúng hạn"),
        ("Chuyển trạng thái", "Nguyễn Thị Hồng Nhung", ""),
        ("Tạo mới", "Hệ thống", ""),
    ]


def test_history_is_shown_in_the_partial_and_on_the_admin_history_page(client, world):
    w = world
    html = render_to_string("_history.html", {"history": history_for(w.dossier_a)})
    assert "Hồ sơ đầy đủ, đúng hạn" in html and "Đã nộp" in html and "Đã tiếp nhận" in html
    assert "Trần Thị Thu Hà" in html and "Lê Văn Minh" in html
    client.force_login(w.director)
    response = client.get(reverse("admin:awards_dossier_history", args=[w.dossier_a.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hồ sơ đầy đủ, đúng hạn" in page and "Lịch sử thay đổi" in page
    assert "Khôi phục" not in page and "Revert" not in page


def test_history_for_takes_the_same_number_of_queries_however_long_the_history(world):
    w = world
    with CaptureQueriesContext(connection) as few:
        history_for(w.dossier_a)
    for n in range(5):
        w.unit_a.name = f"Phòng Người có công {n}"
        w.unit_a.save()
        state = DossierState.RETURNED if n % 2 == 0 else DossierState.ACCEPTED
        set_state(w.dossier_a, to_state=state, allowed_from=[w.dossier_a.state], actor=w.clerk, reason=f"Lần {n}")
    with CaptureQueriesContext(connection) as many:
        entries = history_for(w.dossier_a)
    assert len(entries) == 3 + 5
    assert len(many) == len(few)


def test_the_transition_log_cannot_be_added_edited_or_deleted_in_the_admin_even_by_a_superuser(client, world):
    w = world
    change = StateChange.objects.order_by("pk").first()
    before = (change.from_state, change.to_state, change.reason, change.actor_id)
    client.force_login(w.superuser)
    url = reverse("admin:awards_statechange_change", args=[change.pk])
    assert client.get(url).status_code == 200  # it can be read
    client.post(url, {"from_state": "draft", "to_state": "rejected", "reason": "sửa lén"})
    assert client.post(reverse("admin:awards_statechange_delete", args=[change.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:awards_statechange_add")).status_code == 403
    response = client.post(reverse("admin:awards_statechange_changelist"),
                           {"action": "delete_selected", "_selected_action": [change.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    change.refresh_from_db()
    assert (change.from_state, change.to_state, change.reason, change.actor_id) == before
    assert StateChange.objects.filter(pk=change.pk).exists()


def test_past_versions_can_be_viewed_but_never_saved_back(client, world):
    """simple-history's version page would save the old values as a new edit (a "revert"): refused."""
    w = world
    w.unit_a.name = "Tên mới"
    w.unit_a.save()
    first = w.unit_a.history.order_by("history_id").first()
    url = reverse("admin:campaigns_unit_simple_history", args=[w.unit_a.pk, first.history_id])
    for user in (w.superuser, w.clerk, w.director):
        client.force_login(user)
        assert client.get(url).status_code == 200
        response = client.post(url, _unit_form(w.unit_a, name="Phòng Người có công"))
        assert response.status_code == 403, user
        w.unit_a.refresh_from_db()
        assert w.unit_a.name == "Tên mới"


def test_no_historical_table_is_registered_in_the_admin():
    historical = [m for m in apps.get_models() if m.__name__.startswith("Historical")]
    assert historical, "simple-history is in use"
    assert [m for m in historical if admin.site.is_registered(m)] == []


def test_a_long_reason_is_kept_whole(world):
    """Reasons are written by people: a long one must not be cut, nor fail on PostgreSQL (it once was varchar(100))."""
    w = world
    reason = "Văn phòng Sở đề nghị bổ sung báo cáo thành tích có xác nhận của thủ trưởng đơn vị; " * 4
    w.unit_a.name = "Phòng Người có công tỉnh"
    w.unit_a._change_reason = reason
    w.unit_a.save()
    assert history_for(w.unit_a)[0].reason == reason


# Models whose rows are themselves a record and are never edited: they need no history of their own.
NO_HISTORY_NEEDED = {
    "awards.StateChange",       # the transition log
    "awards.DocumentVersion",   # an uploaded file: never overwritten, with who and when it was uploaded
    "awards.DocumentRegister",  # the number counter; each number is recorded on its decision
    "awards.ReminderLog",       # the log of reminders sent
    "campaigns.AccountEvent",   # the log of what the office did to accounts (itself never edited)
    "awards.NomineeScore",      # a cache of what the results say, rebuilt from them at any time
    "awards.DossierProgress",   # a cache of what a dossier's rows say (office dashboard), rebuilt at any time
    "awards.Ballot",            # a secret ballot: a history row would keep who wrote it and when (issue 16)
    "awards.BallotCast",        # "this member has voted": written once, with a StateChange row
    "awards.DecisionReading",   # the Director's last look at a draft, overwritten by design
    "campaigns.ExcelUpload",    # a file waiting for its import, for a day at most; what the import writes keeps its history
}


def test_every_model_of_campaign_data_keeps_its_history():
    missing = sorted(
        m._meta.label for m in apps.get_models()
        if m._meta.app_label in {"campaigns", "awards"} and not m.__name__.startswith("Historical")
        and not hasattr(m, "history") and m._meta.label not in NO_HISTORY_NEEDED
    )
    assert missing == [], "add `history = HistoricalRecords()` (or justify the exception here)"
