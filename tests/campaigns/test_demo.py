import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from awards import demo
from campaigns.models import AnnualRating, DisciplineRecord, Initiative, Staff, Unit
from campaigns.roles import Role, user_roles


@pytest.mark.django_db
def test_seed_demo_builds_the_organisation_and_one_account_per_role(client, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out

    users = {u.username: u for u in get_user_model().objects.all()}
    assert {name: user_roles(u) for name, u in users.items() if not u.is_superuser} == {
        "vanphong": {Role.OFFICE, Role.STAFF},
        "thutruong.ncc": {Role.UNIT_HEAD, Role.STAFF},
        "thutruong.dvvl": {Role.UNIT_HEAD, Role.STAFF},
        "giamdoc": {Role.DIRECTOR, Role.COUNCIL},
        "hoidong": {Role.COUNCIL, Role.STAFF},
        "canbo": {Role.STAFF},
    }
    assert users["thutruong.ncc"].staff.unit.code != users["thutruong.dvvl"].staff.unit.code
    for username in users:
        assert f"{username}" in out
    assert Unit.objects.filter(kind="section").exists() and Unit.objects.filter(kind="attached").exists()
    assert set(AnnualRating.objects.values_list("year", flat=True)) == {2021, 2022, 2023}
    assert Initiative.objects.count() >= 3
    assert DisciplineRecord.objects.count() == 1
    assert all(s.unit_id for s in Staff.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["vanphong", "thutruong.ncc", "thutruong.dvvl", "giamdoc", "hoidong", "canbo"])
def test_demo_accounts_log_in_with_the_printed_password(client, username):
    call_command("seed_demo", stdout=None)

    response = client.post("/dang-nhap/", {"username": username, "password": "ThiDua@2023"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(get_user_model().objects.get(username=username).pk)


@pytest.mark.django_db
def test_seed_demo_on_an_existing_demo_does_nothing(capsys):
    call_command("seed_demo")
    counts = (Unit.objects.count(), Staff.objects.count(), AnnualRating.objects.count())

    call_command("seed_demo")

    assert "đã có; không tạo lại" in capsys.readouterr().out
    assert (Unit.objects.count(), Staff.objects.count(), AnnualRating.objects.count()) == counts


def test_an_unknown_demo_stage_is_an_error_not_skipped():
    with pytest.raises(demo.UnknownStage, match="published"):
        demo.seed("published")
    assert list(demo.STAGES) == ["dossiers", "scored", "decided", "living"]
