"""The demo organisation ships as an .xlsx built from the import template, so a new user can try an import."""

import pytest

from awards.demo.organisation import seed_organisation
from campaigns.excel.importers import import_org
from campaigns.excel.template_files import export_org
from campaigns.models import Staff, Unit
from campaigns.views.excel import DEMO_FILE
from tests.excel.conftest import read_back

pytestmark = pytest.mark.django_db

REGENERATE = "python manage.py seed_demo && python manage.py export_xlsx org --out campaigns/demo_data/to-chuc-mau.xlsx"


def test_the_demo_file_is_the_demo_organisation_in_the_template_layout(campaign):
    seed_organisation()
    assert read_back(DEMO_FILE) == read_back(export_org()), f"Tệp mẫu đã cũ; tạo lại bằng: {REGENERATE}"


def test_a_new_user_imports_the_demo_file_into_an_empty_organisation(campaign):
    with open(DEMO_FILE, "rb") as fh:
        report = import_org(fh)
    assert report.errors == [] and report.notices == []
    assert Unit.objects.count() == 11 and Staff.objects.count() == 72
    assert report.counts == {"created": 83, "changed": 0, "unchanged": 0}
    with open(DEMO_FILE, "rb") as fh:
        assert import_org(fh).counts == {"created": 0, "changed": 0, "unchanged": 83}
