"""A query compiled once (campaigns.compiled) gives, for any values, the rows values_list() gives, converted alike
(dates, booleans, decimals, annotations), in one query; a query whose SQL is not the same for every value is
refused when compiled."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Case, DecimalField, F, Value, When
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext

from campaigns.compiled import Compiled
from campaigns.models import Gender, Staff
from tests.factories import StaffFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _query(unit, gender):
    return (
        Staff.objects.filter(unit_id=unit, gender=gender)
        .annotate(share=Cast(Value("7.5"), DecimalField(max_digits=5, decimal_places=2)),
                  woman=Case(When(gender=Gender.FEMALE, then=Value(True)), default=Value(False)))
        .order_by(F("date_of_birth").asc(nulls_last=True), "pk")
        .values_list("pk", "full_name", "date_of_birth", "active", "unit__name", "share", "woman")
    )


def test_a_compiled_query_reads_what_values_list_reads_for_every_value():
    north, south = UnitFactory(name="Phòng Bắc"), UnitFactory(name="Phòng Nam")
    StaffFactory(unit=north, full_name="Trần Thị Thu Hà", gender=Gender.FEMALE, date_of_birth=dt.date(1990, 5, 1))
    StaffFactory(unit=north, full_name="Lê Thị Mai", gender=Gender.FEMALE, active=False)
    StaffFactory(unit=north, full_name="Phạm Văn Long", gender=Gender.MALE)
    StaffFactory(unit=south, full_name="Võ Thị Lan", gender=Gender.FEMALE, date_of_birth=dt.date(1985, 1, 2))
    compiled = Compiled(lambda unit: _query(unit, Gender.FEMALE), "unit")

    for unit in (north, south, UnitFactory()):
        with CaptureQueriesContext(connection) as ctx:
            rows = compiled.rows(unit=unit.pk)
        assert rows == list(_query(unit.pk, Gender.FEMALE)) and len(ctx) == 1
    assert compiled.rows(unit=north.pk)[0][2:] == (dt.date(1990, 5, 1), True, "Phòng Bắc", Decimal("7.50"), True)


def test_a_query_whose_sql_is_not_the_same_for_every_value_is_refused():
    unit = UnitFactory().pk
    with pytest.raises(ValueError, match="does not use"):
        Compiled(lambda unit_id: _query(unit, Gender.FEMALE), "unit")  # the value is not used
    with pytest.raises(ValueError, match="depends on the values"):
        Compiled(lambda n: Staff.objects.filter(pk__in=range(n - 31_990)).values_list("pk"), "n")
    with pytest.raises(ValueError, match="changes with the values"):
        Compiled(lambda n: Staff.objects.filter(unit_id=unit, code=str(n)).values_list("pk"), "n")
    with pytest.raises(ValueError, match="None"):
        Compiled(lambda unit_id: _query(unit_id, Gender.FEMALE), "unit").rows(unit=None)


def test_an_id_beyond_the_databases_integers_matches_nothing():
    """An id typed into an address can be any number: beyond 64 bits it matches no row, as the ORM answers, instead
    of an error from the database driver."""
    compiled = Compiled(lambda unit: _query(unit, Gender.FEMALE), "unit")
    with CaptureQueriesContext(connection) as ctx:
        assert compiled.rows(unit=10**20) == [] and compiled.rows(unit=-(10**20)) == []
    assert len(ctx) == 0


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_a_compiled_query_of_instances_builds_what_the_queryset_builds_with_its_related_objects():
    north, south = UnitFactory(name="Phòng Bắc"), UnitFactory(name="Phòng Nam")
    StaffFactory(unit=north, full_name="Trần Thị Thu Hà", gender=Gender.FEMALE, date_of_birth=dt.date(1990, 5, 1))
    StaffFactory(unit=north, full_name="Phạm Văn Long", gender=Gender.MALE, active=False)
    StaffFactory(unit=south, full_name="Võ Thị Lan", gender=Gender.FEMALE)

    def query(unit):
        return (Staff.objects.filter(unit_id=unit).select_related("unit__organisation")
                .annotate(share=Cast(Value("7.5"), DecimalField(max_digits=5, decimal_places=2))).order_by("full_name"))

    compiled = Compiled(query, "unit")

    for unit in (north, south, UnitFactory()):
        with CaptureQueriesContext(connection) as ctx:
            got = compiled.objects(unit=unit.pk)
            related = [(s.unit.name, s.unit.organisation.name, s.share) for s in got]  # no query more
        expected = list(query(unit.pk))
        assert [_fields(s) for s in got] == [_fields(s) for s in expected] and len(ctx) == 1
        assert related == [(s.unit.name, s.unit.organisation.name, Decimal("7.50")) for s in expected]
    long = next(s for s in compiled.objects(unit=north.pk) if s.full_name == "Phạm Văn Long")
    assert long.active is False and long._state.adding is False and long._state.db == "default"


def test_a_related_managers_queryset_or_a_prefetch_is_not_compiled_as_instances():
    unit = UnitFactory()
    with pytest.raises(ValueError, match="prefetch_related"):
        Compiled(lambda pk: Staff.objects.filter(unit_id=pk).prefetch_related("unit"), "pk")
    with pytest.raises(ValueError, match="related manager"):
        Compiled(lambda pk: unit.staff.filter(pk=pk), "pk")
    with pytest.raises(ValueError, match="values_list"):
        Compiled(lambda pk: Staff.objects.filter(pk=pk).values_list("pk"), "pk").objects(pk=1)
