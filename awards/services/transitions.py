"""The one place that changes an object's state: it checks the move is allowed, saves only the state
(and the fields given), and leaves a StateChange row with who, when, from, to and why."""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import router

from awards.models import StateChange
from campaigns import scope
from campaigns.compiled import Compiled
from campaigns.models import Campaign


class TransitionError(ValidationError):
    """A state change that is not allowed now; its message is shown to the user as it is (Vietnamese)."""


def set_state(obj, *, to_state, allowed_from, actor, reason="", update_fields=(), state_field="state"):
    """Move `obj` to `to_state` from one of `allowed_from`, record it, and return the StateChange. Nothing of a
    closed campaign moves (campaigns.scope.ensure_open).

    The caller holds the transaction (and the row lock where races matter)."""
    if not isinstance(obj, Campaign):
        scope.ensure_open(_campaign_of(obj))
    from_state = getattr(obj, state_field)
    if from_state not in allowed_from:
        raise TransitionError(
            f"Không thể chuyển từ trạng thái «{_label(obj, state_field, from_state)}» sang «{_label(obj, state_field, to_state)}»."
        )
    setattr(obj, state_field, to_state)
    obj.save(update_fields=[state_field, *update_fields, *(["updated_at"] if hasattr(obj, "updated_at") else [])])
    return StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, from_state=from_state,
        to_state=to_state, actor=actor if actor and actor.is_authenticated else None, reason=reason,
    )


def _campaign_of(obj):
    """The campaign an object belongs to (a dossier's, a decision's, a meeting's), or None."""
    if getattr(obj, "campaign_id", None):
        return obj.campaign
    dossier = getattr(obj, "dossier", None)
    return dossier.campaign if dossier is not None else None


def transitions_of(obj):
    """The state changes of one object, newest first, with their actors."""
    return _transitions(ContentType.objects.get_for_model(obj).pk, obj.pk)


def _transitions(content_type, pk):
    return StateChange.objects.filter(content_type_id=content_type, object_id=pk).select_related("actor__staff")


@lru_cache(maxsize=4)
def _compiled_transitions(alias):
    return Compiled(lambda content_type, pk: _transitions(content_type, pk).using(alias), "content_type", "pk")


def transitions_list(obj) -> list:
    """`transitions_of(obj)` read, its SQL compiled once per process (the audit trail of every object's page)."""
    if not isinstance(obj.pk, int):
        return list(transitions_of(obj))
    content_type = ContentType.objects.get_for_model(obj)
    return _compiled_transitions(router.db_for_read(StateChange)).objects(content_type=content_type.pk, pk=obj.pk)


def _label(obj, field, value):
    choices = dict(obj._meta.get_field(field).choices or [])
    return choices.get(value, value)
