"""The office's pages to appraise every unit's dossier (return, accept, reject, reopen, extend, comment). They
live under the portal's URLs and namespace (portal:office_*), beside the unit heads' pages. Thin: the services
in awards.services.dossiers decide and write."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.forms import portal as forms
from awards.models import (
    DeadlineExtension,
    DossierComment,
    DossierState,
    Nominee,
)
from awards.rules import may, rule_required
from awards.selectors import dossier_page, dossiers_for
from awards.services import deadlines
from awards.services import dossiers as svc
from awards.services.transitions import transitions_list
from awards.views.portal import dossier_parts, refusal
from campaigns import scope

# --- office ----------------------------------------------------------------------------------------------------

OFFICE_PAGE_SIZE = 50   # dossiers a page on the office's list (a province has ~300 units)


def _count_of(related):
    """The number of `related` rows of each outer dossier, as a subquery (0 when there are none): evaluated for the
    rows of the page only, where a join and GROUP BY counted every nominee of the campaign."""
    counted = related.filter(dossier=OuterRef("pk")).order_by().values("dossier").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)


def _link_maker(name):
    """pk → reverse(name, args=[pk]), reversing once for the whole list (the addresses differ only in the pk)."""
    marker = 987654321
    head, tail = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{head}{int(pk)}{tail}"


@login_required
@rule_required("awards.oversee_campaign")
def office_dossiers(request):
    campaign = scope.of_request(request)
    state = request.GET.get("trang-thai", "")
    dossiers = dossiers_for(request.user).filter(campaign=campaign)
    counts = dict(dossiers.values_list("state").annotate(n=Count("id")))
    if state in DossierState.values:
        dossiers = dossiers.filter(state=state)
    qs = dossiers.select_related("unit").annotate(
        nominee_count=_count_of(Nominee.objects),
        open_comments=_count_of(DossierComment.objects.filter(resolved=False)),
    ).order_by("unit__code")
    paginator = Paginator(qs, OFFICE_PAGE_SIZE)
    # The counts by state already say how many there are: no COUNT(*) of its own.
    paginator.count = counts.get(state, 0) if state in DossierState.values else sum(counts.values())
    page = paginator.get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    extensions = {}
    for ext in DeadlineExtension.objects.filter(campaign=campaign, unit_id__in=[r.unit_id for r in rows]).order_by("until"):
        extensions[ext.unit_id] = ext
    link = _link_maker("portal:office_dossier")
    for row in rows:
        row.extension = extensions.get(row.unit_id)
        row.link = link(row.pk)
    return render(request, "portal/office_dossiers.html", {
        "campaign": campaign, "dossiers": rows, "state": state, "page": page,
        "states": [(value, label, counts.get(value, 0)) for value, label in DossierState.choices],
        "closes": deadlines.end_of_day(campaign.dossier_deadline) if campaign else None,
    })


@login_required
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_dossier(request, pk):
    dossier = get_object_or_404(dossiers_for(request.user).select_related("campaign", "unit"), pk=pk)
    nominees, dossier_documents, checklist = dossier_parts(dossier)
    campaign, unit = dossier.campaign, dossier.unit
    extensions = dossier_page.extensions(campaign, unit)
    latest = max(extensions, key=lambda e: e.until, default=None)
    closes = deadlines.deadline_for(campaign, unit, extension=latest)
    registrations = dossier_page.registrations(campaign, unit)  # a collective registration is named after its unit
    return render(request, "portal/office_dossier.html", {
        "dossier": dossier, "campaign": campaign, "unit": unit, "nominees": nominees,
        "dossier_documents": dossier_documents, "checklist": checklist, "complete": all(i.done for i in checklist),
        "plan_version": dossier_page.plan_version(campaign, unit),
        "closes": closes, "closed": timezone.now() > closes, "extensions": extensions,
        "registrations": registrations,
        "history": transitions_list(dossier), "comments": dossier_page.comments(dossier),
        "can_act": may(request.user, "awards.appraise_dossier", dossier), "with_office": dossier.state in svc.WITH_OFFICE_STATES,
        "return_form": _blank_form(forms.ReasonForm, "return"), "reject_form": _blank_form(forms.ReasonForm, "reject"),
        "accept_form": _blank_form(forms.NoteForm, "accept"), "reopen_form": _blank_form(forms.ReopenForm, "reopen"),
        "extension_form": _blank_form(forms.ExtensionForm, "extend"), "comment_form": _blank_form(forms.CommentForm, "comment"),
    })


@functools.cache
def _blank_form(form_class, prefix):
    """The HTML of an empty action form. It is the same on every dossier (no initial data; labels and messages are
    literals), so it is written once per process instead of through Django's form templates on every page. A
    form given initial data or choices that vary must not come through here. (Errors are shown as messages after
    a redirect, never in a bound form on this page.)"""
    return form_class(prefix=prefix).as_div()


def _office_action(request, pk, form_class, prefix, act, done):
    """Load the dossier (404 to outsiders), refuse non-office (403), validate the form, call the service."""
    dossier = get_object_or_404(dossiers_for(request.user).select_related("campaign", "unit"), pk=pk)
    if not may(request.user, "awards.appraise_dossier", dossier):
        raise PermissionDenied
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("portal:office_dossier", pk=dossier.pk)
    try:
        act(dossier, form.cleaned_data)
    except ValidationError as exc:
        refusal(request, exc)
    else:
        messages.success(request, done)
    return redirect("portal:office_dossier", pk=dossier.pk)


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_return(request, pk):
    return _office_action(request, pk, forms.ReasonForm, "return",
                          lambda d, c: svc.return_dossier(d, actor=request.user, reason=c["reason"]),
                          "Đã trả lại hồ sơ để đơn vị bổ sung; đơn vị được báo qua thư điện tử.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_accept(request, pk):
    return _office_action(request, pk, forms.NoteForm, "accept",
                          lambda d, c: svc.accept_dossier(d, actor=request.user, reason=c["reason"]),
                          "Đã tiếp nhận hồ sơ; đơn vị được báo qua thư điện tử.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_reject(request, pk):
    return _office_action(request, pk, forms.ReasonForm, "reject",
                          lambda d, c: svc.reject_dossier(d, actor=request.user, reason=c["reason"]),
                          "Đã ghi nhận không tiếp nhận hồ sơ; đơn vị được báo qua thư điện tử.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_reopen(request, pk):
    return _office_action(request, pk, forms.ReopenForm, "reopen",
                          lambda d, c: svc.reopen_dossier(d, actor=request.user, reason=c["reason"], until=c["until"]),
                          "Đã mở lại hồ sơ; đơn vị có thể sửa và nộp lại.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_extend(request, pk):
    return _office_action(request, pk, forms.ExtensionForm, "extend",
                          lambda d, c: svc.grant_extension(d.campaign, d.unit, actor=request.user, until=c["until"], reason=c["reason"]),
                          "Đã gia hạn nộp hồ sơ cho đơn vị.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_comment(request, pk):
    return _office_action(request, pk, forms.CommentForm, "comment",
                          lambda d, c: svc.add_comment(d, actor=request.user, text=c["text"]),
                          "Đã gửi ý kiến cho đơn vị.")


@login_required
@require_POST
@rule_required("awards.oversee_campaign", then=("awards.appraise_dossier",))
def office_comment_resolve(request, pk):
    comment = get_object_or_404(DossierComment.objects.filter(dossier__in=dossiers_for(request.user)), pk=pk)
    if not may(request.user, "awards.appraise_dossier", comment.dossier):
        raise PermissionDenied
    svc.resolve_comment(comment, actor=request.user)
    messages.success(request, "Đã đánh dấu ý kiến là đã xử lý.")
    return redirect("portal:office_dossier", pk=comment.dossier_id)
