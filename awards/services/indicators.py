"""A unit's indicator data and index components: checked like the form and the Excel import, saved, and the
results that read them recomputed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from awards.rules import checks_rule
from awards.services.recompute import recompute_results
from campaigns.models import (
    IndexComponentScore,
    IndicatorRecord,
)
from campaigns.validators import indicator_errors

# --------------------------------------------------------------------------------------------- indicator data

@checks_rule("awards.score", system=True)
@transaction.atomic
def save_indicator_record(*, unit, year, values: dict, actor=None) -> IndicatorRecord:
    """Create or update a unit's figures for a year, then recompute the results that read them."""
    errors = indicator_errors(values)
    if errors:
        raise ValidationError(errors)
    record, _ = IndicatorRecord.objects.select_for_update().get_or_create(unit=unit, year=year)
    for name, value in values.items():
        setattr(record, name, value)
    if actor is not None:
        record._history_user = actor
    record.save()
    recompute_results(units=[unit])
    return record


@checks_rule("awards.score", system=True)
@transaction.atomic
def save_index_components(*, unit, year, rows: list[dict], delete_ids=(), actor=None) -> None:
    """Replace/update the index components assigned to a unit for a year, then recompute."""
    seen = set()
    for row in rows:
        if any(row.get(k) not in (None, "") for k in ("score", "score_last")) and not (row.get("source") or "").strip():
            raise ValidationError({"source": "Ghi văn bản là nguồn của điểm chỉ số thành phần."})
        key = (row.get("index"), (row.get("component") or "").strip().lower())
        if key in seen:
            raise ValidationError({"component": f"Chỉ số thành phần «{row.get('component')}» của {row.get('index')} được nhập hai lần."})
        seen.add(key)
    IndexComponentScore.objects.filter(unit=unit, year=year, pk__in=list(delete_ids)).delete()
    for row in rows:
        row = dict(row)
        pk = row.pop("id", None)
        if pk:
            # One save per row (not a queryset update) so that the audit trail records who changed what.
            record = IndexComponentScore.objects.filter(pk=pk, unit=unit, year=year).first()
            if record is None:
                continue
            for name, value in row.items():
                setattr(record, name, value)
            if actor is not None:
                record._history_user = actor
            record.save()
        else:
            IndexComponentScore.objects.update_or_create(
                unit=unit, year=year, index=row.pop("index"), component=row.pop("component"), defaults=row,
            )
    IndicatorRecord.objects.get_or_create(unit=unit, year=year)
    recompute_results(units=[unit])
