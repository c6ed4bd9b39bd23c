"""Who a person is: the named predicates every permission in the project is built from (django-rules).

Each question about a person is answered here once ("is this the office?", "is this a unit head?", "is it their
unit?"); the permission table per model and verb lives in awards/rules.py, and the per-user selectors ask these
same predicates. A predicate takes the user (and, for the per-object ones, the object) and answers True/False;
combine them with `|`, `&` and `~`. Call one directly as a function (`sees_everything(user)`) where a selector
needs the answer; pages, the admin and services ask the rules (`awards.rules.may(user, "awards.x", obj)`).

Roles are Django groups kept in step with campaigns.roles; `user_roles` caches them on the user for the request.
"""

import functools
import inspect

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaigns.roles import ADMIN_ROLES, Role, user_roles

REFUSED = "Bạn không có quyền thực hiện thao tác này."

# ------------------------------------------------------------------------------------------ asking the table


def may(user, perm, obj=None) -> bool:
    """Does the permission table let `user` do `perm` (on `obj`; without one: "on some object")?

    It asks the table itself (rules.has_perm), not `user.has_perm`: Django's shortcut lets an active superuser do
    anything, which would let a superuser rule on a nominee of their own unit; the table says what a superuser
    may do. (`user.has_perm` reaches the same rules through rules.permissions.ObjectPermissionBackend.)"""
    return rules.has_perm(perm, user, obj)


def require(user, perm, obj=None, message=REFUSED) -> None:
    """Refuse with PermissionDenied (a Vietnamese message) unless the table lets `user` do `perm`."""
    if not may(user, perm, obj):
        raise PermissionDenied(message)


def require_or_404(user, perm, obj=None) -> None:
    """Pages: an outsider learns nothing, not even that the object exists."""
    if not may(user, perm, obj):
        raise Http404


def rule_required(perm, *, then=()):
    """View decorator (put it under @login_required and @require_POST, so that those answer first as before):
    404 unless the table lets the user `perm` in general. `then` names the rules the view asks afterwards of the
    objects it loads (with require / require_or_404 / may). Both are kept on the view as `rules_asked`, which
    tests/test_rules.py checks against its table of every view."""

    def decorate(view):
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            require_or_404(request.user, perm)
            return view(request, *args, **kwargs)

        inner.rules_asked = (perm, *then)
        return inner

    return decorate


def asks(*perms):
    """View decorator for a view that asks its rules itself (e.g. it redirects instead of refusing): records them
    as `rules_asked`, like rule_required."""

    def decorate(view):
        view.rules_asked = perms
        return view

    return decorate


def public(view):
    """Marks a view that everybody may open (verification, the emblem): it asks no rule."""
    view.rules_asked = ()
    return view


def rule_permission(perm):
    """A ModelAdmin `has_<x>_permission` method that asks the table (for custom admin actions declared with
    permissions=["<x>"]). The rule is kept on the method as `rules_asked` (tests/test_rules.py)."""

    def has_permission(self, request, obj=None):
        return may(request.user, perm, obj)

    has_permission.rules_asked = (perm,)
    return has_permission


def checks_rule(perm, *, on=None, message=REFUSED, system=False, then=()):
    """Service decorator: before the verb runs, its `actor` must be allowed `perm` (on the argument named `on`, or
    an attribute of it: on="nominee.dossier"),
    else PermissionDenied. `system=True` lets actor=None through (commands and imports run by the operator).
    `then` names the rules the verb asks afterwards itself. All are kept on the function as `rules_asked`
    (tests/test_rules.py checks them against its table of every verb)."""

    def decorate(fn):
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def inner(*args, **kwargs):
            bound = signature.bind_partial(*args, **kwargs)
            actor = bound.arguments.get("actor")
            if not (actor is None and system):
                target = None
                if on:
                    name, *path = on.split(".")
                    target = bound.arguments.get(name)
                    for attr in path:
                        target = getattr(target, attr, None)
                require(actor, perm, target, message)
            return fn(*args, **kwargs)

        inner.rules_asked = (perm, *then)
        return inner

    return decorate

# --------------------------------------------------------------------------------------------- the account


def user_unit_id(user):
    """The unit of the staff member linked to this account (None if there is none)."""
    staff = getattr(user, "staff", None) if user is not None and user.is_authenticated else None
    return staff.unit_id if staff else None


