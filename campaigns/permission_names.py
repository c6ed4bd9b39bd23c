"""Permissions in Vietnamese. Django stores each model's permission names in English ("Can add log entry"), and the
admin shows them as stored; after every migrate they are renamed "Thêm / Sửa / Xóa / Xem <tên mục>" from the
model's Vietnamese name. Permissions a model declares itself (e.g. approve_decision) keep their own name."""

from django.utils import translation

ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}


def vietnamese_name(codename: str, model) -> str | None:
    action, _, model_name = codename.partition("_")
    if action not in ACTIONS or model is None or model_name != model._meta.model_name:
        return None
    return f"{ACTIONS[action]} {model._meta.verbose_name}"[:255]


def rename_permissions(**kwargs):
    from django.contrib.auth.models import Permission  # noqa: PLC0415 — a model: the app registry must be ready

    with translation.override("vi"):
        _rename(Permission)


def _rename(Permission):
    changed = []
    for perm in Permission.objects.select_related("content_type"):
        name = vietnamese_name(perm.codename, perm.content_type.model_class())
        if name and perm.name != name:
            perm.name = name
            changed.append(perm)
    Permission.objects.bulk_update(changed, ["name"])
