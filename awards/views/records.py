"""Staff look up their own records: annual ratings, recognised initiatives, discipline, nominations and awards.
Everything is read through campaigns.selectors.own_records(user), which starts from the account's own staff row."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from awards.rules import rule_required
from awards.selectors.records import own_records


@login_required
@rule_required("campaigns.view_own_records")
def mine(request):
    return render(request, "records/mine.html", {"records": own_records(request.user)})
