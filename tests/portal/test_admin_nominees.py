"""Nominees in the admin go through the same service as the unit's dossier page: adding checks the deadline, the
unit and the award (awards.services.dossiers.check_nominee / add_nominee); removing goes through remove_nominee."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from awards.models import DossierState, Nominee
from tests.factories import DossierFactory, NomineeFactory, StaffFactory
from tests.urls import reverse

pytestmark = pytest.mark.django_db

NOT_EDITABLE = (
    "Hồ sơ đang ở trạng thái «Đã tiếp nhận» nên không sửa được. "
    "Chỉ sửa được hồ sơ đang soạn hoặc đã được Văn phòng trả lại để bổ sung."
)


def _add(client, dossier, award_kind, *, unit, staff=None):
    return client.post(reverse("admin:awards_nominee_add"), {
        "dossier": dossier.pk, "unit": unit.pk, "staff": staff.pk if staff else "", "award_kind": award_kind.pk,
        "achievement": "Hoàn thành xuất sắc nhiệm vụ năm 2023",
    })


def test_a_nominee_added_in_the_admin_is_made_by_the_service(client, clerk, campaign, unit_a, giay_khen, in_campaign):
    dossier = DossierFactory(campaign=campaign, unit=unit_a)
    person = StaffFactory(unit=unit_a, full_name="Đặng Thị Hạnh")
    client.force_login(clerk)
    response = _add(client, dossier, giay_khen, unit=unit_a, staff=person)
    assert response.status_code == 302
    assert list(Nominee.objects.values_list("dossier", "target", "unit", "staff", "award_kind")) == [
        (dossier.pk, "individual", unit_a.pk, person.pk, giay_khen.pk)]


def test_the_admin_refuses_a_nominee_for_a_dossier_the_office_has_accepted(
    client, clerk, campaign, unit_a, giay_khen, in_campaign,
):
    dossier = DossierFactory(campaign=campaign, unit=unit_a, state=DossierState.ACCEPTED)
    client.force_login(clerk)
    response = _add(client, dossier, giay_khen, unit=unit_a)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [NOT_EDITABLE]
    assert Nominee.objects.count() == 0


def test_the_admin_refuses_a_person_of_another_unit(client, clerk, campaign, unit_a, unit_b, giay_khen, in_campaign):
    dossier = DossierFactory(campaign=campaign, unit=unit_a)
    stranger = StaffFactory(unit=unit_b)
    client.force_login(clerk)
    response = _add(client, dossier, giay_khen, unit=unit_b, staff=stranger)
    assert response.status_code == 200
    assert len(response.context["adminform"].form.non_field_errors()) == 1
    assert Nominee.objects.count() == 0


def test_removing_nominees_in_the_admin_goes_through_the_service(client, clerk, campaign, unit_a, unit_b, in_campaign):
    draft = NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=unit_a))
    accepted = NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=unit_b, state=DossierState.ACCEPTED))
    client.force_login(clerk)
    response = client.post(reverse("admin:awards_nominee_changelist"), {
        "action": "remove_nominees", ACTION_CHECKBOX_NAME: [draft.pk, accepted.pk]}, follow=True)
    assert response.status_code == 200
    assert list(Nominee.objects.values_list("pk", flat=True)) == [accepted.pk]
    assert [str(m) for m in response.context["messages"]] == [
        f"{accepted.name}: {NOT_EDITABLE}",
        "Đã bỏ 1 đối tượng khỏi hồ sơ."]


def test_an_existing_nominee_is_read_only_in_the_admin(client, clerk, campaign, unit_a, in_campaign):
    nominee = NomineeFactory(dossier=DossierFactory(campaign=campaign, unit=unit_a))
    client.force_login(clerk)
    response = client.get(reverse("admin:awards_nominee_change", args=[nominee.pk]))
    assert response.status_code == 200
    assert set(response.context["adminform"].form.fields) == set()
