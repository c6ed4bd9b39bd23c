"""A unit's indicator data and index components: checked like the form and the Excel import, saved, and the
results that read them recomputed."""

from __future__ import annotations


from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.models import (
    IndexComponentScore, IndicatorRecord,
)
from awards.services.recompute import recompute_results

# --------------------------------------------------------------------------------------------- indicator data

INDICATOR_GROUPS = [
    ("Giải ngân vốn đầu tư công", ["capital_allocated", "capital_disbursed"], "capital_source"),
    ("Dịch vụ công trực tuyến", ["online_dossiers", "total_dossiers", "online_target_percent"], "online_source"),
    ("Hồ sơ TTHC trễ hẹn, tồn đọng", ["late_dossiers", "backlog_dossiers"], "late_source"),
    ("Kiểm tra CCHC", ["inspection_result"], "inspection_source"),
    ("DDCI", ["ddci_score", "ddci_score_last", "ddci_rank", "ddci_rank_last"], "ddci_source"),
]


def indicator_errors(values: dict) -> dict:
    """Checks shared by the form and the Excel import: {field: Vietnamese message}."""
    errors = {}

    def filled(name):
        return values.get(name) not in (None, "")

    allocated, disbursed = values.get("capital_allocated"), values.get("capital_disbursed")
    if filled("capital_disbursed") and not filled("capital_allocated"):
        errors["capital_allocated"] = "Nhập vốn được giao trước khi nhập vốn đã giải ngân (nhập 0 nếu không được giao vốn)."
    if filled("capital_allocated") and filled("capital_disbursed") and disbursed > allocated:
        errors["capital_disbursed"] = "Vốn đã giải ngân không được lớn hơn vốn được giao."
    if filled("online_dossiers") and filled("total_dossiers") and values["online_dossiers"] > values["total_dossiers"]:
        errors["online_dossiers"] = "Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ."
    target = values.get("online_target_percent")
    if filled("online_target_percent") and not (0 <= target <= 100):
        errors["online_target_percent"] = "Chỉ tiêu phải từ 0% đến 100%."
    for name in ("capital_allocated", "capital_disbursed"):
        if filled(name) and values[name] < 0:
            errors[name] = "Số tiền không được âm."
    for label, fields, source in INDICATOR_GROUPS:
        if any(filled(f) for f in fields) and not (values.get(source) or "").strip():
            errors[source] = f"Ghi văn bản là nguồn của số liệu «{label}»."
    return errors


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
