"""Who may open what of digital signing (w.decision is approved, not signed; no certificate is configured)."""

from tests.access import Case
from tests.decisions.access import ANON, DIRECTOR_VERB, OFFICE_DIRECTOR, OFFICE_VERB, PUBLIC


def _decision(w):
    return {"pk": w.decision.pk}


NOBODY_YET = {**ANON, **{actor: 404 for actor in ("clerk", "director", "head_a", "head_b", "council", "staff")}}

CASES = [
    Case("decisions:unsigned_pdf", kwargs=_decision, expect=OFFICE_DIRECTOR),
    # Without a configured certificate the Director is told so (302 back to the page); the office may not sign.
    Case("decisions:sign_director", kwargs=_decision, method="post", expect=DIRECTOR_VERB),
    Case("decisions:upload_signed", kwargs=_decision, method="post", expect=DIRECTOR_VERB),
    # The văn thư (office) seals; the Director may not.
    Case("decisions:seal", kwargs=_decision, method="post", expect=OFFICE_VERB),
    # Nothing issued yet: the signed file does not exist for anybody.
    Case("decisions:signed_pdf", kwargs=_decision, expect=NOBODY_YET),
    Case("decisions:sign_certificates", kwargs=_decision, method="post", expect=DIRECTOR_VERB),
    Case("decisions:seal_certificates", kwargs=_decision, method="post", expect=OFFICE_VERB),
    Case("decisions:signed_certificate_pdf", kwargs=lambda w: {"line_pk": w.line_a.pk}, expect=NOBODY_YET),
    Case("verify:file", expect=PUBLIC),
    Case("verify:file", method="post", expect=PUBLIC),
]
