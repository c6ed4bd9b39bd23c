"""Two office users change the same result at once: one wins, the other is told who changed it and when, and
nothing is silently overwritten. On PostgreSQL, with two connections racing in two threads."""

import threading

import pytest
from django.db import connection, connections

from awards.models import Outcome, Result
from awards.services.recompute import recompute_results
from awards.services.rulings import StaleResult, rule_on_result
from campaigns.roles import Role
from tests.conftest import _person
from tests.factories import NomineeFactory
from tests.scoring.conftest import accepted_dossier


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_the_same_result_one_wins_the_other_is_refused(campaign, clerk, office_unit, unit_a):
    assert connection.vendor == "postgresql"
    second = _person("clerk2", "Bùi Văn Long", office_unit, Role.OFFICE)
    nominee = NomineeFactory(dossier=accepted_dossier(campaign, unit_a))
    recompute_results(campaign)
    pk = Result.objects.get(nominee=nominee, criterion__order=2).pk
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, outcome, reason):
        try:
            # Each thread reads the result (version 1) through its own connection, then both save at once.
            result = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(pk=pk)
            barrier.wait(timeout=10)
            rule_on_result(result, actor=user, outcome=outcome, reason=reason, expected_version=result.version)
            outcomes[user.username] = "saved"
        except StaleResult as exc:
            outcomes[user.username] = exc.messages[0]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(clerk, Outcome.MET, "Đạt: 15/15 nhiệm vụ")),
               threading.Thread(target=save, args=(second, Outcome.NOT_MET, "Không đạt: chậm 2 nhiệm vụ"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["clerk", "clerk2"]
    winners = [u for u, o in outcomes.items() if o == "saved"]
    assert len(winners) == 1
    loser = ({"clerk", "clerk2"} - set(winners)).pop()
    winner_name = {"clerk": "Trần Thị Thu Hà", "clerk2": "Bùi Văn Long"}[winners[0]]
    assert outcomes[loser].startswith(f"Kết quả này đã được {winner_name} sửa lúc ")
    assert outcomes[loser].endswith(", tải lại trang để xem trước khi sửa.")
    r = Result.objects.get(pk=pk)
    assert r.version == 2
    assert (r.override_by.username, r.override) == (winners[0], Outcome.MET if winners[0] == "clerk" else Outcome.NOT_MET)
    assert r.history.filter(history_type="~", history_user__isnull=False).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_save_with_a_stale_version_updates_no_row_on_postgresql(campaign, clerk, office_unit, unit_a):
    second = _person("clerk2", "Bùi Văn Long", office_unit, Role.OFFICE)
    nominee = NomineeFactory(dossier=accepted_dossier(campaign, unit_a))
    recompute_results(campaign)
    first_read = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(nominee=nominee, criterion__order=8)
    second_read = Result.objects.select_related("nominee__dossier", "nominee__unit", "criterion").get(pk=first_read.pk)
    rule_on_result(first_read, actor=clerk, outcome=Outcome.MET, reason="Đã triển khai", expected_version=1)
    with pytest.raises(StaleResult):
        rule_on_result(second_read, actor=second, outcome=Outcome.NOT_MET, reason="Chưa", expected_version=second_read.version)
    assert Result.objects.filter(pk=first_read.pk, version=1).update(override="not_met") == 0
    r = Result.objects.get(pk=first_read.pk)
    assert (r.override, r.override_reason, r.override_by, r.version) == (Outcome.MET, "Đã triển khai", clerk, 2)
