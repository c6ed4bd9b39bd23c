"""Accounts the office manages: one verb per change, each leaving an AccountEvent (who, when, what, why).

- `create_account`: an account for a person from their staff row (the row's email and name), with roles; the
  person is sent a link to set their own password (Django's token machinery: the link works once, and for
  PASSWORD_RESET_TIMEOUT seconds).
- `send_invitation`: the same link again (a lost email).
- `deactivate_account` / `reactivate_account`: a person leaves or comes back. A deactivated account's sessions
  end at its next request (campaigns.middleware.ActiveAccountMiddleware).
- `leave_service`: the staff row stops being active ("thôi công tác") and the account is disabled with it;
  `disable_departed_accounts` does the same for rows made inactive elsewhere (the import, the admin).
- `change_unit_head`: the unit-head role moves from the unit's current head(s) to another person of the unit.

Every function takes the acting user (`actor`), holds its own transaction and sends mail only after the commit.
Messages are Vietnamese and shown to the office as they are."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from campaigns.formatting import person_name
from campaigns.models import AccountAction, AccountEvent, Staff, Unit
from campaigns.ops.mail import queue_mail
from campaigns.roles import GROUP_NAMES, Role, assign_roles, remove_roles, user_roles
from campaigns.rules import may
from campaigns.selectors import get_organisation

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
LEFT_SERVICE = "Cán bộ thôi công tác"


class AccountError(ValidationError):
    """A refused change to an account; its message is shown to the office as it is (Vietnamese)."""


def manages_accounts(user) -> bool:
    """Who manages accounts: the office (and superusers), as the rule campaigns.manage_accounts says."""
    return may(user, "campaigns.manage_accounts")


def _actor(actor):
    return actor if actor is not None and actor.is_authenticated else None


def _event(account, action, *, actor, detail="", reason=""):
    return AccountEvent.objects.create(account=account, action=action, detail=detail[:255], reason=reason,
                                       actor=_actor(actor))


def _require_reason(reason, what):
    reason = (reason or "").strip()
    if not reason:
        raise AccountError(f"Cần ghi lý do {what}.")
    return reason


def role_labels(roles) -> str:
    return ", ".join(Role(r).label for r in sorted(roles, key=list(Role).index))


def unit_heads(unit):
    """The active accounts holding the unit-head role for this unit."""
    return list(
        get_user_model().objects.filter(staff__unit=unit, is_active=True, groups__name=GROUP_NAMES[Role.UNIT_HEAD])
        .select_related("staff").order_by("pk")
    )


def suggested_username(staff) -> str:
    """The local part of the person's email, else their staff code, in lower case."""
    base = (staff.email.split("@")[0] if staff.email else staff.code).lower()
    return re.sub(r"[^a-z0-9._-]", "", base) or staff.code.lower()


def password_link(user) -> str:
    """The one-time link with which a person sets their password (also used by "Quên mật khẩu")."""
    path = reverse("password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })
    return settings.SITE_URL.rstrip("/") + path


def _invitation_mail(user):
    organisation = get_organisation()
    org_name = organisation.name if organisation else "Văn phòng Sở"
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    roles = role_labels(user_roles(user)) or "—"
    body = (
        f"Kính gửi {person_name(user)},\n\n"
        f"Văn phòng {org_name} đã tạo cho đồng chí tài khoản trên hệ thống quản lý thi đua, khen thưởng.\n"
        f"Tên đăng nhập: {user.username}\n"
        f"Vai trò: {roles}\n\n"
        f"Xin đồng chí mở đường dẫn sau để tự đặt mật khẩu (dùng được một lần, trong {hours} giờ):\n"
        f"{password_link(user)}\n\n"
        "Nếu đường dẫn đã hết hạn, hãy bấm «Quên mật khẩu» ở trang đăng nhập để nhận đường dẫn mới.\n\n"
        "Văn phòng Sở (Bộ phận Thi đua - Khen thưởng)"
    )
    return "[Thi đua] Tài khoản của đồng chí trên hệ thống thi đua, khen thưởng", body


def _send_after_commit(user):
    subject, body = _invitation_mail(user)
    email = user.email
    # Through the outbox (campaigns/ops/mail.py), like every email: kept with the transaction, sent and retried by the worker.
    queue_mail(subject, body, [email])


@transaction.atomic
def create_account(staff: Staff, *, roles, actor, username: str = "") -> "get_user_model()":
    """An account for the person of `staff`, with `roles`; sends them the link to set their password."""
    staff = Staff.objects.select_for_update().select_related("unit").get(pk=staff.pk)
    roles = [Role(r) for r in roles]
    if staff.user_id is not None:
        raise AccountError(f"{staff.full_name} đã có tài khoản «{staff.user.username}».")
    if not staff.active:
        raise AccountError(f"{staff.full_name} đã thôi công tác: không tạo tài khoản.")
    if not staff.email:
        raise AccountError(f"Hồ sơ cán bộ của {staff.full_name} chưa có thư điện tử: cần thư điện tử để gửi "
                           "đường dẫn đặt mật khẩu. Bổ sung thư điện tử trước.")
    if not roles:
        raise AccountError("Chọn ít nhất một vai trò.")
    username = (username or suggested_username(staff)).strip().lower()
    if not USERNAME_RE.match(username):
        raise AccountError("Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.")
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"Tên đăng nhập «{username}» đã có người dùng; chọn tên khác.")
    if Role.UNIT_HEAD in roles and (heads := unit_heads(staff.unit)):
        raise AccountError(f"{staff.unit.name} đã có thủ trưởng ({', '.join(person_name(h) for h in heads)}): "
                           "dùng «Đổi thủ trưởng đơn vị».")
    user = User(username=username, email=staff.email, is_active=True)
    user.set_unusable_password()
    user.save()
    staff.user = user
    staff._change_reason = "Tạo tài khoản"
    staff.save(update_fields=["user"])
    assign_roles(user, *roles)
    _event(user, AccountAction.CREATED, actor=actor, detail=role_labels(roles))
    _event(user, AccountAction.INVITED, actor=actor, detail=user.email)
    _send_after_commit(user)
    return user


