"""The dashboard's closing panel: the signed decisions of the campaign, who was awarded, and the money by fund
and award, each linking to its document."""

from collections import defaultdict

from django import template
from django.db.models import Count, Sum

from awards.models import DecisionLine, DecisionState, DocumentType
from campaigns import formatting as formats

register = template.Library()


@register.simple_tag
def closing_panel(campaign):
    signed = (
        campaign.decisions.filter(state=DecisionState.APPROVED).select_related("award_kind")
        .annotate(n_lines=Count("lines")).order_by("signed_on", "doc_type", "number")
    )
    lines = list(
        DecisionLine.objects.filter(decision__campaign=campaign, decision__state=DecisionState.APPROVED,
                                    decision__doc_type=DocumentType.DECISION)
        .select_related("decision__award_kind").order_by("decision__signed_on", "decision_id", "order")
    )
    funds = defaultdict(lambda: {"rows": [], "total": 0})
    rows = (
        DecisionLine.objects.filter(decision__campaign=campaign, decision__state=DecisionState.APPROVED,
                                    decision__doc_type=DocumentType.DECISION)
        .values("decision__award_kind__fund", "decision__award_kind__name", "target")
        .annotate(n=Count("id"), total=Sum("amount")).order_by("decision__award_kind__fund", "decision__award_kind__name", "target")
    )
    for row in rows:
        fund = funds[row["decision__award_kind__fund"]]
        fund["rows"].append({
            "award": row["decision__award_kind__name"], "target": "Tập thể" if row["target"] == "collective" else "Cá nhân",
            "n": row["n"], "total": formats.money(row["total"] or 0),
        })
        fund["total"] += row["total"] or 0
    return {
        "decisions": [{"decision": d, "total": formats.money(d.total_amount) if d.total_amount is not None else ""} for d in signed],
        "lines": [{"line": line, "amount": formats.money(line.amount) if line.amount is not None else ""} for line in lines],
        "funds": [{"fund": name, "rows": f["rows"], "total": formats.money(f["total"])} for name, f in funds.items()],
        "grand_total": formats.money(sum(f["total"] for f in funds.values())) if funds else "",
    }
