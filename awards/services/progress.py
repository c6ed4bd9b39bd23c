"""How far each unit is in a campaign, for the office dashboard and the reminders.

What each dossier holds (its nominees, its documents with a file, its decided results) is kept per dossier
(`DossierProgress`) by the services that change it, in the same transaction: `add_nominee`, `remove_nominee`,
`upload_version`, `recompute_results`, `rule_on_result` call `refresh_progress`, which recounts those dossiers
from their rows (it never adds or subtracts, so a missed call is mended by the next one or by
`manage.py refresh_progress`). The dashboard then reads everything in a FIXED number of queries whatever the
number of units, dossiers, nominees and results (one: the units, each with its dossier and the dossier's kept
row, and the criteria counts), never an aggregate over the whole campaign. A dossier without a kept row yet (made by a
loader that wrote rows directly) is counted from its rows for that page, without writing: a GET writes nothing, and
`manage.py refresh_progress` keeps the row.

The stages of a unit, in the order of the campaign:
- registered: the unit, or someone of it, has a registration (đăng ký thi đua) in the campaign;
- plan on file: the unit's own emulation plan has at least one uploaded version;
- dossier complete: the rule of the unit portal's checklist (`awards.services.dossiers.dossier_checklist`),
  computed here in bulk: at least one nominee, a proposal letter and council minutes once per dossier, and an
  achievement report for every nominee (a document counts when it has at least one uploaded version);
- submitted: the dossier has left the draft state (it was submitted at least once);
- returned: the dossier is currently returned to the unit for correction;
- accepted: the office has accepted it;
- scored: the dossier is accepted (only accepted dossiers are scored) and every nominee has a decided result
  (met, not met or not applicable; "no data yet" is not decided)
  on every criterion of its target.

A unit is at risk when it has submitted nothing and its dossier deadline (the campaign's, or the end of an
extension the office granted it) is 7 days away or less, or already past. Days are counted on Vietnam dates.
"""

import datetime as dt
import operator
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import router
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.models import (
    DeadlineExtension,
    Document,
    DocumentKind,
    DocumentVersion,
    DossierProgress,
    DossierState,
    Nominee,
    Outcome,
    Registration,
    Result,
)
from campaigns.compiled import Compiled
from campaigns.models import Criterion, Target, Unit

AT_RISK_DAYS = 7

# Stage keys, their labels, in the order of the campaign. The unit list filters by these keys.
STAGES = [
    ("registered", "Đã đăng ký thi đua"),
    ("plan_on_file", "Đã có kế hoạch của đơn vị"),
    ("complete", "Hồ sơ đủ thành phần"),
    ("submitted", "Đã nộp hồ sơ"),
    ("returned", "Đang bị trả lại"),
    ("accepted", "Đã tiếp nhận"),
    ("scored", "Đã chấm điểm đủ"),
]
STAGE_LABELS = dict(STAGES)
# "Not yet" labels, for the lists behind "how many are missing this step".
MISSING_LABELS = {
    "registered": "Chưa đăng ký thi đua",
    "plan_on_file": "Chưa có kế hoạch của đơn vị",
    "complete": "Hồ sơ chưa đủ thành phần",
    "submitted": "Chưa nộp hồ sơ",
    "returned": "Không bị trả lại",
    "accepted": "Chưa được tiếp nhận",
    "scored": "Chưa chấm điểm đủ",
}
FILTER_LABELS = {**STAGE_LABELS, "at_risk": "Có nguy cơ trễ hạn (chưa nộp, còn 7 ngày trở xuống)"}

SUBMITTED_STATES = [
    DossierState.SUBMITTED, DossierState.RETURNED, DossierState.RESUBMITTED, DossierState.ACCEPTED,
    DossierState.REJECTED,
]
DECIDED_OUTCOMES = [Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE]


@dataclass(frozen=True, slots=True)
class UnitRow:
    """The unit as the progress shows it (read as values: no model instance for each of the province's units)."""

    pk: int
    code: str
    name: str

    def __str__(self):
        return self.name


