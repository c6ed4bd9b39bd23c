"""Numbers as Vietnamese clerks type them, in one pair of form fields used by every form and by the admin.

- Whole numbers, money and counts (`VietnameseIntegerField`, and `VietnameseDecimalField` with no decimal
  places): "1.500.000" (dots between groups of three digits) or plain digits "1500000".
- Decimals (`VietnameseDecimalField` with decimal places): "7,5" (the Vietnamese way) and "7.5", and
  "1.234,5" with thousands.
- A value that could be read two ways is refused with a message that says how to write it: "1.5" or "1,5" in a
  money field (no part of a đồng), "1.500" in a decimal field (one and a half, or one thousand five hundred?).

The inputs are text boxes (`inputmode` numeric or decimal): a browser's number box would refuse "1.500.000" or
silently read "7,5" as 75. `vietnamese_formfield` gives model forms these fields (Meta.formfield_callback), and
`install_admin_defaults()` (called once by the admin's app config) makes them the admin's fields for every
integer and decimal column."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from campaigns import formatting

GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.500.000
PLAIN = re.compile(r"^\d+$")
MONEY_HELP = "Viết số liền (1500000) hoặc có dấu chấm ngăn cách hàng nghìn (1.500.000)."


def _sign(text: str) -> tuple[int, str]:
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text.startswith("-"):
        return -1, text[1:]
    if text.startswith("+"):
        return 1, text[1:]
    return 1, text


def parse_whole(value, *, what: str = "Số") -> int:
    """ "1.500.000" or "1500000" → 1500000; anything with a fraction or an unclear separator is refused."""
    sign, text = _sign(str(value))
    if PLAIN.match(text):
        return sign * int(text)
    if GROUPED.match(text):
        return sign * int(text.replace(".", ""))
    if re.match(r"^\d+([.,]\d+)+$", text):
        raise ValidationError(
            f"«{value}» không rõ: {what.lower()} là số nguyên, không có phần lẻ. {MONEY_HELP}", code="ambiguous",
        )
    raise ValidationError(f"«{value}» không phải là số. {MONEY_HELP}", code="invalid")


def parse_decimal(value) -> Decimal:
    """ "7,5", "7.5", "1.234,5", "1234,5", "1.234.567" → Decimal. "1.500" (one dot, three digits after it) is refused:
    it may mean 1,5 or 1500."""
    sign, text = _sign(str(value))
    help_text = "Dùng dấu phẩy cho phần thập phân (7,5) và dấu chấm ngăn cách hàng nghìn (1.234,5), hoặc viết liền (1500)."
    if PLAIN.match(text):
        number = text
    elif re.match(r"^\d+,\d+$", text):                     # 7,5
        number = text.replace(",", ".")
    elif re.match(r"^\d{1,3}(\.\d{3})+,\d+$", text):       # 1.234,5
        number = text.replace(".", "").replace(",", ".")
    elif re.match(r"^\d{1,3}(\.\d{3}){2,}$", text):        # 1.234.567
        number = text.replace(".", "")
    elif re.match(r"^\d+\.\d{3}$", text):                  # 1.500: 1,5 or 1500?
        raise ValidationError(f"«{value}» không rõ: là {text.replace('.', ',')} hay {text.replace('.', '')}? {help_text}", code="ambiguous")
    elif re.match(r"^\d+\.\d+$", text):                    # 7.5
        number = text
    else:
        raise ValidationError(f"«{value}» không phải là số. {help_text}", code="invalid")
    try:
        return sign * Decimal(number)
    except InvalidOperation:
        raise ValidationError(f"«{value}» không phải là số. {help_text}", code="invalid") from None


def format_whole(value) -> str:
    return f"{int(value):,}".replace(",", ".")


def format_decimal(value) -> str:
    value = Decimal(value)
    whole, _, fraction = f"{value:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    text = sign + format_whole(abs(int(whole)))
    return f"{text},{fraction}" if fraction else text


class VietnameseIntegerField(forms.IntegerField):
    """Whole numbers and counts: "1.500.000" or "1500000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    what = "Số"

    def __init__(self, *args, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(*args, **kwargs)
        _vietnamese_limits(self)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        return parse_whole(value, what=self.what)

    def widget_attrs(self, widget):
        return {"inputmode": "numeric"} if isinstance(widget, forms.TextInput) else super().widget_attrs(widget)

    def prepare_value(self, value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return format_whole(value)
        return value


class VietnameseDecimalField(forms.DecimalField):
    """Decimals ("7,5", "7.5", "1.234,5"); with no decimal places, money ("1.500.000", "1500000", never "1.5")."""

    widget = forms.TextInput(attrs={"autocomplete": "off"})

    def __init__(self, *args, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(*args, **kwargs)
        _vietnamese_limits(self)

    @property
    def whole(self):
        return self.decimal_places == 0

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int):
            return Decimal(value)
        if self.whole:
            return Decimal(parse_whole(value, what="Số tiền"))
        return parse_decimal(value)

    def widget_attrs(self, widget):
        if isinstance(widget, forms.TextInput):
            return {"inputmode": "numeric" if self.whole else "decimal"}
        return super().widget_attrs(widget)

    def prepare_value(self, value):
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return format_whole(value) if self.whole else format_decimal(value)
        return value


def _vietnamese_limits(field):
    """Clear Vietnamese messages for the minimum and maximum (Django's own read "lớn hơn hoặc bằng với 0 .")."""
    for validator in field.validators:
        if isinstance(validator, MinValueValidator):
            validator.message = "Không nhận số âm: giá trị phải từ 0 trở lên." if validator.limit_value == 0 \
                else "Giá trị phải từ %(limit_value)s trở lên."
        elif isinstance(validator, MaxValueValidator):
            validator.message = "Giá trị không được lớn hơn %(limit_value)s."


def vietnamese_formfield(db_field, **kwargs):
    """Meta.formfield_callback of model forms: integer and decimal columns get the Vietnamese fields."""
    if isinstance(db_field, models.DecimalField):
        kwargs.setdefault("form_class", VietnameseDecimalField)
    elif isinstance(db_field, models.IntegerField) and not isinstance(db_field, (models.AutoField,)):
        kwargs.setdefault("form_class", VietnameseIntegerField)
    return db_field.formfield(**kwargs)


def install_admin_defaults():
    """Every admin form (model admins and inlines alike) uses the Vietnamese fields for numbers."""
    from django.contrib.admin import options  # noqa: PLC0415 — the admin is loaded only once the app registry is

    text = {"class": "vTextField vNumberField"}
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.IntegerField] = {
        "form_class": VietnameseIntegerField, "widget": forms.TextInput(attrs=text)}
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.BigIntegerField] = {
        "form_class": VietnameseIntegerField, "widget": forms.TextInput(attrs=text)}
    options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DecimalField] = {
        "form_class": VietnameseDecimalField, "widget": forms.TextInput(attrs=text)}


