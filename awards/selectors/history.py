"""The award history of a person or a unit across years: the awards of decisions signed in this application
(approved Quyết định; a replaced one gives way to its replacement) and the awards of earlier years imported from
the office's records (PastAward). One list, newest year first, read by the history pages, the Excel export and
the eligibility rules that look back over years.

Who may read whose history: the office and the director everyone's; a person their own; a unit head their unit's
and its people's. Anyone else gets 404 (`history_staff_for`, `history_units_for`)."""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.db import router
from django.db.models import Q

from awards.models import DecisionLine, DecisionState, DocumentType, PastAward
from awards.selectors import is_unit_head, sees_everything, user_staff_id, user_unit_id
from campaigns.compiled import Compiled, list_names, list_values
from campaigns.models import Staff, Target, Unit

IN_APP = "Quyết định ký trên hệ thống"
IMPORTED = "Hồ sơ khen thưởng trước đây"


@dataclass(frozen=True)
class HistoryEntry:
    year: int
    award_name: str
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    source: str
    staff_id: int | None = None
    unit_id: int | None = None

    @property
    def decision_text(self):
        date = f" ngày {self.decision_date:%d/%m/%Y}" if self.decision_date else ""
        return f"{self.decision_number}{date}"


# --- who may read -------------------------------------------------------------------------------------------


def history_staff_for(user, qs=None):
    """People whose history `user` may read."""
    qs = Staff.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    cond = Q(pk=user_staff_id(user)) if user_staff_id(user) else Q(pk__in=[])
    if is_unit_head(user):
        cond |= Q(unit_id=user_unit_id(user))
    return qs.filter(cond)


def history_units_for(user, qs=None):
    """Units whose history `user` may read."""
    qs = Unit.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    if sees_everything(user):
        return qs
    if is_unit_head(user):
        return qs.filter(pk=user_unit_id(user))
    return qs.none()


# --- reading ------------------------------------------------------------------------------------------------


def _issuer(organisation_full_name, organisation_name):
    return f"Giám đốc {organisation_full_name or organisation_name}"


def _signed_lines():
    return DecisionLine.objects.filter(decision__state=DecisionState.APPROVED, decision__doc_type=DocumentType.DECISION)


# What an entry needs of a signed line, read as values (no model instances of lines, decisions, campaigns and
# organisations: a nominee's page and the ranking's reasons ask for them).
_LINE_FIELDS = (
    "decision__campaign__year", "decision__award_kind__name", "decision__number_text", "decision__signed_on",
    "decision__campaign__organisation__full_name", "decision__campaign__organisation__name",
    "nominee__staff_id", "nominee__unit_id",
)


_PAST_FIELDS = ("year", "award_name", "decision_number", "decision_date", "issuer", "staff_id", "unit_id")


def _queries(staff_ids=None, unit_ids=None, years=None, *, using=None):
    """The two values_list() querysets `entries` reads: the signed lines (_LINE_FIELDS) and the imported awards
    (_PAST_FIELDS) of these people and units (`None`: all of them), in these years (`None`: every year)."""
    lines = _signed_lines().using(using)
    past = PastAward.objects.using(using)
    cond_lines, cond_past = Q(pk__in=[]), Q(pk__in=[])
    if staff_ids is None and unit_ids is None:
        cond_lines, cond_past = Q(), Q()
    if staff_ids is not None:
        cond_lines |= Q(nominee__staff_id__in=list(staff_ids))
        cond_past |= Q(staff_id__in=list(staff_ids))
    if unit_ids is not None:
        cond_lines |= Q(nominee__staff__isnull=True, target=Target.COLLECTIVE, nominee__unit_id__in=list(unit_ids))
        cond_past |= Q(unit_id__in=list(unit_ids))
    lines = lines.filter(cond_lines)
    past = past.filter(cond_past)
    if years is not None:
        lines = lines.filter(decision__campaign__year__in=list(years))
        past = past.filter(year__in=list(years))
    return lines.values_list(*_LINE_FIELDS), past.values_list(*_PAST_FIELDS)


# A nominee's page and the drafting of one line ask the history of one person or one unit: their two queries are
# compiled once per process for that shape (campaigns.compiled), 1 ms of Django's work a page.
_FEW = 3


@lru_cache(maxsize=16)
def _compiled(alias, n_staff, n_units):
    def build(*ids):
        return _queries(ids[:n_staff], ids[n_staff:], using=alias)

    names = list_names("s", n_staff) + list_names("u", n_units)
    return Compiled(lambda *ids: build(*ids)[0], *names), Compiled(lambda *ids: build(*ids)[1], *names)


