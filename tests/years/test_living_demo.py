"""`make run`'s demo (seed_demo --stage living): 2023 decided and closed for the record, this year's campaign
cloned from it and open with days left, units at every step; run again, it changes nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from awards.models import Decision, Dossier, Registration, StateChange
from campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_the_living_demo_shows_an_open_campaign_with_days_left_and_2023_closed(client):
    out = StringIO()
    call_command("seed_demo", "--stage", "living", stdout=out)
    today = timezone.localdate()
    old, new = Campaign.objects.get(code="cchc-2023"), Campaign.objects.get(code=f"cchc-{today.year}")
    assert (old.status, new.status) == ("closed", "open")
    assert new.dossier_deadline > today and new.decision_deadline > new.dossier_deadline
    assert new.criteria.count() == old.criteria.count() == 17
    assert Decision.objects.filter(campaign=old, state="approved").count() == 2
    states = Counter(Dossier.objects.filter(campaign=new).values_list("state", flat=True))
    assert states == {"accepted": 1, "submitted": 2, "returned": 1, "draft": 1}
    assert Registration.objects.filter(campaign=new, staff=None).count() == 7
    assert StateChange.objects.filter(content_type__model="campaign", object_id=old.pk, to_state="closed").exists()
    assert f"phát động cchc-{today.year}" in out.getvalue()

    client.force_login(get_user_model().objects.get(username="vanphong"))
    home = client.get("/").content.decode()
    days = (new.dossier_deadline - today).days
    assert f"còn {days} ngày" in home and "quá hạn" not in home
    assert home.index(f"/cchc-{today.year}/") < home.index("/cchc-2023/")
    client.force_login(get_user_model().objects.get(username="thutruong.ncc"))
    portal = client.get(f"/cchc-{today.year}/don-vi/").content.decode()
    assert f"Còn <strong>{days}</strong> ngày." in portal

    before = (Dossier.objects.count(), StateChange.objects.count(), Campaign.objects.count())
    call_command("seed_demo", "--stage", "living", stdout=StringIO())
    assert (Dossier.objects.count(), StateChange.objects.count(), Campaign.objects.count()) == before
