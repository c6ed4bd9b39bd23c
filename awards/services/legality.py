"""What must hold before the Director signs, and the office's choices that the law leaves to the council:

- `ensure_signable`: the signing date (not in the future, not before the council meeting the document rests on),
  every ground complete (awards.services.grounds), and one achievement, one award.
- One achievement, one award (Luật TĐKT: several forms of award are never given for one achievement): a person or
  a collective nominated for two award kinds in the same campaign is refused by drafting and approval until the
  office picks one (`choose_award`, recorded as a StateChange on each nomination set aside).
- The council decides a tie at the quota line (`record_tie_break`; `tie_choice` applies it when drafting); a later
  change of votes clears it (`clear_tie_breaks`, called by awards.services.council.record_vote).
- The route of a Bằng khen proposal (`set_bang_khen_route`): two years HTXSNV with two initiatives, or an
  outstanding achievement in the campaign."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from itertools import takewhile

from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Q
from django.utils import timezone

from awards.models import (
    AwardKind,
    BangKhenRoute,
    CampaignAward,
    CouncilMeeting,
    DecisionLine,
    DecisionState,
    Nominee,
    ProposalState,
    TieBreak,
    Vote,
)
from awards.rules import checks_rule
from awards.services.council import ensure_open, fewest_votes_to_pass, passed_nominee_ids
from awards.services.grounds import grounds_for, signing_errors
from awards.services.ranking import BANG_KHEN, Ranking, rank_rows
from awards.services.register import check_signing_date
from awards.services.transitions import set_state
from campaigns.compiled import Compiled
from campaigns.models import Target

ACTIVE = [DecisionState.DRAFT, DecisionState.APPROVED]


# ------------------------------------------------------------------------------------ one achievement, one award

def siblings(nominee: Nominee):
    """The other nominations of the same person (or the same collective) in the same campaign, for other awards."""
    qs = Nominee.objects.filter(dossier__campaign_id=nominee.dossier.campaign_id, target=nominee.target).exclude(pk=nominee.pk)
    if nominee.staff_id:
        qs = qs.filter(staff_id=nominee.staff_id)
    else:
        qs = qs.filter(unit_id=nominee.unit_id, staff__isnull=True)
    return qs.exclude(award_kind_id=nominee.award_kind_id).select_related("award_kind")


def _subject(nominee) -> tuple:
    return (nominee.target, "s", nominee.staff_id) if nominee.staff_id else (nominee.target, "u", nominee.unit_id)


def other_award_refusal_map(nominees, *, award_kind: AwardKind, undecided: bool = True) -> dict[int, str]:
    """{nominee pk: why it may not be given `award_kind`} for those that may not (one achievement, one award), in
    two queries whatever the number of nominees."""
    nominees = list(nominees)
    if not nominees:
        return {}
    campaign_ids = {n.dossier.campaign_id for n in nominees}
    staff_ids = {n.staff_id for n in nominees if n.staff_id}
    unit_ids = {n.unit_id for n in nominees if not n.staff_id}
    others = (
        Nominee.objects.filter(dossier__campaign_id__in=campaign_ids).exclude(award_kind=award_kind)
        .filter(Q(staff_id__in=staff_ids) | Q(unit_id__in=unit_ids, staff__isnull=True))
        .select_related("award_kind").order_by("pk")
    )
    by_subject: dict[tuple, list] = {}
    for other in others:
        by_subject.setdefault(_subject(other), []).append(other)
    on_decision = {}
    lines = (
        DecisionLine.objects.filter(nominee__in=[o for rows in by_subject.values() for o in rows], decision__state__in=ACTIVE)
        .select_related("decision__award_kind").order_by("decision_id")
    )
    for line in lines:
        on_decision.setdefault(line.nominee_id, line)
    out = {}
    for n in nominees:
        rows = by_subject.get(_subject(n), [])
        line = next((on_decision[o.pk] for o in rows if o.pk in on_decision), None)
        pending = next((o for o in rows if o.proposal_state == ProposalState.PROPOSED), None)
        if line is not None:
            out[n.pk] = (
                f"«{n.name}» đã có trong {line.decision} ({line.decision.award_kind.short_name}) cho cùng thành tích "
                f"trong phong trào: mỗi thành tích chỉ được một hình thức khen thưởng, không thể thêm {award_kind.short_name}."
            )
        elif n.proposal_state == ProposalState.WITHDRAWN:
            out[n.pk] = f"«{n.name}» không còn được xét {award_kind.short_name}: đã chọn hình thức khác cho cùng thành tích."
        elif undecided and pending is not None:
            out[n.pk] = (
                f"«{n.name}» đang được đề nghị cả {award_kind.short_name} và {pending.award_kind.short_name} cho "
                "cùng thành tích: Văn phòng chọn một hình thức («Chọn hình thức này» tại trang cuộc họp Hội đồng) trước "
                "khi lập dự thảo."
            )
    return out


def other_award_refusals(nominee: Nominee, *, award_kind: AwardKind, undecided: bool = True) -> str:
    """'' when `nominee` may be given `award_kind`; otherwise why not, naming the nominee."""
    return other_award_refusal_map([nominee], award_kind=award_kind, undecided=undecided).get(nominee.pk, "")


@checks_rule("awards.record_vote", message="Chỉ Văn phòng Sở được chọn hình thức khen thưởng cho một thành tích.")
@transaction.atomic
def choose_award(nominee: Nominee, *, actor, reason: str) -> list[Nominee]:
    """The office picks `nominee`'s award for the achievement: every other nomination of the same person or
    collective in the campaign is set aside (with the reason), and this one is proposed again if it had been set
    aside. Refused while a set-aside nomination sits on a draft or signed document."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Phải ghi lý do chọn hình thức khen thưởng (ví dụ: kết luận của Hội đồng).")
    nominee = Nominee.objects.select_for_update(of=("self",)).select_related("award_kind", "dossier", "staff", "unit").get(pk=nominee.pk)
    others = list(siblings(nominee).select_for_update(of=("self",)))
    line = DecisionLine.objects.filter(nominee__in=others, decision__state__in=ACTIVE).select_related("decision").first()
    if line is not None:
        raise ValidationError(
            f"«{nominee.name}» đang có trong {line.decision}: bỏ dòng đó khỏi dự thảo (hoặc lập quyết định thay thế) "
            "trước khi chọn hình thức khác."
        )
    changed = []
    for other in others:
        if other.proposal_state != ProposalState.WITHDRAWN:
            set_state(other, to_state=ProposalState.WITHDRAWN, allowed_from=[ProposalState.PROPOSED], actor=actor,
                      reason=f"Chọn {nominee.award_kind.short_name} cho cùng thành tích: {reason}",
                      state_field="proposal_state")
            changed.append(other)
    if nominee.proposal_state != ProposalState.PROPOSED:
        set_state(nominee, to_state=ProposalState.PROPOSED, allowed_from=[ProposalState.WITHDRAWN], actor=actor,
                  reason=f"Chọn {nominee.award_kind.short_name} cho cùng thành tích: {reason}",
                  state_field="proposal_state")
        changed.append(nominee)
    return changed