@dataclass
class UnitProgress:
    unit: UnitRow
    registered: bool
    plan_on_file: bool
    deadline: dt.date
    days_left: int
    extended: bool = False
    dossier_id: int | None = None
    state: str | None = None
    state_label: str = "Chưa lập hồ sơ"
    nominees: int = 0
    has_proposal_letter: bool = False
    has_council_minutes: bool = False
    nominees_without_report: int = 0
    results_expected: int = 0
    results_decided: int = 0

    @property
    def complete(self):
        return (
            self.nominees > 0 and self.has_proposal_letter and self.has_council_minutes
            and self.nominees_without_report == 0
        )

    @property
    def submitted(self):
        return self.state in SUBMITTED_STATES

    @property
    def returned(self):
        return self.state == DossierState.RETURNED

    @property
    def accepted(self):
        return self.state == DossierState.ACCEPTED

    @property
    def scored(self):
        return self.accepted and self.nominees > 0 and self.results_expected > 0 and self.results_decided >= self.results_expected

    @property
    def at_risk(self):
        return not self.submitted and self.days_left <= AT_RISK_DAYS

    @property
    def missing(self):
        """What the dossier still lacks, in the words of the checklist (empty when complete)."""
        if self.dossier_id is None:
            return ["Chưa lập hồ sơ đề nghị khen thưởng"]
        items = []
        if self.nominees == 0:
            items.append("Chưa có đối tượng đề nghị khen thưởng")
        if not self.has_proposal_letter:
            items.append(f"Thiếu {DocumentKind.PROPOSAL_LETTER.label}")
        if not self.has_council_minutes:
            items.append(f"Thiếu {DocumentKind.COUNCIL_MINUTES.label}")
        if self.nominees_without_report:
            items.append(f"Thiếu Báo cáo thành tích của {self.nominees_without_report} đối tượng")
        return items

    @property
    def days_label(self):
        return days_label(self.days_left)

    def has(self, stage):
        return bool(getattr(self, stage))


@dataclass
class Deadline:
    label: str
    date: dt.date
    days_left: int

    @property
    def days_label(self):
        return days_label(self.days_left)


@dataclass
class CampaignProgress:
    campaign: object
    today: dt.date
    units: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.units)

    def count(self, stage):
        if not hasattr(self, "_counts"):
            # One pass over the units, each stage asked once per unit.
            reached = operator.attrgetter(*STAGE_LABELS)
            columns = zip(*map(reached, self.units)) if self.units else [()] * len(STAGE_LABELS)
            self._counts = {key: sum(map(bool, column)) for key, column in zip(STAGE_LABELS, columns)}
        return self._counts[stage]

    @property
    def totals(self):
        """[(key, label, count, missing_count)] in stage order."""
        return [(key, label, self.count(key), self.total - self.count(key)) for key, label in STAGES]

    @property
    def at_risk(self):
        return [u for u in self.units if u.at_risk]

    @property
    def deadlines(self):
        c = self.campaign
        return [
            Deadline("Kết thúc đợt thi đua", c.period_end, (c.period_end - self.today).days),
            Deadline("Hạn nộp hồ sơ đề nghị khen thưởng", c.dossier_deadline, (c.dossier_deadline - self.today).days),
            Deadline("Hạn trình khen thưởng", c.decision_deadline, (c.decision_deadline - self.today).days),
        ]

    def filtered(self, *, stage=None, missing=None):
        units = self.units
        if stage == "at_risk":
            units = [u for u in units if u.at_risk]
        elif stage in STAGE_LABELS:
            units = [u for u in units if u.has(stage)]
        if missing in STAGE_LABELS:
            units = [u for u in units if not u.has(missing)]
        return units


def days_label(days_left):
    """'còn 5 ngày', 'hạn cuối là hôm nay', 'đã quá hạn 3 ngày'."""
    if days_left > 0:
        return f"còn {days_left} ngày"
    if days_left == 0:
        return "hạn cuối là hôm nay"
    return f"đã quá hạn {-days_left} ngày"