@transaction.atomic
def send_invitation(user, *, actor):
    """Send the person the link to set their password again."""
    if not user.is_active:
        raise AccountError("Tài khoản đang bị khóa: mở lại tài khoản trước khi gửi thư.")
    if not user.email:
        raise AccountError("Tài khoản chưa có thư điện tử.")
    _event(user, AccountAction.INVITED, actor=actor, detail=user.email)
    _send_after_commit(user)


@transaction.atomic
def deactivate_account(user, *, actor, reason):
    """The person may no longer log in; their open sessions end at their next request."""
    reason = _require_reason(reason, "khóa tài khoản")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if actor is not None and user.pk == getattr(actor, "pk", None):
        raise AccountError("Không thể tự khóa tài khoản của chính mình.")
    if not user.is_active:
        raise AccountError("Tài khoản này đã bị khóa.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    _event(user, AccountAction.DEACTIVATED, actor=actor, reason=reason)
    return user


@transaction.atomic
def reactivate_account(user, *, actor, reason):
    reason = _require_reason(reason, "mở lại tài khoản")
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    staff = Staff.objects.filter(user=user).first()
    if user.is_active:
        raise AccountError("Tài khoản này đang hoạt động.")
    if staff is not None and not staff.active:
        raise AccountError(f"{staff.full_name} đang được ghi là đã thôi công tác: sửa hồ sơ cán bộ trước khi mở lại "
                           "tài khoản.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    _event(user, AccountAction.REACTIVATED, actor=actor, reason=reason)
    return user


@transaction.atomic
def disable_departed_accounts(*, actor, staff_ids=None, reason=LEFT_SERVICE) -> list:
    """Disable the active accounts of staff rows that are no longer active (all of them, or those of
    `staff_ids`). Called by every path that can end a staff row: the import, the admin, the page."""
    User = get_user_model()
    users = User.objects.filter(is_active=True, staff__active=False)
    if staff_ids is not None:
        users = users.filter(staff__pk__in=list(staff_ids))
    disabled = list(users.select_for_update())
    for user in disabled:
        user.is_active = False
        user.save(update_fields=["is_active"])
        _event(user, AccountAction.DEACTIVATED, actor=actor, reason=reason)
    return disabled


@transaction.atomic
def leave_service(staff: Staff, *, actor, reason):
    """The person stops working here: their staff row becomes inactive and their account is disabled."""
    reason = _require_reason(reason, "thôi công tác")
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    if not staff.active:
        raise AccountError(f"{staff.full_name} đã được ghi là thôi công tác.")
    staff.active = False
    staff._change_reason = reason
    staff.save(update_fields=["active"])
    disable_departed_accounts(actor=actor, staff_ids=[staff.pk], reason=f"{LEFT_SERVICE}: {reason}")
    return staff


@transaction.atomic
def change_unit_head(unit: Unit, *, new_head: Staff, actor, reason):
    """The unit-head role moves to `new_head` (an active person of the unit with an active account) from
    whoever held it for this unit."""
    reason = _require_reason(reason, "đổi thủ trưởng đơn vị")
    new_head = Staff.objects.select_related("user", "unit").get(pk=new_head.pk)
    if new_head.unit_id != unit.pk:
        raise AccountError(f"{new_head.full_name} không thuộc {unit.name}.")
    if not new_head.active:
        raise AccountError(f"{new_head.full_name} đã thôi công tác.")
    if new_head.user is None or not new_head.user.is_active:
        raise AccountError(f"{new_head.full_name} chưa có tài khoản đang hoạt động: tạo tài khoản trước.")
    current = unit_heads(unit)
    if [u.pk for u in current] == [new_head.user.pk]:
        raise AccountError(f"{new_head.full_name} đang là thủ trưởng {unit.name}.")
    label = Role.UNIT_HEAD.label
    for user in current:
        if user.pk == new_head.user.pk:
            continue
        remove_roles(user, Role.UNIT_HEAD)
        _event(user, AccountAction.ROLE_REVOKED, actor=actor, detail=f"{label} – {unit.name}", reason=reason)
    if Role.UNIT_HEAD not in user_roles(new_head.user):
        assign_roles(new_head.user, Role.UNIT_HEAD)
        _event(new_head.user, AccountAction.ROLE_GRANTED, actor=actor, detail=f"{label} – {unit.name}", reason=reason)
    return new_head.user
