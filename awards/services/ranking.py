"""Eligibility and ranking of the appraised nominees of a campaign, with the quota line.

Definitions (shown to the office on the ranking page):

- **Eligible** for the award: every *mandatory* criterion of the nominee's target whose outcome is not "không
  áp dụng" is met ("chưa có số liệu" is not met). For a provincial Bằng khen, `awards.services.bang_khen.bang_khen_eligibility` must hold
  as well.
- **Score**: the weighted share of the applicable criteria that are met, in percent:
  100 × Σ weight(met) ÷ Σ weight(criteria not "không áp dụng"), two decimals. That is the sum of the weights of
  the met criteria, normalised so that a criterion that does not apply never counts against a nominee (a unit
  with no public investment capital is not behind one that has some). A nominee with no applicable criterion
  scores 0.
- **Rank**: 1-based among eligible nominees by score, then by the campaign's tie rule
  (`Campaign.tie_break_rule`). Nominees that the rule cannot separate share a rank, and the page says so.
- **Within quota**: rank ≤ the quota of the award for the target (`CampaignAward.quota`; all eligible when the
  quota is empty).

Scores and whether the mandatory criteria are met are kept per nominee (`awards.services.scores`, refreshed in
the transaction of every change of a result or a criterion); the database orders and ranks on them (`Ranking`),
a page reads only its own rows as values(), in a fixed number of queries, and model instances are built only where
a caller needs them (`rank_nominees`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Callable, NamedTuple

from django.core.paginator import Page, Paginator
from django.db import connection, router
from django.db.models import Case, CharField, Count, F, IntegerField, OrderBy, Q, Value, When, Window
from django.db.models.functions import Cast, Collate, Rank
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from awards.models import (
    AwardKind,
    AwardLevel,
    BangKhenRoute,
    CampaignAward,
    Nominee,
    Outcome,
    ProposalState,
)
from awards.selectors import narrows_nominees, nominees_for
from awards.services.bang_khen import bang_khen_reasons
from awards.services.recompute import appraised_nominees
from awards.services.scores import ensure_scores, unscored
from awards.services.scores import ratio as _ratio
from campaigns import formatting
from campaigns.compiled import Compiled
from campaigns.models import (
    Criterion,
    Gender,
    Target,
    TieBreakRule,
)

WOMEN_SHARE = Decimal(70)
GIAY_KHEN = "giay-khen-giam-doc"
BANG_KHEN = "bang-khen-ubnd-tinh"
ND98 = "NĐ 98/2023/NĐ-CP Điều 4"


@dataclass(slots=True)
class RankedNominee:
    nominee: Nominee
    score: Decimal            # 100 × Σ weight(met) ÷ Σ weight(applicable): see the module's docstring
    eligible: bool            # every mandatory applicable criterion met (and Bằng khen rules, for Bằng khen)
    missing: list[str]        # why not eligible (criterion short names / reasons)
    rank: int | None          # 1-based among eligible, None if not eligible (shared when the tie rule cannot separate)
    tie_note: str             # which tie rule separated it from the one above, '' if none
    within_quota: bool        # rank <= quota (True when quota is None and eligible)
    results: list = field(default_factory=list, repr=False)   # the nominee's results, in criterion order
    women_percent: Decimal | None = None                      # collectives: share of women among active staff
    bang_khen_reason: str = ""
    shortfalls: list = field(default_factory=list, repr=False)  # NomineeScore.shortfalls: what `missing` is made of


def resolve_award_kind(campaign, award_kind=None, target=None):
    """An AwardKind from an instance, a code, or None (the campaign's department-level award, Giấy khen)."""
    if isinstance(award_kind, AwardKind):
        return award_kind
    if award_kind:
        return AwardKind.objects.get(code=award_kind)
    award = (
        CampaignAward.objects.filter(campaign=campaign, award_kind__level=AwardLevel.DEPARTMENT)
        .select_related("award_kind").order_by("award_kind__code").first()
    )
    return award.award_kind if award else AwardKind.objects.filter(code=GIAY_KHEN).first()


def quota_for(campaign, award_kind, target):
    award = CampaignAward.objects.filter(campaign=campaign, award_kind=award_kind, target=target).first()
    return award.quota if award else None


# --------------------------------------------------------------------------------------------- ranking


def _score(results) -> Decimal:
    applicable = sum((r.criterion.weight for r in results if r.outcome != Outcome.NOT_APPLICABLE), Decimal(0))
    met = sum((r.criterion.weight for r in results if r.outcome == Outcome.MET), Decimal(0))
    return _ratio(met, applicable)


@dataclass(slots=True)
class RankRow:
    """What ranking needs of a nominee, read as one values() row (no model instances for 2,700 nominees)."""

    pk: int
    target: str
    staff_id: int | None
    unit_id: int
    name: str
    gender: str | None
    unit_name: str
    submitted: str | None  # the dossier's first submission as the database writes it: compared, parsed only if shown
    bang_khen_route: str = BangKhenRoute.TWO_YEARS

    @property
    def first_submitted_at(self):
        if self.submitted is None:
            return None
        when = parse_datetime(self.submitted)
        return when if timezone.is_aware(when) else timezone.make_aware(when, dt.UTC)  # SQLite keeps UTC, naive

    @property
    def staff(self):  # templates ask `nominee.staff` to tell an individual
        return self.staff_id

    def get_gender_display(self):
        return Gender(self.gender).label if self.gender else ""


# What a row reads: the nominee's own columns, and the rest from its kept score (name, gender, submission time and
# share of women are copied there: no join with the staff or the dossiers), the unit's name for the page.
ROW_FIELDS = ("pk", "target", "staff_id", "unit_id", "score__name", "score__gender", "unit__name",
              "submitted", "score__score", "score__meets_mandatory", "bang_khen_route", "score__shortfalls",
              "score__women_percent", "rank")
ELIGIBLE = Q(score__meets_mandatory=True)
# The submission time read as text: a page compares it between neighbours and shows it in a tie note or two, and
# text is read ten times faster than a timestamp (1,080 rows: 0.6 ms against 6 ms).
SUBMITTED = Cast("score__submitted_at", CharField())
# The eligible fall short of nothing: their rows read the pk where the shortfalls are (no JSON to decode).
ELIGIBLE_FIELDS = tuple("pk" if f == "score__shortfalls" else f for f in ROW_FIELDS)
# What eligible_keys reads of each eligible row: what ranks it (the score; the tie rule's keys are annotated) and
# what builds it should it be shown (`rows_at`). No target, route or shortfalls: the same for every eligible row of
# a ranking that is not Bằng khen's (which ranks in Python). Its tie keys follow, as `tie0`, `tie1`, ...
KEY_FIELDS = ("pk", "staff_id", "unit_id", "score__name", "score__gender", "unit__name", "submitted", "score__score",
              "score__women_percent")
_K_SCORE, _K_NAME = KEY_FIELDS.index("score__score"), KEY_FIELDS.index("score__name")


class _Step(NamedTuple):
    """One step of a tie rule: its label, its key over a ranked row and the sentence saying how it separated two
    rows (`_separated`), the same key in the database (the ranking's ORDER BY), and an expression equal for two rows
    exactly when their keys are (`Ranking.eligible_keys` reads it to tell rank groups, and ranks in Python). The keys
    order alike: 0 before 1, the earlier time first, no time last. The database's are text ("0", "1"), which Django
    reads as they come (an integer is converted row by row: a tenth of the read of a province's eligible)."""

    label: str
    key: Callable
    detail: Callable
    db: object
    same: object


def _tie_rules(rule, target):
    """The steps of the tie rule `rule` (a TieBreakRule) for this target, in order, on the keys kept with the score
    (NomineeScore)."""
    steps = []
    if rule == TieBreakRule.ND98:
        if target == Target.INDIVIDUAL:
            women_first = Case(When(score__gender=Gender.FEMALE, then=Value("0")), default=Value("1"))
            steps.append(_Step(
                f"ưu tiên nữ ({ND98})",
                lambda rn: 0 if rn.nominee.gender == Gender.FEMALE else 1,
                lambda rn: f"«{rn.nominee.name}» là nữ",
                women_first,
                women_first,
            ))
        else:
            women_first = Case(When(score__women_percent__gte=WOMEN_SHARE, then=Value("0")), default=Value("1"))
            steps.append(_Step(
                f"ưu tiên tập thể có từ {formatting.number(WOMEN_SHARE)}% nữ ({ND98})",
                lambda rn: 0 if (rn.women_percent is not None and rn.women_percent >= WOMEN_SHARE) else 1,
                lambda rn: f"«{rn.nominee.name}» có {formatting.number(rn.women_percent)}% nữ",
                women_first,
                women_first,
            ))
    steps.append(_Step(
        "hồ sơ nộp sớm hơn",
        lambda rn: (rn.nominee.submitted is None, rn.nominee.submitted or ""),
        lambda rn: f"hồ sơ của «{rn.nominee.name}» nộp lúc {formatting.date(rn.nominee.first_submitted_at)}",
        F("score__submitted_at"),
        SUBMITTED,  # equal times are equal texts: enough to tell a rank group, read ten times faster
    ))
    return steps


def _by_code_point(expression):
    """Names ordered in the database as Python orders str (by code point): PostgreSQL's "C" collation, SQLite's
    BINARY (both compare UTF-8 bytes)."""
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


@lru_cache(maxsize=4096)
def _points(score) -> str:
    """A score as the notes print it (a ranking has few distinct scores and hundreds of notes)."""
    return formatting.number(score)


def _separated(rn, above, steps, rule_label) -> tuple[bool, str]:
    """Whether the rule ranks `rn` below `above` (the eligible nominee just above it, or None), and the note."""
    if above is None or above.score != rn.score:
        return True, ""
    for label, key, detail, *_ in steps:
        if key(above) != key(rn):
            return True, (f"Cùng {_points(rn.score)} điểm với «{above.nominee.name}»; phân định theo quy tắc "
                          f"{label}: {detail(above)}")
    return False, _same_rank_note(rn, above, rule_label)


def _same_rank_note(rn, above, rule_label) -> str:
    return (f"Cùng {_points(rn.score)} điểm với «{above.nominee.name}» và quy tắc «{rule_label}» "
            "không phân định được: cùng hạng, Hội đồng xem xét")


_READ = object()


def _groups(ranks):
    """(start, stop) of each run of two or more equal ranks in `ranks` (a list in rank order)."""
    start = 0
    for i in range(1, len(ranks) + 1):
        if i == len(ranks) or ranks[i] != ranks[start]:
            if i - start > 1:
                yield start, i
            start = i


def _nominees(campaign, target, kind, user=None):
    """What a ranking ranks: the appraised nominees of `campaign` (an instance or an id) for `target`, proposed
    (not withdrawn) for `kind` (an AwardKind or an id; any when None), those `user` may see if given."""
    qs = appraised_nominees(campaign).filter(target=target).exclude(proposal_state=ProposalState.WITHDRAWN)
    if kind is not None:
        qs = qs.filter(award_kind=kind)
    if user is not None:
        qs = nominees_for(user, qs)
    return qs


def _eligible_query(qs, steps):
    """The eligible among `qs` (and those never scored), ordered by score and the tie rule's keys, as KEY_FIELDS
    and the tie keys annotated; and `_key_positions`."""
    ties = _tie_annotations(steps)
    query = qs.filter(ELIGIBLE | Q(score__isnull=True)).annotate(submitted=SUBMITTED, **ties).order_by(
        F("score__score").desc(), *[OrderBy(step.db, nulls_last=True) for step in steps]).values_list(*KEY_FIELDS, *ties)
    return query, _key_positions(steps)


def _tie_annotations(steps) -> dict:
    """The tie keys `_eligible_query` annotates (the submission time is read as KEY_FIELDS' "submitted")."""
    return {f"tie{i}": step.same for i, step in enumerate(steps) if step.same is not SUBMITTED}


def _key_positions(steps) -> tuple:
    """Where, in a row of `_eligible_query`, the key that tells rank groups is: the score, then each step's."""
    ties = list(_tie_annotations(steps))
    return (_K_SCORE, *[KEY_FIELDS.index("submitted") if step.same is SUBMITTED else len(KEY_FIELDS) + ties.index(f"tie{i}")
                        for i, step in enumerate(steps)])


def _order_keys(steps):
    """The order of the eligible (score, then the tie rule's keys); the others have no tie keys."""
    return [F("score__score").desc(), *[OrderBy(Case(When(ELIGIBLE, then=step.db)), nulls_last=True) for step in steps]]


def _rank_window(steps):
    # Partitioned and ordered as the ranking is, so that the database sorts once for both.
    return Window(Rank(), partition_by=[Case(When(ELIGIBLE, then=Value(0)), default=Value(1))], order_by=_order_keys(steps))


def _ranked_query(qs, steps, part=None):
    """Every nominee of `qs` annotated with its rank, in ranking order: eligible ones first by score and the tie
    keys, then the others by score, then by name. `part` reads one part of the ranking alone, in the same order:
    "eligible" (ranked among themselves, as they are among everyone) or "others" (no rank): a page inside one part
    sorts only that part."""
    by_name = (_by_code_point(F("score__name")), "pk")
    if part == "eligible":
        return qs.filter(ELIGIBLE).annotate(submitted=SUBMITTED, rank=Window(Rank(), order_by=_order_keys(steps))).order_by(
            *_order_keys(steps), *by_name)
    if part == "others":  # no tie keys and no rank: by score, then by name
        return qs.exclude(ELIGIBLE).annotate(submitted=SUBMITTED, rank=Value(None, IntegerField())).order_by(
            F("score__score").desc(), *by_name)
    return qs.annotate(submitted=SUBMITTED, rank=_rank_window(steps)).order_by(
        Case(When(ELIGIBLE, then=Value(0)), default=Value(1)), *_order_keys(steps), *by_name,
    )


_COUNTS = ("total", "eligible", "unscored")


def _counts_query(qs):
    """`total`, `eligible` and `unscored` of `qs` in one row: an aggregate written as a values_list() query (grouped
    by a constant, which Django leaves out of GROUP BY), so that it can be compiled once."""
    counts = {"total": Count("pk"), "eligible": Count("pk", filter=ELIGIBLE), "unscored": Count("pk", filter=unscored())}
    return qs.order_by().annotate(one=Value(1)).values("one").annotate(**counts).values_list(*_COUNTS)


@lru_cache(maxsize=16)
def _compiled_counts(alias, target, by_kind):
    """`_counts_query` of everyone's ranking, compiled once per process for its shape."""
    def build(campaign, kind=None):
        return _counts_query(_nominees(campaign, target, kind).using(alias))

    return Compiled(build, "campaign", *(["kind"] if by_kind else []))


@lru_cache(maxsize=128)
def _compiled_rows(alias, rule, target, by_kind, part, start, stop):
    """Rows [start, stop) of one part of everyone's ranking (`_ranked_query`; `stop` None: to its end), compiled once
    per process for its shape and its bounds (a page's LIMIT and OFFSET are written into the SQL)."""
    steps = _tie_rules(rule, target)
    fields = ELIGIBLE_FIELDS if part == "eligible" else ROW_FIELDS

    def build(campaign, kind=None):
        return _ranked_query(_nominees(campaign, target, kind).using(alias), steps, part).values_list(*fields)[start:stop]

    return Compiled(build, "campaign", *(["kind"] if by_kind else []))


@lru_cache(maxsize=64)
def _compiled_eligible(alias, rule, target, by_kind):
    """`_eligible_query` of a ranking seen by everyone, compiled once per process for its shape (the database, the
    tie rule, the target, whether one award kind is ranked): 1 ms of Django's work saved on each read."""
    steps = _tie_rules(rule, target)

    def build(campaign, kind=None):
        return _eligible_query(_nominees(campaign, target, kind).using(alias), steps)[0]

    return Compiled(build, "campaign", *(["kind"] if by_kind else [])), _key_positions(steps)


class Ranking:
    """Every appraised nominee of `target` proposed for `award_kind` (default: the Giấy khen of the campaign),
    eligible ones first in rank order, then the others by score, then name; `user`, if given, narrows them to
    those the user may see (awards.selectors.nominees_for). `quota` is the award's (read when not given).

    The database counts them (one query), then orders and ranks them on the kept scores (awards.services.scores)
    and the tie keys, with RANK() over the eligible; `page()` reads only the rows of one page (and the one above,
    for its tie note), from the eligible alone or the others alone when the page lies inside one part (the first
    pages of a province sort 1,000 eligible nominees, not 2,700), `all()` everyone. After a read, `total`,
    `eligible` and `within` (eligible nominees within the quota: the first `within` of the ranking) are known. A
    fixed number of queries whatever the number of nominees. Bằng khen's eligibility (ratings and initiatives over the years) is decided in Python, so
    that ranking reads everyone and ranks in Python, in the database's order.

    Each row is a RankedNominee whose `nominee` is a RankRow and whose `missing` holds only the Bằng khen reason
    until `fill_missing` is called on the rows shown."""

    def __init__(self, campaign, *, target, award_kind=None, user=None, quota=_READ):
        self.campaign, self.target = campaign, target
        self.kind = resolve_award_kind(campaign, award_kind, target)
        # Who sees every nominee of the campaign reads everyone's ranking, its SQL compiled once per process.
        self._user = user if user is not None and narrows_nominees(user, campaign) else None
        if quota is _READ:
            quota = quota_for(campaign, self.kind, target) if self.kind is not None else None
        self.quota = quota
        self.bang_khen = self.kind is not None and self.kind.code == BANG_KHEN
        self._steps = _tie_rules(campaign.tie_break_rule, target)  # the tie rule's keys
        self._eligible_rows = []  # what eligible_keys read
        self._rule_label = str(campaign.get_tie_break_rule_display())  # a choice's label is a lazy translation
        self.total = self.eligible = self.within = None

    @cached_property
    def _qs(self):
        """The nominees ranked (`_nominees`), built when a read needs it: the eligible read compiled once for
        everyone's ranking does not."""
        return _nominees(self.campaign, self.target, self.kind, self._user)

    def eligible_keys(self) -> list[tuple]:
        """(pk, staff_id, unit_id, rank) of every eligible nominee, in ranking order, in one query: the eligible
        come first, so a key's index is its place in the ranking. Enough to find a quota line; `rows_at` then
        builds the rows needed from what this query read. Not for Bằng khen (ranked in Python).

        The database orders them by score and the tie rule's keys alone, so that each rank's rows come together;
        the ranks, and the order by name inside a rank, are set here (a province's ties at the line put hundreds in
        one rank: ordering them by name and pk, and RANK(), cost the database more than the rest of the query)."""
        rows, key_at = self._read_eligible()
        if any(row[_K_SCORE] is None for row in rows):  # never scored yet (a dossier accepted since): score first
            ensure_scores(self._qs)
            rows = [row for row in self._read_eligible()[0] if row[_K_SCORE] is not None]
        key = itemgetter(*key_at)
        ranks, above, rank = [], None, 0
        for place, row in enumerate(rows):
            if (k := key(row)) != above:
                rank, above = place + 1, k
            ranks.append(rank)
        # By name (code point) inside a rank, as the pages: only the groups of more than one are sorted.
        order = list(range(len(rows)))
        for start, stop in _groups(ranks):
            order[start:stop] = sorted(order[start:stop], key=lambda i: (rows[i][_K_NAME], rows[i][0]))
        self._eligible_rows = [(rows[i], ranks[i]) for i in order]
        return [(row[0], row[1], row[2], rank) for row, rank in self._eligible_rows]

    def _read_eligible(self):
        """The rows of `_eligible_query`, and where their keys are: for everyone's ranking, by its SQL compiled
        once per process for the shape (`_compiled_eligible`)."""
        if self._user is not None:
            query, key_at = _eligible_query(self._qs, self._steps)
            return list(query), key_at
        query, key_at = _compiled_eligible(router.db_for_read(Nominee), self.campaign.tie_break_rule, self.target, self.kind is not None)
        return query.rows(**self._ids()), key_at

    def rows_at(self, places) -> list[RankedNominee]:
        """The rows at these places of the ranking (0-based, increasing, among the eligible), marked (rank, quota,
        tie note) as `all()` marks them, from what `eligible_keys` read: only they are built, and the row just above
        each run of consecutive places, which the first one's tie note names."""
        rows, runs = self._eligible_rows, []
        for place in places:
            if runs and place == runs[-1][-1] + 1:
                runs[-1].append(place)
            else:
                runs.append([place])
        out = []
        for run in runs:
            above = self._build_eligible(*rows[run[0] - 1]) if run[0] else None
            out += self._mark([self._build_eligible(*rows[place]) for place in run], above=above)
        return out

    def _build_eligible(self, row, rank) -> RankedNominee:
        """A RankedNominee from a row of `eligible_keys` (KEY_FIELDS) and its rank."""
        pk, staff_id, unit_id, name, gender, unit_name, submitted, score, women = row[:len(KEY_FIELDS)]
        return RankedNominee(
            nominee=RankRow(pk, self.target, staff_id, unit_id, name, gender or None, unit_name, submitted), score=score,
            eligible=True, missing=[], rank=rank, tie_note="", within_quota=False, women_percent=women, shortfalls=[],
        )

    def _count(self) -> None:
        """`total` and `eligible`, in one query; nominees never scored yet (a dossier accepted since) are scored
        first."""
        read = self._read_counts()
        if read["unscored"]:
            ensure_scores(self._qs)
            read = self._read_counts()
        self.total, self.eligible = read["total"], read["eligible"]

    def _read_counts(self) -> dict:
        if self._user is not None:
            rows = list(_counts_query(self._qs))
        else:
            rows = _compiled_counts(router.db_for_read(Nominee), self.target, self.kind is not None).rows(**self._ids())
        return dict(zip(_COUNTS, rows[0] if rows else (0, 0, 0)))

    def _ids(self) -> dict:
        """The values of a compiled query of this ranking: the campaign's id, and the award kind's if one."""
        return {"campaign": self.campaign.pk, **({"kind": self.kind.pk} if self.kind is not None else {})}

    def _read(self, start=0, stop=None) -> list:
        """Rows [start, stop) of the ranking, in one query, once `_count` has counted them: rows among the eligible
        alone are read from the eligible alone, rows among the others from the others alone."""
        stop = self.total if stop is None else min(stop, self.total)
        if start >= stop:
            return []
        if stop <= self.eligible:
            part, offset = "eligible", 0
        elif start >= self.eligible:
            part, offset = "others", self.eligible
        else:
            part, offset = None, 0
        if self._user is None:  # everyone's ranking: its SQL compiled once per process for the shape and the page
            # Read to the end of the part without a LIMIT: the whole ranking and its last page keep one shape
            # however many nominees it holds.
            end = self.eligible if part == "eligible" else self.total
            compiled = _compiled_rows(router.db_for_read(Nominee), self.campaign.tie_break_rule, self.target,
                                      self.kind is not None, part, start - offset, None if stop == end else stop - offset)
            return compiled.rows(**self._ids())
        fields = ELIGIBLE_FIELDS if part == "eligible" else ROW_FIELDS
        return list(_ranked_query(self._qs, self._steps, part).values_list(*fields)[start - offset:stop - offset])

    def all(self) -> list[RankedNominee]:
        self._count()
        rows = self._read()
        if self.bang_khen:
            ranked = self._rank_in_python(self._build(rows))
            self.eligible = sum(1 for rn in ranked if rn.eligible)
        else:
            ranked = self._mark(self._build(rows), above=None)
        self.within = sum(1 for rn in ranked if rn.within_quota)
        return ranked

    def page(self, number, per_page) -> Page:
        """The Django Page `number` (as Paginator.get_page reads it: the first page if not a number, the last if
        beyond) of `per_page` rows."""
        if self.bang_khen:
            return Paginator(self.all(), per_page).get_page(number)
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        self._count()
        if not self.total:
            self.within = 0
            return Paginator([], per_page).page(1)
        number = min(number, -(-self.total // per_page))  # beyond the last page: the last page
        start = (number - 1) * per_page
        rows = self._read(max(start - 1, 0), start + per_page)
        above = None
        if start:
            above, rows = self._build(rows[:1])[0], rows[1:]
        ranked = self._mark(self._build(rows), above=above)
        self.within = self._within(ranked, start, above)
        return Page(ranked, number, Paginator(range(self.total), per_page))

    def _within(self, ranked, start, above) -> int:
        """Those within the quota come first: counted from the rows read when the last of them is among them (or
        is the row above them), else by the database."""
        if self.quota is None:
            return self.eligible
        first_out = next((i for i, rn in enumerate(ranked) if not rn.within_quota), None)
        if first_out is None and start + len(ranked) == self.total:
            return self.total
        if first_out is not None and (first_out or not start or (above.eligible and above.rank <= self.quota)):
            return start + first_out
        if not self.eligible:
            return 0
        return self._qs.annotate(rank=_rank_window(self._steps)).filter(ELIGIBLE, rank__lte=self.quota).count()

    def _build(self, rows) -> list[RankedNominee]:
        ranked = []
        for pk, tgt, staff_id, unit_id, name, gender, unit_name, submitted, score, meets, route, short, women, rank in rows:
            row = RankRow(pk, tgt, staff_id, unit_id, name, gender or None, unit_name, submitted, route)
            ranked.append(RankedNominee(
                nominee=row, score=score, eligible=bool(meets), missing=[], rank=rank if meets else None, tie_note="",
                within_quota=False, women_percent=women, shortfalls=[] if meets else (short or []),
            ))
        return ranked

    def _mark(self, ranked, *, above) -> list[RankedNominee]:
        """The quota and the tie note of each eligible row, against the eligible row above it (`above`: the one
        before the first row)."""
        for prev, rn in zip([above, *ranked], ranked):
            if rn.eligible:
                rn.within_quota = self.quota is None or rn.rank <= self.quota
                if prev is not None and prev.eligible and prev.rank == rn.rank:
                    # One rank: the database (or eligible_keys) found every key of the rule equal.
                    rn.tie_note = _same_rank_note(rn, prev, self._rule_label)
                else:
                    _, rn.tie_note = _separated(rn, prev if prev is not None and prev.eligible else None, self._steps, self._rule_label)
        return ranked

    def _rank_in_python(self, ranked) -> list[RankedNominee]:
        """Bằng khen: those who also meet its rules keep the database's order and are ranked again among
        themselves; the others follow by score and name."""
        reasons = bang_khen_reasons([rn.nominee for rn in ranked], year=self.campaign.year)
        for rn in ranked:
            ok, rn.bang_khen_reason = reasons[rn.nominee.pk]
            if not ok:
                rn.eligible, rn.rank = False, None
                rn.missing.append(rn.bang_khen_reason)
        eligible = [rn for rn in ranked if rn.eligible]
        for i, rn in enumerate(eligible):
            above = eligible[i - 1] if i else None
            separated, rn.tie_note = _separated(rn, above, self._steps, self._rule_label)
            rn.rank = i + 1 if separated else above.rank
            rn.within_quota = self.quota is None or rn.rank <= self.quota
        others = sorted((rn for rn in ranked if not rn.eligible), key=lambda rn: (-rn.score, rn.nominee.name, rn.nominee.pk))
        return eligible + others


def rank_rows(campaign, *, target, award_kind=None, user=None) -> list[RankedNominee]:
    """Everyone of the `Ranking` in one list (for callers that need all of them; a page reads only its rows)."""
    return Ranking(campaign, target=target, award_kind=award_kind, user=user).all()


def fill_missing(campaign, target, ranked) -> None:
    """Fill `missing` (the mandatory criteria each falls short of: not met, no data, or no result at all) of the
    nominees among `ranked` that do not meet them, from their kept shortfalls (NomineeScore), in criterion order,
    in one query whatever their number."""
    says = {pk: {Outcome.NOT_MET: f"{order}. {name}: không đạt",
                 Outcome.NO_DATA: f"{order}. {name}: chưa có số liệu / chưa xác nhận",
                 None: f"{order}. {name}: chưa đánh giá"}
            for pk, order, name in Criterion.objects.filter(campaign=campaign, target=target, mandatory=True)
            .order_by("order").values_list("pk", "order", "short_name")}
    for rn in ranked:
        if not rn.eligible:
            have = dict(rn.shortfalls)
            rn.missing = [by_outcome[have[pk]] for pk, by_outcome in says.items() if pk in have] + rn.missing


def rank_nominees(campaign, *, target, award_kind=None, user=None) -> list[RankedNominee]:
    """`rank_rows` with every reason filled in and each `nominee` a Nominee (with its staff, unit, dossier and
    award kind), for the council, the decisions and the exports."""
    ranked = rank_rows(campaign, target=target, award_kind=award_kind, user=user)
    fill_missing(campaign, target, ranked)
    instances = Nominee.objects.select_related("staff", "unit", "dossier", "award_kind").in_bulk([rn.nominee.pk for rn in ranked])
    for rn in ranked:
        rn.nominee = instances[rn.nominee.pk]
    return ranked
