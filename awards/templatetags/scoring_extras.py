"""Template helpers of the scoring area."""

import html
from functools import lru_cache

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from awards.forms.scoring import ATTEST_CHOICES, OUTCOME_CHOICES
from awards.models import Outcome
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


OUTCOME_LABELS = dict(Outcome.choices)
# Per kind of criterion: the choices, and the hidden labels the select and the note are named by, with the row's
# nominee and the column's criterion (aria-labelledby="l-decide n-12 c-3"): no label text repeated in every cell.
CELL_KINDS = {
    False: (OUTCOME_CHOICES, "l-decide", "l-reason", "Lý do", "Văn phòng quyết định"),
    True: (ATTEST_CHOICES, "l-attest", "l-note", "Nhận xét", "Văn phòng xác nhận"),
}


@lru_cache(maxsize=64)
def _options(human, chosen):
    """A cell's select holds only its chosen option (a grid page has 600 selects); static/js/scoring.js puts the
    others in from the page's lists (`cell_option_lists`) once the page or the cell is loaded. Editing a cell
    needs the script anyway (it saves the cell)."""
    choices = CELL_KINDS[human][0]
    value, text = next(((v, t) for v, t in choices if v == chosen), choices[0])
    return f'<option value="{value}" selected>{html.escape(str(text))}</option>'


@register.simple_tag
def cell_option_lists():
    """Every choice of a cell's select, once per page and per kind of criterion, as <template id="options-l-…">
    (named as the select is: aria-labelledby="l-decide …" or "l-attest …")."""
    return mark_safe("".join(
        f'<template id="options-{select_label}">'
        + "".join(f'<option value="{value}">{html.escape(str(text))}</option>' for value, text in choices)
        + "</template>"
        for choices, select_label, *_ in CELL_KINDS.values()
    ))


def _cell_parts(human, computed, computed_reason, override, override_reason, who, at, editable, conflict,
                outcome_value=None, reason_value=None, error="", focus=""):
    """What a cell shows apart from its ids (escaped here): (its class attribute, its markup up to the first
    place its names go, between the two, after the second). The names ("n-12 c-3", the row's and the column's
    headers) name the select and the note of an editable cell; a cell without them has (class, markup, None,
    None). Cells with the same results and rights share their parts: most cells of a grid page do."""
    esc = html.escape
    if computed not in OUTCOME_LABELS or (override and override not in OUTCOME_LABELS):  # never, but never unescaped
        computed, override = esc(computed), esc(override)
    classes = f"score-cell outcome-{override or computed}" + (" decided" if override else "")
    if human and override:  # a cell the office confirmed shows what it is now, not the "waiting" badge of before
        parts = [f'<span class="badge {override}">Đã xác nhận</span>']
    else:
        label = "Chờ xác nhận" if human and computed == Outcome.NO_DATA else OUTCOME_LABELS.get(computed, computed)
        parts = [f'<span class="badge {computed}">{label}</span>']
        if not human:
            parts.append(f'<span class="reason">{esc(computed_reason)}</span>')
    _, select_label, note_label, hint, ruled = CELL_KINDS[human]
    if override:
        by = f" – {esc(who)}, {formatting.date(at)}" if who else ""
        parts.append(f'<div class="ruling"><span class="who">{ruled}:</span> <span class="badge {override}">'
                     f'{OUTCOME_LABELS.get(override, override)}</span> <span class="reason">«{esc(override_reason)}»{by}</span></div>')
    tail = ""
    if conflict and not editable:
        tail = '<p class="conflict" title="Bạn thuộc đơn vị của đối tượng này">Xung đột lợi ích: không được đánh giá</p>'
    if error:
        tail += f'<p class="error" role="alert">{esc(error)}</p>'
    if not editable:
        return classes, "".join(parts) + tail, None, None
    note = reason_value if reason_value is not None else override_reason
    value = f' value="{esc(note)}"' if note else ""
    parts.append(f'<select name="outcome" aria-labelledby="{select_label} ')
    between = (f'"{" autofocus" if focus == "select" else ""}>{_options(human, override if outcome_value is None else outcome_value)}'
               f'</select><input name="reason"{value} placeholder="{hint}" aria-labelledby="{note_label} ')
    after = f'"{" autofocus" if focus == "reason" else ""}><button type="button" class="save" tabindex="-1">Lưu</button>{tail}'
    return classes, "".join(parts), between, after


