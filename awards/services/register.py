"""The Department's registers of numbers (sổ đăng ký văn bản): one per organisation, document kind and year.

The office aligns a register with the real book kept by the văn thư (`set_next_number`: the next free number and
the date of the last number issued outside the application); from there every number is taken under a row lock
(`take_number`), so numbers stay unique and gapless under concurrent approvals, and a document is never dated
before the previous number of its register. Numbers are shown with at least two digits: 01/QĐ-SLĐTBXH."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from awards.models import CouncilMeeting, Decision, DocumentRegister, DocumentType


def number_text(number: int, doc_type: str, abbreviation: str) -> str:
    """12 → "12/QĐ-SLĐTBXH"; 1 → "01/QĐ-SLĐTBXH"."""
    return f"{number:02d}/{doc_type}-{abbreviation}"


def _register(organisation, doc_type: str, year: int) -> DocumentRegister:
    """The register's row, locked until the end of the caller's transaction (created at 0 if missing)."""
    lookup = {"organisation": organisation, "doc_type": doc_type, "year": year}
    register = DocumentRegister.objects.select_for_update().filter(**lookup).first()
    if register is None:
        try:
            with transaction.atomic():
                DocumentRegister.objects.create(**lookup, last_number=0)
        except IntegrityError:
            pass  # another approval created it first; its row is locked below
        register = DocumentRegister.objects.select_for_update().get(**lookup)
    return register


def check_signing_date(day: dt.date, *, rests_on: dt.date | None = None, rests_on_what: str = "",
                       today: dt.date | None = None) -> list[str]:
    """The refusals that do not need the register: a date in the future, or before what the document rests on."""
    today = today or timezone.localdate()
    errors = []
    if day > today:
        errors.append(f"Ngày ký {day:%d/%m/%Y} là ngày trong tương lai (hôm nay là {today:%d/%m/%Y}): không ký trước được.")
    if rests_on is not None and day < rests_on:
        errors.append(f"Ngày ký {day:%d/%m/%Y} trước ngày {rests_on_what} ({rests_on:%d/%m/%Y}) mà văn bản căn cứ vào.")
    return errors


def take_number(organisation, doc_type: str, day: dt.date) -> tuple[int, str]:
    """The next number of the register of `doc_type` for the year of `day`, and its text. Must run inside the
    caller's transaction (a failure after it rolls the number back). Refuses a date before the previous number's."""
    register = _register(organisation, doc_type, day.year)
    if register.last_signed_on and day < register.last_signed_on:
        previous = number_text(register.last_number, doc_type, organisation.abbreviation)
        raise ValidationError(
            f"Ngày ký {day:%d/%m/%Y} trước ngày của số liền trước trong sổ {DocumentType(doc_type).label.lower()} "
            f"năm {day.year} (số {previous} ngày {register.last_signed_on:%d/%m/%Y}): số văn bản phải theo thứ tự ngày."
        )
    register.last_number += 1
    register.last_signed_on = day
    register.save(update_fields=["last_number", "last_signed_on"])
    return register.last_number, number_text(register.last_number, doc_type, organisation.abbreviation)


def highest_issued(organisation, doc_type: str, year: int) -> int:
    """The highest number the application has issued in that register (0 if none)."""
    if doc_type == DocumentType.MINUTES:
        qs = CouncilMeeting.objects.filter(campaign__organisation=organisation, number_year=year)
    else:
        qs = Decision.objects.filter(campaign__organisation=organisation, doc_type=doc_type, number_year=year)
    return qs.aggregate(m=Max("number"))["m"] or 0


@transaction.atomic
def set_next_number(organisation, *, doc_type: str, year: int, next_number: int,
                    last_signed_on: dt.date | None = None) -> DocumentRegister:
    """The office continues the real book: the next number the application gives in this register. It may not go
    back to or below a number the application has already issued (numbers stay unique)."""
    if next_number is None or next_number < 1:
        raise ValidationError("Số tiếp theo phải là số nguyên dương.")
    issued = highest_issued(organisation, doc_type, year)
    if next_number <= issued:
        raise ValidationError(
            f"Số tiếp theo phải lớn hơn {number_text(issued, doc_type, organisation.abbreviation)}, "
            "số đã cấp trong ứng dụng: mỗi số chỉ cấp một lần."
        )
    if last_signed_on is not None and last_signed_on.year != year:
        raise ValidationError(f"Ngày của số cuối phải thuộc năm {year} của sổ.")
    register = _register(organisation, doc_type, year)
    register.last_number = next_number - 1
    register.last_signed_on = last_signed_on or register.last_signed_on
    register.save(update_fields=["last_number", "last_signed_on"])
    return register
