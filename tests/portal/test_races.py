"""Two submissions of the same dossier at the same moment: the row lock lets exactly one through."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.models import StateChange
from awards.services import dossiers
from tests.portal.conftest import BEFORE_DEADLINE
from tests.portal.helpers import complete_dossier


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submissions_record_one(campaign, unit_a, head_a, giay_khen):
    dossier = complete_dossier(campaign, unit_a, head_a, giay_khen)
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            dossiers.submit_dossier(dossier, actor=head_a, now=BEFORE_DEADLINE, notify=False)
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes) == sorted(["ok", "Hồ sơ đã được nộp lúc 09:00:00 ngày 10/11/2023 và đang chờ Văn phòng xem xét; không nộp lại lần nữa."])
    assert StateChange.objects.filter(to_state="submitted").count() == 1
