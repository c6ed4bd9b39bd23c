"""Public verification of a certificate by its short code (printed under the QR code)."""


from django.shortcuts import redirect, render

from awards.models import (
    DecisionLine,
    DecisionState,
    DocumentType,
)
from awards.rules import public

# ---------------------------------------------------------------------------------------------- verification

def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


@public
def verify_lookup(request):
    """Public: a form for the code printed on a certificate."""
    code = _normalise(request.GET.get("ma", ""))
    if code:
        return redirect("verify:code", code=code)
    return render(request, "decisions/verify.html", {"state": "form"})


@public
def verify_code(request, code):
    """Public: name, award, decision number and date, organisation; nothing else."""
    code = _normalise(code)
    line = (
        DecisionLine.objects.filter(verify_code=code, decision__doc_type=DocumentType.DECISION)
        .select_related("decision__award_kind", "decision__campaign__organisation").first()
    )
    if line is None or line.decision.state not in (DecisionState.APPROVED, DecisionState.REPLACED):
        return render(request, "decisions/verify.html", {"state": "unknown", "code": code}, status=404)
    if line.decision.state == DecisionState.REPLACED:
        return render(request, "decisions/verify.html", {"state": "replaced", "code": code, "line": line}, status=410)
    organisation = line.decision.campaign.organisation
    return render(request, "decisions/verify.html", {
        "state": "valid", "code": code, "line": line, "decision": line.decision,
        "organisation_name": organisation.full_name or organisation.name,
    })