@checks_rule("awards.record_vote", message="Chỉ Văn phòng Sở được chọn căn cứ đề nghị Bằng khen.")
@transaction.atomic
def set_bang_khen_route(nominee: Nominee, *, route: str, actor, reason: str = "") -> Nominee:
    """Which standard the Bằng khen proposal rests on; the Tờ trình's "Điều kiện đạt" says it."""
    if route not in BangKhenRoute.values:
        raise ValidationError("Căn cứ đề nghị Bằng khen không hợp lệ.")
    nominee = Nominee.objects.select_for_update().get(pk=nominee.pk)
    if nominee.bang_khen_route != route:
        set_state(nominee, to_state=route, allowed_from=BangKhenRoute.values, actor=actor,
                  reason=(reason or "").strip() or "Văn phòng chọn căn cứ đề nghị Bằng khen", state_field="bang_khen_route")
    return nominee


# ------------------------------------------------------------------------------------------ ties at the quota line

def tie_at_line(candidates: list, quota: int):
    """(above, tied, slots) when the quota line falls inside a group sharing a rank, else None. `candidates` are
    RankedNominee rows (eligible, passed, free) in ranking order."""
    if quota is None or len(candidates) <= quota or quota < 1:
        return None
    line_rank = candidates[quota - 1].rank
    if candidates[quota].rank != line_rank:
        return None
    tied = [c for c in candidates if c.rank == line_rank]
    above = [c for c in candidates if c.rank is not None and c.rank < line_rank]
    return above, tied, quota - len(above)


