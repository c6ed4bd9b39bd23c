"""Roles are Django groups, created and kept in step with this table on every `migrate` (and by
`manage.py sync_roles`), never by hand in the admin. One person may hold several roles."""

from django.db.models import TextChoices


class Role(TextChoices):
    OFFICE = "office", "Văn phòng Sở (bộ phận Thi đua - Khen thưởng)"
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị"
    DIRECTOR = "director", "Giám đốc Sở"
    COUNCIL = "council", "Thành viên Hội đồng Thi đua - Khen thưởng"
    STAFF = "staff", "Cán bộ, công chức, viên chức"


# The group's name is the role's label: that is what the office sees in the admin.
GROUP_NAMES = {role: role.label for role in Role}

_ALL = ("add", "change", "delete", "view")
_CAMPAIGN_DATA = [
    "organisation", "unit", "staff", "campaign", "campaignground", "criterion", "annualrating", "initiative",
    "disciplinerecord", "indicatorrecord", "indexcomponentscore",
]
_AWARD_DATA = [
    "awardkind", "campaignaward", "registration", "dossier", "dossiercomment", "deadlineextension", "nominee",
    "councilmeeting", "councilattendance", "vote", "legalbasis", "awardrate", "basesalary", "decision", "pastaward",
]
# Read-only in the admin: logs, uploaded files, frozen lines, and results (decided on the scoring pages).
_READ_ONLY = ["result", "statechange", "document", "documentversion", "documentregister", "decisionline", "reminderlog"]


def _perms(app, models, actions):
    return [f"{app}.{action}_{model}" for model in models for action in actions]


ROLE_PERMISSIONS = {
    Role.OFFICE: (
        _perms("campaigns", _CAMPAIGN_DATA, _ALL)
        + _perms("awards", _AWARD_DATA, _ALL)
        + _perms("awards", _READ_ONLY, ("view",))
        # The office aligns the registers of numbers with the văn thư's book (next number, date of the last one).
        + _perms("awards", ["documentregister"], ("add", "change"))
        # Lifting a lockout is deleting its access attempt; the logs of logins are kept.
        + _perms("axes", ["accessattempt"], ("view", "delete"))
        + _perms("axes", ["accesslog", "accessfailurelog"], ("view",))
        + _perms("auth", ["user"], ("view",))
        # The mail outbox: the office reads every mail's state and may send a failed one again (change).
        + _perms("ops", ["outgoingemail"], ("view", "change"))
    ),
    Role.DIRECTOR: (
        _perms("campaigns", _CAMPAIGN_DATA, ("view",))
        + _perms("awards", _AWARD_DATA + _READ_ONLY, ("view",))
        + ["awards.approve_decision"]
    ),
    Role.UNIT_HEAD: [],
    Role.COUNCIL: [],
    Role.STAFF: [],
}

# Roles that may enter the Django admin (is_staff is kept in step with them by `assign_roles`).
ADMIN_ROLES = {Role.OFFICE, Role.DIRECTOR}


def sync_roles(**kwargs):
    """Create the groups and give each exactly the permissions of the table above."""
    from django.contrib.auth.models import Group, Permission  # noqa: PLC0415 — roles.py is imported while the app registry loads (emulation/admin.py)

    perms_by_key = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        group.permissions.set([perms_by_key[n] for n in names if n in perms_by_key])


def user_roles(user):
    """The set of roles a user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        names = {name: role for role, name in GROUP_NAMES.items()}
        cached = frozenset(names[g] for g in user.groups.values_list("name", flat=True) if g in names)
        user._roles_cache = cached
    return cached


def has_role(user, role):
    return role in user_roles(user)


def assign_roles(user, *roles):
    """Give a user these roles (on top of any they hold) and keep admin access in step with them."""
    from django.contrib.auth.models import Group  # noqa: PLC0415 — roles.py is imported while the app registry loads (emulation/admin.py)

    for role in roles:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    user._roles_cache = None
    held = user_roles(user)
    should_be_staff = bool(held & ADMIN_ROLES) or user.is_superuser
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        user.save(update_fields=["is_staff"])


def remove_roles(user, *roles):
    """Take these roles from a user and keep admin access in step with what remains."""
    from django.contrib.auth.models import Group  # noqa: PLC0415 — roles.py is imported while the app registry loads (emulation/admin.py)

    user.groups.remove(*Group.objects.filter(name__in=[GROUP_NAMES[role] for role in roles]))
    user._roles_cache = None
    should_be_staff = bool(user_roles(user) & ADMIN_ROLES) or user.is_superuser
    if user.is_staff != should_be_staff:
        user.is_staff = should_be_staff
        user.save(update_fields=["is_staff"])
