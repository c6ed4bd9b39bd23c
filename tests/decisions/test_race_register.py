"""On PostgreSQL: two approvals at once continue the register from the number the office set, unique and gapless."""

import datetime as dt

import pytest

from awards.models import Decision, DocumentRegister
from awards.services.approval import approve_decision
from awards.services.register import set_next_number
from tests.decisions.test_race import _drafts, _race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_approvals_continue_from_the_office_set_number(campaign, giay_khen, clerk, director, organisation):
    set_next_number(organisation, doc_type="QĐ", year=2023, next_number=37, last_signed_on=dt.date(2023, 12, 4))
    drafts = _drafts(campaign, giay_khen, clerk, 2)
    results = _race([lambda d=d: approve_decision(d, actor=director, signed_on=dt.date(2023, 12, 5)) for d in drafts])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(Decision.objects.values_list("number_text", flat=True)) == ["37/QĐ-SLĐTBXH", "38/QĐ-SLĐTBXH"]
    assert DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number == 38
