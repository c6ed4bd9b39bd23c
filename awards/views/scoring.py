"""The office's scoring workspace: the grid of nominees × criteria, a page per nominee, the ranking with the
quota line, indicator data entry, and the campaign's weights. Thin views: services decide, selectors load."""

from types import SimpleNamespace
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from awards.forms.scoring import (
    IndexComponentFormSet,
    IndicatorRecordForm,
    RulingForm,
    WeightsForm,
)
from awards.models import AwardLevel, CampaignAward, DocumentKind, Outcome, Result
from awards.rules import conflict_of_interest, may, rule_required
from awards.selectors import documents_for, nominees_for, results_for
from awards.services import evaluators, rulings
from awards.services import indicators as indicator_service
from awards.services import ranking as ranking_service
from awards.services import recompute as recompute_service
from awards.services import weights as weight_service
from awards.services.bang_khen import bang_khen_eligibility
from campaigns import formatting, scope
from campaigns.models import (
    Criterion,
    IndexComponentScore,
    IndicatorRecord,
    Target,
    Unit,
)
from campaigns.params import parse_id, parse_int, safe_next


def _campaign(request):
    return scope.of_request(request)


GRID_PAGE_SIZE = 50  # nominees per page of the grid (12 cells each)
RANKING_PAGE_SIZE = 300  # rows per page of the ranking (a province ranks ~2,700 individuals)


class GridNominee(NamedTuple):
    """A nominee as a row of the grid shows it and the rules ask of it (conflict of interest: its unit)."""

    pk: int
    unit_id: int
    staff_id: int | None
    unit__name: str
    staff__full_name: str | None

    @property
    def name(self):  # as Nominee.name: the person's, else the unit's
        return self.staff__full_name if self.staff_id else self.unit__name


def _query(request, *, exclude):
    params = request.GET.copy()
    params.pop(exclude, None)
    return params.urlencode()


def _target(request):
    value = request.GET.get("target") or Target.COLLECTIVE
    return value if value in Target.values else Target.COLLECTIVE


def _next(request, default):
    """A same-site address to go back to after a form (never another site)."""
    return safe_next(request, default)


def _cell(result, user, *, outcome=None, reason=None, error="", focus="", editable=None, conflict=None):
    """A grid cell of one Result (`editable` and `conflict`, when given, are the answers for its nominee; `outcome`
    and `reason`, what the user typed, kept after a refusal): what the score_cell tag renders."""
    nominee = result.nominee
    conflict = conflict_of_interest(user, nominee) if conflict is None else conflict
    who = formatting.person_name(result.override_by) if result.override_by_id else ""
    return {
        "r": result,
        "args": (result.pk, result.nominee_id, result.criterion_id, evaluators.is_human_criterion(result.criterion),
                 result.computed, result.computed_reason, result.override, result.override_reason, who, result.override_at,
                 result.version),
        "kwargs": {"editable": may(user, "awards.rule_on_result", nominee) if editable is None else editable,
                   "conflict": conflict, "outcome_value": outcome, "reason_value": reason, "error": error, "focus": focus},
    }


# ------------------------------------------------------------------------------------------------- grid