def install_admin_money_display():
    """The admin shows money as money: a whole-đồng decimal column (amounts, salaries, capital) reads 1.080.000
    in lists and read-only fields, never 1080000. Dates and moments are written by campaigns.formatting.date,
    as Django would write them with the project's formats (05/12/2023, 14:30 05/12/2023) but without its
    per-call format lookups (two date columns of a 50-row list cost a tenth of the page)."""
    from django.contrib.admin import helpers, utils  # noqa: PLC0415 — the admin is loaded only once the app registry is
    from django.contrib.admin.templatetags import admin_list  # noqa: PLC0415 — idem

    original = utils.display_for_field
    if getattr(original, "vietnamese", False):
        return

    def display_for_field(value, field, empty_value_display, *args, **kwargs):
        if isinstance(field, models.DecimalField) and field.decimal_places == 0 and isinstance(value, (int, Decimal)):
            return format_whole(value)
        if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
            return format_decimal(value)
        if isinstance(field, models.DateField) and not field.choices:
            if isinstance(value, dt.datetime) and timezone.is_aware(value):
                return formatting.date(value)
            if type(value) is dt.date:
                return formatting.date(value)
        return original(value, field, empty_value_display, *args, **kwargs)

    display_for_field.vietnamese = True
    for module in (utils, helpers, admin_list):
        module.display_for_field = display_for_field
