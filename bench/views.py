from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def floor(request):
    """The floor: the base layout (menu, organisation, messages) with nothing in it."""
    return render(request, "base.html", {})