def vietnam_today(now=None):
    """Today's date in Vietnam (the project's time zone), whatever the server's clock zone."""
    return timezone.localdate(now)


KEPT = ["collectives", "individuals", "reports", "has_proposal_letter", "has_council_minutes", "results_decided"]


def refresh_progress(dossiers) -> int:
    """Recount the DossierProgress of `dossiers` (a Dossier queryset, or dossiers / their ids) from their rows, in
    three grouped queries and one upsert. Call it in the transaction of whatever changed a dossier's nominees,
    documents or results. Returns how many rows were written."""
    if hasattr(dossiers, "values_list"):
        ids = list(dossiers.order_by().values_list("pk", flat=True))
    else:
        ids = sorted({getattr(d, "pk", d) for d in dossiers})
    if not ids:
        return 0
    rows = count_progress(ids)
    DossierProgress.objects.bulk_create(
        rows.values(), batch_size=500, update_conflicts=True, unique_fields=["dossier"],
        update_fields=[*KEPT, "updated_at"],
    )
    return len(rows)


def count_progress(ids) -> dict:
    """{dossier id: DossierProgress, unsaved} counted from the rows of the dossiers `ids`, in three grouped queries.
    Reads only: `refresh_progress` writes them."""
    rows = {pk: DossierProgress(dossier_id=pk) for pk in ids}
    nominees = (
        Nominee.objects.filter(dossier_id__in=ids).order_by().values("dossier_id")
        .annotate(collective=Count("pk", filter=Q(target=Target.COLLECTIVE)),
                  individual=Count("pk", filter=Q(target=Target.INDIVIDUAL)))
    )
    for row in nominees:
        progress = rows[row["dossier_id"]]
        progress.collectives, progress.individuals = row["collective"], row["individual"]
    # Documents with at least one file, per dossier and kind: the letter and the minutes are present or not;
    # achievement reports are counted by nominee (their slot carries its dossier as well as its nominee).
    documents = (
        Document.objects.filter(
            dossier_id__in=ids,
            kind__in=[DocumentKind.PROPOSAL_LETTER, DocumentKind.COUNCIL_MINUTES, DocumentKind.ACHIEVEMENT_REPORT],
        ).filter(Exists(DocumentVersion.objects.filter(document=OuterRef("pk")))).order_by()
        .values("dossier_id", "kind").annotate(n=Count("nominee_id", distinct=True))
    )
    for row in documents:
        progress = rows[row["dossier_id"]]
        if row["kind"] == DocumentKind.PROPOSAL_LETTER:
            progress.has_proposal_letter = True
        elif row["kind"] == DocumentKind.COUNCIL_MINUTES:
            progress.has_council_minutes = True
        else:
            progress.reports = row["n"]
    # Results are made on the campaign's own criteria only, so no join on the criterion is needed.
    decided = (
        Result.objects.filter(nominee__dossier_id__in=ids)
        .filter(Q(override__in=DECIDED_OUTCOMES) | Q(override="", computed__in=DECIDED_OUTCOMES))
        .order_by().values("nominee__dossier_id").annotate(n=Count("pk"))
    )
    for row in decided:
        rows[row["nominee__dossier_id"]].results_decided = row["n"]
    return rows


def _criteria_count(campaign, target):
    """How many criteria `target` is judged on, as a subquery (computed once per query, not per row)."""
    counted = (Criterion.objects.filter(campaign=campaign, target=target).order_by().values("campaign")
               .annotate(n=Count("pk")).values("n")[:1])
    return Coalesce(Subquery(counted), 0)