@login_required
@rule_required("awards.score", then=("awards.rule_on_result",))
def grid(request):
    campaign = _campaign(request)
    target = _target(request)
    criteria = list(Criterion.objects.filter(campaign=campaign, target=target).order_by("order"))
    # Every appraised nominee, a closed campaign's too: its grid shows the results it closed with, read-only.
    closed = scope.is_closed(campaign)
    scored = nominees_for(request.user, recompute_service.appraised_nominees(campaign).filter(target=target))
    nominees = scored
    unit_pk = parse_id(request.GET.get("unit"))
    unit_id = str(unit_pk) if unit_pk else ""
    if unit_pk:
        nominees = nominees.filter(unit_id=unit_pk)
    state = request.GET.get("state") or ""
    if state in Outcome.values:
        nominees = nominees.filter(Exists(Result.objects.filter(
            Q(override=state) | Q(override="", computed=state), nominee=OuterRef("pk"), criterion__in=criteria,
        )))
    # The units of the filter and how many nominees each has, in one query: the filter's options, and the
    # pager's count unless the outcome filter narrows the rows further (then the pager counts them itself).
    per_unit = list(scored.order_by("unit__code").values_list("unit_id", "unit__name").annotate(n=Count("pk")))
    units = [(pk, name) for pk, name, _ in per_unit]
    # Only what a row shows and the rules ask (the name, the unit), as values() rows: no model instances.
    paginator = Paginator(
        nominees.order_by("unit__code", "staff__full_name", "pk").values_list(*GridNominee._fields),
        GRID_PAGE_SIZE,
    )
    if state not in Outcome.values:
        paginator.count = sum(n for pk, _, n in per_unit if not unit_pk or pk == unit_pk)
    page = paginator.get_page(request.GET.get("trang"))
    nominees = [GridNominee(*row) for row in page.object_list]
    # The cells as values() rows, in the order of cell_html's arguments (no Result instances: 600 on a page),
    # put straight into their row and column.
    column = {c.pk: i for i, c in enumerate(criteria)}
    human = {c.pk: evaluators.is_human_criterion(c) for c in criteria}
    cells = {n.pk: [None] * len(criteria) for n in nominees}
    visible = results_for(request.user, Result.objects.filter(nominee__in=list(cells), criterion__in=list(column)))
    for pk, nominee_id, criterion_id, computed, reason, override, override_reason, full_name, username, at, version in (
        visible.order_by().values_list("pk", "nominee_id", "criterion_id", "computed", "computed_reason", "override", "override_reason",
                                       "override_by__staff__full_name", "override_by__username", "override_at", "version")
    ):
        who = full_name or username or ""  # as formatting.person_name names the person who ruled
        cells[nominee_id][column[criterion_id]] = (pk, nominee_id, criterion_id, human[criterion_id], computed, reason, override,
                                                   override_reason, who, at, version)
    rows = [
        # The rules are asked once per nominee, not once per cell: the answer is the nominee's.
        {"nominee": n, "cells": cells[n.pk],
         "conflict": not closed and conflict_of_interest(request.user, n),
         "editable": not closed and may(request.user, "awards.rule_on_result", n)}
        for n in nominees
    ]
    return render(request, "scoring/grid.html", {
        "campaign": campaign, "target": target, "targets": Target.choices, "criteria": criteria, "rows": rows,
        "units": units, "unit_id": unit_id, "state": state, "states": Outcome.choices,
        "unscored": 0 if closed else recompute_service.unscored_count(campaign), "page": page, "closed": closed,
        "query": _query(request, exclude="trang"), "cell_url": reverse("scoring:cell", args=[0]),
    })


@login_required
@require_POST
@rule_required("awards.score", then=("awards.rule_on_result",))
def save_cell(request, pk):
    """Save one cell (htmx): the updated cell comes back; refusals come back in the cell with their reason."""
    result = get_object_or_404(
        results_for(request.user).select_related("nominee__unit", "nominee__staff", "nominee__dossier", "criterion", "override_by__staff"),
        pk=pk,
    )
    form = RulingForm(request.POST)
    status, error, focus = 200, "", "select"
    if not form.is_valid():
        status, error, focus = 422, "Dữ liệu gửi lên không hợp lệ, tải lại trang.", "reason"
    else:
        try:
            result = rulings.rule_on_result(
                result, actor=request.user, outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
            form = None
        except rulings.ConflictOfInterest as exc:
            status, error, form = 403, str(exc), None
        except rulings.StaleResult as exc:
            # The other person's decision is shown, with the new version; what this user typed stays in the
            # inputs, so saving again is a deliberate choice and nothing typed is lost.
            status, error, focus = 409, exc.messages[0], "reason"
            result = Result.objects.select_related("nominee__unit", "nominee__staff", "nominee__dossier", "criterion", "override_by__staff").get(pk=pk)
        except ValidationError as exc:
            status, error, focus = 422, exc.messages[0], "reason"
    if not request.headers.get("HX-Request"):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, f"Đã lưu: {result.nominee.name} – {result.criterion.short_name}.")
        return redirect(_next(request, reverse("scoring:nominee", args=[result.nominee_id])))
    typed = {"outcome": form.data.get("outcome", ""), "reason": form.data.get("reason", "")} if form is not None else {}
    context = _cell(result, request.user, error=error, focus=focus, **typed)
    response = render(request, "scoring/_cell.html", {"cell": context})
    response.status_code = status
    return response


