"""Bằng khen of the provincial chairman (Bằng khen UBND tỉnh): who qualifies, from the annual ratings and the
recognised initiatives of the years before the campaign's, and the reason shown for it (with what the award history
says). The ranking asks it of every nominee proposed for that award (`awards.services.ranking.Ranking`)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from django.db import router
from django.db.models import Q

from awards.models import BangKhenRoute
from awards.selectors.history import history_by_subject, with_history_note
from campaigns.compiled import Compiled, list_names, list_values
from campaigns.models import AnnualRating, Initiative, Rating, Target


def _consecutive_years(ratings_by_year: dict, year: int) -> list[int]:
    """The run of HTXSNV years ending in `year`, oldest first."""
    run = []
    y = year
    while ratings_by_year.get(y) == Rating.EXCELLENT:
        run.insert(0, y)
        y -= 1
    return run


CAMPAIGN_ROUTE = (
    "Thành tích xuất sắc được bình xét trong phong trào thi đua năm {year}: đạt các tiêu chí của phong trào, được "
    "Hội đồng Thi đua - Khen thưởng Sở đề nghị → Đủ điều kiện"
)


def _bang_khen(nominee, year, ratings_by_year: dict, initiatives: list) -> tuple[bool, str]:
    if getattr(nominee, "bang_khen_route", "") == BangKhenRoute.CAMPAIGN:
        # The campaign's own criteria (checked by the ranking) and the council's vote (checked by drafting) are
        # the standard of this route.
        return True, CAMPAIGN_ROUTE.format(year=year)
    run = _consecutive_years(ratings_by_year, year)
    years_text = ", ".join(str(y) for y in run)
    if nominee.target == Target.COLLECTIVE:
        if len(run) >= 2:
            return True, f"Tập thể Hoàn thành xuất sắc nhiệm vụ {len(run)} năm liên tục ({years_text}) → Đủ điều kiện"
        return False, _run_shortfall(run, ratings_by_year, year, "Tập thể")
    if len(run) < 2:
        return False, _run_shortfall(run, ratings_by_year, year, "Cá nhân")
    in_run = [i for i in initiatives if run[0] <= i.year <= run[-1]]
    listed = "; ".join(f"«{i.title}» ({i.year}{', ' + i.decision_ref if i.decision_ref else ''})" for i in in_run)
    head = f"Hoàn thành xuất sắc nhiệm vụ {len(run)} năm liên tục ({years_text})"
    if len(in_run) >= 2:
        return True, f"{head}; {len(in_run)} sáng kiến được công nhận trong thời gian này: {listed} → Đủ điều kiện"
    if in_run:
        return False, f"{head} nhưng chỉ có 1 sáng kiến được công nhận trong thời gian này: {listed}; cần 2 sáng kiến → Chưa đủ điều kiện"
    return False, f"{head} nhưng không có sáng kiến được công nhận trong thời gian này; cần 2 sáng kiến → Chưa đủ điều kiện"


def _run_shortfall(run, ratings_by_year, year, who):
    if not run:
        got = ratings_by_year.get(year)
        got_text = Rating(got).label if got else "chưa có xếp loại"
        return f"{who} năm {year}: {got_text}; cần Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục → Chưa đủ điều kiện"
    before = run[0] - 1
    got = ratings_by_year.get(before)
    got_text = Rating(got).label if got else "chưa có xếp loại"
    return (f"{who} chỉ Hoàn thành xuất sắc nhiệm vụ năm {year} (năm {before}: {got_text}); cần 2 năm liên tục "
            "→ Chưa đủ điều kiện")


class _Initiative(NamedTuple):
    staff_id: int
    year: int
    title: str
    decision_ref: str


def _queries(staff_ids, unit_ids, year, *, using=None):
    """The annual ratings (staff_id, unit_id, year, rating) of these people and units, and the initiatives of these
    people (as _Initiative, oldest first), in the years up to `year`; the second is None without people."""
    ratings = (AnnualRating.objects.using(using).filter(Q(staff_id__in=list(staff_ids)) | Q(unit_id__in=list(unit_ids)), year__lte=year)
               .values_list("staff_id", "unit_id", "year", "rating"))
    initiatives = (Initiative.objects.using(using).filter(staff_id__in=list(staff_ids), year__lte=year)
                   .order_by("year", "title", "pk").values_list(*_Initiative._fields)) if staff_ids else None
    return ratings, initiatives


# A nominee's page and the drafting of one line ask of one nominee: its queries are compiled once per process for
# that shape (campaigns.compiled), 1 ms of Django's work a page.
_FEW = 3


@lru_cache(maxsize=16)
def _compiled(alias, n_staff, n_units):
    """The two queries of `_queries` for n_staff people and n_units units, compiled (no initiatives without people)."""
    people, units = list_names("s", n_staff), list_names("u", n_units)

    def ratings(*values):
        return _queries(values[:n_staff], values[n_staff:-1], values[-1], using=alias)[0]

    def initiatives(*values):
        return _queries(values[:-1], [], values[-1], using=alias)[1]

    return Compiled(ratings, *people, *units, "year"), Compiled(initiatives, *people, "year") if n_staff else None


def _rows(staff_ids, unit_ids, year):
    if 0 < len(staff_ids) + len(unit_ids) <= _FEW:
        staff_ids, unit_ids = sorted(staff_ids), sorted(unit_ids)
        ratings, initiatives = _compiled(router.db_for_read(AnnualRating), len(staff_ids), len(unit_ids))
        people = list_values("s", staff_ids)
        return (ratings.rows(**people, **list_values("u", unit_ids), year=year),
                initiatives.rows(**people, year=year) if initiatives else [])
    ratings, initiatives = _queries(staff_ids, unit_ids, year)
    return list(ratings), list(initiatives) if initiatives is not None else []


def _history(nominees, year):
    staff_ids = {n.staff_id for n in nominees if n.staff_id}
    unit_ids = {n.unit_id for n in nominees if not n.staff_id}
    ratings = defaultdict(dict)
    rating_rows, initiative_rows = _rows(staff_ids, unit_ids, year)
    for staff_id, unit_id, rated_year, rating in rating_rows:
        ratings[("s", staff_id) if staff_id else ("u", unit_id)][rated_year] = rating
    initiatives = defaultdict(list)
    for row in initiative_rows:
        initiatives[row[0]].append(_Initiative(*row))
    return ratings, initiatives


def _key(nominee):
    return ("s", nominee.staff_id) if nominee.staff_id else ("u", nominee.unit_id)


def bang_khen_eligibility(nominee, *, year) -> tuple[bool, str]:
    """Bằng khen of the provincial chairman: individuals need HTXSNV for 2 or more consecutive years ending in
    `year` and 2 recognised initiatives in those years; collectives HTXSNV 2 consecutive years. Returns
    (eligible, the reason with the years and the initiatives)."""
    return bang_khen_reasons([nominee], year=year)[nominee.pk]


def bang_khen_reasons(nominees, *, year) -> dict:
    """`bang_khen_eligibility` of many nominees at once, {pk: (eligible, reason)}, in the same few queries whatever
    their number. A nominee needs pk, target, staff_id, unit_id and bang_khen_route (a Nominee, or a RankRow)."""
    ratings, initiatives = _history(nominees, year)
    earlier = history_by_subject(nominees, up_to=year)  # the award history names what it used
    out = {}
    for n in nominees:
        ok, reason = _bang_khen(n, year, ratings[_key(n)], initiatives.get(n.staff_id, []))
        run = _consecutive_years(ratings[_key(n)], year) or [year]
        out[n.pk] = ok, with_history_note(reason, earlier.get(_key(n), []), run, year=year)
    return out
