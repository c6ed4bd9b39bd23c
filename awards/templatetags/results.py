"""The dashboard's closing panel: the signed decisions of the campaign, who was awarded (in pages of
AWARDEES_PER_PAGE, so that a batch of a thousand certificates does not make the dashboard render a thousand rows),
and the money by fund and award, each linking to its document."""

from collections import defaultdict

from django import template
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.urls import reverse

from awards.models import DecisionLine, DecisionState, DocumentType
from campaigns import formatting as formats

register = template.Library()

AWARDEES_PER_PAGE = 50


def _url_maker(name):
    """A function pk -> the URL `name` reverses to with that pk: one reverse() for a whole page of links."""
    sentinel = "2147483647"
    prefix, suffix = reverse(name, args=[int(sentinel)]).rsplit(sentinel, 1)
    return lambda pk: f"{prefix}{pk}{suffix}"


@register.simple_tag
def closing_panel(campaign, page=None):
    """`page`: which page of the awardees (the dashboard's `trang`; anything else reads as the first)."""
    signed = list(
        campaign.decisions.filter(state=DecisionState.APPROVED).select_related("award_kind")
        .annotate(n_lines=Count("lines")).order_by("signed_on", "doc_type", "number")
    )
    decisions = {d.pk: d for d in signed if d.doc_type == DocumentType.DECISION}
    signed_lines = DecisionLine.objects.filter(decision__campaign=campaign, decision__state=DecisionState.APPROVED,
                                              decision__doc_type=DocumentType.DECISION)
    paginator = Paginator(signed_lines.order_by("decision__signed_on", "decision_id", "order"), AWARDEES_PER_PAGE)
    paginator.count = sum(d.n_lines for d in decisions.values())  # known already: no COUNT query
    awardees = paginator.get_page(page)
    # The page's rows read as values, in one query whether there are awardees or not.
    start = (awardees.number - 1) * AWARDEES_PER_PAGE
    lines = list(paginator.object_list.values("pk", "decision_id", "order", "recipient_name", "unit_name", "amount")
                 [start:start + AWARDEES_PER_PAGE])
    certificate_url = _url_maker("decisions:certificate_pdf")
    decision_urls = {pk: reverse("decisions:detail", args=[pk]) for pk in decisions}
    funds = defaultdict(lambda: {"rows": [], "total": 0})
    rows = (
        signed_lines.values("decision__award_kind__fund", "decision__award_kind__name", "target")
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
        "awardees": awardees,
        "lines": [
            {"line": line, "decision": decisions[line["decision_id"]], "decision_url": decision_urls[line["decision_id"]],
             "certificate_url": certificate_url(line["pk"]),
             "amount": formats.money(line["amount"]) if line["amount"] is not None else ""}
            for line in lines if line["decision_id"] in decisions  # (one signed since the decisions were read: next time)
        ],
        "funds": [{"fund": name, "rows": f["rows"], "total": formats.money(f["total"])} for name, f in funds.items()],
        "grand_total": formats.money(sum(f["total"] for f in funds.values())) if funds else "",
    }
