"""The dashboard's closing panel: the signed decisions of the campaign, who was awarded (in pages of
AWARDEES_PER_PAGE, so that a batch of a thousand certificates does not make the dashboard render a thousand rows),
and the money by fund and award, each linking to its document."""

from collections import defaultdict

from django import template
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from awards.models import DecisionLine, DecisionState, DocumentType
from campaigns import formatting as formats
from campaigns.models import Target

register = template.Library()

AWARDEES_PER_PAGE = 50
# What the panel shows of a document (its name, date, award, amount): the rest is not read.
SIGNED_FIELDS = ["campaign_id", "state", "doc_type", "award_kind__short_name", "award_kind__name", "award_kind__fund",
                 "number", "number_text", "signed_on", "total_amount"]


def _url_maker(name):
    """A function pk -> the URL `name` reverses to with that pk: one reverse() for a whole page of links."""
    sentinel = "2147483647"
    prefix, suffix = reverse(name, args=[int(sentinel)]).rsplit(sentinel, 1)
    return lambda pk: f"{prefix}{pk}{suffix}"


def _awardee_rows(lines, decisions, decision_urls, certificate_url):
    """The <tr>s of a page of awardees, written here (50 rows of 8 values each cost a template loop more than the
    rest of the panel): the golden-book number, who, their unit, the award, the amount, the certificate and the
    decision."""
    rows = []
    for line in lines:
        decision = decisions[line["decision_id"]]
        amount = formats.money(line["amount"]) if line["amount"] is not None else ""
        rows.append(
            f'<tr><td class="num">{line["order"]}</td><td>{escape(line["recipient_name"])}</td>'
            f'<td>{escape(line["unit_name"])}</td><td>{escape(decision.award_kind.short_name)}</td>'
            f'<td class="num">{escape(amount)}</td>\n'
            f'      <td><a href="{escape(certificate_url(line["pk"]))}" target="_blank" rel="noopener">Giấy khen</a> · '
            f'<a href="{escape(decision_urls[decision.pk])}">{escape(decision.number_text)}</a></td></tr>'
        )
    return mark_safe("".join(rows))


def closing_decisions(campaign, *, states=(DecisionState.APPROVED,)):
    """The campaign's documents in `states`, each with its lines counted and summed per target (the money by fund
    and award comes from these rows too, not from a query of its own), oldest signed first. The dashboard reads the
    drafts in the same query, for the closing refusals."""
    per_target = {}
    for target in Target.values:
        of_target = Q(lines__target=target)
        per_target[f"n_{target}"] = Count("lines", filter=of_target)
        per_target[f"sum_{target}"] = Sum("lines__amount", filter=of_target)
    return list(
        campaign.decisions.filter(state__in=states).select_related("award_kind").only(*SIGNED_FIELDS)
        .annotate(n_lines=Count("lines"), **per_target).order_by("signed_on", "doc_type", "number")
    )


@register.simple_tag
def closing_panel(campaign, page=None, decisions=None):
    """`page`: which page of the awardees (the dashboard's `trang`; anything else reads as the first).
    `decisions`: closing_decisions, when the view has read them already (the signed ones are shown)."""
    if decisions is None:
        decisions = closing_decisions(campaign)
    signed = [d for d in decisions if d.state == DecisionState.APPROVED]
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
    by_award = defaultdict(lambda: {"n": 0, "total": 0})
    for d in decisions.values():
        for target in Target.values:
            if getattr(d, f"n_{target}"):
                row = by_award[(d.award_kind.fund, d.award_kind.name, target)]
                row["n"] += getattr(d, f"n_{target}")
                row["total"] += getattr(d, f"sum_{target}") or 0
    funds = defaultdict(lambda: {"rows": [], "total": 0})
    for (fund_name, award, target), row in sorted(by_award.items()):
        fund = funds[fund_name]
        fund["rows"].append({
            "award": award, "target": "Tập thể" if target == Target.COLLECTIVE else "Cá nhân",
            "n": row["n"], "total": formats.money(row["total"]),
        })
        fund["total"] += row["total"]
    return {
        "decisions": [{"decision": d, "total": formats.money(d.total_amount) if d.total_amount is not None else ""} for d in signed],
        "awardees": awardees,
        "awardee_rows": _awardee_rows(
            [line for line in lines if line["decision_id"] in decisions],  # (one signed since the decisions were read: next time)
            decisions, decision_urls, certificate_url,
        ),
        "funds": [{"fund": name, "rows": f["rows"], "total": formats.money(f["total"])} for name, f in funds.items()],
        "grand_total": formats.money(sum(f["total"] for f in funds.values())) if funds else "",
    }
