"""The audit trail of one object, as people read it: who, when, what changed (before → after) and, for a state
change, why.

Two sources, chosen for what each does best:
- django-simple-history keeps a full copy of the row on every create, update and delete (`obj.history`), with
  the user (HistoryRequestMiddleware) and an optional reason. It covers every model that declares
  `history = HistoricalRecords()`, including changes made in the admin, by imports and by commands.
- `StateChange` (awards.services.transitions.set_state) is our own table for transitions: who moved the object
  from which state to which, and why, written by the one service function of each verb.

This module reads the first (`history_entries(obj)`); awards.audit.history_for(obj) merges it with the second,
newest first: a transition and the history row its save produced become one entry (the history row's other
changed fields, the transition's actor and reason). Neither source can be edited or deleted in the admin."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.db import models, router
from django.utils import formats, timezone
from simple_history.utils import get_app_model_primary_key_name

from campaigns.compiled import Compiled
from campaigns.formatting import person_name

ACTIONS = {"+": "Tạo mới", "~": "Cập nhật", "-": "Xóa"}
TRANSITION = "Chuyển trạng thái"


@dataclass
class Change:
    field: str       # the field's Vietnamese name
    before: str
    after: str


@dataclass
class AuditEntry:
    at: dt.datetime
    actor: object | None
    action: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""
    is_transition: bool = False

    @property
    def actor_name(self):
        return person_name(self.actor)


def _skipped(f):
    return f.primary_key or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)


class _Display:
    """Turns stored values into what people read: choice labels, related objects' names, Vietnamese formats."""

    def __init__(self, model):
        self.model = model
        self.related = {}  # field name -> {pk: str}

    def prefetch(self, pairs):
        wanted = {}
        for name, values in pairs.items():
            f = self.model._meta.get_field(name)
            if f.is_relation and f.many_to_one:
                wanted[name] = {v for v in values if v is not None}
        for name, ids in wanted.items():
            f = self.model._meta.get_field(name)
            self.related[name] = {o.pk: str(o) for o in f.related_model._default_manager.filter(pk__in=ids)} if ids else {}

    def __call__(self, name, value):
        f = self.model._meta.get_field(name)
        if value is None or value == "":
            return "—"
        if f.is_relation:
            return self.related.get(name, {}).get(value, f"#{value}")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(f, models.BooleanField):
            return "Có" if value else "Không"
        if isinstance(value, dt.datetime):
            return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
        if isinstance(value, dt.date):
            return formats.date_format(value, "d/m/Y")
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return formats.localize(value, use_l10n=True)
        if isinstance(f, models.FileField):
            return str(value).rsplit("/", 1)[-1]
        return str(value)


def _field_names(model):
    return [f.name for f in model._meta.concrete_fields if not _skipped(f)]


def _attname(model, name):
    return model._meta.get_field(name).attname


def _records_query(history_model, key_name, pk, alias=None):
    return (history_model._default_manager.using(alias).filter(**{key_name: pk})
            .select_related("history_user__staff").order_by("history_date", "history_id"))


@lru_cache(maxsize=32)
def _compiled_records(alias, history_model, key_name):
    return Compiled(lambda pk: _records_query(history_model, key_name, pk, alias), "pk")


def _records(history_model, obj):
    """The history rows of `obj`, oldest first, with who made each: the SQL compiled once per process and model
    (for integer keys)."""
    key_name = get_app_model_primary_key_name(obj)
    if not isinstance(obj.pk, int):
        return list(_records_query(history_model, key_name, obj.pk))
    return _compiled_records(router.db_for_read(history_model), history_model, key_name).objects(pk=obj.pk)


def history_entries(obj):
    """The django-simple-history rows of `obj`, oldest first, as AuditEntry (each with `_raw`: field → (before,
    after) in stored values, for awards.audit to pair a transition with the save that made it)."""
    model = type(obj)
    manager = getattr(obj, "history", None)
    if manager is None or not hasattr(manager, "model"):
        return []
    records = _records(manager.model, obj)
    names = _field_names(model)
    raw = []  # (record, [(name, before, after)])
    prev = None
    for record in records:
        if record.history_type == "-":
            pairs = []
        else:
            pairs = []
            for name in names:
                attr = _attname(model, name)
                after = getattr(record, attr, None)
                before = getattr(prev, attr, None) if prev is not None else None
                if prev is None and record.history_type == "+":
                    if after not in (None, ""):
                        pairs.append((name, None, after))
                elif before != after:
                    pairs.append((name, before, after))
        raw.append((record, pairs))
        prev = record

    display = _Display(model)
    values = {}
    for _, pairs in raw:
        for name, before, after in pairs:
            values.setdefault(name, set()).update({before, after})
    display.prefetch(values)

    entries = []
    for record, pairs in raw:
        entries.append(AuditEntry(
            at=record.history_date, actor=record.history_user, action=ACTIONS.get(record.history_type, record.history_type),
            changes=[Change(str(model._meta.get_field(n).verbose_name), display(n, b), display(n, a)) for n, b, a in pairs],
            reason=record.history_change_reason or "",
        ))
        entries[-1]._raw = {n: (b, a) for n, b, a in pairs}
    return entries
