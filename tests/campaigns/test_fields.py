"""Numbers typed the Vietnamese way (campaigns/fields.py): one pair of fields, used by the page forms and the
admin, tested at their boundaries."""

from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from awards.forms.scoring import IndexComponentForm
from awards.models import BaseSalary
from campaigns.fields import VietnameseDecimalField, VietnameseIntegerField

MONEY_HELP = "Viết số liền (1500000) hoặc có dấu chấm ngăn cách hàng nghìn (1.500.000)."


def money(**kw):
    return VietnameseDecimalField(max_digits=14, decimal_places=0, **kw)


def decimal(**kw):
    return VietnameseDecimalField(max_digits=7, decimal_places=2, **kw)


def errors(field, value):
    with pytest.raises(forms.ValidationError) as exc:
        field.clean(value)
    return exc.value.messages


@pytest.mark.parametrize("typed, value", [
    ("1.500.000", Decimal(1500000)), ("1500000", Decimal(1500000)), ("1.500.000.000", Decimal(1500000000)),
    (" 2.340.000 ", Decimal(2340000)), ("0", Decimal(0)), ("-1.500.000", Decimal(-1500000)),
])
def test_money_accepts_dotted_thousands_and_plain_digits(typed, value):
    assert money().clean(typed) == value


@pytest.mark.parametrize("typed", ["1.5", "1,5", "1.500.000,50", "1500000.5"])
def test_money_refuses_a_fraction_of_a_dong_and_says_how_to_write_it(typed):
    assert errors(money(), typed) == [f"«{typed}» không rõ: số tiền là số nguyên, không có phần lẻ. {MONEY_HELP}"]


@pytest.mark.parametrize("typed", ["1.50.000", "15.00.000", "abc", "1..5", "1.500.00"])
def test_money_refuses_what_is_not_a_number(typed):
    [message] = errors(money(), typed)
    assert message.startswith(f"«{typed}» ") and MONEY_HELP in message


def test_empty_values_are_none_when_optional_and_required_otherwise():
    assert money(required=False).clean("") is None
    assert money(required=False).clean("   ") is None
    assert decimal(required=False).clean("") is None
    assert VietnameseIntegerField(required=False).clean("") is None
    assert errors(money(), "") == ["Trường này là bắt buộc."]


def test_negative_values_are_read_and_refused_where_the_field_has_a_minimum():
    assert decimal().clean("-7,5") == Decimal("-7.5")
    assert VietnameseIntegerField().clean("-12") == -12
    assert errors(money(min_value=0), "-1.500.000") == ["Không nhận số âm: giá trị phải từ 0 trở lên."]


@pytest.mark.parametrize("typed, value", [
    ("7,5", Decimal("7.5")), ("7.5", Decimal("7.5")), ("7", Decimal(7)), ("1.234,5", Decimal("1234.5")),
    ("1234,56", Decimal("1234.56")), ("0,25", Decimal("0.25")), ("-0,5", Decimal("-0.5")),
])
def test_decimals_accept_the_comma_and_the_point(typed, value):
    assert decimal().clean(typed) == value


def test_a_decimal_that_reads_two_ways_is_refused_with_both_readings():
    [message] = errors(decimal(), "1.500")
    assert message.startswith("«1.500» không rõ: là 1,500 hay 1500?") and "7,5" in message


def test_whole_numbers_accept_grouped_thousands_and_refuse_fractions():
    field = VietnameseIntegerField()
    assert (field.clean("1.500"), field.clean("12")) == (1500, 12)
    assert errors(field, "7,5") == [f"«7,5» không rõ: số là số nguyên, không có phần lẻ. {MONEY_HELP}"]


def test_values_are_shown_the_vietnamese_way_and_the_inputs_are_text_boxes():
    assert money().prepare_value(Decimal(1080000)) == "1.080.000"
    assert decimal().prepare_value(Decimal("7.50")) == "7,50"

    class F(forms.Form):
        amount = money()
        score = decimal()

    rendered = str(F(initial={"amount": Decimal(1500000), "score": Decimal("7.5")}))
    assert 'type="text" name="amount" value="1.500.000"' in rendered and 'inputmode="numeric"' in rendered
    assert 'name="score" value="7,5"' in rendered and 'inputmode="decimal"' in rendered


@pytest.mark.django_db
def test_the_page_form_reads_7_comma_5_as_seven_and_a_half(campaign):
    form = IndexComponentForm(data={"index": "par", "component": "Thành phần 1", "score_last": "7", "score": "7,5", "source": "Báo cáo"})
    form.is_valid()
    assert (form.cleaned_data.get("score"), form.cleaned_data.get("score_last")) == (Decimal("7.5"), Decimal(7))


@pytest.mark.django_db
def test_the_admin_uses_the_same_fields_for_money(superuser):
    model_admin = admin.site._registry[BaseSalary]
    request = RequestFactory().get("/")
    request.user = superuser
    form_class = model_admin.get_form(request)
    assert isinstance(form_class.base_fields["amount"], VietnameseDecimalField)
    form = form_class(data={"valid_from": "01/07/2024", "amount": "2.340.000", "legal_ref": "NĐ 73/2024/NĐ-CP"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(2340000)
    form = form_class(data={"valid_from": "01/07/2024", "amount": "2.5", "legal_ref": "NĐ 73/2024/NĐ-CP"})
    assert not form.is_valid() and form.errors["amount"] == [f"«2.5» không rõ: số tiền là số nguyên, không có phần lẻ. {MONEY_HELP}"]