def _rows(staff_ids, unit_ids, years):
    """The rows of `_queries`, compiled for a few ids of a shape seen before."""
    if years is None and staff_ids is not None and unit_ids is not None and 0 < len(staff_ids) + len(unit_ids) <= _FEW:
        staff_ids, unit_ids = sorted(staff_ids), sorted(unit_ids)
        lines, past = _compiled(router.db_for_read(DecisionLine), len(staff_ids), len(unit_ids))
        ids = {**list_values("s", staff_ids), **list_values("u", unit_ids)}
        return lines.rows(**ids), past.rows(**ids)
    lines, past = _queries(staff_ids, unit_ids, years)
    return list(lines), list(past)


def entries(*, staff_ids=None, unit_ids=None, years=None) -> list[HistoryEntry]:
    """Every award of these people (staff_ids) and units (unit_ids; their collective awards), newest year first.
    `None` means all of them; `years` limits to those years. Two queries, however many rows."""
    lines, past = _rows(staff_ids, unit_ids, years)
    out = [
        HistoryEntry(
            year=year, award_name=award_name, decision_number=number, decision_date=signed_on,
            issuer=_issuer(full_name, name), source=IN_APP, staff_id=staff_id, unit_id=None if staff_id else unit_id,
        )
        for year, award_name, number, signed_on, full_name, name, staff_id, unit_id in lines
    ]
    out += [
        HistoryEntry(year=year, award_name=award_name, decision_number=number, decision_date=date, issuer=issuer,
                     source=IMPORTED, staff_id=staff_id, unit_id=unit_id)
        for year, award_name, number, date, issuer, staff_id, unit_id in past
    ]
    out.sort(key=lambda e: (-e.year, -(e.decision_date or dt.date.min).toordinal(), e.award_name))
    return out


def person_history(staff) -> list[HistoryEntry]:
    return entries(staff_ids=[staff.pk])


def unit_history(unit) -> list[HistoryEntry]:
    return entries(unit_ids=[unit.pk])


def awards_named(history: list[HistoryEntry]) -> str:
    """"Giấy khen của Giám đốc Sở (2022, 12/QĐ-SLĐTBXH ngày 05/12/2022)", for reasons that name what they used."""
    return "; ".join(f"{e.award_name} ({e.year}, {e.decision_text})" for e in sorted(history, key=lambda e: e.year))


# --- the Excel export ---------------------------------------------------------------------------------------


def export_rows(user):
    """(kind, code, name, unit, entry) for every award `user` may read, people and units."""
    if user is None or sees_everything(user):
        staff_ids = unit_ids = None
        people = {s.pk: s for s in Staff.objects.select_related("unit")}
        units = {u.pk: u for u in Unit.objects.all()}
    else:
        people = {s.pk: s for s in history_staff_for(user).select_related("unit")}
        units = {u.pk: u for u in history_units_for(user)}
        staff_ids, unit_ids = list(people), list(units)
    rows = []
    for e in entries(staff_ids=staff_ids, unit_ids=unit_ids):
        if e.staff_id:
            person = people.get(e.staff_id)
            if person is None:
                continue
            rows.append(("Cá nhân", person.code, person.full_name, person.unit.name, e))
        else:
            unit = units.get(e.unit_id)
            if unit is None:
                continue
            rows.append(("Tập thể", unit.code, unit.name, unit.name, e))
    return rows


# --- eligibility rules that look back over years ------------------------------------------------------------


def history_by_subject(nominees, *, up_to: int) -> dict:
    """{("s", staff_id) | ("u", unit_id): [HistoryEntry]} of these nominees, years up to `up_to` (two queries)."""
    staff_ids = {n.staff_id for n in nominees if n.staff_id}
    unit_ids = {n.unit_id for n in nominees if not n.staff_id}
    out = {}
    for e in entries(staff_ids=staff_ids, unit_ids=unit_ids):
        if e.year <= up_to:
            out.setdefault(("s", e.staff_id) if e.staff_id else ("u", e.unit_id), []).append(e)
    return out


def with_history_note(reason: str, history: list[HistoryEntry], years: list[int], *, year: int) -> str:
    """The reason of a rule over `years` (ending in the campaign's `year`), naming the earlier awards of those
    years found in the award history (the campaign's own year is left to the campaign's own decisions). The
    reason is unchanged when there is none."""
    earlier = [y for y in years if y < year]
    used = [e for e in history if e.year in earlier]
    if not used:
        return reason
    span = f"năm {earlier[0]}" if len(earlier) == 1 else f"các năm {', '.join(str(y) for y in sorted(earlier))}"
    head, arrow, tail = reason.partition(" → ")
    return f"{head}; khen thưởng đã nhận trong {span} (lịch sử khen thưởng): {awards_named(used)}{arrow}{tail}"
