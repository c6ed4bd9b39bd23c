"""Template helpers of the scoring area."""

import html

from django import template
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
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
    """One cell of the scoring grid (and of the nominee page), rendered in Python: a grid of 300 nominees has
    3,600 cells, and a template include per cell costs seconds. The markup is the one htmx swaps back in."""

    request = context.get("request")
    r = cell["r"]
    human = cell["human"]
    classes = f"score-cell outcome-{r.outcome}" + (" decided" if r.override else "")
    computed_label = "Chờ xác nhận" if human and r.computed == "no_data" else r.get_computed_display()
    parts = [format_html(
        '<div class="computed"><span class="badge {}">{}</span>{}</div>',
        r.computed, computed_label,
        mark_safe("") if human else format_html('<span class="reason">{}</span>', r.computed_reason),
    )]
    if r.override:

        who = ""
        if r.override_by_id:
            at = formatting.date(r.override_at)
            who = f" – {_person(r.override_by)}, {at}"
        parts.append(format_html(
            '<div class="ruling"><span class="who">{}:</span> <span class="badge {}">{}</span> '
            '<span class="reason">«{}»{}</span></div>',
            "Văn phòng xác nhận" if human else "Văn phòng quyết định", r.override, r.get_override_display(),
            r.override_reason, who,
        ))
    label = f"{r.nominee.name} – {r.criterion.order}. {r.criterion.short_name}"
    if cell["editable"]:
        url = cell.get("url") or reverse("scoring:cell", args=[r.pk])
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (value, mark_safe(" selected") if value == cell["outcome_value"] else "", text) for value, text in cell["choices"]
        ))
        focus = cell.get("focus")
        parts.append(format_html(
            '<form method="post" action="{url}" hx-post="{url}" hx-target="closest td" hx-swap="outerHTML" class="cell-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
            '<input type="hidden" name="version" value="{version}"><input type="hidden" name="next" value="{next}">'
            '<select name="outcome" aria-label="{verb}: {label}"{sfocus}>{options}</select>'
            '<input type="text" name="reason" value="{reason}" placeholder="{hint}" aria-label="{hint}: {label}"{rfocus}>'
            '<button type="submit">Lưu</button></form>',
            url=url, csrf=_csrf(context, request), version=r.version,
            next=cell.get("next_url", ""), verb="Xác nhận" if human else "Quyết định", label=label,
            sfocus=mark_safe(" autofocus") if focus == "select" else "", options=options,
            reason=cell["reason_value"], hint="Nhận xét" if human else "Lý do",
            rfocus=mark_safe(" autofocus") if focus == "reason" else "",
        ))
    elif cell["conflict"]:
        parts.append(mark_safe('<p class="conflict" title="Bạn thuộc đơn vị của đối tượng này">Xung đột lợi ích: không được đánh giá</p>'))
    if cell.get("error"):
        parts.append(format_html('<p class="error" role="alert">{}</p>', cell["error"]))
    return format_html('<td id="cell-{}" class="{}">{}</td>', r.pk, classes, mark_safe("".join(parts)))


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
