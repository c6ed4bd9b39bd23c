"""The hooks through which an app above campaigns (awards) takes part in what campaigns does.

campaigns keeps the records criteria are decided from (ratings, initiatives, discipline, indicator data, index
components) and the criteria themselves; awards computes results from them. campaigns must never import awards
(docs/architecture.md, enforced by import-linter), so where a change in campaigns must trigger awards behaviour
the dependency is inverted here: campaigns calls the hook, awards registers its listener in AwardsConfig.ready.

- `records_changed(units=…, staff=…)`: records of these units / staff were written (by the Excel importers, the
  admin of records). awards recomputes the automatic results, in the caller's transaction.
- `people_changed(units=…, staff=…)`: units or staff members were written in bulk (the Excel import of the
  organisation), past the models' signals. awards brings what it keeps of their names, genders, units and activity
  (the ranking's keys) in line, in the caller's transaction.
- `weights_lock(campaign)`: may the criterion weights of this campaign still change? awards answers "no" once
  scoring has started (the admin's criterion form asks; the weights page asks awards directly).

The third hook, the export registry of the Excel page, is campaigns.excel.exporters.register.
"""

from collections.abc import Callable

_record_listeners: list[Callable[..., object]] = []
_weight_locks: list[Callable[[object], str]] = []
_people_listeners: list[Callable[..., object]] = []


def on_records_changed(listener: Callable[..., object]) -> Callable[..., object]:
    """Register `listener(*, units, staff)`, called after records changed (usable as a decorator)."""
    if listener not in _record_listeners:
        _record_listeners.append(listener)
    return listener


def records_changed(*, units: list[int] | None = None, staff: list[int] | None = None) -> None:
    """Tell the listeners that records of these unit ids / staff ids changed; both None: any record may have
    changed (a large import), so everything that reads records must be brought in line."""
    for listener in list(_record_listeners):
        listener(units=units, staff=staff)


def on_people_changed(listener: Callable[..., object]) -> Callable[..., object]:
    """Register `listener(*, units, staff)`, called after units / staff were written in bulk."""
    if listener not in _people_listeners:
        _people_listeners.append(listener)
    return listener


def people_changed(*, units: list[int], staff: list[int]) -> None:
    """Tell the listeners that these units and staff members (ids; a staff member's unit before and after a move
    among the units) were created or changed in bulk."""
    for listener in list(_people_listeners):
        listener(units=units, staff=staff)


def on_weights_lock(check: Callable[[object], str]) -> Callable[[object], str]:
    """Register `check(campaign) -> message`: a non-empty message (Vietnamese) locks the campaign's weights."""
    if check not in _weight_locks:
        _weight_locks.append(check)
    return check


def weights_lock(campaign) -> str:
    """Why the criterion weights of `campaign` may no longer change ("" if they may)."""
    for check in _weight_locks:
        message = check(campaign)
        if message:
            return message
    return ""
