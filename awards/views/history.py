"""Award history pages: every award of one person or one unit, across years, from decisions signed here and
from the records of earlier years. The office and the director open anyone's; a person their own; a unit head
their unit's and its people's. Anyone else gets 404 (awards.selectors.history)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from awards.rules import asks, require_or_404
from awards.selectors.history import history_staff_for, history_units_for, person_history, unit_history

RULE = "awards.view_award_history"


@login_required
@asks(RULE)
def person(request, pk):
    staff = get_object_or_404(history_staff_for(request.user).select_related("unit"), pk=pk)
    require_or_404(request.user, RULE, staff)
    return render(request, "history/page.html", {
        "subject": staff.full_name, "detail": f"{staff.position + ', ' if staff.position else ''}{staff.unit.name}",
        "entries": person_history(staff),
    })


@login_required
@asks(RULE)
def unit(request, pk):
    unit = get_object_or_404(history_units_for(request.user), pk=pk)
    require_or_404(request.user, RULE, unit)
    return render(request, "history/page.html", {
        "subject": unit.name, "detail": "Khen thưởng tập thể", "entries": unit_history(unit),
    })
