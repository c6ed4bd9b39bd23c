import pytest
from django.db import IntegrityError, transaction

from campaigns.models import AnnualRating, Staff
from tests.factories import StaffFactory, UnitFactory


@pytest.mark.django_db
def test_staff_member_belongs_to_exactly_one_unit(organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Staff.objects.create(code="X1", full_name="Không Đơn Vị", gender="male", category="civil_servant", unit=None)
    person = StaffFactory()
    assert person.unit.staff.get() == person


@pytest.mark.django_db
def test_one_rating_per_person_per_year(organisation):
    person = StaffFactory()
    AnnualRating.objects.create(staff=person, year=2023, rating="HTXSNV")

    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(staff=person, year=2023, rating="HTTNV")
    AnnualRating.objects.create(staff=person, year=2022, rating="HTTNV")
    assert AnnualRating.objects.filter(staff=person).count() == 2


@pytest.mark.django_db
def test_one_rating_per_unit_per_year_and_never_for_both_person_and_unit(organisation):
    unit = UnitFactory()
    AnnualRating.objects.create(unit=unit, year=2023, rating="HTXSNV")

    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(unit=unit, year=2023, rating="HTTNV")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualRating.objects.create(unit=unit, staff=StaffFactory(unit=unit), year=2021, rating="HTTNV")
