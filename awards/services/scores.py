"""The score a nominee ranks on, kept per nominee (`NomineeScore`) by whatever changes its results or the
criteria, in the same transaction: the ranking then reads one row per nominee instead of aggregating every
result of the campaign on each request.

- **Score**: 100 × Σ weight(met) ÷ Σ weight(criteria not "không áp dụng"), two decimals, half up; 0 when no
  criterion applies (see awards.services.ranking).
- **Meets mandatory**: every mandatory criterion of the nominee's target has a result, and none of them is
  "không đạt" or "chưa có số liệu" ("không áp dụng" counts as met).
- **Shortfalls**: of a nominee that does not, which mandatory criteria it falls short of and how (the ranking
  shows them as its reasons).
- **The ranking's keys**: the name (the person's, or the unit's for a collective), the person's gender, the unit's
  share of women among its active staff (collectives) and the dossier's first submission, copied here so that the
  ranking sorts the scores alone instead of joining them to 20,000 staff. They follow their sources through
  `refresh_ranking_keys`: the signals below (any save of a staff member, unit, dossier or nominee) and
  campaigns.hooks.people_changed (the Excel import of the organisation, which writes in bulk).

Who keeps it: `recompute_results` (automatic results), `rule_on_result` (the office's ruling), and the signals
below for any other save or delete of a result or a criterion (the admin, the weights page, fixtures). A nominee
without a row yet is scored when the ranking first meets it (`ensure_scores`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import post_delete, post_save, pre_save

from awards.models import Dossier, Nominee, NomineeScore, Outcome, Result
from campaigns.models import Criterion, Gender, Staff, Target, Unit

SHORT = [Outcome.NOT_MET, Outcome.NO_DATA]


def outcome_of_result(prefix=""):
    """A result's outcome in SQL, as `Result.outcome` reads it: the office's ruling, else the computed one
    (`prefix`: the path to the result, e.g. "results__")."""
    return Coalesce(NullIf(f"{prefix}override", Value("")), f"{prefix}computed")


def ratio(met, applicable) -> Decimal:
    if not applicable:
        return Decimal("0.00")
    return (Decimal(met) * 100 / Decimal(applicable)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def refresh_scores(nominees) -> int:
    """Recompute the NomineeScore of `nominees` (a Nominee queryset, or nominees / their ids) from their results,
    in two queries (a third reads the results of those that fall short) and one upsert. Returns how many were
    written."""
    if hasattr(nominees, "values"):
        qs = Nominee.objects.filter(pk__in=nominees.values("pk"))
    else:
        ids = [getattr(n, "pk", n) for n in nominees]
        if not ids:
            return 0
        qs = Nominee.objects.filter(pk__in=ids)
    own = Q(results__criterion__campaign=F("dossier__campaign"), results__criterion__target=F("target"))
    mandatory = own & Q(results__criterion__mandatory=True)
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=12, decimal_places=2))
    rows = list(
        qs.order_by().alias(outcome=outcome_of_result("results__")).values(
            "pk", "target", "dossier__campaign_id", "unit_id", "staff__full_name", "staff__gender", "unit__name",
            "dossier__first_submitted_at",
        ).annotate(
            w_applicable=Coalesce(Sum("results__criterion__weight", filter=own & ~Q(outcome=Outcome.NOT_APPLICABLE)), zero),
            w_met=Coalesce(Sum("results__criterion__weight", filter=own & Q(outcome=Outcome.MET)), zero),
            n_mandatory=Count("results", filter=mandatory),
            n_short=Count("results", filter=mandatory & Q(outcome__in=SHORT)),
            n_results=Count("results"),
        )
    )
    if not rows:
        return 0
    required = defaultdict(list)  # (campaign id, target): the pks of its mandatory criteria
    for campaign_id, target, pk in Criterion.objects.filter(
        campaign_id__in={r["dossier__campaign_id"] for r in rows}, mandatory=True,
    ).order_by().values_list("campaign_id", "target", "pk"):
        required[campaign_id, target].append(pk)
    meets = {
        r["pk"]: r["n_short"] == 0 and r["n_mandatory"] >= len(required[r["dossier__campaign_id"], r["target"]])
        for r in rows
    }
    shortfalls = _shortfalls([r for r in rows if not meets[r["pk"]]], required)
    collectives = {r["unit_id"] for r in rows if r["target"] == Target.COLLECTIVE}
    women = women_percentages(list(collectives)) if collectives else {}
    scores = [
        NomineeScore(
            nominee_id=r["pk"], score=ratio(r["w_met"], r["w_applicable"]), meets_mandatory=meets[r["pk"]],
            shortfalls=shortfalls.get(r["pk"], []), result_count=r["n_results"], **_keys(r, women),
        )
        for r in rows
    ]
    NomineeScore.objects.bulk_create(
        scores, batch_size=500, update_conflicts=True, unique_fields=["nominee"],
        update_fields=["score", "meets_mandatory", "shortfalls", "result_count", *KEYS, "updated_at"],
    )
    return len(scores)


KEYS = ("name", "gender", "women_percent", "submitted_at")


def _keys(row, women) -> dict:
    """The ranking's keys of a nominee (NomineeScore.name … submitted_at) from its values() row."""
    person = row["staff__full_name"] is not None  # as Nominee.name names it
    return {
        "name": row["staff__full_name"] if person else row["unit__name"],
        "gender": row["staff__gender"] if person else "",
        "women_percent": women.get(row["unit_id"]) if row["target"] == Target.COLLECTIVE else None,
        "submitted_at": row["dossier__first_submitted_at"],
    }


