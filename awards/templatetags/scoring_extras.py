"""Template helpers of the scoring area."""

import html

from django import template
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from awards.rules import may
from campaigns import formatting

register = template.Library()


@register.simple_tag(takes_context=True)
def scoring_access(context):
    """What the scoring menu shows this user: {"office": scores, "overview": sees the ranking}."""

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {}
    return {"office": may(user, "awards.score"), "overview": may(user, "awards.view_ranking")}


@register.simple_tag
def file_url(version):
    """The permission-checked download of a DocumentVersion (files:version), or "" while that view is absent."""
    try:
        return reverse("files:version", args=[version.pk])
    except NoReverseMatch:
        return ""


@register.filter
def vn_number(value):
    if value in (None, ""):
        return "—"
    return formatting.number(value)


def _person(user):

    return formatting.person_name(user)


def _csrf(context, request):
    """One CSRF token for every cell of a page (get_token() masks a fresh token on each call)."""

    if request is None:
        return ""
    token = context.render_context.get("scoring_csrf")
    if token is None:
        token = context.render_context["scoring_csrf"] = get_token(request)
    return token


@register.simple_tag(takes_context=True)
def score_cell(context, cell):
    """One cell of the scoring grid (and of the nominee page); the markup is the one htmx swaps back in."""
    return mark_safe(render_cell(cell, _csrf(context, context.get("request"))))


@register.simple_tag(takes_context=True)
def grid_rows(context, rows):
    """The rows of the scoring grid, rendered in Python with the standard library's escape: a page of 50
    nominees has 600 cells, and a template (or format_html) per cell costs more than the rest of the page."""
    csrf = _csrf(context, context.get("request"))
    prefix = reverse("scoring:nominee", args=[0])[: -len("0/")]
    esc = html.escape
    out = []
    for row in rows:
        n = row["nominee"]
        who = f'<a href="{prefix}{n.pk}/">{esc(n.name)}</a>'
        if n.staff_id:
            who += f'<br><span class="muted">{esc(n.unit.name)}</span>'
        if row["conflict"]:
            who += '<br><span class="conflict">Xung đột lợi ích: bạn thuộc đơn vị này</span>'
        cells = "".join(render_cell(c, csrf) if c else '<td class="muted">Chưa tính</td>' for c in row["cells"])
        out.append(f'<tr><td class="who">{who}</td>{cells}</tr>')
    return mark_safe("".join(out))


def render_cell(cell, csrf):
    """The HTML of one cell (a str, escaped here)."""
    esc = html.escape
    r = cell["r"]
    human = cell["human"]
    classes = f"score-cell outcome-{r.outcome}" + (" decided" if r.override else "")
    computed_label = "Chờ xác nhận" if human and r.computed == "no_data" else r.get_computed_display()
    reason = "" if human else f'<span class="reason">{esc(r.computed_reason)}</span>'
    if human and r.override:
        # A cell the office confirmed shows what it is now, not the "waiting" badge of before.
        parts = [f'<div class="computed"><span class="badge {esc(r.override)}">Đã xác nhận</span></div>']
    else:
        parts = [f'<div class="computed"><span class="badge {esc(r.computed)}">{esc(computed_label)}</span>{reason}</div>']
    if r.override:
        who = ""
        if r.override_by_id:
            who = f" – {_person(r.override_by)}, {formatting.date(r.override_at)}"
        parts.append(
            f'<div class="ruling"><span class="who">{"Văn phòng xác nhận" if human else "Văn phòng quyết định"}:</span> '
            f'<span class="badge {esc(r.override)}">{esc(r.get_override_display())}</span> '
            f'<span class="reason">«{esc(r.override_reason)}»{esc(who)}</span></div>'
        )
    if cell["editable"]:
        label = esc(f"{r.nominee.name} – {r.criterion.order}. {r.criterion.short_name}")
        url = esc(cell.get("url") or reverse("scoring:cell", args=[r.pk]))
        chosen = cell["outcome_value"]
        options = "".join(
            f'<option value="{esc(value)}"{" selected" if value == chosen else ""}>{esc(str(text))}</option>'
            for value, text in cell["choices"]
        )
        focus = cell.get("focus")
        verb, hint = ("Xác nhận", "Nhận xét") if human else ("Quyết định", "Lý do")
        parts.append(
            f'<form method="post" action="{url}" hx-post="{url}" hx-target="closest td" hx-swap="outerHTML" class="cell-form">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(csrf)}">'
            f'<input type="hidden" name="version" value="{r.version}"><input type="hidden" name="next" value="{esc(cell.get("next_url", ""))}">'
            f'<select name="outcome" aria-label="{verb}: {label}"{" autofocus" if focus == "select" else ""}>{options}</select>'
            f'<input type="text" name="reason" value="{esc(cell["reason_value"])}" placeholder="{hint}" aria-label="{hint}: {label}"'
            f'{" autofocus" if focus == "reason" else ""}><button type="submit">Lưu</button></form>'
        )
    elif cell["conflict"]:
        parts.append('<p class="conflict" title="Bạn thuộc đơn vị của đối tượng này">Xung đột lợi ích: không được đánh giá</p>')
    if cell.get("error"):
        parts.append(f'<p class="error" role="alert">{esc(cell["error"])}</p>')
    return f'<td id="cell-{r.pk}" class="{classes}">{"".join(parts)}</td>'


@register.simple_tag
def ranking_rows(rows, *, last_within, quota, target, is_bang_khen):
    """The rows of the ranking, rendered in Python with the standard library's escape (a page holds 300 rows; a
    template, or format_html, per row costs more than ranking 2,700 nominees). `rows` are
    awards.services.ranking.RankedNominee with RankRow nominees."""
    if not rows:
        return mark_safe('<tr><td colspan="6">Chưa có đối tượng nào của hồ sơ đã tiếp nhận.</td></tr>')
    prefix = reverse("scoring:nominee", args=[0])[: -len("0/")]
    who = "tập thể" if target == "collective" else "cá nhân"
    esc = html.escape
    out = []
    for i, r in enumerate(rows):
        n = r.nominee
        extra = f' <span class="muted">({esc(n.get_gender_display())})</span>' if n.staff_id else ""
        if r.women_percent is not None:
            extra += f'<br><span class="muted">{esc(formatting.number(r.women_percent))}% nữ</span>'
        if r.eligible:
            cond = '<span class="badge met">Đủ điều kiện</span>' + (' <span class="badge ok">Trong chỉ tiêu</span>' if r.within_quota else "")
            if is_bang_khen:
                cond += f'<br><span class="muted">{esc(r.bang_khen_reason)}</span>'
        else:
            items = "".join(f"<li>{esc(m)}</li>" for m in r.missing)
            cond = f'<span class="badge not_met">Chưa đủ điều kiện</span><ul class="missing">{items}</ul>'
        out.append(
            f'<tr class="{"within" if r.within_quota else ""}"><td class="num">{r.rank or "—"}</td>'
            f'<td><a href="{prefix}{n.pk}/">{esc(n.name)}</a>{extra}</td><td>{esc(n.unit_name)}</td>'
            f'<td class="num">{esc(vn_number(r.score))}</td><td>{cond}</td><td class="tie">{esc(r.tie_note)}</td></tr>'
        )
        if i == last_within and quota is not None:
            out.append(f'<tr class="quota-line"><td colspan="6">Ranh giới chỉ tiêu: {quota:02d} {who} – các đối tượng phía '
                       'trên được đề nghị khen thưởng</td></tr>')
    return mark_safe("".join(out))
