"""Two approvals at the same moment, on PostgreSQL: numbers stay unique and without gaps, and one decision
approved twice at once gets one number."""

import datetime as dt
import threading

import pytest
from django.db import connection

from awards.models import Decision, DocumentRegister
from awards.services.approval import approve_decision
from awards.services.decisions import draft_decision
from tests.decisions.conftest import meeting_for, vote_all
from tests.factories import AppraisedNomineeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
DEC5 = dt.date(2023, 12, 5)


def _race(calls):
    """Run the calls in threads released together; return their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    out = [None] * len(calls)

    def run(i, fn):
        try:
            barrier.wait()
            out[i] = fn()
        except Exception as exc:  # reported by the test
            out[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return out


def _drafts(campaign, giay_khen, clerk, n):
    drafts = []
    for _ in range(n):
        nominee = AppraisedNomineeFactory(campaign=campaign, award_kind=giay_khen)
        meeting = meeting_for(campaign)
        vote_all(meeting, [nominee])
        drafts.append(draft_decision(campaign, award_kind=giay_khen, actor=clerk, meeting=meeting, nominees=[nominee]))
    return drafts


def test_racing_approvals_get_unique_gapless_numbers(campaign, giay_khen, clerk, director):
    drafts = _drafts(campaign, giay_khen, clerk, 4)
    results = _race([lambda d=d: approve_decision(d, actor=director, signed_on=DEC5) for d in drafts])
    assert not [r for r in results if isinstance(r, Exception)], results
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]
    assert sorted(Decision.objects.values_list("number_text", flat=True)) == [f"{k:02d}/QĐ-SLĐTBXH" for k in range(1, 5)]
    assert DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number == 4


def test_the_same_decision_approved_twice_at_once_gets_one_number(campaign, giay_khen, clerk, director):
    (draft,) = _drafts(campaign, giay_khen, clerk, 1)
    results = _race([lambda: approve_decision(draft, actor=director, signed_on=DEC5)] * 2)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert [r.number for r in results] == [1, 1]
    assert DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number == 1
