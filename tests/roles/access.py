"""Access expectations of the foundation's URLs (home, login, logout, emblem), the file downloads, the staff's
own records, and the admin policy from which tests/roles/admin_rule.py derives every standard admin page."""

from django.core.files.base import ContentFile
from django.urls import NoReverseMatch

from tests.access import ACTORS, Case
from tests.urls import reverse


def _exists(url_name):
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def _everyone(value, anonymous="login"):
    return {actor: value for actor in ACTORS} | {"anonymous": anonymous}


def _landing(*url_names):
    """home sends a role to its landing page where that page exists (campaigns.views.LANDING), else shows itself."""
    return 302 if any(_exists(name) for name in url_names) else 200


def _emblem(w):
    w.organisation.emblem.save("quoc-huy.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return {"path": w.organisation.emblem.name}


# Who may download a document's file: the office and the director always; a unit head their own unit's; the
# council the files of dossiers it considers (accepted), never a unit's plan; staff none. Outsiders get 404.
_PROPOSAL_A = {"anonymous": "login", "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 200, "staff": 404}
_PROPOSAL_B = _PROPOSAL_A | {"head_a": 404, "head_b": 200}
_PLAN_A = _PROPOSAL_A | {"council": 404}


def _draft_dossier_version(w):
    w.dossier_b.state = "draft"
    w.dossier_b.save(update_fields=["state"])
    return {"pk": w.version_b.pk}


CASES = [
    # Home: the chooser for whoever takes part in both campaigns of the world (2023 open, 2022 closed: only unit B
    # took part); straight to the page of the one campaign for head A; staff to their own records.
    Case("home", expect=_everyone(200) | {"head_a": 302, "staff": 302}),
    # /<code>/: the campaign's page for the role; staff take no part in a campaign.
    Case("campaign_home", expect=_everyone(302) | {"staff": 404}),
    # An address from before campaigns were in the URL: to the one open campaign.
    Case("old_address", kwargs=lambda w: {"rest": "don-vi/"}, expect=_everyone(302, anonymous=302)),
    # A campaign is a unit head's only if their unit takes part in it: head A's unit had no part in 2022.
    Case("campaign_home", campaign=lambda w: w.campaign_2022, expect=_everyone(302) | {"head_a": 404, "staff": 404}),
    Case("portal:home", campaign=lambda w: w.campaign_2022,
         expect=_everyone(404) | {"head_b": 200, "clerk": 302, "director": 302}),
    # An object of one campaign is not found under another campaign's address, whoever asks.
    Case("portal:office_dossier", kwargs=lambda w: {"pk": w.dossier_b_2022.pk}, expect=_everyone(404)),
    Case("portal:office_dossier", kwargs=lambda w: {"pk": w.dossier_b_2022.pk}, campaign=lambda w: w.campaign_2022,
         expect=_everyone(404) | {"clerk": 200, "director": 200}),
    Case("portal:dossier", kwargs=lambda w: {"pk": w.dossier_b_2022.pk}, campaign=lambda w: w.campaign_2022,
         expect=_everyone(404) | {"head_b": 200}),
    Case("portal:dossier", kwargs=lambda w: {"pk": w.dossier_b.pk}, campaign=lambda w: w.campaign_2022,
         expect=_everyone(404)),
    Case("login", expect=_everyone(302, anonymous=200)),
    # Logging out is a POST (Django's LogoutView): a GET is refused for everyone.
    Case("logout", expect=_everyone(405, anonymous=405)),
    Case("logout", method="post", expect=_everyone("login")),
    # The emblem is printed on every certificate, so it is public.
    Case("emblem", kwargs=_emblem, expect=_everyone(200, anonymous=200)),
    Case("files:version", kwargs=lambda w: {"pk": w.version_a.pk}, expect=_PROPOSAL_A),
    Case("files:version", kwargs=lambda w: {"pk": w.version_b.pk}, expect=_PROPOSAL_B),
    Case("files:version", kwargs=lambda w: {"pk": w.plan_version_a.pk}, expect=_PLAN_A),
    # A dossier still in draft is not the council's business.
    Case("files:version", kwargs=_draft_dossier_version, expect=_PROPOSAL_B | {"council": 404}),
    Case("files:version", kwargs=lambda w: {"pk": 987654}, expect=_everyone(404)),
    # Everybody with an account looks up their own records (ratings, initiatives, discipline, nominations, awards).
    Case("records:mine", expect=_everyone(200)),
    # Passwords are not the office's business in the admin (it only views accounts); the director has no access.
    Case("admin:auth_user_password_change", kwargs=lambda w: {"id": w.staff.pk},
         expect=_everyone("login") | {"clerk": 403, "director": 403}),
]


# The admin: what the office ("clerk") and the director may do with each registered model, as actions among
# "add change delete view". Unit heads, council members and staff do not enter the admin at all. The audit trail
# (StateChange; historical rows are not registered) and uploaded files are read-only for everybody. Roles are
# kept by `sync_roles`, never by hand, so groups are read-only too. A registered model without a row here fails
# the suite (tests/roles/test_admin_site.py).
OFFICE = {"clerk": "add change delete view", "director": "view"}
READ_ONLY = {"clerk": "view", "director": "view"}

ADMIN_POLICY = {
    "auth.group": {},
    "auth.user": {"clerk": "view"},
    # Lifting a lockout is deleting its access attempt; the logs of logins are kept.
    "axes.accessattempt": {"clerk": "view delete"},
    "axes.accesslog": {"clerk": "view"},
    "axes.accessfailurelog": {"clerk": "view"},
    **{f"campaigns.{m}": OFFICE for m in [
        "organisation", "unit", "staff", "campaign", "criterion", "annualrating", "initiative", "disciplinerecord",
        "indicatorrecord", "indexcomponentscore",
    ]},
    **{f"awards.{m}": OFFICE for m in [
        "awardkind", "campaignaward", "registration", "dossier", "dossiercomment", "deadlineextension", "nominee",
        "councilmeeting", "vote", "legalbasis", "awardrate", "basesalary", "pastaward",
    ]},
    # Decisions are drafted from the ranking and the vote (a page), never added in the admin; w.decision is
    # approved, so it is read-only and cannot be deleted (the decisions area's admin, awards/admin/decisions.py).
    "awards.decision": {"clerk": "change view", "director": "view"},
    # The office aligns the registers of numbers with the văn thư's book (next number); numbers are never deleted.
    "awards.documentregister": {"clerk": "add change view", "director": "view"},
    **{f"awards.{m}": READ_ONLY for m in [
        "result", "statechange", "document", "documentversion", "decisionline", "reminderlog",
    ]},
    # The mail outbox: the office reads it and sends failed mails again (the action needs "change"; every field
    # is read-only). Jobs are the superuser's (a job's owner has its own page).
    "ops.outgoingemail": {"clerk": "change view"},
    "ops.job": {},
}
