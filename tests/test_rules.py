"""The permission table (campaigns/rules.py, awards/rules.py): the predicates about people, the per-object rules,
and that the rules and the per-user selectors give the same rows."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
import rules
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import URLResolver, get_resolver

import awards.services
from awards import selectors
from awards.models import (
    DeadlineExtension,
    DecisionLine,
    Document,
    DocumentVersion,
    Dossier,
    DossierComment,
    Nominee,
    Registration,
    Result,
)
from awards.rules import may, require
from awards.services import dossiers as svc
from campaigns import rules as people
from emulation.urls import campaign_urlconf
from tests.roles.world import build_world

pytestmark = pytest.mark.django_db

ACTORS = ["clerk", "head_a", "head_b", "director", "council", "staff", "superuser", "anonymous"]


@pytest.fixture
def w(db):
    w = build_world()
    w.users = {**w.users, "superuser": w.superuser, "anonymous": AnonymousUser()}
    return w


def holders(w, predicate, *args):
    return {name for name in ACTORS if predicate(w.users[name], *args)}


# ------------------------------------------------------------------------------------------ who a person is


def test_only_the_office_clerk_is_office(w):
    assert holders(w, people.is_office) == {"clerk"}


def test_office_work_is_the_clerks_and_the_superusers(w):
    assert holders(w, people.does_office_work) == {"clerk", "superuser"}


def test_only_the_director_is_director(w):
    assert holders(w, people.is_director) == {"director"}


def test_the_office_the_director_and_superusers_see_everything(w):
    assert holders(w, people.sees_everything) == {"clerk", "director", "superuser"}


def test_unit_heads_are_those_with_the_role_and_a_unit(w):
    assert holders(w, people.is_unit_head) == {"head_a", "head_b"}


def test_a_unit_head_without_a_staff_row_in_a_unit_is_no_unit_head(w):
    w.head_a.staff.delete()
    w.head_a.refresh_from_db()
    assert holders(w, people.is_unit_head) == {"head_b"}


def test_council_members_are_the_director_and_the_council(w):
    assert holders(w, people.is_council_member) == {"director", "council"}


def test_the_council_and_those_who_see_everything_see_what_the_council_considers(w):
    assert holders(w, people.sees_council) == {"clerk", "director", "council", "superuser"}


def test_staff_members_hold_the_staff_role(w):
    assert holders(w, people.is_staff_member) == {"clerk", "head_a", "head_b", "council", "staff"}


def test_every_person_with_a_staff_row_has_a_staff_record(w):
    assert holders(w, people.has_staff_record) == {"clerk", "head_a", "head_b", "director", "council", "staff"}


def test_only_the_superuser_is_superuser(w):
    assert holders(w, people.is_superuser) == {"superuser"}


def test_the_admin_is_for_the_office_the_director_and_superusers(w):
    assert holders(w, people.may_enter_admin) == {"clerk", "director", "superuser"}


def test_a_deactivated_clerk_may_not_enter_the_admin(w):
    w.clerk.is_active = False
    assert holders(w, people.may_enter_admin) == {"director", "superuser"}


def test_same_unit_is_the_unit_of_the_persons_staff_row(w):
    assert holders(w, people.same_unit, w.dossier_a) == {"head_a", "staff"}
    assert holders(w, people.same_unit, w.unit_b) == {"head_b", "council"}


def test_a_unit_head_heads_their_own_units_objects_only(w):
    assert holders(w, people.heads_its_unit, w.dossier_a) == {"head_a"}
    assert holders(w, people.heads_its_unit, w.dossier_b) == {"head_b"}
    assert holders(w, people.heads_its_unit, w.unit_a) == {"head_a"}


def test_the_anonymous_visitor_holds_no_predicate(w):
    anonymous = w.users["anonymous"]
    for predicate in (people.is_office, people.is_director, people.is_unit_head, people.is_council_member,
                      people.is_staff_member, people.is_superuser, people.sees_everything, people.sees_council,
                      people.does_office_work, people.has_staff_record, people.may_enter_admin):
        assert predicate(anonymous) is False, predicate
    assert people.same_unit(anonymous, w.dossier_a) is False


# ------------------------------------------------------------------------------------------ per-object rules


def allowed(w, perm, obj=None):
    return {name for name in ACTORS if may(w.users[name], perm, obj)}


def test_a_dossier_is_submitted_by_its_units_head_or_by_the_office_for_the_unit(w):
    assert allowed(w, "awards.submit_dossier", w.dossier_a) == {"head_a", "clerk", "superuser"}
    assert allowed(w, "awards.submit_dossier", w.dossier_b) == {"head_b", "clerk", "superuser"}


def test_only_unit_heads_use_the_portal(w):
    assert allowed(w, "awards.use_portal") == {"head_a", "head_b"}


def test_the_office_and_superusers_appraise_dossiers(w):
    assert allowed(w, "awards.appraise_dossier", w.dossier_a) == {"clerk", "superuser"}


def test_the_office_may_not_rule_on_a_nominee_of_its_own_unit(w):
    office_nominee = Nominee.objects.create(dossier=w.dossier_a, target="collective", unit=w.office_unit,
                                            award_kind=w.award_kind)
    assert allowed(w, "awards.rule_on_result", w.result_a) == {"clerk", "superuser"}
    assert allowed(w, "awards.rule_on_result", office_nominee) == {"superuser"}


def test_a_clerk_may_not_rule_on_themselves(w):
    themselves = Nominee.objects.create(dossier=w.dossier_a, target="individual", unit=w.office_unit,
                                        staff=w.clerk.staff, award_kind=w.award_kind)
    assert may(w.clerk, "awards.rule_on_result", themselves) is False


def test_only_the_director_and_superusers_approve_decisions(w):
    assert allowed(w, "awards.approve_decision", w.decision) == {"director", "superuser"}
    assert {name for name in ACTORS if w.users[name].has_perm("awards.approve_decision")} == {"director", "superuser"}


def test_the_office_and_superusers_draft_decisions_and_record_votes(w):
    assert allowed(w, "awards.draft_decision") == {"clerk", "superuser"}
    assert allowed(w, "awards.record_vote") == {"clerk", "superuser"}


def test_the_ranking_is_for_the_office_the_director_and_the_council(w):
    assert allowed(w, "awards.view_ranking") == {"clerk", "director", "council", "superuser"}


def test_certificates_are_for_the_office_unit_heads_and_staff(w):
    assert allowed(w, "awards.view_certificates") == {"clerk", "head_a", "head_b", "director", "council", "staff", "superuser"}
    assert allowed(w, "awards.view_decisionline", w.line_a) == {"clerk", "director", "superuser", "head_a", "staff"}


def test_require_refuses_in_vietnamese(w):

    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(w.head_b, "awards.submit_dossier", w.dossier_a)


# -------------------------------------------------------------- the rules and the selectors give the same rows

SEEN = [
    ("awards.view_dossier", Dossier, selectors.dossiers_for),
    ("awards.view_nominee", Nominee, selectors.nominees_for),
    ("awards.view_result", Result, selectors.results_for),
    ("awards.view_document", Document, selectors.documents_for),
    ("awards.download_document", DocumentVersion, selectors.document_versions_for),
    ("awards.view_registration", Registration, selectors.registrations_for),
    ("awards.view_dossiercomment", DossierComment, selectors.dossier_comments_for),
    ("awards.view_deadlineextension", DeadlineExtension, selectors.extensions_for),
    ("awards.view_decisionline", DecisionLine, selectors.decision_lines_for),
]


@pytest.mark.parametrize("perm, model, selector", SEEN, ids=[s[0] for s in SEEN])
def test_a_row_is_in_a_persons_selector_exactly_when_the_rule_lets_them_see_it(w, perm, model, selector):

    svc.add_comment(w.dossier_a, actor=w.clerk, text="Bổ sung báo cáo thành tích.")
    svc.add_comment(w.dossier_b, actor=w.clerk, text="Bổ sung biên bản họp.")


    Registration.objects.create(campaign=w.campaign, unit=w.unit_a, target="collective", award_kind=w.award_kind)
    Registration.objects.create(campaign=w.campaign, unit=w.unit_b, staff=w.staff_b, target="individual", award_kind=w.award_kind)
    Registration.objects.create(campaign=w.campaign, unit=w.unit_a, staff=w.staff.staff, target="individual", award_kind=w.award_kind)
    for unit in (w.unit_a, w.unit_b):
        DeadlineExtension.objects.create(campaign=w.campaign, unit=unit, until=dt.datetime(2023, 12, 31, 16, 59, tzinfo=dt.timezone.utc),
                                         reason="Đơn vị xin gia hạn", granted_by=w.clerk)
    rows = list(model.objects.all())
    assert len(rows) >= 2
    for name in ACTORS:
        user = w.users[name]
        by_rule = {row.pk for row in rows if may(user, perm, row)}
        assert by_rule == set(selector(user).values_list("pk", flat=True)), name


# ------------------------------------------------ every view, admin action and service verb, and the rule it asks
#
# A view, an admin action or a state-changing service verb without an entry here fails: each asks the permission
# table (awards/rules.py, campaigns/rules.py) through rule_required / asks / public (views), rule_permission
# (admin actions) or checks_rule (services), which keep the rules they ask as `rules_asked`. The first rule of a
# view is asked before anything is loaded (404 to outsiders); the others are asked of the objects it loads, by
# the view or by the service it calls. None: a view of Django's own, or a verb whose callers ask its rule.

VIEWS = {
    "awards.views.chooser.home": (),  # signed in: the campaigns the user takes part in
    "awards.views.chooser.campaign_home": (),  # signed in and part of the campaign (the middleware): its role page
    "awards.views.chooser.old_address": (),  # public: a redirect to the one open campaign or the chooser
    "awards.views.dashboard.close": ("awards.close_campaign",),
    "django.contrib.auth.views.LoginView": None,  # Django's own: public
    "django.contrib.auth.views.LogoutView": None,  # Django's own: signs out whoever asks
    "campaigns.views.home.emblem": (),  # public: printed on every certificate
    "awards.views.portal.home": ("awards.use_portal", "awards.oversee_campaign"),
    "awards.views.portal.registration": ("awards.use_portal", "awards.register"),
    "awards.views.portal.registration_cancel": ("awards.use_portal", "awards.register"),
    "awards.views.portal.plan": ("awards.use_portal", "awards.edit_dossier"),
    "awards.views.portal.dossier_current": ("awards.use_portal",),
    "awards.views.portal.dossier": ("awards.use_portal",),
    "awards.views.portal.dossier_submit": ("awards.use_portal", "awards.submit_dossier"),
    "awards.views.portal.nominee_add": ("awards.use_portal", "awards.edit_dossier"),
    "awards.views.portal.dossier_upload": ("awards.use_portal", "awards.edit_dossier"),
    "awards.views.portal.nominee_remove": ("awards.use_portal", "awards.edit_dossier"),
    "awards.views.portal.report_upload": ("awards.use_portal", "awards.edit_dossier"),
    "awards.views.portal.document": ("awards.view_document",),
    "awards.views.office.office_dossiers": ("awards.oversee_campaign",),
    "awards.views.office.office_dossier": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_return": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_accept": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_reject": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_reopen": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_extend": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_comment": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.office.office_comment_resolve": ("awards.oversee_campaign", "awards.appraise_dossier"),
    "awards.views.files.version": ("awards.download_document",),
    "awards.views.scoring.grid": ("awards.score", "awards.rule_on_result"),
    "awards.views.scoring.save_cell": ("awards.score", "awards.rule_on_result"),
    "awards.views.scoring.recompute": ("awards.score",),
    "awards.views.scoring.nominee": ("awards.view_nominee", "awards.rule_on_result"),
    "awards.views.scoring.ranking": ("awards.view_ranking",),
    "awards.views.scoring.indicators": ("awards.score",),
    "awards.views.scoring.indicator_edit": ("awards.score",),
    "awards.views.scoring.weights": ("awards.score",),
    "awards.views.council.council_home": ("awards.view_council",),
    "awards.views.council.meetings": ("awards.list_meetings",),
    "awards.views.council.meeting_new": ("awards.record_vote",),
    "awards.views.council.meeting": ("awards.list_meetings",),
    "awards.views.council.attendance": ("awards.record_vote",),
    "awards.views.council.member_search": ("awards.record_vote",),
    "awards.views.council.votes": ("awards.record_vote",),
    "awards.views.council.conclude": ("awards.record_vote",),
    "awards.views.council.minutes_pdf": ("awards.view_councilmeeting",),
    "awards.views.choices.choose_award": ("awards.record_vote",),
    "awards.views.choices.bang_khen_route": ("awards.record_vote",),
    "awards.views.choices.tie_break": ("awards.record_vote",),
    "awards.views.choices.meeting_ties": ("awards.list_meetings",),
    "awards.views.ballots.ballot": ("awards.cast_ballot",),  # a member present at that meeting: their own ballot
    "awards.views.ballots.confirm": ("awards.cast_ballot",),
    "awards.views.ballots.open_vote": ("awards.record_vote",),
    "awards.views.ballots.close_vote": ("awards.record_vote",),
    "awards.views.review.review": ("awards.approve_decision",),  # the Director's reading before signing
    "awards.views.review.preview_pdf": ("awards.approve_decision",),
    "awards.views.review.approve": ("awards.approve_decision",),
    "awards.views.review.reject": ("awards.approve_decision",),
    "awards.views.decisions.decision_list": ("awards.view_decision",),
    "awards.views.decisions.draft": ("awards.draft_decision",),
    "awards.views.decisions.draft_proposal": ("awards.draft_decision",),
    "awards.views.decisions.decision_detail": ("awards.view_decision",),
    "awards.views.decisions.line_edit": ("awards.view_decision", "awards.draft_decision"),
    "awards.views.decisions.line_remove": ("awards.view_decision", "awards.draft_decision"),
    "awards.views.decisions.decision_delete": ("awards.view_decision", "awards.draft_decision"),
    "awards.views.decisions.decision_replace": ("awards.view_decision", "awards.draft_decision"),
    "awards.views.decisions.decision_approve": ("awards.view_decision", "awards.approve_decision"),
    "awards.views.decisions.decision_reject": ("awards.view_decision", "awards.approve_decision"),
    "awards.views.decisions.decision_pdf": ("awards.view_decision",),
    "awards.views.decisions.certificates_pdf": ("awards.view_decisionline",),
    "awards.views.decisions.certificates": ("awards.list_certificates",),
    "awards.views.decisions.certificate_pdf": ("awards.view_decisionline",),
    "awards.views.verify.verify_lookup": (),  # public verification
    "awards.views.verify.verify_code": (),  # public verification
    "awards.views.signing.verify_file": (),  # public verification of a signed PDF
    "awards.views.signing.unsigned_pdf": ("awards.view_decision", "awards.prepare_signing"),
    "awards.views.signing.sign_director": ("awards.view_decision", "awards.prepare_signing", "awards.sign_decision"),
    "awards.views.signing.upload_signed": ("awards.view_decision", "awards.prepare_signing", "awards.sign_decision"),
    "awards.views.signing.seal": ("awards.view_decision", "awards.prepare_signing", "awards.seal_decision"),
    "awards.views.signing.signed_pdf": ("awards.view_decision",),
    "awards.views.signing.sign_certificates": ("awards.view_decision", "awards.sign_decision"),
    "awards.views.signing.seal_certificates": ("awards.view_decision", "awards.seal_decision"),
    "awards.views.signing.signed_certificate_pdf": ("awards.view_decisionline",),
    "awards.views.dashboard.dashboard": ("awards.oversee_campaign",),
    "awards.views.dashboard.units": ("awards.oversee_campaign",),
    "awards.views.records.mine": ("campaigns.view_own_records",),
    "campaigns.views.excel.home": ("campaigns.import_records", "awards.export_report"),
    "campaigns.views.excel.import_page": ("campaigns.import_records",),
    "campaigns.views.excel.preview": ("campaigns.import_records",),  # then uploads_for: the uploader's own
    "campaigns.views.excel.progress": ("campaigns.import_records",),  # idem
    "campaigns.views.excel.confirm": ("campaigns.import_records",),
    "campaigns.views.excel.demo_file": ("campaigns.import_records",),
    "campaigns.views.excel.template_download": ("campaigns.import_records",),
    "campaigns.views.excel.export_org_download": ("campaigns.import_records",),
    "campaigns.views.excel.export_download": ("awards.export_report",),
    "django.contrib.auth.views.PasswordResetView": None,  # Django's own ("Quên mật khẩu"): public
    "django.contrib.auth.views.PasswordResetDoneView": None,  # idem
    "django.contrib.auth.views.PasswordResetConfirmView": None,  # the emailed link: its token is the permission
    "django.contrib.auth.views.PasswordResetCompleteView": None,  # idem
    **{f"campaigns.views.accounts.{name}": ("campaigns.manage_accounts",) for name in (
        "staff_list", "staff_account", "create", "invite", "deactivate", "reactivate", "leave", "unit_head")},
    **{f"awards.views.setup.{name}": ("awards.oversee_campaign", "awards.set_up_campaign") for name in (
        "campaign_list", "clone", "edit", "update", "criterion_save", "criterion_delete", "quotas", "open_campaign",
        "extensions")},
    "awards.views.history.person": ("awards.view_award_history",),
    "awards.views.history.unit": ("awards.view_award_history",),
    "campaigns.ops.views.job_list": ("ops.see_job",),  # the signed-in person's own jobs
    "campaigns.ops.views.job": ("ops.see_job",),
    "campaigns.ops.views.progress": ("ops.see_job",),
    "campaigns.ops.views.download": ("ops.see_job",),
    "campaigns.ops.views.retry": ("ops.rerun_job",),
}


ADMIN_ACTIONS = {
    "campaigns.admin.accounts.LockoutAdmin.unlock": ("campaigns.lift_lockout",),
    "awards.admin.decisions.DecisionAdmin.approve_selected": ("awards.approve_decision",),
    "awards.admin.decisions.DecisionAdmin.reject_selected": ("awards.approve_decision",),
    "awards.admin.dossiers.DossierAdmin.accept_dossiers": ("awards.appraise_dossier",),
    "awards.admin.dossiers.DossierAdmin.return_dossiers": ("awards.appraise_dossier",),
    "awards.admin.dossiers.DossierAdmin.reject_dossiers": ("awards.appraise_dossier",),
    "awards.admin.dossiers.NomineeAdmin.remove_nominees": ("awards.edit_dossier",),
    "campaigns.ops.admin.OutgoingEmailAdmin.send_again": ("ops.resend_mail",),
}


SERVICE_VERBS = {
    "awards.services.approval.approve_decision": ("awards.approve_decision",),
    "awards.services.approval.reject_decision": ("awards.approve_decision",),
    "awards.services.approval.replace_decision": ("awards.draft_decision",),
    "awards.services.signing.document_for_signing": ("awards.prepare_signing",),
    "awards.services.signing.certificate_documents": ("awards.prepare_signing",),
    "awards.services.signing.sign_as_director": ("awards.sign_decision",),
    "awards.services.signing.accept_director_signed": ("awards.sign_decision",),
    "awards.services.signing.seal_document": ("awards.seal_decision",),
    "awards.services.signing.sign_certificates_as_director": ("awards.sign_decision",),
    "awards.services.signing.seal_certificates": ("awards.seal_decision",),
    "awards.services.ballots.open_ballot": ("awards.record_vote",),
    "awards.services.ballots.cast_ballot": ("awards.cast_ballot",),
    "awards.services.ballots.close_ballot": ("awards.record_vote",),
    "awards.services.ballots.confirm_minutes": ("awards.cast_ballot",),
    "awards.services.council.record_meeting": ("awards.record_vote",),
    "awards.services.council.set_attendance": None,  # its callers ask awards.record_vote (no actor)
    "awards.services.council.record_ballots": None,  # idem
    "awards.services.council.record_vote": None,  # idem
    "awards.services.council.conclude_meeting": None,  # idem
    "awards.services.decisions.draft_decision": ("awards.draft_decision",),
    "awards.services.decisions.draft_proposal": ("awards.draft_decision",),
    "awards.services.decisions.update_line": ("awards.draft_decision",),
    "awards.services.decisions.remove_line": ("awards.draft_decision",),
    "awards.services.decisions.delete_decision": ("awards.draft_decision",),
    "awards.services.register.set_next_number": None,  # the admin's register form (the office's change permission)
    "awards.services.legality.choose_award": ("awards.record_vote",),
    "awards.services.legality.set_bang_khen_route": ("awards.record_vote",),
    "awards.services.legality.record_tie_break": ("awards.record_vote",),
    "awards.services.dossiers.register": ("awards.register",),
    "awards.services.dossiers.cancel_registration": ("awards.register",),
    "awards.services.dossiers.upload_unit_plan": ("awards.edit_dossier",),
    "awards.services.dossiers.upload_dossier_document": ("awards.edit_dossier",),
    "awards.services.dossiers.upload_achievement_report": ("awards.edit_dossier",),
    "awards.services.dossiers.add_nominee": ("awards.edit_dossier",),
    "awards.services.dossiers.remove_nominee": ("awards.edit_dossier",),
    "awards.services.dossiers.submit_dossier": ("awards.submit_dossier",),
    "awards.services.dossiers.return_dossier": ("awards.appraise_dossier",),
    "awards.services.dossiers.accept_dossier": ("awards.appraise_dossier",),
    "awards.services.dossiers.reject_dossier": ("awards.appraise_dossier",),
    "awards.services.dossiers.reopen_dossier": ("awards.appraise_dossier",),
    "awards.services.dossiers.grant_extension": ("awards.appraise_dossier",),
    "awards.services.dossiers.add_comment": ("awards.appraise_dossier",),
    "awards.services.dossiers.resolve_comment": None,  # the page and the admin ask awards.appraise_dossier
    "awards.services.files.store_version": None,  # storage under the verbs that ask their rule
    "awards.services.indicators.save_indicator_record": ("awards.score",),
    "awards.services.indicators.save_index_components": ("awards.score",),
    "awards.services.recompute.recompute_results": None,  # no actor: after imports and the score page
    "awards.services.rulings.rule_on_result": ("awards.score", "awards.rule_on_result"),
    "awards.services.transitions.set_state": None,  # the one transition under every verb
    "awards.services.weights.set_criteria_settings": ("awards.score",),
    **{f"awards.services.cloning.{name}": ("awards.set_up_campaign",) for name in (
        "clone_campaign", "update_campaign", "save_criterion", "delete_criterion", "set_quota", "open_campaign")},
    "awards.services.closing.close_campaign": ("awards.close_campaign",),
}


def _project_views():
    """Every view the URL resolver reaches, but the admin's (its actions are checked below), by dotted name."""
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name != "admin":
                    yield from walk(pattern.url_patterns)
            else:
                yield pattern.callback

    found = {}
    patterns = get_resolver().url_patterns + get_resolver(campaign_urlconf("ma-phong-trao")).url_patterns
    for view in walk(patterns):
        cls = getattr(view, "view_class", None)
        found[f"{cls.__module__}.{cls.__qualname__}" if cls else f"{view.__module__}.{view.__name__}"] = view
    return found