def cell_html(pk, nominee_id, criterion_id, human, computed, computed_reason, override, override_reason, who, at,
              version, *, editable, conflict, outcome_value=None, reason_value=None, error="", focus="") -> str:
    """One cell of the scoring grid and of the nominee page, the markup htmx swaps back in after a save: the
    computed outcome and its reason, the office's ruling, and (when the user may rule) one select and one note,
    saved by Enter through static/js/scoring.js with the version in data-v. Escaped here (a str)."""
    parts = _cell_parts(human, computed, computed_reason, override, override_reason, who, at, editable, conflict,
                        outcome_value, reason_value, error, focus)
    return _cell(pk, f"n-{nominee_id} c-{criterion_id}", version, parts)


def _cell(pk, names, version, parts):
    classes, markup, between, after = parts
    if between is None:
        return f'<td id="cell-{pk}" class="{classes}" data-v="{version}">{markup}</td>'
    return f'<td id="cell-{pk}" class="{classes}" data-v="{version}">{markup}{names}{between}{names}{after}</td>'


@register.simple_tag
def options(choices, selected):
    """<option>s of (value, label) pairs, `selected` (a str) chosen: the grid's 300 units without a template loop."""
    esc = html.escape
    return mark_safe("".join(
        f'<option value="{esc(str(value))}"{" selected" if str(value) == selected else ""}>{esc(label)}</option>' for value, label in choices
    ))


@register.simple_tag
def score_cell(cell):
    """One cell of the nominee page, or the one a save sends back (`cell`: cell_html's arguments)."""
    return mark_safe(cell_html(*cell["args"], **cell["kwargs"]))


@register.simple_tag
def grid_rows(rows):
    """The rows of the scoring grid, rendered in Python (a page of 50 nominees has 600 cells, and a template per
    cell costs more than the rest of the page). Each row: the nominee (awards.views.scoring.GridNominee), whether the user may rule on it or is in
    conflict, and its cells as cell_html's positional arguments (None: no result yet). The cells of a page mostly
    repeat a few outcomes and reasons: each different one is built once, then only the ids change."""
    prefix = reverse("scoring:nominee", args=[0])[: -len("0/")]
    esc = html.escape
    built = {}
    out = []
    for row in rows:
        n, editable, conflict = row["nominee"], row["editable"], row["conflict"]
        who = f'<a href="{prefix}{n.pk}/">{esc(n.name)}</a>'
        if n.staff_id:
            who += f'<br><span class="muted">{esc(n.unit__name)}</span>'
        if conflict:
            who += '<br><span class="conflict">Xung đột lợi ích: bạn thuộc đơn vị này</span>'
        out.append(f'<tr><th scope="row" id="n-{n.pk}" class="who">{who}</th>')
        rights = (editable, conflict)
        for c in row["cells"]:
            if c is None:
                out.append('<td class="muted">Chưa tính</td>')
                continue
            key = c[3:10] + rights  # human, computed, its reason, override, its reason, who, when; the rights
            parts = built.get(key)
            if parts is None:
                parts = built[key] = _cell_parts(*key)
            classes, markup, between, after = parts
            if between is None:
                out.append(f'<td id="cell-{c[0]}" class="{classes}" data-v="{c[10]}">{markup}</td>')
            else:  # as _cell writes it, inline: 600 calls fewer on a page
                names = f"n-{c[1]} c-{c[2]}"
                out.append(f'<td id="cell-{c[0]}" class="{classes}" data-v="{c[10]}">{markup}{names}{between}{names}{after}</td>')
        out.append("</tr>")
    return mark_safe("".join(out))


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
    # A page has a handful of distinct scores, genders and shares of women: each written once.
    scores, genders, women = {}, {}, {}
    for i, r in enumerate(rows):
        n = r.nominee
        extra = ""
        if n.staff_id:
            if (extra := genders.get(n.gender)) is None:
                extra = genders[n.gender] = f' <span class="muted">({esc(n.get_gender_display())})</span>'
        if r.women_percent is not None:
            if (share := women.get(r.women_percent)) is None:
                share = women[r.women_percent] = f'<br><span class="muted">{esc(formatting.number(r.women_percent))}% nữ</span>'
            extra += share
        if (score := scores.get(r.score)) is None:
            score = scores[r.score] = esc(vn_number(r.score))
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
            f'<td class="num">{score}</td><td>{cond}</td><td class="tie">{esc(r.tie_note)}</td></tr>'
        )
        if i == last_within and quota is not None:
            out.append(f'<tr class="quota-line"><td colspan="6">Ranh giới chỉ tiêu: {quota:02d} {who} – các đối tượng phía '
                       'trên được đề nghị khen thưởng</td></tr>')
    return mark_safe("".join(out))
