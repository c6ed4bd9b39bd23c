"""Dates and moments as pages write them (campaigns.formatting.date_as, the `vn_date` filter): what Django's
`|date` writes for the same letters, moments in Vietnam's time."""

import datetime as dt

import pytest
from django.template import Context, Template

from campaigns.formatting import date_as

MOMENT = dt.datetime(2023, 12, 4, 19, 5, 9, tzinfo=dt.UTC)  # 02:05 on the 5th in Hà Nội


@pytest.mark.parametrize("pattern, text", [
    ("d/m/Y", "05/12/2023"), ("d/m/Y H:i", "05/12/2023 02:05"), ("H:i d/m/Y", "02:05 05/12/2023"),
    ("H:i", "02:05"), ("d/m/Y H:i:s", "05/12/2023 02:05:09"),
])
def test_moments_are_written_in_local_time_like_django_date(pattern, text):
    assert date_as(MOMENT, pattern) == text
    assert date_as(MOMENT, pattern) == Template(f'{{{{ m|date:"{pattern}" }}}}').render(Context({"m": MOMENT}))


def test_dates_nothing_and_the_filter():
    assert date_as(dt.date(2024, 2, 9)) == "09/02/2024"
    assert [date_as(None), date_as("")] == ["", ""]
    html = Template('{% load dates %}{{ m|vn_date:"d/m/Y H:i" }}|{{ d|vn_date }}|{{ none|vn_date|default:"—" }}').render(
        Context({"m": MOMENT, "d": dt.date(2023, 7, 15), "none": None}))
    assert html == "05/12/2023 02:05|15/07/2023|—"


def test_letters_that_need_a_locale_are_refused():
    with pytest.raises(ValueError, match="F"):
        date_as(MOMENT, "d F Y")
