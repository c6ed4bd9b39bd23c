"""Admin for decisions and their lines: the Director approves or rejects here, as an action on the list and with
buttons on the change page, through the same services as the pages (awards.services.decisions). Only a user with
the director's permission (awards.approve_decision) sees or uses them. An approved decision is read-only and
cannot be deleted, not even by a superuser."""

import threading

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from awards import models, pdf
from awards.rules import may, rule_permission
from awards.services import approval
from awards.services import decisions as service
from awards.views.review import review_url
from campaigns import formatting as formats

EDITABLE_STATES = (models.DecisionState.DRAFT,)
DELETABLE_STATES = (models.DecisionState.DRAFT, models.DecisionState.REJECTED)


# A draft's estimated money per award kind, for one request (lists and inlines stay at a fixed number of queries).
_ESTIMATES = threading.local()


def _fresh_estimates():
    _ESTIMATES.by_kind = {}


def _estimates(decision):
    """A draft's money as it would be signed today ({target: AwardMoney or None}); {} once signed."""
    if decision is None or decision.state != models.DecisionState.DRAFT or decision.doc_type != models.DocumentType.DECISION:
        return {}
    cache = getattr(_ESTIMATES, "by_kind", None)
    if cache is None:
        return pdf._money_for_draft(decision)
    if decision.award_kind_id not in cache:
        cache[decision.award_kind_id] = pdf._money_for_draft(decision)
    return cache[decision.award_kind_id]


def money_of_line(line, *, estimate=True):
    """1.080.000 (signed), "710.000 (dự kiến)" for a draft on its own page, "dự thảo" in lists (an estimate per
    award kind would cost queries per row), "—" when it cannot be known."""
    if line.amount is not None:
        return formats.money(line.amount)
    if not estimate:
        return "dự thảo: chưa tính" if line.decision.state == models.DecisionState.DRAFT else "—"
    estimate = _estimates(line.decision).get(line.target)
    return f"{formats.money(estimate.amount)} (dự kiến)" if estimate else "—"