@login_required
@require_POST
@rule_required("awards.score")
def recompute(request):
    campaign = _campaign(request)
    if scope.is_closed(campaign):  # its results stay what they were when it closed
        messages.error(request, scope.closed_message(campaign))
        return redirect(_next(request, reverse("scoring:grid")))
    report = recompute_service.recompute_results(campaign)
    messages.success(request, f"Đã tính lại từ số liệu: {report.created} kết quả mới, {report.changed} kết quả thay đổi.")
    return redirect(_next(request, reverse("scoring:grid")))


# ------------------------------------------------------------------------------------------------- nominee


@login_required
@rule_required("awards.view_nominee", then=("awards.rule_on_result",))
def nominee(request, pk):
    nominee = get_object_or_404(
        nominees_for(request.user).select_related("staff", "unit", "dossier", "award_kind"), pk=pk,
    )
    campaign = nominee.dossier.campaign = _campaign(request)  # the selectors keep to the page's campaign
    results = list(
        results_for(request.user, nominee.results.all()).select_related("criterion", "override_by__staff")
        .order_by("criterion__order")
    )
    for r in results:
        r.nominee = nominee
    # The rules are about the nominee: asked once, not once per criterion. A closed campaign's results are read-only.
    closed = scope.is_closed(campaign)
    editable = not closed and may(request.user, "awards.rule_on_result", nominee)
    conflict = not closed and conflict_of_interest(request.user, nominee)
    cells = [_cell(r, request.user, editable=editable, conflict=conflict) for r in results]
    # The documents and their versions (newest first) in one query, read as values: a document without a file yet
    # comes as one row without a version. The documents of a nominee here are this nominee's (its report).
    documents, kinds = {}, dict(DocumentKind.choices)
    for pk, kind, nominee_id, version_pk, number, original_name, uploaded_at in (
        documents_for(request.user)
        .filter(Q(dossier=nominee.dossier, nominee__isnull=True) | Q(nominee=nominee)
                | Q(campaign=campaign, unit=nominee.unit, kind=DocumentKind.UNIT_PLAN))
        .order_by("kind", "pk", "-versions__number")
        .values_list("pk", "kind", "nominee_id", "versions__pk", "versions__number", "versions__original_name",
                     "versions__uploaded_at")
    ):
        if pk not in documents:
            documents[pk] = SimpleNamespace(kind_label=kinds.get(kind, kind), versions=[],
                                            nominee=nominee if nominee_id == nominee.pk else None)
        if version_pk is not None:
            documents[pk].versions.append(SimpleNamespace(pk=version_pk, number=number, original_name=original_name,
                                                          uploaded_at=uploaded_at))
    documents = list(documents.values())
    criteria = {r.criterion_id: r.criterion for r in results}
    log = []
    history = Result.history.filter(nominee_id=nominee.pk, history_user__isnull=False).select_related("history_user__staff")
    for h in history.order_by("-history_date", "-history_id"):
        if h.criterion_id in criteria:
            log.append({"at": h.history_date, "who": formatting.person_name(h.history_user), "criterion": criteria[h.criterion_id],
                        "outcome": Outcome(h.override).label if h.override else "Theo kết quả tự động",
                        "reason": h.override_reason or h.history_change_reason or ""})
    ok, reason = bang_khen_eligibility(nominee, year=campaign.year)
    return render(request, "scoring/nominee.html", {
        "campaign": campaign, "nominee": nominee, "cells": cells, "documents": documents, "log": log,
        "cell_url": reverse("scoring:cell", args=[0]),
        "bang_khen": {"ok": ok, "reason": reason},
        "conflict": not closed and may(request.user, "awards.score") and not editable,
        "conflict_message": rulings.conflict_message(nominee),
    })


# ------------------------------------------------------------------------------------------------- ranking


