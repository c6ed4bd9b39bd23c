"""The cast: an office clerk, two unit heads of different units, the director, a council member and a
member of staff. Every test that needs people takes them from here."""

import pytest
from django.conf import settings

from awards.demo.organisation import fill_legal_references
from awards.plans.loader import load_plan_2023
from campaigns.models import Campaign
from campaigns.roles import Role, assign_roles
from tests.factories import StaffFactory, UnitFactory, UserFactory

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def campaign(db):
    """The 2023 plan, loaded as the product loads it, with the plan's number and the organisation's founding
    decision filled in as the demo does (the plan alone holds placeholders, which stop signing)."""
    load_plan_2023()
    campaign = Campaign.objects.get(code="cchc-2023")
    fill_legal_references(campaign)
    campaign.refresh_from_db()
    return campaign


@pytest.fixture
def organisation(campaign):
    return campaign.organisation


def _person(username, full_name, unit, *roles, position="Chuyên viên", gender="male"):
    user = UserFactory(username=username, first_name=full_name.split()[-1], last_name=full_name.split()[0])
    StaffFactory(full_name=full_name, unit=unit, user=user, position=position, gender=gender, email=user.email)
    assign_roles(user, *roles)
    return user


@pytest.fixture
def office_unit(organisation):
    return UnitFactory(code="VP", name="Văn phòng Sở")


@pytest.fixture
def unit_a(organisation):
    return UnitFactory(code="NCC", name="Phòng Người có công")


@pytest.fixture
def unit_b(organisation):
    return UnitFactory(code="TTDVVL", name="Trung tâm Dịch vụ việc làm", kind="attached")


@pytest.fixture
def clerk(office_unit):
    return _person("clerk", "Trần Thị Thu Hà", office_unit, Role.OFFICE, Role.STAFF, gender="female")


@pytest.fixture
def head_a(unit_a):
    return _person("head_a", "Lê Văn Minh", unit_a, Role.UNIT_HEAD, Role.STAFF, position="Trưởng phòng")


@pytest.fixture
def head_b(unit_b):
    return _person("head_b", "Nguyễn Thị Hồng Nhung", unit_b, Role.UNIT_HEAD, Role.STAFF, position="Giám đốc Trung tâm", gender="female")


@pytest.fixture
def director(office_unit):
    return _person("director", "Hà Anh Quang", office_unit, Role.DIRECTOR, Role.COUNCIL, position="Giám đốc Sở")


@pytest.fixture
def council_member(unit_b):
    return _person("council", "Phạm Quốc Bảo", unit_b, Role.COUNCIL, Role.STAFF, position="Ủy viên Hội đồng")


@pytest.fixture
def staff_user(unit_a):
    return _person("staff", "Võ Thị Mai", unit_a, Role.STAFF, gender="female")


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's synchronous API keeps an event loop running in the main thread for the
    rest of the session, and code that starts its own loop (pyHanko's synchronous calls) must not run after it
    in the same thread. Tests marked `postgres` run only when the suite runs on PostgreSQL
    (DATABASE_URL=postgres://…)."""

    def in_browser(item):
        return "e2e" in item.keywords or "page" in getattr(item, "fixturenames", ())

    items[:] = [i for i in items if not in_browser(i)] + [i for i in items if in_browser(i)]
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run with DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
