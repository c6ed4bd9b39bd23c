"""The score a nominee ranks on, kept per nominee (`NomineeScore`) by whatever changes its results or the
criteria, in the same transaction: the ranking then reads one row per nominee instead of aggregating every
result of the campaign on each request.

- **Score**: 100 × Σ weight(met) ÷ Σ weight(criteria not "không áp dụng"), two decimals, half up; 0 when no
  criterion applies (see awards.services.ranking).
- **Meets mandatory**: every mandatory criterion of the nominee's target has a result, and none of them is
  "không đạt" or "chưa có số liệu" ("không áp dụng" counts as met).
- **Shortfalls**: of a nominee that does not, which mandatory criteria it falls short of and how (the ranking
  shows them as its reasons).

Who keeps it: `recompute_results` (automatic results), `rule_on_result` (the office's ruling), and the signals
below for any other save or delete of a result or a criterion (the admin, the weights page, fixtures). A nominee
without a row yet is scored when the ranking first meets it (`ensure_scores`).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import post_delete, post_save

from awards.models import Nominee, NomineeScore, Outcome, Result
from campaigns.models import Criterion

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
        qs.order_by().alias(outcome=outcome_of_result("results__")).values("pk", "target", "dossier__campaign_id").annotate(
            w_applicable=Coalesce(Sum("results__criterion__weight", filter=own & ~Q(outcome=Outcome.NOT_APPLICABLE)), zero),
            w_met=Coalesce(Sum("results__criterion__weight", filter=own & Q(outcome=Outcome.MET)), zero),
            n_mandatory=Count("results", filter=mandatory),
            n_short=Count("results", filter=mandatory & Q(outcome__in=SHORT)),
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
    scores = [
        NomineeScore(
            nominee_id=r["pk"], score=ratio(r["w_met"], r["w_applicable"]), meets_mandatory=meets[r["pk"]],
            shortfalls=shortfalls.get(r["pk"], []),
        )
        for r in rows
    ]
    NomineeScore.objects.bulk_create(
        scores, batch_size=500, update_conflicts=True, unique_fields=["nominee"], update_fields=["score", "meets_mandatory", "shortfalls", "updated_at"],
    )
    return len(scores)


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
    shortfalls: `ensure_scores` scores them."""
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


def connect():
    """Called by AwardsConfig.ready: saves and deletes outside the services keep the scores too."""
    post_save.connect(_result_changed, sender=Result, dispatch_uid="awards.scores.result_saved")
    post_delete.connect(_result_changed, sender=Result, dispatch_uid="awards.scores.result_deleted")
    post_save.connect(_criterion_changed, sender=Criterion, dispatch_uid="awards.scores.criterion_saved")
    post_delete.connect(_criterion_changed, sender=Criterion, dispatch_uid="awards.scores.criterion_deleted")
