"""How documents write dates and amounts (Nghị định 30/2020): leading zero for days under 10 and months 1–2."""

import datetime as dt
from decimal import Decimal

import pytest

from awards.pdf.formats import day_month_year, place_and_date
from campaigns.formatting import money
from campaigns.formatting import number as percent


@pytest.mark.parametrize("day, text", [
    (dt.date(2023, 12, 5), "ngày 05 tháng 12 năm 2023"),
    (dt.date(2024, 2, 9), "ngày 09 tháng 02 năm 2024"),
    (dt.date(2024, 1, 1), "ngày 01 tháng 01 năm 2024"),
    (dt.date(2023, 7, 15), "ngày 15 tháng 7 năm 2023"),
    (dt.date(2023, 3, 1), "ngày 01 tháng 3 năm 2023"),
    (dt.date(2023, 11, 30), "ngày 30 tháng 11 năm 2023"),
])
def test_dates_are_written_as_nd30_wants(day, text):
    assert day_month_year(day) == text


def test_place_and_date_and_blank_date_of_a_draft():
    assert place_and_date("Ninh Thuận", dt.date(2023, 12, 5)) == "Ninh Thuận, ngày 05 tháng 12 năm 2023"
    assert place_and_date("Ninh Thuận", None, year=2023) == "Ninh Thuận, ngày … tháng … năm …"


def test_amounts_and_percentages():
    assert [money(v) for v in (450000, Decimal("1080000"), 8100000, 0, None)] == ["450.000", "1.080.000", "8.100.000", "0", ""]
    assert [percent(v) for v in (Decimal("57.142"), Decimal("100"), Decimal("50.00"), Decimal("28.575"))] == ["57,14", "100", "50", "28,58"]
