"""The permission table of the awards app: one rule per model and verb, built from the predicates about people in
campaigns/rules.py and the per-object predicates below. Every page, admin page, template, service and export asks
these rules, and nothing else decides who may do what:

    from awards.rules import may, require
    may(user, "awards.submit_dossier", dossier)       # True / False
    require(user, "awards.rule_on_result", result)    # raises PermissionDenied (services)
    {% load permissions %}{% may "awards.score" as can_score %}   # templates

`may` asks this table itself (rules.has_perm), not `user.has_perm`: Django's shortcut lets an active superuser
do anything, which would let a superuser rule on a nominee of their own unit; the table says what a superuser may
do. (`user.has_perm` still reaches the same rules through rules.permissions.ObjectPermissionBackend.)

Who sees which rows stays the selectors' work (awards/selectors.py): the "view" rules below and the selectors are
built from one description per model (`VISIBILITY`), so a row is in a user's queryset exactly when the rule lets
the user see it. Outsiders get 404 from the pages, never 403."""

import rules

from campaigns.rules import (  # noqa: F401  (may, require and the decorators are asked through this module too)
    asks,
    checks_rule,
    does_office_work,
    has_staff_record,
    heads_its_unit,
    is_authenticated,
    is_council_member,
    is_director,
    is_superuser,
    is_unit_head,
    may,
    public,
    require,
    require_or_404,
    rule_permission,
    rule_required,
    sees_council,
    sees_everything,
    user_staff_id,
    user_unit_id,
)

# Dossiers the council considers: appraised and accepted by the office.
COUNCIL_STATES = ["accepted"]


def _path(obj, dotted):
    """Follow `a.b.c` from obj; None as soon as a step is missing."""
    for name in dotted.split("."):
        if obj is None:
            return None
        obj = getattr(obj, name, None)
    return obj


# ------------------------------------------------------------------------------------- who sees which rows

# Per model, how its rows relate to a person: `unit` (the unit a unit head must head), `council` (the dossier state
# the council considers), `own` (the staff row that is the user's own), `always` (a condition on every row for
# everybody but the office and the director). Attribute paths; the selectors use the same paths as field lookups.
VISIBILITY = {
    "dossier": {"unit": "unit_id", "council": "state"},
    "nominee": {"unit": "dossier.unit_id", "council": "dossier.state", "own": "staff_id"},
    "document": {"unit": "unit_id", "council": "dossier.state"},
    "registration": {"unit": "unit_id", "own": "staff_id"},
    "dossiercomment": {"unit": "dossier.unit_id"},
    "deadlineextension": {"unit": "unit_id"},
    "decisionline": {"unit": "nominee.dossier.unit_id", "own": "nominee.staff_id",
                     "always": ("decision.state", "approved")},
}


def lookup(path):
    """The ORM lookup of an attribute path: "dossier.unit_id" -> "dossier__unit_id"."""
    return path.replace(".", "__")


def visible_predicate(model_name):
    spec = VISIBILITY[model_name]

    @rules.predicate(name=f"sees_this_{model_name}")
    def sees_row(user, obj):
        if obj is None:  # "some row of this kind": a unit head, a council member, a person with own rows
            return bool(("unit" in spec and is_unit_head(user)) or ("council" in spec and is_council_member(user))
                        or ("own" in spec and user_staff_id(user)))
        if "always" in spec:
            path, value = spec["always"]
            if _path(obj, path) != value:
                return False
        if "unit" in spec and is_unit_head(user) and _path(obj, spec["unit"]) == user_unit_id(user):
            return True
        if "council" in spec and is_council_member(user) and _path(obj, spec["council"]) in COUNCIL_STATES:
            return True
        staff_id = user_staff_id(user) if "own" in spec else None
        return bool(staff_id and _path(obj, spec["own"]) == staff_id)

    return sees_everything | sees_row


sees_dossier = visible_predicate("dossier")
sees_nominee = visible_predicate("nominee")
sees_document = visible_predicate("document")
sees_registration = visible_predicate("registration")
sees_comment = visible_predicate("dossiercomment")
sees_extension = visible_predicate("deadlineextension")
sees_decision_line = visible_predicate("decisionline")


@rules.predicate
def sees_result(user, result):
    return sees_nominee(user, result.nominee if result is not None else None)


@rules.predicate
def sees_document_version(user, version):
    return sees_document(user, version.document if version is not None else None)


# ------------------------------------------------------------------------------------------ per-object facts


@rules.predicate
def conflict_of_interest(user, obj):
    """The user belongs to the unit of the nominee (or of a result's nominee): they may not rule on it."""
    nominee = getattr(obj, "nominee", obj)
    if nominee is None:
        return False
    unit_id = user_unit_id(user)
    return unit_id is not None and unit_id == nominee.unit_id


@rules.predicate
def present_at_meeting(user, meeting):
    """A council member recorded present at this meeting (in general: anyone with a staff record)."""
    staff_id = user_staff_id(user)
    if meeting is None:
        return bool(staff_id)
    return bool(staff_id) and meeting.attendance.filter(member_id=staff_id, present=True).exists()


