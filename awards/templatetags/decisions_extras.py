"""Template helpers of the decisions area."""

import html

from django import template
from django.utils.safestring import mark_safe

from awards.rules import may
from campaigns import formatting

register = template.Library()


@register.simple_tag(takes_context=True)
def decisions_access(context):
    """What the decisions menu shows this user (each entry asks the rule of the pages it links to)."""

    user = context["request"].user if "request" in context else context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {
        "council": may(user, "awards.view_council"), "overview": may(user, "awards.view_decision"),
        "office": may(user, "awards.draft_decision"), "certificates": may(user, "awards.view_certificates"),
    }


@register.filter
def money(value):
    """1080000 → "1.080.000"."""
    return formatting.money(value)


@register.filter
def count(value):
    """1000 → "1.000"."""
    return formatting.number(value)


@register.filter
def pct(value):
    return formatting.number(value) if value is not None else ""


@register.simple_tag
def vote_table_rows(rows, *, office, electronic):
    """The rows of the meeting's vote table (a page of 50 nominees, a heading row at each award line), rendered in
    Python with the standard library's escape: a template per row cost more than the rest of the page. `rows` are
    {"nominee": awards.selectors.council.VoteRow, "outcome"} as awards.views.council.meeting builds them (one outcome
    object for every row with the same count). The office types counts (inputs) unless the meeting votes
    electronically."""
    editable = office and not electronic
    if not rows:
        return mark_safe('<tr><td colspan="6" class="muted">Không có đối tượng nào khớp bộ lọc.</td></tr>')
    esc = html.escape
    out, line, results = [], None, {}
    for row in rows:
        n, outcome = row["nominee"], row["outcome"]
        if (n.award_kind_id, n.target) != line:  # a heading row; the line's names escaped once for its rows
            line = (n.award_kind_id, n.target)
            award, target = esc(n.award_name), esc(n.target_label)
            out.append(f'<tr class="group"><th colspan="6" scope="rowgroup">{award} – {target}</th></tr>')
        name = esc(n.name)
        for_, against, abstain = ("", "", "") if n.votes_for is None else (n.votes_for, n.votes_against, n.votes_abstain)
        if editable:
            cells = (
                f'<td class="num"><input type="number" min="0" name="n{n.pk}_for" value="{for_}" aria-label="Đồng ý: {name}"></td>'
                f'<td class="num"><input type="number" min="0" name="n{n.pk}_against" value="{against}" aria-label="Không đồng ý: {name}"></td>'
                f'<td class="num"><input type="number" min="0" name="n{n.pk}_abstain" value="{abstain}" aria-label="Không biểu quyết: {name}"></td>'
            )
        else:
            cells = f'<td class="num">{for_}</td><td class="num">{against}</td><td class="num">{abstain}</td>'
        if outcome is None:
            result = '<span class="muted">chưa biểu quyết</span>'
        elif (result := results.get(outcome)) is None:
            badge = '<span class="badge ok">Đạt</span>' if outcome.passed else '<span class="badge bad">Không đạt</span>'
            result = results[outcome] = f"{esc(pct(outcome.percent))}% {badge}"
        out.append(
            f'<tr><td>{name}<div class="muted">{target} · {esc(n.unit_name)}</div></td><td>{award}</td>{cells}<td>{result}</td></tr>'
        )
    return mark_safe("".join(out))


@register.simple_tag
def tie_choices(tied, chosen):
    """The checkboxes of one tie at the quota line (the bench's province ties hundreds on one score), in Python as
    `vote_table_rows`. `tied` are RankedNominee rows with RankRow nominees; `chosen` the pks the council chose."""
    esc = html.escape
    return mark_safe("".join(
        f'<label><input type="checkbox" name="chosen" value="{r.nominee.pk}"{" checked" if r.nominee.pk in chosen else ""}> '
        f'{esc(r.nominee.name)} <span class="muted">({esc(r.nominee.unit_name)})</span></label>'
        for r in tied
    ))