def _names(rows) -> str:
    names = [f"«{r.nominee.name}»" for r in rows]
    return ", ".join(names[:-1]) + f" và {names[-1]}" if len(names) > 1 else names[0]


def tie_choice(meeting: CouncilMeeting, award: CampaignAward, candidates: list):
    """The list within the quota: the first `quota` candidates, or, at a tie on the line, those above it plus the
    ones the council chose (TieBreak). Returns (picked, error)."""
    tie = tie_at_line(candidates, award.quota)
    if tie is None:
        return candidates[: award.quota], ""
    above, tied, slots = tie
    record = TieBreak.objects.filter(meeting=meeting, award_kind=award.award_kind, target=award.target).first()
    if record is not None and set(record.tied.values_list("pk", flat=True)) == {r.nominee.pk for r in tied}:
        chosen = set(record.chosen.values_list("pk", flat=True))
        return above + [r for r in tied if r.nominee.pk in chosen], ""
    return above, (
        f"{_names(tied)} cùng hạng {tied[0].rank} ở ranh giới số lượng {award.quota:02d} "
        f"{award.get_target_display().lower()} (còn {slots:02d} suất) và quy tắc xếp hạng không phân định được: Văn phòng "
        "ghi kết luận của Hội đồng (ai được chọn, lý do) tại trang cuộc họp Hội đồng rồi lập lại dự thảo."
    )


def _whose(staff_id, unit_id) -> tuple:
    """Whose achievement a nomination is, among those of one target: the person's, else the unit's."""
    return ("s", staff_id) if staff_id else ("u", unit_id)


@lru_cache(maxsize=8)
def _left_out_queries(alias, target) -> tuple[Compiled, Compiled]:
    """What `_left_out` reads, compiled once per process: the nominees on an active decision of the award kind,
    and the subjects (staff, unit) nominated in the campaign for another kind."""
    def taken(campaign, kind):
        return (DecisionLine.objects.using(alias).filter(decision__campaign=campaign, decision__award_kind=kind,
                                                         decision__state__in=ACTIVE).order_by().values_list("nominee_id"))

    def others(campaign, kind):
        return (Nominee.objects.using(alias).filter(dossier__campaign=campaign, target=target)
                .exclude(award_kind=kind).order_by().values_list("staff_id", "unit_id"))

    return Compiled(taken, "campaign", "kind"), Compiled(others, "campaign", "kind")


def _left_out(meeting: CouncilMeeting, award: CampaignAward, rows) -> set[int]:
    """The pks among `rows` (tuples (pk, staff_id, unit_id, ...) of nominees for `award`) that drafting leaves out of it: on
    another decision of this award, or refused by the one-award rule. Only a subject nominated for another award
    kind can be refused (the ranking already leaves out those withdrawn), so only those are read as instances."""
    taken_query, others_query = _left_out_queries(router.db_for_read(Nominee), award.target)
    ids = {"campaign": meeting.campaign_id, "kind": award.award_kind_id}
    taken = {pk for pk, in taken_query.rows(**ids)}
    others = {_whose(staff_id, unit_id) for staff_id, unit_id in others_query.rows(**ids)}
    suspects = [pk for pk, staff_id, unit_id, *_ in rows
                if pk not in taken and _whose(staff_id, unit_id) in others] if others else []
    refused = other_award_refusal_map(
        Nominee.objects.filter(pk__in=suspects).select_related("staff", "unit", "dossier", "award_kind"),
        award_kind=award.award_kind,
    ) if suspects else {}
    return taken | set(refused)


