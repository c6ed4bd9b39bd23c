"""Accounts the office manages (Văn phòng Sở; superusers too): every person of the organisation with their
account, creating an account from a staff row with its roles, locking and reopening it, a person leaving, and
changing a unit's head. Everyone else gets 404. Pages are thin: each action is one service of
campaigns.services.accounts, POST-only, and says in Vietnamese what it did or why it was refused."""


from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from campaigns.models import AccountEvent, Staff, Unit
from campaigns.roles import GROUP_NAMES, Role, user_roles
from campaigns.rules import rule_required
from campaigns.services import accounts as svc

MANAGE = "campaigns.manage_accounts"

PER_PAGE = 50
ROLE_CHOICES = [(r.value, r.label) for r in Role]


def office_only(view):
    """The office's pages: 404 to everyone else (the rule campaigns.manage_accounts)."""
    return login_required(rule_required(MANAGE)(view))


class CreateAccountForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=40)
    roles = forms.MultipleChoiceField(label="Vai trò", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))


class UnitHeadForm(forms.Form):
    new_head = forms.ModelChoiceField(label="Thủ trưởng mới", queryset=Staff.objects.none())
    reason = forms.CharField(label="Lý do", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_head"].queryset = (
            Staff.objects.filter(unit=unit, active=True, user__isnull=False, user__is_active=True)
            .select_related("user").order_by("full_name")
        )


def _staff_url(staff):
    return reverse("accounts:staff", kwargs={"pk": staff.pk})


@office_only
def staff_list(request):
    """Every person with their account (or none), filtered by unit, name or state; 50 a page."""
    qs = Staff.objects.select_related("unit", "user").prefetch_related("user__groups").order_by("unit__code", "full_name")
    unit_id = request.GET.get("don-vi") or ""
    query = (request.GET.get("q") or "").strip()
    state = request.GET.get("tinh-trang") or ""
    if unit_id.isdigit():
        qs = qs.filter(unit_id=int(unit_id))
    if query:
        qs = qs.filter(Q(full_name__icontains=query) | Q(code__icontains=query) | Q(user__username__icontains=query))
    if state == "chua-co":
        qs = qs.filter(user__isnull=True, active=True)
    elif state == "dang-dung":
        qs = qs.filter(user__is_active=True)
    elif state == "bi-khoa":
        qs = qs.filter(user__is_active=False)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("trang"))
    names = {name: role for role, name in GROUP_NAMES.items()}
    rows = []
    for staff in page.object_list:
        roles = [names[g.name].label for g in staff.user.groups.all() if g.name in names] if staff.user else []
        rows.append({"staff": staff, "roles": roles})
    params = {k: v for k, v in (("don-vi", unit_id), ("q", query), ("tinh-trang", state)) if v}
    return render(request, "accounts/list.html", {
        "rows": rows, "page": page, "units": Unit.objects.order_by("code"), "unit_id": unit_id, "query": query,
        "state": state, "page_url": reverse("accounts:list") + "?" + urlencode({**params, "trang": ""}),
    })


@office_only
def staff_account(request, pk):
    staff = get_object_or_404(Staff.objects.select_related("unit", "user"), pk=pk)
    user = staff.user
    events = (
        list(AccountEvent.objects.filter(account=user).select_related("actor__staff").order_by("-at", "-id"))
        if user else []
    )
    roles = sorted(user_roles(user), key=list(Role).index) if user else []
    return render(request, "accounts/staff.html", {
        "staff": staff, "account": user, "roles": [r.label for r in roles], "events": events,
        "create_form": CreateAccountForm(initial={"username": svc.suggested_username(staff), "roles": [Role.STAFF]}),
        "reason_form": ReasonForm(),
        "heads": svc.unit_heads(staff.unit),
    })


def _run(request, staff, action, success):
    try:
        action()
    except svc.AccountError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(_staff_url(staff))


@office_only
@require_POST
def create(request, pk):
    staff = get_object_or_404(Staff, pk=pk)
    form = CreateAccountForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Chọn tên đăng nhập và ít nhất một vai trò.")
        return redirect(_staff_url(staff))
    return _run(request, staff,
                lambda: svc.create_account(staff, roles=form.cleaned_data["roles"], actor=request.user,
                                           username=form.cleaned_data["username"]),
                f"Đã tạo tài khoản cho {staff.full_name} và gửi thư đặt mật khẩu đến {staff.email}.")


def _with_account(pk):
    staff = get_object_or_404(Staff.objects.select_related("user"), pk=pk)
    if staff.user is None:
        raise Http404
    return staff


def _reason(request):
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@office_only
@require_POST
def invite(request, pk):
    staff = _with_account(pk)
    return _run(request, staff, lambda: svc.send_invitation(staff.user, actor=request.user),
                f"Đã gửi lại thư đặt mật khẩu đến {staff.user.email}.")


@office_only
@require_POST
def deactivate(request, pk):
    staff = _with_account(pk)
    reason = _reason(request)
    return _run(request, staff, lambda: svc.deactivate_account(staff.user, actor=request.user, reason=reason),
                f"Đã khóa tài khoản của {staff.full_name}; các phiên đăng nhập của tài khoản này kết thúc ngay.")


@office_only
@require_POST
def reactivate(request, pk):
    staff = _with_account(pk)
    reason = _reason(request)
    return _run(request, staff, lambda: svc.reactivate_account(staff.user, actor=request.user, reason=reason),
                f"Đã mở lại tài khoản của {staff.full_name}.")


@office_only
@require_POST
def leave(request, pk):
    staff = get_object_or_404(Staff, pk=pk)
    reason = _reason(request)
    return _run(request, staff, lambda: svc.leave_service(staff, actor=request.user, reason=reason),
                f"Đã ghi {staff.full_name} thôi công tác" + ("; tài khoản đã bị khóa." if staff.user_id else "."))


@office_only
def unit_head(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    form = UnitHeadForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            svc.change_unit_head(unit, new_head=form.cleaned_data["new_head"], actor=request.user,
                                 reason=form.cleaned_data["reason"])
        except svc.AccountError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{form.cleaned_data['new_head'].full_name} là thủ trưởng {unit.name} từ bây giờ.")
            return redirect(reverse("accounts:unit_head", kwargs={"pk": unit.pk}))
    heads = svc.unit_heads(unit)
    events = list(
        AccountEvent.objects.filter(detail__endswith=f"– {unit.name}").select_related("account__staff", "actor__staff")
        .order_by("-at", "-id")[:50]
    )
    return render(request, "accounts/unit_head.html", {"unit": unit, "heads": heads, "form": form, "events": events})

