"""The audit trail of one object as people read it: the row history (campaigns.audit.history_entries) merged
with the state transitions (StateChange, awards.services.transitions), newest first. A transition and the
history row its save produced become one entry (the history row's other changed fields, the transition's actor
and reason). A fixed number of queries, however long the history.

Pairing: a transition and a history row are the same save when the history row changed the state field from
the transition's `from_state` to its `to_state` within _SAME_SAVE of it. (An explicit link, the history row's id
stored on StateChange, would need set_state to know the history row each save writes; not done yet.)"""

import datetime as dt

from awards.services.transitions import transitions_list
from campaigns.audit import TRANSITION, AuditEntry, Change, history_entries

# A transition and the history row written by the same save are at most this far apart.
_SAME_SAVE = dt.timedelta(seconds=5)

__all__ = ["AuditEntry", "Change", "history_for"]


def _state_label(model, state_field, value):
    try:
        f = model._meta.get_field(state_field)
    except Exception:
        return value or "—"
    return str(dict(f.flatchoices).get(value, value or "—")) if value else "—"


def history_for(obj, *, state_field="state"):
    """Every recorded change of `obj`, newest first (a list of AuditEntry)."""
    model = type(obj)
    entries = history_entries(obj)
    transitions = sorted(transitions_list(obj), key=lambda t: (t.at, t.pk))
    try:
        state_name = str(model._meta.get_field(state_field).verbose_name)
    except Exception:
        state_name = "trạng thái"

    used = set()
    for t in transitions:
        match = None
        for i, e in enumerate(entries):
            if i in used or e.is_transition:
                continue
            raw = getattr(e, "_raw", {})
            if state_field in raw and raw[state_field] == (t.from_state, t.to_state) and abs(e.at - t.at) <= _SAME_SAVE:
                match = i
                break
        if match is not None:
            used.add(match)
            e = entries[match]
            e.is_transition, e.action = True, TRANSITION
            e.actor = t.actor or e.actor
            e.reason = t.reason or e.reason
            # The state first: it is what the transition is about.
            e.changes.sort(key=lambda c: c.field != state_name)
        else:
            entries.append(AuditEntry(
                at=t.at, actor=t.actor, action=TRANSITION, reason=t.reason, is_transition=True,
                changes=[Change(state_name, _state_label(model, state_field, t.from_state),
                                _state_label(model, state_field, t.to_state))],
            ))
    for e in entries:
        e.__dict__.pop("_raw", None)
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
