"""Numbers that live in the Sở's register: two digits at least, continued from the number the office sets, in
date order, never dated in the future nor before the council meeting; each refusal says why."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from awards.models import Decision, DecisionState, DocumentRegister
from awards.services.approval import approve_decision
from awards.services.council import conclude_meeting
from awards.services.decisions import draft_decision
from awards.services.register import set_next_number
from tests.decisions.conftest import VN, meeting_for, nominate, vote_all
from tests.urls import reverse

pytestmark = pytest.mark.django_db
DEC5 = dt.date(2023, 12, 5)


def _draft(campaign, giay_khen, clerk, held_at=None):
    nominee = nominate(campaign, award_kind=giay_khen)
    meeting = meeting_for(campaign, held_at=held_at)
    vote_all(meeting, [nominee])
    return draft_decision(campaign, award_kind=giay_khen, actor=clerk, meeting=meeting, nominees=[nominee])


def test_numbers_take_a_leading_zero_under_ten(campaign, giay_khen, clerk, director):
    texts = [approve_decision(_draft(campaign, giay_khen, clerk), actor=director, signed_on=DEC5).number_text for _ in range(2)]
    assert texts == ["01/QĐ-SLĐTBXH", "02/QĐ-SLĐTBXH"]


def test_the_register_continues_from_the_number_the_office_sets(campaign, giay_khen, clerk, director, organisation):
    set_next_number(organisation, doc_type="QĐ", year=2023, next_number=37, last_signed_on=dt.date(2023, 12, 4))
    first = approve_decision(_draft(campaign, giay_khen, clerk), actor=director, signed_on=DEC5)
    second = approve_decision(_draft(campaign, giay_khen, clerk), actor=director, signed_on=DEC5)
    assert (first.number_text, second.number_text) == ("37/QĐ-SLĐTBXH", "38/QĐ-SLĐTBXH")
    register = DocumentRegister.objects.get(doc_type="QĐ", year=2023)
    assert (register.last_number, register.last_signed_on) == (38, DEC5)
    with pytest.raises(ValidationError, match="Số tiếp theo phải lớn hơn 38/QĐ-SLĐTBXH, số đã cấp trong ứng dụng"):
        set_next_number(organisation, doc_type="QĐ", year=2023, next_number=38)


def test_office_sets_the_next_number_in_the_admin(client, clerk, campaign, giay_khen, director, organisation):
    client.force_login(clerk)
    response = client.post(reverse("admin:awards_documentregister_add"), {
        "organisation": organisation.pk, "doc_type": "QĐ", "year": 2023, "next_number": 12, "last_signed_on": "2023-12-01",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    register = DocumentRegister.objects.get(doc_type="QĐ", year=2023)
    assert (register.last_number, register.last_signed_on) == (11, dt.date(2023, 12, 1))
    page = client.get(reverse("admin:awards_documentregister_change", args=[register.pk])).content.decode()
    assert 'name="next_number" value="12"' in page
    assert approve_decision(_draft(campaign, giay_khen, clerk), actor=director, signed_on=DEC5).number_text == "12/QĐ-SLĐTBXH"
    response = client.post(reverse("admin:awards_documentregister_change", args=[register.pk]),
                           {"next_number": 5, "last_signed_on": "2023-12-01"})
    assert response.status_code == 200
    assert "Phải lớn hơn 12/QĐ-SLĐTBXH, số đã cấp trong ứng dụng" in response.content.decode()
    assert DocumentRegister.objects.get(pk=register.pk).last_number == 12


def test_signing_date_refusals_say_why_and_change_nothing(campaign, giay_khen, clerk, director, organisation):
    draft = _draft(campaign, giay_khen, clerk, held_at=dt.datetime(2023, 12, 4, 8, 0, tzinfo=VN))
    with pytest.raises(ValidationError) as exc:
        approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 3))
    assert exc.value.messages == [
        "Ngày ký 03/12/2023 trước ngày họp Hội đồng Thi đua - Khen thưởng (04/12/2023) mà văn bản căn cứ vào."]
    with pytest.raises(ValidationError, match=r"Ngày ký 01/01/2999 là ngày trong tương lai \(hôm nay là"):
        approve_decision(draft, actor=director, signed_on=dt.date(2999, 1, 1))
    set_next_number(organisation, doc_type="QĐ", year=2023, next_number=21, last_signed_on=dt.date(2023, 12, 10))
    with pytest.raises(ValidationError) as exc:
        approve_decision(draft, actor=director, signed_on=DEC5)
    assert exc.value.messages == [
        "Ngày ký 05/12/2023 trước ngày của số liền trước trong sổ quyết định năm 2023 (số 20/QĐ-SLĐTBXH ngày "
        "10/12/2023): số văn bản phải theo thứ tự ngày."]
    draft.refresh_from_db()
    assert (draft.state, draft.number, DocumentRegister.objects.get(doc_type="QĐ", year=2023).last_number) == (
        DecisionState.DRAFT, None, 20)
    assert approve_decision(draft, actor=director, signed_on=dt.date(2023, 12, 10)).number_text == "21/QĐ-SLĐTBXH"


def test_a_later_number_is_never_dated_before_the_previous_one(campaign, giay_khen, clerk, director):
    approve_decision(_draft(campaign, giay_khen, clerk), actor=director, signed_on=dt.date(2023, 12, 8))
    late = _draft(campaign, giay_khen, clerk)
    with pytest.raises(ValidationError, match=r"Ngày ký 05/12/2023 trước ngày của số liền trước .* \(số 01/QĐ-SLĐTBXH ngày 08/12/2023\)"):
        approve_decision(late, actor=director, signed_on=DEC5)
    # The next year's register starts again at 01.
    assert approve_decision(late, actor=director, signed_on=dt.date(2024, 1, 3)).number_text == "01/QĐ-SLĐTBXH"
    assert Decision.objects.filter(number_year=2024).count() == 1


def test_minutes_take_their_number_from_their_own_register(campaign, organisation):
    set_next_number(organisation, doc_type="BB", year=2023, next_number=7)
    meeting = meeting_for(campaign)
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất danh sách.")
    conclude_meeting(meeting, conclusion="Hội đồng thống nhất danh sách (sửa câu chữ).")  # keeps its number
    meeting.refresh_from_db()
    assert (meeting.number, meeting.number_year, meeting.number_text) == (7, 2023, "07/BB-SLĐTBXH")