def user_staff_id(user):
    """The staff row linked to this account (None if there is none)."""
    staff = getattr(user, "staff", None) if user is not None and user.is_authenticated else None
    return staff.pk if staff else None


@rules.predicate
def is_authenticated(user):
    return bool(user and user.is_authenticated)


@rules.predicate
def is_superuser(user):
    """Technical administration: a superuser is treated as the office and the director together."""
    return bool(user and user.is_authenticated and user.is_superuser)


@rules.predicate
def is_active(user):
    return bool(user and user.is_active)


# ----------------------------------------------------------------------------------------------- the roles


def _holds(role):
    @rules.predicate(name=f"holds_{role.value}")
    def holds(user):
        return bool(user and role in user_roles(user))

    return holds


is_office = _holds(Role.OFFICE)  # Văn phòng Sở (the emulation and commendation desk)
is_director = _holds(Role.DIRECTOR)  # Giám đốc Sở
is_council_member = _holds(Role.COUNCIL)  # Thành viên Hội đồng Thi đua - Khen thưởng
is_staff_member = _holds(Role.STAFF)  # Cán bộ, công chức, viên chức (the role)


@rules.predicate
def is_unit_head(user):
    """A unit head who has a unit: the role without a linked staff row in a unit grants nothing."""
    return bool(user and Role.UNIT_HEAD in user_roles(user) and user_unit_id(user) is not None)


@rules.predicate
def has_staff_record(user):
    """The account is linked to a staff row (staff see their own records and certificates)."""
    return bool(user and user_staff_id(user))


# The office's work (appraising, scoring, drafting, importing) is the office's and, for technical
# administration, a superuser's. Once this was asked in four places under four names.
does_office_work = rules.Predicate(is_office | is_superuser, name="does_office_work")

# The whole campaign is visible to the office, the director and superusers.
sees_everything = rules.Predicate(is_office | is_director | is_superuser, name="sees_everything")

# What the council considers (the ranking, the meetings): the council and those who see everything.
sees_council = rules.Predicate(sees_everything | is_council_member, name="sees_council")


@rules.predicate
def may_enter_admin(user):
    """The admin is for the office and the director (and superusers), whatever `is_staff` says."""
    return bool(
        user and user.is_active and user.is_authenticated
        and (user.is_superuser or bool(user_roles(user) & ADMIN_ROLES))
    )


# ------------------------------------------------------------------------------------------ per-object


def unit_id_of(obj):
    """The unit an object belongs to: a unit itself, its own `unit_id`, else its dossier's, else its nominee's dossier's."""
    if obj is None:
        return None
    if getattr(getattr(obj, "_meta", None), "model_name", "") == "unit":
        return obj.pk
    if hasattr(obj, "unit_id"):
        return obj.unit_id
    for attr in ("dossier", "nominee", "document"):
        inner = getattr(obj, attr, None)
        if inner is not None:
            return unit_id_of(inner)
    return None


@rules.predicate
def same_unit(user, obj):
    """The object belongs to the user's own unit."""
    unit_id = user_unit_id(user) if user else None
    return unit_id is not None and unit_id == unit_id_of(obj)


@rules.predicate
def heads_its_unit(user, obj):
    """A unit head and the object is their own unit's (without an object: a unit head)."""
    if obj is None:
        return bool(is_unit_head(user))
    return bool(is_unit_head(user) and same_unit(user, obj))


@rules.predicate
def is_themselves(user, obj):
    """The object concerns the user's own staff row (a staff member, or a nominee / line for that person)."""
    staff_id = user_staff_id(user) if user else None
    if staff_id is None or obj is None:
        return False
    if hasattr(obj, "staff_id"):
        return obj.staff_id == staff_id
    nominee = getattr(obj, "nominee", None)
    return nominee is not None and nominee.staff_id == staff_id


# ------------------------------------------------------------------------------------- campaigns' own table

rules.add_perm("campaigns.enter_admin", may_enter_admin)
rules.add_perm("campaigns.import_records", does_office_work)
rules.add_perm("campaigns.lift_lockout", does_office_work)  # the admin's «Mở khóa» on login lockouts  # Excel imports of units, staff, records
rules.add_perm("campaigns.manage_accounts", does_office_work & is_active)  # accounts from staff rows, offboarding
rules.add_perm("campaigns.view_own_records", is_authenticated)  # "Hồ sơ cá nhân": starts from the own staff row