def _line_rows(meeting: CouncilMeeting, award: CampaignAward, passed: set[int] | None = None) -> list:
    """`line_candidates` with each `nominee` a RankRow (awards.services.ranking.rank_rows): no model instance for
    the 2,700 nominees of a province."""
    passed = passed_nominee_ids(meeting) if passed is None else passed
    ranked = [r for r in rank_rows(meeting.campaign, target=award.target, award_kind=award.award_kind)
              if r.eligible and r.nominee.pk in passed]
    left_out = _left_out(meeting, award, [(r.nominee.pk, r.nominee.staff_id, r.nominee.unit_id) for r in ranked])
    return [r for r in ranked if r.nominee.pk not in left_out]


def _tie(meeting: CouncilMeeting, award: CampaignAward, passed: set[int]):
    """`tie_at_line` over the award's line candidates, reading of the ranking only what the line needs: every
    eligible nominee's rank and subject (one query over the eligible alone), then, only when the line falls inside
    a rank group, builds the candidates' rows down to the end of that group (however many share it: the council
    sees every one of them). The Bằng khen's eligibility reads the award history as well as the score: the full
    ranking answers there."""
    quota = award.quota
    if quota is None or quota < 1:
        return None
    if award.award_kind.code == BANG_KHEN:
        return tie_at_line(_line_rows(meeting, award, passed), quota)
    ranking = Ranking(meeting.campaign, target=award.target, award_kind=award.award_kind, quota=quota)
    eligible = ranking.eligible_keys()
    keys = [key for key in eligible if key[0] in passed]
    if len(keys) <= quota:
        return None  # no more candidates than places
    left_out = _left_out(meeting, award, keys)
    ranks = [rank for pk, _, _, rank in keys if pk not in left_out]
    if len(ranks) <= quota or ranks[quota] != ranks[quota - 1]:
        return None
    line_rank = ranks[quota - 1]
    # The candidates ranked down to the last of the line's rank group, built as the ranking's rows (with the notes
    # the whole ranking gives them): the council sees every one of the group.
    candidates = {pk for pk, *_ in keys if pk not in left_out}
    places = [place for place, (pk, *_, rank) in enumerate(takewhile(lambda key: key[3] <= line_rank, eligible))
              if pk in candidates]
    return tie_at_line(ranking.rows_at(places), quota)


def _with_instances(rows: list) -> list:
    """Swap each row's RankRow for its Nominee (with its staff, unit, dossier and award kind), in one query."""
    instances = Nominee.objects.select_related("staff", "unit", "dossier", "award_kind").in_bulk([r.nominee.pk for r in rows])
    for r in rows:
        r.nominee = instances[r.nominee.pk]
    return rows


def line_candidates(meeting: CouncilMeeting, award: CampaignAward) -> list:
    """The nominees drafting would consider for `award`: eligible, passed the vote, on no other decision of this
    award, free of another award for the same achievement; in ranking order."""
    return _with_instances(_line_rows(meeting, award))


@lru_cache(maxsize=8)
def _passed_query(alias) -> Compiled:
    return Compiled(lambda meeting, fewest: Vote.objects.using(alias).filter(meeting=meeting, votes_for__gte=fewest)
                    .order_by().values_list("nominee_id"), "meeting", "fewest")


@lru_cache(maxsize=8)
def _awards_with_quota(alias) -> Compiled:
    return Compiled(lambda campaign: CampaignAward.objects.using(alias).filter(campaign=campaign, quota__isnull=False)
                    .select_related("award_kind").order_by("award_kind__code", "target"), "campaign")


@lru_cache(maxsize=8)
def _tie_break_query(alias, target) -> Compiled:
    return Compiled(lambda meeting, kind: TieBreak.objects.using(alias).filter(meeting=meeting, award_kind=kind, target=target)
                    .order_by("pk")[:1], "meeting", "kind")


