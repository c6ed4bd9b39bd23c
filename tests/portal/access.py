"""Who may open each portal URL. Unit heads reach their own unit only (another unit's dossier, nominee or file is
404); the office's pages are the office's (the director may read them, 403 on actions); everyone else gets 404."""

from awards.models import DossierComment, Registration
from tests.access import Case

ANON = {"anonymous": "login"}
NOBODY_ELSE = {"clerk": 404, "head_b": 404, "director": 404, "council": 404, "staff": 404}
# A unit-head page without an object: both unit heads see their own.
UNIT_PAGE = {**ANON, **NOBODY_ELSE, "head_a": 200, "head_b": 200}
# An action on unit_a's object: head_a is sent back to the page (302), everyone else gets 404.
UNIT_A_ACTION = {**ANON, **NOBODY_ELSE, "head_a": 302}
OFFICE_PAGE = {**ANON, "clerk": 200, "director": 200, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
OFFICE_ACTION = {**ANON, "clerk": 302, "director": 403, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}


def _registration_a(w):
    return {"pk": Registration.objects.create(campaign=w.campaign, unit=w.unit_a, target="collective",
                                              award_kind=w.award_kind, registered_by=w.head_a).pk}


def _comment_a(w):
    return {"pk": DossierComment.objects.create(dossier=w.dossier_a, author=w.clerk, text="Bổ sung số liệu").pk}


def _dossier_a(w):
    return {"pk": w.dossier_a.pk}


CASES = [
    Case("portal:home", expect={**ANON, "clerk": 302, "director": 302, "head_a": 200, "head_b": 200, "council": 404, "staff": 404}),
    Case("portal:registration", expect=UNIT_PAGE),
    Case("portal:registration_cancel", kwargs=_registration_a, method="post", expect=UNIT_A_ACTION),
    Case("portal:plan", expect=UNIT_PAGE),
    Case("portal:dossier_current", expect={**UNIT_PAGE, "head_a": 302, "head_b": 302}),
    Case("portal:dossier", kwargs=_dossier_a, expect={**ANON, **NOBODY_ELSE, "head_a": 200}),
    Case("portal:dossier_submit", kwargs=_dossier_a, method="post", expect=UNIT_A_ACTION),
    Case("portal:nominee_add", kwargs=lambda w: {"pk": w.dossier_a.pk, "target": "ca-nhan"}, method="post", expect=UNIT_A_ACTION),
    Case("portal:dossier_upload", kwargs=lambda w: {"pk": w.dossier_a.pk, "kind": "proposal_letter"}, method="post",
         expect=UNIT_A_ACTION),
    Case("portal:nominee_remove", kwargs=lambda w: {"pk": w.nominee_a.pk}, method="post", expect=UNIT_A_ACTION),
    Case("portal:report_upload", kwargs=lambda w: {"pk": w.nominee_a.pk}, method="post", expect=UNIT_A_ACTION),
    # Documents follow documents_for(): the council reads the files of accepted dossiers.
    Case("portal:document", kwargs=lambda w: {"pk": w.document_a.pk},
         expect={**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 200, "staff": 404}),
    Case("portal:document", kwargs=lambda w: {"pk": w.plan_a.pk},
         expect={**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 404, "staff": 404}),
    Case("portal:office_dossiers", expect=OFFICE_PAGE),
    Case("portal:office_dossier", kwargs=_dossier_a, expect=OFFICE_PAGE),
    Case("portal:office_return", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_accept", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_reject", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_reopen", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_extend", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_comment", kwargs=_dossier_a, method="post", expect=OFFICE_ACTION),
    Case("portal:office_comment_resolve", kwargs=_comment_a, method="post", expect=OFFICE_ACTION),
]
