"""Makes valid rows of any registered model, for tests that walk every admin page.

Fields are filled from their type; models whose rows need more than that (one of two subjects, matching
targets) get explicit values below. A new model usually needs nothing here."""

import datetime as dt
import itertools
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from campaigns.models import Campaign, Organisation
from tests.factories import StaffFactory, UnitFactory

_seq = itertools.count(1)


def _overrides(model, n):
    label = model._meta.label

    if label in {"campaigns.AnnualRating", "campaigns.Initiative", "campaigns.DisciplineRecord", "awards.PastAward"}:
        return {"staff": StaffFactory(), "unit": None, "year": 2000 + n}
    if label == "awards.Nominee":
        staff = StaffFactory()
        return {"target": "individual", "staff": staff, "unit": staff.unit}
    if label == "awards.Registration":
        staff = StaffFactory()
        return {"target": "individual", "staff": staff, "unit": staff.unit}
    if label == "awards.StateChange":
        user = make_one(get_user_model())
        return {"content_type": ContentType.objects.get_for_model(get_user_model()), "object_id": user.pk, "actor": user}
    if label == "awards.Document":
        return {"kind": "unit_plan", "dossier": None, "nominee": None, "unit": UnitFactory()}
    if label == "campaigns.Unit":
        return {"parent": None}
    if label == "auth.Group":
        return {}
    return {}


def _value(field, n):
    if field.choices:
        return field.choices[0][0] if field.choices[0][0] != "" else field.choices[-1][0]
    if isinstance(field, models.EmailField):
        return f"row{n}@example.vn"
    if isinstance(field, (models.SlugField,)):
        return f"row-{n}"
    if isinstance(field, (models.CharField, models.TextField)):
        return f"Giá trị {n}"[: field.max_length or 100]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal("1")
    if isinstance(field, (models.IntegerField, models.PositiveIntegerField, models.PositiveSmallIntegerField)):
        return 2000 + n
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2023, 1, 1) + dt.timedelta(days=n)
    if isinstance(field, models.FileField):
        return ContentFile(b"%PDF-1.4 test", name=f"row{n}.pdf")
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    raise NotImplementedError(f"{field.model._meta.label}.{field.name}")


def make_one(model):
    if model is get_user_model():
        n = next(_seq)
        return model.objects.create_user(username=f"row_user_{n}", password="x")
    n = next(_seq)
    values = _overrides(model, n)
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in values or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if field.is_relation:
            if field.null:
                continue
            if field.related_model is model:
                continue
            values[field.name] = _existing_or_new(field.related_model)
            continue
        if field.has_default() or field.null or field.blank and not isinstance(field, models.FileField):
            continue
        values[field.name] = _value(field, n)
    return model.objects.create(**values)


def _existing_or_new(model):

    if model in (Organisation, Campaign):
        existing = model.objects.order_by("id").first()
        if existing:
            return existing
    return make_one(model)


def make_rows(model, count):
    return [make_one(model) for _ in range(count)]