def women_percentages(units=None) -> dict:
    """{unit_id: percent of women among the unit's active staff} of the units with active staff, in one grouped
    query: every unit's (`None`: one pass over the staff, no join), or those of `units` (unit ids, or a queryset
    of them read as a subquery). A unit with no active staff is absent."""
    rows = Staff.objects.filter(active=True).order_by().values("unit_id")
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    out = {}
    # Counted on the columns of the index staff_active_unit_gender only (an index-only scan in PostgreSQL).
    for row in rows.annotate(total=Count("*"), women=Count("gender", filter=Q(gender=Gender.FEMALE))):
        if row["total"]:
            out[row["unit_id"]] = (Decimal(row["women"]) * 100 / row["total"]).quantize(Decimal("0.01"))
    return out


def _shortfalls(rows, required, batch=2000) -> dict:
    """{nominee pk: [[criterion pk, outcome or None], ...]}: the mandatory criteria (`required`, by campaign and
    target) each of `rows` (nominees that do not meet them all) falls short of: "không đạt", "chưa có số liệu",
    or None for no result at all. One query per `batch` nominees."""
    criteria = [pk for pks in required.values() for pk in pks]
    outcomes = defaultdict(dict)
    for start in range(0, len(rows), batch):
        for nominee_id, criterion_id, outcome in (
            Result.objects.filter(nominee_id__in=[r["pk"] for r in rows[start:start + batch]], criterion_id__in=criteria)
            .annotate(outcome=outcome_of_result()).order_by()
            .values_list("nominee_id", "criterion_id", "outcome")
        ):
            outcomes[nominee_id][criterion_id] = outcome
    out = {}
    for r in rows:
        have = outcomes[r["pk"]]
        out[r["pk"]] = [[pk, have.get(pk)] for pk in required[r["dossier__campaign_id"], r["target"]]
                        if have.get(pk) in (*SHORT, None)]
    return out


def unscored():
    """The nominees (of a Nominee queryset's filter) that have no NomineeScore, or one written before it kept the
    shortfalls and the ranking's keys (migrations 0011 and 0012 empty the shortfalls): `ensure_scores` scores
    them."""
    return Q(score__isnull=True) | Q(score__shortfalls__isnull=True)