def open_ties(meeting: CouncilMeeting) -> list[dict]:
    """Every quota line of the meeting's campaign that falls inside a tie, with the council's recorded choice (if
    it still fits the tied group). Each row's `nominee` is a RankRow (pk, name, unit_name): the page shows them
    and a tie break needs only their pks. Of each ranking, only the ranks are read, and the rows down to the line's
    rank group when the line falls inside one (`_tie`)."""
    out = []
    # The awards with a quota and the council's recorded choices: their SQL compiled once per process.
    awards = _awards_with_quota(router.db_for_read(CampaignAward)).objects(campaign=meeting.campaign_id)
    # The nominees whose vote passed (passed_nominee_ids), by the same arithmetic, in one lean query (thousands of
    # ids in a province: read as the database gives them, its SQL compiled once per process).
    passed = {pk for pk, in _passed_query(router.db_for_read(Vote)).rows(meeting=meeting.pk, fewest=fewest_votes_to_pass(meeting))}
    for award in awards:
        award.campaign = meeting.campaign
        tie = _tie(meeting, award, passed)
        if tie is None:
            continue
        above, tied, slots = tie
        record = next(iter(_tie_break_query(router.db_for_read(TieBreak), award.target)
                           .objects(meeting=meeting.pk, kind=award.award_kind_id)), None)
        current = record is not None and set(record.tied.values_list("pk", flat=True)) == {r.nominee.pk for r in tied}
        out.append({
            "award": award, "above": above, "tied": tied, "slots": slots, "record": record if current else None,
            "chosen": set(record.chosen.values_list("pk", flat=True)) if current else set(),
        })
    return out


@checks_rule("awards.record_vote", message="Chỉ Văn phòng Sở được ghi kết luận của Hội đồng khi bằng hạng.")
@transaction.atomic
def record_tie_break(meeting: CouncilMeeting, *, award_kind: AwardKind, target: str, chosen: list[Nominee],
                     reason: str, actor) -> TieBreak:
    """The council's conclusion among the nominees tied at the quota line: exactly as many as the free places."""
    ensure_open(meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Phải ghi lý do (kết luận của Hội đồng) khi chọn trong các đối tượng cùng hạng.")
    award = CampaignAward.objects.filter(campaign=meeting.campaign, award_kind=award_kind, target=target).first()
    tie = tie_at_line(line_candidates(meeting, award), award.quota) if award else None
    if tie is None:
        raise ValidationError("Không có đối tượng cùng hạng ở ranh giới số lượng: không cần Hội đồng chọn.")
    above, tied, slots = tie
    tied_ids = {r.nominee.pk for r in tied}
    chosen_ids = {n.pk for n in chosen}
    if not chosen_ids <= tied_ids:
        raise ValidationError("Chỉ chọn trong các đối tượng cùng hạng ở ranh giới số lượng.")
    if len(chosen_ids) != slots:
        raise ValidationError(
            f"Còn {slots:02d} suất {award_kind.short_name} {Target(target).label.lower()}: chọn đúng {slots:02d} "
            f"trong {len(tied):02d} đối tượng cùng hạng (đã chọn {len(chosen_ids):02d})."
        )
    TieBreak.objects.filter(meeting=meeting, award_kind=award_kind, target=target).delete()
    record = TieBreak.objects.create(meeting=meeting, award_kind=award_kind, target=target, reason=reason,
                                     recorded_by=actor if actor and actor.is_authenticated else None)
    record.tied.set(tied_ids)
    record.chosen.set(chosen_ids)
    return record


def clear_tie_breaks(meeting: CouncilMeeting) -> int:
    """A change of votes reopens every tie of the meeting: the council's earlier choice no longer applies."""
    deleted, _ = TieBreak.objects.filter(meeting=meeting).delete()
    return deleted


# ------------------------------------------------------------------------------------------------ before signing

def ensure_signable(decision, lines, signed_on: dt.date, *, today: dt.date | None = None) -> None:
    """Every refusal that stops the Director signing `decision` on `signed_on`, in Vietnamese, all at once."""
    rests_on = timezone.localtime(decision.meeting.held_at).date() if decision.meeting_id else None
    errors = check_signing_date(signed_on, rests_on=rests_on, rests_on_what="họp Hội đồng Thi đua - Khen thưởng",
                                today=today)
    errors += signing_errors(grounds_for(decision.doc_type, campaign=decision.campaign, day=signed_on,
                                         meeting=decision.meeting), signed_on)
    refused = other_award_refusal_map([line.nominee for line in lines], award_kind=decision.award_kind, undecided=False)
    errors += [refused[line.nominee_id] for line in lines if line.nominee_id in refused]
    if errors:
        raise ValidationError(errors)