class DecisionLineInline(admin.TabularInline):
    model = models.DecisionLine
    extra = 0
    fields = ["order", "target", "recipient_name", "position", "unit_name", "money", "verify_code"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("decision")

    @admin.display(description="số tiền (đồng)")
    def money(self, obj):
        return money_of_line(obj)
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _messages(request, exc):
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


@admin.register(models.Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "campaign", "doc_type", "award_kind", "state", "signed_on", "total_money"]
    list_filter = ["state", "doc_type", "campaign", "award_kind"]
    search_fields = ["number_text"]
    list_select_related = ["campaign", "award_kind"]
    inlines = [DecisionLineInline]
    actions = ["approve_selected", "reject_selected"]
    change_form_template = "admin/awards/decision/change_form.html"
    fields = [
        "campaign", "doc_type", "award_kind", "state", "meeting", "replaces", "number_text", "signed_on",
        "signer_name", "signer_title", "signer_on_behalf", "legal_basis", "base_salary", "total_amount",
        "rejection_reason", "created_by", "created_at", "decided_by", "decided_at",
    ]
    readonly_fields = [f for f in fields if f != "meeting"]
    raw_id_fields = ["meeting"]

    @admin.display(description="tổng tiền thưởng (đồng)")
    def total_money(self, obj):
        if obj.total_amount is not None:
            return formats.money(obj.total_amount)
        return "dự thảo: xem khi mở" if obj.state == models.DecisionState.DRAFT else "—"

    # --- who may do what -------------------------------------------------------------------------------------

    def has_add_permission(self, request):
        return False  # drafts come from the ranking and the vote: the office's "Lập dự thảo" page

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.state not in EDITABLE_STATES:
            return False
        return may(request.user, "awards.draft_decision", obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state not in DELETABLE_STATES:
            return False
        return may(request.user, "awards.draft_decision", obj)

    has_approve_permission = rule_permission("awards.approve_decision")

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, through the service, drafts only
        return actions

    def delete_model(self, request, obj):
        service.delete_decision(obj, actor=request.user)

    def get_deleted_objects(self, objs, request):
        # A draft's lines go with it (the service deletes them): no separate permission on lines is needed.
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(models.DecisionLine._meta.verbose_name)
        return deleted, model_count, perms_needed, protected

    # --- list actions ----------------------------------------------------------------------------------------

    @admin.action(description="Phê duyệt, ký ban hành các dự thảo đã chọn (xem xét từng văn bản, chọn ngày ký)", permissions=["approve"])
    def approve_selected(self, request, queryset):
        """Never signs at once: the Director reads each selected draft on the review page, then signs or returns it."""
        drafts = list(queryset.filter(state=models.DecisionState.DRAFT).select_related("campaign").order_by("created_at", "pk"))
        if not drafts:
            self.message_user(request, "Không có dự thảo nào trong các văn bản đã chọn.", messages.WARNING)
            return None
        return HttpResponseRedirect(review_url(drafts[0], [d.pk for d in drafts[1:]]))

    @admin.action(description="Không phê duyệt các dự thảo đã chọn (ghi lý do)", permissions=["approve"])
    def reject_selected(self, request, queryset):
        reason = request.POST.get("reason", "")
        if "confirm" in request.POST:
            if not reason.strip():
                messages.error(request, "Phải ghi lý do không phê duyệt.")
            else:
                rejected = 0
                for decision in queryset:
                    try:
                        approval.reject_decision(decision, actor=request.user, reason=reason)
                        rejected += 1
                    except (ValidationError, PermissionDenied) as exc:
                        _messages(request, exc)
                if rejected:
                    self.message_user(request, f"Đã trả lại {rejected} dự thảo.", messages.SUCCESS)
                return None
        return TemplateResponse(request, "admin/awards/decision/confirm.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "mode": "reject_action",
            "decisions": queryset, "reason": reason, "title": "Không phê duyệt",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })

    # --- buttons on the change page --------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/phe-duyet/", wrap(self.approve_view), name="awards_decision_approve"),
            path("<int:pk>/tu-choi/", wrap(self.reject_view), name="awards_decision_reject"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        _fresh_estimates()
        extra_context = {**(extra_context or {}), "can_approve": may(request.user, "awards.approve_decision")}
        return super().change_view(request, object_id, form_url, extra_context)

    def _decision_for(self, request, pk):
        if not (self.has_view_permission(request) and may(request.user, "awards.approve_decision")):
            raise PermissionDenied
        return get_object_or_404(models.Decision.objects.select_related("award_kind", "campaign"), pk=pk)

    def _back(self, decision):
        return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))

    def approve_view(self, request, pk):
        """The approve button leads to the Director's review page (the decision as printed, then sign or return)."""
        decision = self._decision_for(request, pk)
        return HttpResponseRedirect(review_url(decision))

    def reject_view(self, request, pk):
        decision = self._decision_for(request, pk)
        reason = request.POST.get("reason", "")
        if request.method == "POST":
            try:
                approval.reject_decision(decision, actor=request.user, reason=reason)
            except (ValidationError, PermissionDenied) as exc:
                _messages(request, exc)
            else:
                self.message_user(request, f"Đã trả lại {decision}.", messages.SUCCESS)
                return self._back(decision)
        return TemplateResponse(request, "admin/awards/decision/confirm.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta, "mode": "reject",
            "decision": decision, "reason": reason, "title": f"Không phê duyệt {decision}",
        })


@admin.register(models.DecisionLine)
class DecisionLineAdmin(admin.ModelAdmin):
    # Performance on a province (bench/README.md): a page of 50, no full count, a cheap indexed sort.
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-pk"]
    list_display = ["order", "recipient_name", "unit_name", "money", "decision"]
    search_fields = ["recipient_name", "verify_code"]
    list_select_related = ["decision__award_kind"]
    raw_id_fields = ["decision", "nominee"]

    @admin.display(description="số tiền (đồng)")
    def money(self, obj):
        return money_of_line(obj, estimate=False)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.decision.state not in EDITABLE_STATES:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.decision.state not in EDITABLE_STATES:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