def ensure_scores(nominees) -> int:
    """Score the nominees of this queryset that have no NomineeScore yet, or an incomplete one (one query when all
    have one)."""
    missing = list(nominees.filter(unscored()).values_list("pk", flat=True))
    return refresh_scores(missing) if missing else 0


# --------------------------------------------------------------------------------------------- signals


def _result_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if Nominee.objects.filter(pk=instance.nominee_id).exists():  # gone when the nominee itself is being deleted
        refresh_scores([instance.nominee_id])


def _criterion_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_scores(Nominee.objects.filter(dossier__campaign_id=instance.campaign_id, target=instance.target, score__isnull=False))


def refresh_ranking_keys(*, staff=(), units=(), dossiers=(), nominees=()) -> int:
    """Score again the scored nominees whose ranking keys (NomineeScore.name … submitted_at) these changes may
    have moved: the individuals of `staff` (name, gender) and the collectives of `units` (name, share of women:
    pass a staff member's unit too, before and after a move), the nominees of `dossiers` (submission time), and
    `nominees` themselves. One query when none of them is scored, one per 1,000 ids when an import passes
    thousands (a database takes only so many parameters)."""
    parts = []
    for lookup, values in (("staff_id__in", staff), ("unit_id__in", units), ("dossier_id__in", dossiers), ("pk__in", nominees)):
        values = list(values)
        parts += [(lookup, values[i:i + 1000]) for i in range(0, len(values), 1000)]
    batches = [parts] if sum(len(values) for _, values in parts) <= 1000 else [[part] for part in parts]
    ids = set()
    for batch in batches:
        match = Q(pk__in=[])
        for lookup, values in batch:
            match |= Q(**{lookup: values}) & (Q(target=Target.COLLECTIVE) if lookup == "unit_id__in" else Q())
        ids.update(Nominee.objects.filter(match, score__isnull=False).order_by().values_list("pk", flat=True))
    return refresh_scores(sorted(ids)) if ids else 0


def after_people_changed(*, units, staff) -> None:
    """The listener of campaigns.hooks.people_changed (the organisation's import writes past the signals)."""
    refresh_ranking_keys(staff=staff, units=units)


def _staff_saving(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk is not None:  # its unit before the save: a move changes both units' share of women
        instance._unit_before = Staff.objects.filter(pk=instance.pk).values_list("unit_id", flat=True).first()


def _staff_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    units = {instance.unit_id, getattr(instance, "_unit_before", None)} - {None}
    refresh_ranking_keys(staff=[instance.pk], units=sorted(units))


def _unit_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_ranking_keys(units=[instance.pk])


def _dossier_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_ranking_keys(dossiers=[instance.pk])


def _nominee_changed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_ranking_keys(nominees=[instance.pk])


def connect():
    """Called by AwardsConfig.ready: saves and deletes outside the services keep the scores too, and the ranking's
    keys follow the staff members, units, dossiers and nominees they are copied from."""
    post_save.connect(_nominee_changed, sender=Nominee, dispatch_uid="awards.scores.nominee_saved")
    post_save.connect(_dossier_changed, sender=Dossier, dispatch_uid="awards.scores.dossier_saved")
    pre_save.connect(_staff_saving, sender=Staff, dispatch_uid="awards.scores.staff_saving")
    post_save.connect(_staff_changed, sender=Staff, dispatch_uid="awards.scores.staff_saved")
    post_delete.connect(_staff_changed, sender=Staff, dispatch_uid="awards.scores.staff_deleted")
    post_save.connect(_unit_changed, sender=Unit, dispatch_uid="awards.scores.unit_saved")
    post_save.connect(_result_changed, sender=Result, dispatch_uid="awards.scores.result_saved")
    post_delete.connect(_result_changed, sender=Result, dispatch_uid="awards.scores.result_deleted")
    post_save.connect(_criterion_changed, sender=Criterion, dispatch_uid="awards.scores.criterion_saved")
    post_delete.connect(_criterion_changed, sender=Criterion, dispatch_uid="awards.scores.criterion_deleted")