# ------------------------------------------------------------------------------------------ the table

# Unit portal: the pages are a unit head's, for their own unit. The services behind them (registration, plan,
# nominees, files, submission) also let the office act for a unit (the demo enters units without an account).
rules.add_perm("awards.use_portal", is_unit_head)
rules.add_perm("awards.register", heads_its_unit | does_office_work)  # obj: the unit, or a registration
rules.add_perm("awards.edit_dossier", heads_its_unit | does_office_work)  # obj: the unit (its plan), dossier, nominee
rules.add_perm("awards.submit_dossier", heads_its_unit | does_office_work)

# Dossiers, nominees, documents and their files: who sees them (the selectors give the same rows).
rules.add_perm("awards.view_dossier", sees_dossier)
rules.add_perm("awards.view_nominee", sees_nominee)
rules.add_perm("awards.view_result", sees_result)
rules.add_perm("awards.view_registration", sees_registration)
rules.add_perm("awards.view_dossiercomment", sees_comment)
rules.add_perm("awards.view_deadlineextension", sees_extension)
rules.add_perm("awards.view_document", sees_document)
rules.add_perm("awards.download_document", sees_document_version)

# The office appraises: every unit's dossiers, return / accept / reject / reopen / extend / comment.
rules.add_perm("awards.oversee_campaign", sees_everything)  # the office's overviews (dashboard, every dossier)
rules.add_perm("awards.appraise_dossier", does_office_work)
rules.add_perm("awards.close_campaign", does_office_work)  # end the campaign (awards/services/closing.py)

# Campaigns across years: the office makes next year's campaign and edits it while a draft; the director reads.
rules.add_perm("awards.set_up_campaign", does_office_work)


@rules.predicate
def sees_award_history(user, obj):
    """The award history of a person (obj: a Staff row) or a unit (obj: a Unit): the office and the director
    everyone's; a person their own; a unit head their unit's and its people's (without an object: anyone signed
    in, whose own page it may be)."""
    if obj is None:
        return bool(is_authenticated(user))
    if sees_everything(user):
        return True
    unit_head_of = user_unit_id(user) if is_unit_head(user) else None
    if getattr(getattr(obj, "_meta", None), "model_name", "") == "unit":
        return unit_head_of is not None and obj.pk == unit_head_of
    return obj.pk == user_staff_id(user) or (unit_head_of is not None and obj.unit_id == unit_head_of)


rules.add_perm("awards.view_award_history", sees_award_history)

# Scoring: the office scores; the office's call on one result ("ruling") never on a nominee of its own unit.
rules.add_perm("awards.score", does_office_work)
rules.add_perm("awards.rule_on_result", does_office_work & ~conflict_of_interest)
rules.add_perm("awards.view_ranking", sees_council)

# The council: members see what it considers; the office records meetings, attendance, ballots and votes.
rules.add_perm("awards.view_council", sees_council)
rules.add_perm("awards.view_councilmeeting", sees_council)
rules.add_perm("awards.view_vote", sees_council)
rules.add_perm("awards.list_meetings", sees_everything)
rules.add_perm("awards.record_vote", does_office_work)
rules.add_perm("awards.cast_ballot", present_at_meeting)  # a member's own ballot and minutes confirmation

# Award decisions: the office drafts and corrects; the Director (or a superuser) approves or rejects.
rules.add_perm("awards.view_decision", sees_everything)
rules.add_perm("awards.draft_decision", does_office_work)
rules.add_perm("awards.approve_decision", is_director | is_superuser)
# Digital signing of an approved decision (awards/services/signing.py): the Director signs, the văn thư (the office)
# adds the organisation's signature; both may have the document to sign rendered and download it.
rules.add_perm("awards.prepare_signing", does_office_work | is_director | is_superuser)
rules.add_perm("awards.sign_decision", is_director | is_superuser)
rules.add_perm("awards.seal_decision", does_office_work)

# Excel reports (obj: the report's name): who has rows to see in each, as the pages' selectors give them.
REPORT_READERS = {
    "budget": sees_everything,  # decisions_for: the office and the director only
    "awards": sees_everything | is_unit_head,  # decision_lines_for: a unit head's own unit's lines
    "ranking": sees_council,  # as the ranking page
    "history": sees_everything | is_unit_head,  # the award history: everyone's, or a unit head's unit and people
}


@rules.predicate
def reads_report(user, what):
    return bool(REPORT_READERS.get(what, sees_everything | is_unit_head | is_council_member)(user))


rules.add_perm("awards.export_report", reads_report)

# Certificates (Giấy khen): all for the office, a unit head their unit's, staff their own.
rules.add_perm("awards.list_certificates", is_authenticated)  # everybody's list; the selector gives the rows
rules.add_perm("awards.view_certificates", sees_everything | is_unit_head | has_staff_record)
rules.add_perm("awards.view_decisionline", sees_decision_line)