@login_required
@rule_required("awards.view_ranking")
def ranking(request):
    campaign = _campaign(request)
    target = _target(request)
    awards = list(CampaignAward.objects.filter(campaign=campaign, target=target).select_related("award_kind").order_by("award_kind__level", "award_kind__code"))
    kinds = [a.award_kind for a in awards]
    # The award asked for, else the department's (Giấy khen), as resolve_award_kind would choose it.
    kind = (next((k for k in kinds if k.code == request.GET.get("award")), None)
            or next((k for k in sorted(kinds, key=lambda k: k.code) if k.level == AwardLevel.DEPARTMENT), None)
            or ranking_service.resolve_award_kind(campaign, None, target))
    quota = next((a.quota for a in awards if a.award_kind_id == (kind.pk if kind else None)), None)
    ranked = ranking_service.Ranking(campaign, target=target, award_kind=kind, user=request.user, quota=quota)
    # Everyone is ranked; a page reads and shows RANKING_PAGE_SIZE of them (the quota line is on the first page).
    page = ranked.page(request.GET.get("trang"), RANKING_PAGE_SIZE)
    ranking_service.fill_missing(campaign, target, page.object_list)  # the reasons of the rows shown
    within = ranked.within
    return render(request, "scoring/ranking.html", {
        "campaign": campaign, "target": target, "targets": Target.choices, "kinds": kinds, "kind": kind,
        "total": ranked.total, "rows": page.object_list, "page": page, "quota": quota, "within": within,
        # Those within the quota come first: the line is under the last of them, if it is on this page.
        "last_within": within - page.start_index() if within else None,
        "query": f"target={target}" + (f"&award={kind.code}" if kind else ""),
        "over_quota": quota is not None and within > quota,
        "eligible_count": ranked.eligible,
        "is_bang_khen": kind is not None and kind.code == ranking_service.BANG_KHEN,
    })


# ------------------------------------------------------------------------------------------------- indicators


def _year(request, campaign):
    return parse_int(request.GET.get("year"), low=2000, high=2100) or campaign.year


@login_required
@rule_required("awards.score")
def indicators(request):
    campaign = _campaign(request)
    year = _year(request, campaign)
    units = list(Unit.objects.filter(active=True).order_by("code"))
    records = {r.unit_id: r for r in IndicatorRecord.objects.filter(year=year)}
    components = dict(
        IndexComponentScore.objects.filter(year=year).values_list("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    )
    rows = [{"unit": u, "record": records.get(u.pk), "components": components.get(u.pk, 0)} for u in units]
    return render(request, "scoring/indicators.html", {"campaign": campaign, "year": year, "rows": rows})


@login_required
@rule_required("awards.score")
def indicator_edit(request, unit_pk, year):
    campaign = _campaign(request)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not 2000 <= year <= 2100:
        raise Http404
    record = IndicatorRecord.objects.filter(unit=unit, year=year).first() or IndicatorRecord(unit=unit, year=year)
    components = IndexComponentScore.objects.filter(unit=unit, year=year).order_by("index", "component")
    if request.method == "POST":
        form = IndicatorRecordForm(request.POST, instance=record)
        formset = IndexComponentFormSet(request.POST, queryset=components, prefix="components")
        if form.is_valid() and formset.is_valid():
            rows, deleted = [], []
            for f in formset.forms:
                if not f.has_changed() and not f.instance.pk:
                    continue
                if f.cleaned_data.get("DELETE") and f.instance.pk:
                    deleted.append(f.instance.pk)
                elif f.cleaned_data and not f.cleaned_data.get("DELETE"):
                    row = {k: f.cleaned_data[k] for k in ("index", "component", "score_last", "score", "source")}
                    if f.instance.pk:
                        row["id"] = f.instance.pk
                    rows.append(row)
            try:
                with transaction.atomic():  # the figures and the components together, or nothing
                    indicator_service.save_indicator_record(unit=unit, year=year, values=form.cleaned_data, actor=request.user)
                    indicator_service.save_index_components(unit=unit, year=year, rows=rows, delete_ids=deleted, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, f"Đã lưu số liệu năm {year} của {unit.name}; kết quả tự động đã được tính lại.")
                return redirect(f"{reverse('scoring:indicators')}?year={year}")
    else:
        form = IndicatorRecordForm(instance=record)
        formset = IndexComponentFormSet(queryset=components, prefix="components")
    return render(request, "scoring/indicator_form.html", {
        "campaign": campaign, "unit": unit, "year": year, "form": form, "formset": formset,
    })


# ------------------------------------------------------------------------------------------------- weights


@login_required
@rule_required("awards.score")
def weights(request):
    campaign = _campaign(request)
    criteria = Criterion.objects.filter(campaign=campaign).order_by("target", "order")
    locked = weight_service.scoring_started(campaign)
    form = WeightsForm(request.POST or None, criteria=criteria, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            changed = weight_service.set_criteria_settings(campaign, weights=form.weights(), mandatory=form.mandatory(), actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Đã lưu {changed} tiêu chí.")
            return redirect("scoring:weights")
    return render(request, "scoring/weights.html", {"campaign": campaign, "form": form, "locked": locked})
