"""Staff look up their own records (ratings, initiatives, discipline, nominations, awards), and nobody else's."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import AnnualRating, DisciplineRecord, Initiative
from tests.urls import reverse

pytestmark = pytest.mark.django_db


def _records(w, staff, n, *, prefix):
    for i in range(n):
        AnnualRating.objects.create(staff=staff, year=2023 - i, rating="HTXSNV", source=f"{prefix} xếp loại {2023 - i}")
        Initiative.objects.create(staff=staff, year=2023 - i, title=f"{prefix} sáng kiến {i}", decision_ref=f"{i}/QĐ-HĐSK")
        DisciplineRecord.objects.create(staff=staff, year=2020 - i, form=f"{prefix} khiển trách {i}",
                                        decided_on=dt.date(2020 - i, 3, 5))


def test_staff_see_their_own_records_and_nothing_of_a_colleague(client, world):
    w = world
    _records(w, w.staff.staff, 1, prefix="Của tôi")
    _records(w, w.head_a.staff, 1, prefix="Của trưởng phòng")  # same unit: must not show
    _records(w, w.staff_b, 1, prefix="Của đơn vị khác")
    client.force_login(w.staff)
    response = client.get(reverse("records:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    records = response.context["records"]
    assert records.staff == w.staff.staff
    assert [r.source for r in records.ratings] == ["Của tôi xếp loại 2023"]
    assert [i.title for i in records.initiatives] == ["Của tôi sáng kiến 0"]
    assert [d.form for d in records.discipline] == ["Của tôi khiển trách 0"]
    assert records.nominations == [w.nominee_a]
    assert records.awards == [w.line_a]
    for text in ("Võ Thị Mai", "Phòng Người có công", "Hoàn thành xuất sắc nhiệm vụ", "Của tôi sáng kiến 0",
                 "Của tôi khiển trách 0", "05/03/2020", "12/QĐ-SLĐTBXH", "05/12/2023", "540.000", "Đã tiếp nhận"):
        assert text in page, text
    for text in ("Của trưởng phòng", "Của đơn vị khác", "Đặng Văn Hải", "BBBB2222"):
        assert text not in page, text


def test_an_award_shows_only_once_its_decision_is_approved(client, world):
    w = world
    w.decision.state = "draft"
    w.decision.save()
    client.force_login(w.staff)
    response = client.get(reverse("records:mine"))
    assert response.context["records"].awards == []
    assert "Chưa có khen thưởng nào." in response.content.decode()


def test_an_account_without_a_staff_record_is_told_so(client, world):
    client.force_login(world.superuser)
    response = client.get(reverse("records:mine"))
    assert response.status_code == 200
    assert "chưa được gắn với cán bộ nào" in response.content.decode()


def test_the_records_page_takes_the_same_number_of_queries_for_1_and_3_rows(client, world):
    w = world
    client.force_login(w.staff)
    _records(w, w.staff.staff, 1, prefix="A")
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("records:mine")).status_code == 200
    AnnualRating.objects.filter(staff=w.staff.staff).delete()
    Initiative.objects.filter(staff=w.staff.staff).delete()
    DisciplineRecord.objects.filter(staff=w.staff.staff).delete()
    _records(w, w.staff.staff, 3, prefix="B")
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("records:mine"))
    assert len(response.context["records"].ratings) == 3
    assert len(three) == len(one), [q["sql"] for q in three.captured_queries]


def test_the_menu_links_to_the_records_page(client, world):
    client.force_login(world.staff)
    page = client.get(reverse("records:mine")).content.decode()
    assert f'href="{reverse("records:mine")}"' in page and "Hồ sơ cá nhân" in page
