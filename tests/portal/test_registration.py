"""Registration (đăng ký thi đua) of the unit and of its individuals, with the award each aims for."""

import pytest

from awards.models import Registration
from awards.services import dossiers
from tests.urls import reverse


@pytest.mark.django_db
def test_registering_again_changes_the_award_aimed_for(campaign, unit_a, head_a, giay_khen, bang_khen, in_campaign):
    first = dossiers.register(campaign, unit_a, award_kind=giay_khen, actor=head_a)
    again = dossiers.register(campaign, unit_a, award_kind=bang_khen, actor=head_a)
    assert first.pk == again.pk
    assert list(Registration.objects.values_list("unit__code", "staff", "target", "award_kind__code")) == [
        ("NCC", None, "collective", "bang-khen-ubnd-tinh"),
    ]


@pytest.mark.django_db
def test_a_unit_head_cannot_register_another_units_staff(client, campaign, head_a, head_b, giay_khen, in_campaign):
    client.force_login(head_a)
    page = client.post(reverse("portal:registration"), {"which": "person", "person-staff": head_b.staff.pk, "person-award_kind": giay_khen.pk})
    assert page.status_code == 200
    assert page.context["person_form"].errors["staff"] == [
        "Hãy chọn một lựa chọn hợp lệ. Lựa chọn đó không phải là một trong các lựa chọn khả thi."
    ]
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_an_individual_registration_is_cancelled_from_the_page(client, campaign, unit_a, head_a, head_b, unit_b, giay_khen, in_campaign):
    mine = dossiers.register(campaign, unit_a, award_kind=giay_khen, actor=head_a, staff=head_a.staff)
    theirs = dossiers.register(campaign, unit_b, award_kind=giay_khen, actor=head_b, staff=head_b.staff)
    client.force_login(head_a)

    assert client.post(reverse("portal:registration_cancel", args=[theirs.pk])).status_code == 404
    done = client.post(reverse("portal:registration_cancel", args=[mine.pk]), follow=True)

    assert [str(m) for m in done.context["messages"]] == ["Đã hủy đăng ký của Lê Văn Minh."]
    assert list(Registration.objects.values_list("pk", flat=True)) == [theirs.pk]