def test_every_view_is_in_the_table_with_the_rules_it_asks():
    views = _project_views()
    assert set(views) == set(VIEWS)
    assert {name: getattr(view, "rules_asked", None) for name, view in views.items()} == VIEWS


def test_every_admin_action_is_in_the_table_with_the_rule_it_asks():
    found = {}
    for model_admin in admin.site._registry.values():
        for action in model_admin.actions or ():
            func = getattr(model_admin, action) if isinstance(action, str) else action
            name = f"{type(model_admin).__module__}.{type(model_admin).__qualname__}.{func.__name__}"
            found[name] = tuple(
                rule for permission in getattr(func, "allowed_permissions", ())
                for rule in getattr(getattr(model_admin, f"has_{permission}_permission"), "rules_asked", (permission,))
            )
    assert found == ADMIN_ACTIONS


def _writes(func):
    """Wrapped in transaction.atomic somewhere down its decorators."""
    while func is not None:
        if any(isinstance(cell.cell_contents, transaction.Atomic) for cell in func.__closure__ or ()):
            return True
        func = getattr(func, "__wrapped__", None)
    return False


def test_every_service_verb_is_in_the_table_with_the_rules_it_asks():
    """A verb: a public function of awards/services/ that takes an actor or writes in a transaction."""
    found = {}
    for info in pkgutil.iter_modules(awards.services.__path__):
        module = importlib.import_module(f"awards.services.{info.name}")
        for name, func in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(func) or func.__module__ != module.__name__:
                continue
            if "actor" in inspect.signature(func).parameters or _writes(func):
                found[f"{module.__name__}.{name}"] = getattr(func, "rules_asked", None)
    assert found == SERVICE_VERBS


def test_every_rule_a_table_names_exists():
    named = {rule for table in (VIEWS, ADMIN_ACTIONS, SERVICE_VERBS) for asked in table.values() for rule in asked or ()}
    assert {rule for rule in named if not rules.perm_exists(rule)} == set()


def test_a_verb_refuses_an_actor_the_table_refuses(w):
    with pytest.raises(PermissionDenied):
        svc.submit_dossier(w.dossier_a, actor=w.head_b)
    with pytest.raises(PermissionDenied):
        svc.accept_dossier(w.dossier_b, actor=w.director)
