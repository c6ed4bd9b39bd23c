"""Accounts the office manages: creating one from a staff row (the person sets their own password through the
emailed link), password reset, locking and reopening, offboarding by every path that ends a staff row, changing a
unit's head, and names written family name first from the staff row everywhere."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.excel.importers import import_org
from campaigns.models import AccountAction, AccountEvent, Staff
from campaigns.roles import Role, user_roles
from campaigns.services import accounts as svc
from tests.conftest import PASSWORD
from tests.excel.conftest import STAFF_HEADERS, xlsx
from tests.factories import StaffFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Cay-Xanh-Ben-Song-2024"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def link_in(message):
    """The path of the set-password link in an email."""
    (url,) = re.findall(r"https?://\S+/dat-mat-khau/\S+/", message.body)
    return urlsplit(url).path


def set_password_through(link):
    """Open the emailed link as the person would (anonymous), and set a new password."""
    client = Client()
    response = client.get(link)
    assert response.status_code == 302  # Django hides the token: the same page without it
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.status_code == 200 and "Đặt mật khẩu" in page.content.decode()
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    return client


def login(username, password):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


@pytest.fixture
def newcomer(unit_a):
    return StaffFactory(code="CB0100", full_name="Đỗ Thị Lan Anh", unit=unit_a, email="lananh@example.vn",
                        position="Chuyên viên", gender="female")


def test_the_office_creates_an_account_and_the_person_sets_their_own_password_from_the_email(
        clerk, newcomer, campaign, django_capture_on_commit_callbacks):
    client = logged_in(clerk)
    page = client.get(reverse("accounts:staff", kwargs={"pk": newcomer.pk}))
    assert "Tạo tài khoản và gửi thư" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:create", kwargs={"pk": newcomer.pk}),
                               {"username": "lananh", "roles": [Role.STAFF, Role.COUNCIL]})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    user = newcomer.user
    assert (user.username, user.email, user.is_active, user.has_usable_password()) == (
        "lananh", "lananh@example.vn", True, False)
    assert user_roles(user) == {Role.STAFF, Role.COUNCIL}
    assert [(e.action, e.actor, e.detail) for e in AccountEvent.objects.filter(account=user).order_by("pk")] == [
        (AccountAction.CREATED, clerk, "Thành viên Hội đồng Thi đua - Khen thưởng, Cán bộ, công chức, viên chức"),
        (AccountAction.INVITED, clerk, "lananh@example.vn"),
    ]
    (message,) = mail.outbox
    assert message.to == ["lananh@example.vn"]
    assert message.body.startswith("Kính gửi Đỗ Thị Lan Anh,")
    assert "Tên đăng nhập: lananh" in message.body

    link = link_in(message)
    set_password_through(link)
    _, response = login("lananh", NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    # The link worked once: opened again it says so.
    again = Client().get(link, follow=True)
    assert "không còn dùng được" in again.content.decode()


def test_creating_an_account_is_refused_with_a_reason_and_nothing_changes(clerk, head_a, newcomer, unit_a, campaign):
    Staff.objects.filter(pk=newcomer.pk).update(email="")
    newcomer.refresh_from_db()
    with pytest.raises(svc.AccountError, match="chưa có thư điện tử"):
        svc.create_account(newcomer, roles=[Role.STAFF], actor=clerk)
    Staff.objects.filter(pk=newcomer.pk).update(email="lananh@example.vn")
    newcomer.refresh_from_db()
    with pytest.raises(svc.AccountError, match="«head_a» đã có người dùng"):
        svc.create_account(newcomer, roles=[Role.STAFF], actor=clerk, username="head_a")
    with pytest.raises(svc.AccountError, match="Phòng Người có công đã có thủ trưởng \\(Lê Văn Minh\\)"):
        svc.create_account(newcomer, roles=[Role.UNIT_HEAD], actor=clerk)
    with pytest.raises(svc.AccountError, match="đã có tài khoản «head_a»"):
        svc.create_account(head_a.staff, roles=[Role.STAFF], actor=clerk)
    newcomer.refresh_from_db()
    assert newcomer.user is None and mail.outbox == []
    assert get_user_model().objects.filter(username="lananh").exists() is False

    # Through the page the refusal is a Vietnamese message.
    response = logged_in(clerk).post(reverse("accounts:create", kwargs={"pk": newcomer.pk}),
                                     {"username": "head_a", "roles": [Role.STAFF]}, follow=True)
    assert "Tên đăng nhập «head_a» đã có người dùng; chọn tên khác." in response.content.decode()


def test_forgotten_password_is_reset_by_email_in_vietnamese(head_a, campaign, django_capture_on_commit_callbacks):
    login_page = Client().get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page and "Quên mật khẩu?" in login_page
    client = Client()
    page = client.get(reverse("password_reset")).content.decode()
    assert "Nhập thư điện tử của tài khoản" in page
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes through the outbox, after the commit
        response = client.post(reverse("password_reset"), {"email": "HEAD_A@example.vn"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    (message,) = mail.outbox
    assert message.subject == "[Thi đua] Đặt lại mật khẩu tài khoản head_a"
    assert message.body.startswith("Kính gửi Lê Văn Minh,")
    set_password_through(link_in(message))
    assert login("head_a", PASSWORD)[1].status_code == 200  # the old password no longer works
    assert login("head_a", NEW_PASSWORD)[1].status_code == 302


def test_a_reset_for_an_unknown_or_locked_address_sends_nothing_and_says_the_same(head_a, campaign):
    svc.deactivate_account(head_a, actor=None, reason="Nghỉ hưu")
    for email in ("nobody@example.vn", "head_a@example.vn"):
        response = Client().post(reverse("password_reset"), {"email": email})
        assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_locked_account_is_logged_out_at_its_next_request_and_cannot_log_in(clerk, head_a, campaign):
    head = logged_in(head_a)
    assert head.get(reverse("portal:home")).status_code == 200
    office = logged_in(clerk)
    response = office.post(reverse("accounts:deactivate", kwargs={"pk": head_a.staff.pk}), {"reason": "Nghỉ hưu"},
                           follow=True)
    assert "Đã khóa tài khoản của Lê Văn Minh" in response.content.decode()

    response = head.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in head.session
    assert login("head_a", PASSWORD)[1].status_code == 200  # refused: the login page again
    event = AccountEvent.objects.get(account=head_a, action=AccountAction.DEACTIVATED)
    assert (event.actor, event.reason) == (clerk, "Nghỉ hưu")

    office.post(reverse("accounts:reactivate", kwargs={"pk": head_a.staff.pk}), {"reason": "Nhận công tác trở lại"})
    head_a.refresh_from_db()
    assert head_a.is_active is True
    assert login("head_a", PASSWORD)[1].status_code == 302
    assert list(AccountEvent.objects.filter(account=head_a).order_by("pk").values_list("action", "reason")) == [
        (AccountAction.DEACTIVATED, "Nghỉ hưu"), (AccountAction.REACTIVATED, "Nhận công tác trở lại"),
    ]


def test_locking_needs_a_reason_and_the_office_cannot_lock_itself(clerk, head_a, campaign):
    with pytest.raises(svc.AccountError, match="Cần ghi lý do khóa tài khoản."):
        svc.deactivate_account(head_a, actor=clerk, reason="  ")
    with pytest.raises(svc.AccountError, match="Không thể tự khóa"):
        svc.deactivate_account(clerk, actor=clerk, reason="Thử")
    head_a.refresh_from_db()
    assert head_a.is_active and not AccountEvent.objects.exists()


def _assert_offboarded(user, actor, reason_part):
    user.refresh_from_db()
    assert user.is_active is False
    event = AccountEvent.objects.get(account=user, action=AccountAction.DEACTIVATED)
    assert event.actor == actor and reason_part in event.reason


def test_a_staff_row_made_inactive_by_the_import_disables_the_account(clerk, head_a, unit_a, campaign):
    head = logged_in(head_a)
    staff = head_a.staff
    row = [staff.code, staff.full_name, "Nam", "", staff.position, "Công chức", unit_a.code, staff.email, "Không"]
    report = import_org(xlsx({"Cán bộ": [STAFF_HEADERS, row]}), actor=clerk)
    assert report.errors == [] and report.applied
    _assert_offboarded(head_a, clerk, "nhập cơ cấu tổ chức từ Excel")
    assert head.get(reverse("portal:home"))["Location"].startswith(reverse("login"))


def test_a_staff_row_made_inactive_in_the_admin_disables_the_account(clerk, head_a, unit_a, campaign):
    staff = head_a.staff
    response = logged_in(clerk).post(reverse("admin:campaigns_staff_change", args=[staff.pk]), {
        "code": staff.code, "full_name": staff.full_name, "gender": staff.gender, "position": staff.position,
        "category": staff.category, "unit": unit_a.pk, "email": staff.email, "user": head_a.pk,
        # "active" unticked
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    staff.refresh_from_db()
    assert staff.active is False
    _assert_offboarded(head_a, clerk, "trang quản trị")


def test_a_person_leaving_on_the_office_page_disables_the_account(clerk, head_a, campaign):
    head = logged_in(head_a)
    response = logged_in(clerk).post(reverse("accounts:leave", kwargs={"pk": head_a.staff.pk}),
                                     {"reason": "Chuyển công tác sang Sở Nội vụ"}, follow=True)
    assert "Đã ghi Lê Văn Minh thôi công tác; tài khoản đã bị khóa." in response.content.decode()
    head_a.staff.refresh_from_db()
    assert head_a.staff.active is False
    _assert_offboarded(head_a, clerk, "Chuyển công tác sang Sở Nội vụ")
    assert head.get(reverse("portal:home"))["Location"].startswith(reverse("login"))
    # Reopening the account of a person who left is refused until their staff row says otherwise.
    with pytest.raises(svc.AccountError, match="đã thôi công tác"):
        svc.reactivate_account(head_a, actor=clerk, reason="Nhầm")


def test_changing_a_units_head_moves_the_role_and_is_recorded(clerk, head_a, staff_user, unit_a, campaign):
    client = logged_in(clerk)
    response = client.post(reverse("accounts:unit_head", kwargs={"pk": unit_a.pk}),
                           {"new_head": staff_user.staff.pk, "reason": "Quyết định bổ nhiệm số 15/QĐ-SLĐTBXH"}, follow=True)
    page = response.content.decode()
    assert "Võ Thị Mai là thủ trưởng Phòng Người có công từ bây giờ." in page
    head_a.refresh_from_db()
    head_a._roles_cache = None
    staff_user._roles_cache = None
    assert user_roles(head_a) == {Role.STAFF}
    assert user_roles(staff_user) == {Role.STAFF, Role.UNIT_HEAD}
    assert svc.unit_heads(unit_a) == [staff_user]
    assert list(AccountEvent.objects.order_by("pk").values_list("account__username", "action", "detail", "reason")) == [
        ("head_a", AccountAction.ROLE_REVOKED, "Thủ trưởng đơn vị – Phòng Người có công", "Quyết định bổ nhiệm số 15/QĐ-SLĐTBXH"),
        ("staff", AccountAction.ROLE_GRANTED, "Thủ trưởng đơn vị – Phòng Người có công", "Quyết định bổ nhiệm số 15/QĐ-SLĐTBXH"),
    ]
    # The old head no longer reaches the unit's portal; the new one does.
    assert logged_in(head_a).get(reverse("portal:registration")).status_code == 404
    assert logged_in(staff_user).get(reverse("portal:registration")).status_code == 200


def test_a_unit_head_can_only_move_to_an_active_person_of_the_unit_with_an_account(clerk, head_a, head_b, unit_a, campaign):
    with pytest.raises(svc.AccountError, match="không thuộc Phòng Người có công"):
        svc.change_unit_head(unit_a, new_head=head_b.staff, actor=clerk, reason="x")
    lonely = StaffFactory(unit=unit_a, full_name="Phan Văn Tú")
    with pytest.raises(svc.AccountError, match="chưa có tài khoản đang hoạt động"):
        svc.change_unit_head(unit_a, new_head=lonely, actor=clerk, reason="x")
    with pytest.raises(svc.AccountError, match="đang là thủ trưởng"):
        svc.change_unit_head(unit_a, new_head=head_a.staff, actor=clerk, reason="x")
    assert not AccountEvent.objects.exists()


def test_names_are_written_family_name_first_from_the_staff_row_everywhere(clerk, head_a, campaign):
    # Django's own name fields say something else: they are never used.
    get_user_model().objects.filter(pk=clerk.pk).update(first_name="Hà", last_name="Trần Thị Thu X")
    clerk.refresh_from_db()
    client = logged_in(clerk)
    assert '<summary class="account-name">Trần Thị Thu Hà</summary>' in client.get(reverse("accounts:list")).content.decode()
    assert "Xin chào, <strong>Trần Thị Thu Hà</strong>" in client.get(reverse("admin:index")).content.decode()
    users = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "Lê Văn Minh" in users and "Phòng Người có công" in users
    svc.deactivate_account(head_a, actor=clerk, reason="Nghỉ hưu")
    page = client.get(reverse("accounts:staff", kwargs={"pk": head_a.staff.pk})).content.decode()
    assert "<td>Trần Thị Thu Hà</td><td>Khóa tài khoản</td>" in page


def test_the_account_list_takes_a_fixed_number_of_queries(clerk, unit_a, campaign, django_assert_num_queries):
    client = logged_in(clerk)
    client.get(reverse("accounts:list"))  # warm the session and the organisation
    with django_assert_num_queries(_count(client)) as one:
        client.get(reverse("accounts:list"))
    for i in range(30):
        user = get_user_model().objects.create_user(username=f"u{i}", password=PASSWORD)
        StaffFactory(unit=unit_a, user=user)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("accounts:list")).content.decode()
    assert page.count("Đang hoạt động</span>") == 31


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("accounts:list"))
    return len(ctx.captured_queries)