def _progress_query(campaign, units):
    """`campaign_progress`'s one query over `units` (`campaign`: an instance or an id)."""
    kept = {f"kept_{name}": F(f"campaign_dossier__progress__{name}") for name in KEPT}
    return (
        units.annotate(
            is_registered=Exists(Registration.objects.filter(campaign=campaign, unit=OuterRef("pk"))),
            has_plan=Exists(DocumentVersion.objects.filter(
                document__campaign=campaign, document__unit=OuterRef("pk"), document__kind=DocumentKind.UNIT_PLAN,
            )),
            extension_until=Subquery(
                DeadlineExtension.objects.filter(campaign=campaign, unit=OuterRef("pk")).order_by("-until").values("until")[:1]
            ),
            # One dossier per unit and campaign (one_dossier_per_unit_campaign): the join keeps one row per unit.
            campaign_dossier=FilteredRelation("dossiers", condition=Q(dossiers__campaign=campaign)),
        )
        .annotate(
            dossier_pk=F("campaign_dossier__pk"), dossier_state=F("campaign_dossier__state"), **kept,
            n_collective=_criteria_count(campaign, Target.COLLECTIVE),
            n_individual=_criteria_count(campaign, Target.INDIVIDUAL),
        )
        .order_by("code")
        .values_list("pk", "code", "name", "is_registered", "has_plan", "extension_until", "dossier_pk",
                     "dossier_state", *kept, "n_collective", "n_individual")
    )


@lru_cache(maxsize=8)
def _compiled_progress(alias) -> Compiled:
    """`_progress_query` over an organisation's active units, compiled once per process: Django's building and
    compiling of its subqueries took 1.5 ms of the dashboard's 5 ms of progress."""
    return Compiled(
        lambda campaign, organisation: _progress_query(
            campaign, Unit.objects.using(alias).filter(organisation_id=organisation, active=True)),
        "campaign", "organisation",
    )


def campaign_progress(campaign, *, today=None, units=None):
    """The progress of every active unit of the campaign's organisation (or of `units`, a Unit queryset), in one
    query: each unit with its registration, plan and extension, its dossier in the campaign with the counts kept
    for it, and how many criteria each target is judged on."""
    today = today or vietnam_today()
    if units is None:  # the organisation's active units: the query's SQL compiled once per process
        unit_rows = _compiled_progress(router.db_for_read(Unit)).rows(campaign=campaign.pk, organisation=campaign.organisation_id)
    else:
        unit_rows = list(_progress_query(campaign, units))
    # A dossier never counted yet (written by a loader around the services) is counted from its rows, for this
    # page only: a GET writes nothing (`manage.py refresh_progress` and the services keep the rows).
    uncounted = [u[6] for u in unit_rows if u[6] is not None and u[8] is None]
    counted = count_progress(uncounted) if uncounted else {}

    states = dict(DossierState.choices)
    dossier_deadline = campaign.dossier_deadline
    rows = []
    for (pk, code, name, registered, has_plan, extension_until, dossier_pk, state, *kept_values,
         n_collective, n_individual) in unit_rows:
        deadline = dossier_deadline
        extended = False
        if extension_until is not None:
            until = timezone.localdate(extension_until)
            if until > deadline:
                deadline, extended = until, True
        row = UnitProgress(UnitRow(pk, code, name), registered, has_plan, deadline, (deadline - today).days, extended)
        if dossier_pk is not None:
            if dossier_pk in counted:
                fresh = counted[dossier_pk]
                kept_values = [getattr(fresh, kept_name) for kept_name in KEPT]
            collectives, individuals, reports, has_letter, has_minutes, decided = kept_values
            row.dossier_id = dossier_pk
            row.state = state
            row.state_label = states.get(state, state)
            row.nominees = collectives + individuals
            row.has_proposal_letter = has_letter
            row.has_council_minutes = has_minutes
            row.nominees_without_report = row.nominees - reports
            row.results_expected = collectives * n_collective + individuals * n_individual
            # Only accepted dossiers are scored (awards.services.recompute.scored_nominees).
            row.results_decided = decided if state == DossierState.ACCEPTED else 0
        rows.append(row)
    return CampaignProgress(campaign=campaign, today=today, units=rows)
