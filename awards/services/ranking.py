"""Eligibility and ranking of the appraised nominees of a campaign, with the quota line.

Definitions (shown to the office on the ranking page):

- **Eligible** for the award: every *mandatory* criterion of the nominee's target whose outcome is not "không
  áp dụng" is met ("chưa có số liệu" is not met). For a provincial Bằng khen, `bang_khen_eligibility` must hold
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
the transaction of every change of a result or a criterion); ranking reads them as one values() row per nominee,
in a fixed number of queries, and builds model instances only where a caller needs them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Value
from django.db.models.functions import Coalesce, NullIf

from awards.models import (
    AwardKind,
    AwardLevel,
    BangKhenRoute,
    CampaignAward,
    Dossier,
    Nominee,
    Outcome,
    ProposalState,
    Result,
)
from awards.selectors import nominees_for
from awards.selectors.history import history_by_subject, with_history_note
from awards.services.recompute import scored_nominees
from awards.services.scores import SHORT, ensure_scores
from awards.services.scores import ratio as _ratio
from campaigns import formatting
from campaigns.models import (
    AnnualRating,
    Criterion,
    Gender,
    Initiative,
    Rating,
    Staff,
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


def women_percentages(unit_ids) -> dict:
    """{unit_id: percent of women among the unit's active staff} (None for a unit with no active staff)."""
    rows = (
        Staff.objects.filter(unit_id__in=unit_ids, active=True).values("unit_id")
        .annotate(total=Count("pk"), women=Count("pk", filter=Q(gender=Gender.FEMALE)))
    )
    out = {u: None for u in unit_ids}
    for row in rows:
        if row["total"]:
            out[row["unit_id"]] = (Decimal(row["women"]) * 100 / row["total"]).quantize(Decimal("0.01"))
    return out


# --------------------------------------------------------------------------------------------- Bằng khen


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


def _history(nominees, year):
    staff_ids = {n.staff_id for n in nominees if n.staff_id}
    unit_ids = {n.unit_id for n in nominees if not n.staff_id}
    ratings = defaultdict(dict)
    for r in AnnualRating.objects.filter(Q(staff_id__in=staff_ids) | Q(unit_id__in=unit_ids), year__lte=year):
        ratings[("s", r.staff_id) if r.staff_id else ("u", r.unit_id)][r.year] = r.rating
    initiatives = defaultdict(list)
    for i in Initiative.objects.filter(staff_id__in=staff_ids, year__lte=year).order_by("year", "title", "pk"):
        initiatives[i.staff_id].append(i)
    return ratings, initiatives


def _key(nominee):
    return ("s", nominee.staff_id) if nominee.staff_id else ("u", nominee.unit_id)


def bang_khen_eligibility(nominee, *, year) -> tuple[bool, str]:
    """Bằng khen of the provincial chairman: individuals need HTXSNV for 2 or more consecutive years ending in
    `year` and 2 recognised initiatives in those years; collectives HTXSNV 2 consecutive years. Returns
    (eligible, the reason with the years and the initiatives)."""
    ratings, initiatives = _history([nominee], year)
    ok, reason = _bang_khen(nominee, year, ratings[_key(nominee)], initiatives.get(nominee.staff_id, []))
    earlier = history_by_subject([nominee], up_to=year)
    return ok, with_history_note(reason, earlier.get(_key(nominee), []), _consecutive_years(ratings[_key(nominee)], year) or [year], year=year)


# --------------------------------------------------------------------------------------------- ranking


def _score(results) -> Decimal:
    applicable = sum((r.criterion.weight for r in results if r.outcome != Outcome.NOT_APPLICABLE), Decimal(0))
    met = sum((r.criterion.weight for r in results if r.outcome == Outcome.MET), Decimal(0))
    return _ratio(met, applicable)


def _missing_from(mandatory, short: dict, present: set | None) -> list[str]:
    """`_missing` from the database's answer: `short` {criterion_id: outcome} of the mandatory results not met
    or without data; `present` the mandatory criteria with a result when some have none (None: all have one)."""
    missing = []
    for c in mandatory:
        value = short.get(c.pk)
        if value == Outcome.NOT_MET:
            missing.append(f"{c.order}. {c.short_name}: không đạt")
        elif value == Outcome.NO_DATA:
            missing.append(f"{c.order}. {c.short_name}: chưa có số liệu / chưa xác nhận")
        elif present is not None and c.pk not in present:
            missing.append(f"{c.order}. {c.short_name}: chưa đánh giá")
    return missing


def _missing(results, criteria):
    have = {r.criterion_id: r for r in results}
    missing = []
    for c in criteria:
        if not c.mandatory:
            continue
        r = have.get(c.pk)
        if r is None:
            missing.append(f"{c.order}. {c.short_name}: chưa đánh giá")
        elif r.outcome == Outcome.NOT_MET:
            missing.append(f"{c.order}. {c.short_name}: không đạt")
        elif r.outcome == Outcome.NO_DATA:
            missing.append(f"{c.order}. {c.short_name}: chưa có số liệu / chưa xác nhận")
    return missing


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
    first_submitted_at: object
    bang_khen_route: str = BangKhenRoute.TWO_YEARS

    @property
    def staff(self):  # templates ask `nominee.staff` to tell an individual
        return self.staff_id

    def get_gender_display(self):
        return Gender(self.gender).label if self.gender else ""


# The submission time is read per dossier (300), not per nominee (2,700): parsing time stamps is what costs.
ROW_FIELDS = ("pk", "target", "staff_id", "unit_id", "staff__full_name", "staff__gender", "unit__name",
              "dossier_id", "score__score", "score__meets_mandatory", "bang_khen_route")


def _tie_rules(campaign, target):
    """The rule's steps for this target: (label, key function, detail function) in order."""
    steps = []
    if campaign.tie_break_rule == TieBreakRule.ND98:
        if target == Target.INDIVIDUAL:
            steps.append((
                f"ưu tiên nữ ({ND98})",
                lambda rn: 0 if rn.nominee.gender == Gender.FEMALE else 1,
                lambda rn: f"«{rn.nominee.name}» là nữ",
            ))
        else:
            steps.append((
                f"ưu tiên tập thể có từ {formatting.number(WOMEN_SHARE)}% nữ ({ND98})",
                lambda rn: 0 if (rn.women_percent is not None and rn.women_percent >= WOMEN_SHARE) else 1,
                lambda rn: f"«{rn.nominee.name}» có {formatting.number(rn.women_percent)}% nữ",
            ))
    steps.append((
        "hồ sơ nộp sớm hơn",
        lambda rn: (rn.nominee.first_submitted_at is None, rn.nominee.first_submitted_at or 0),
        lambda rn: f"hồ sơ của «{rn.nominee.name}» nộp lúc {formatting.date(rn.nominee.first_submitted_at)}",
    ))
    return steps


def rank_rows(campaign, *, target, award_kind=None, user=None) -> list[RankedNominee]:
    """Every appraised nominee of `target` proposed for `award_kind` (default: the Giấy khen of the campaign),
    eligible ones first in rank order, then the others by score; `nominee` of each is a RankRow and `missing`
    holds only the Bằng khen reason until `fill_missing` is called on the rows shown. `user`, if given, narrows
    the nominees to those the user may see (awards.selectors.nominees_for). A fixed number of queries: the
    scores are kept per nominee (awards.services.scores)."""
    kind = resolve_award_kind(campaign, award_kind, target)
    qs = scored_nominees(campaign).filter(target=target).exclude(proposal_state=ProposalState.WITHDRAWN)
    if kind is not None:
        qs = qs.filter(award_kind=kind)
    if user is not None:
        qs = nominees_for(user, qs)
    rows = list(qs.order_by("pk").values_list(*ROW_FIELDS))
    if any(r[8] is None for r in rows):  # nominees never scored yet (a dossier accepted since): score them now
        ensure_scores(qs)
        rows = list(qs.order_by("pk").values_list(*ROW_FIELDS))
    women = women_percentages({r[3] for r in rows}) if target == Target.COLLECTIVE else {}
    submitted = dict(Dossier.objects.filter(pk__in={r[7] for r in rows}).values_list("pk", "first_submitted_at"))
    bang_khen = kind is not None and kind.code == BANG_KHEN
    ranked = []
    for pk, tgt, staff_id, unit_id, full_name, gender, unit_name, dossier_id, score, meets, route in rows:
        row = RankRow(pk, tgt, staff_id, unit_id, full_name if staff_id else unit_name, gender, unit_name,
                      submitted.get(dossier_id), route)
        ranked.append(RankedNominee(
            nominee=row, score=score, eligible=bool(meets), missing=[], rank=None, tie_note="", within_quota=False,
            women_percent=women.get(unit_id),
        ))
    if bang_khen:
        ratings, initiatives = _history([rn.nominee for rn in ranked], campaign.year)
        earlier = history_by_subject([rn.nominee for rn in ranked], up_to=campaign.year)  # the award history names what it used
        for rn in ranked:
            n = rn.nominee
            ok, reason = _bang_khen(n, campaign.year, ratings[_key(n)], initiatives.get(n.staff_id, []))
            run = _consecutive_years(ratings[_key(n)], campaign.year) or [campaign.year]
            reason = with_history_note(reason, earlier.get(_key(n), []), run, year=campaign.year)
            rn.bang_khen_reason = reason
            if not ok:
                rn.eligible = False
                rn.missing.append(reason)

    steps = _tie_rules(campaign, target)
    quota = quota_for(campaign, kind, target) if kind is not None else None
    # The tie keys are computed once per nominee (2,700 individuals), then compared with the one above.
    keyed = sorted(
        ((-rn.score, *[key(rn) for _, key, _ in steps], rn.nominee.name, rn.nominee.pk), rn) for rn in ranked if rn.eligible
    )
    eligible = [rn for _, rn in keyed]
    rule_label = campaign.get_tie_break_rule_display()
    for i, (k, rn) in enumerate(keyed):
        if i == 0:
            rn.rank = 1
        else:
            above_key, above = keyed[i - 1]
            if above.score != rn.score:
                rn.rank = i + 1
            else:
                for step, (label, _, detail) in enumerate(steps, start=1):
                    if above_key[step] != k[step]:
                        rn.rank = i + 1
                        rn.tie_note = f"Cùng {formatting.number(rn.score)} điểm với «{above.nominee.name}»; phân định theo quy tắc {label}: {detail(above)}"
                        break
                else:
                    rn.rank = above.rank
                    rn.tie_note = (f"Cùng {formatting.number(rn.score)} điểm với «{above.nominee.name}» và quy tắc "
                                   f"«{rule_label}» không phân định được: cùng hạng, Hội đồng xem xét")
        rn.within_quota = quota is None or rn.rank <= quota
    others = sorted((rn for rn in ranked if not rn.eligible), key=lambda rn: (-rn.score, rn.nominee.name, rn.nominee.pk))
    return eligible + others


def fill_missing(campaign, target, ranked) -> None:
    """Fill `missing` (the mandatory criteria each falls short of) of the nominees among `ranked` that do not meet
    them, in one query whatever their number: not met, no data, or (rarely) no result at all."""
    short_of = [rn for rn in ranked if not rn.eligible]
    mandatory = list(Criterion.objects.filter(campaign=campaign, target=target, mandatory=True).order_by("order"))
    outcomes = defaultdict(dict)
    # Always the same two queries, whether or not the rows shown include someone short (0 matches no nominee).
    rows = (
        Result.objects.filter(nominee_id__in=[rn.nominee.pk for rn in short_of] or [0], criterion__in=mandatory or [0])
        .annotate(outcome=Coalesce(NullIf("override", Value("")), "computed")).order_by()
        .values_list("nominee_id", "criterion_id", "outcome")
    )
    for nominee_id, criterion_id, value in rows:
        outcomes[nominee_id][criterion_id] = value
    for rn in short_of:
        have = outcomes.get(rn.nominee.pk, {})
        rn.missing = _missing_from(mandatory, {k: v for k, v in have.items() if v in SHORT}, set(have)) + rn.missing


def rank_nominees(campaign, *, target, award_kind=None, user=None) -> list[RankedNominee]:
    """`rank_rows` with every reason filled in and each `nominee` a Nominee (with its staff, unit, dossier and
    award kind), for the council, the decisions and the exports."""
    ranked = rank_rows(campaign, target=target, award_kind=award_kind, user=user)
    fill_missing(campaign, target, ranked)
    instances = Nominee.objects.select_related("staff", "unit", "dossier", "award_kind").in_bulk([rn.nominee.pk for rn in ranked])
    for rn in ranked:
        rn.nominee = instances[rn.nominee.pk]
    return ranked
