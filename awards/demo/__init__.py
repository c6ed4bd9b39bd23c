"""The demo, built as a user of the product would build it: each step is a module of this package with a public
`seed(stdout=None)` that is idempotent and uses the services and public functions of the apps.

The stages are explicit: STAGES names each stopping point and the steps it runs, in order. An unknown stage is
an error (UnknownStage), never silently skipped. The organisation (units, staff, records, one account per role)
comes first, whatever the stage (`seed_demo` builds it with organisation.seed_organisation)."""

from awards.demo import current_year, decisions, dossiers, scoring
from awards.models import Dossier
from awards.plans import plan_2023
from awards.services.progress import refresh_progress
from campaigns.models import Campaign, CampaignStatus


class UnknownStage(ValueError):
    """A stage that is not in STAGES."""


# Each stage: the steps it runs, in order. "dossiers": dossiers in several states; "scored" (the default):
# also indicator data, results and the office's rulings; "decided": also the council's vote and the decision
# signed in December 2023; "living": also 2023 closed and this year's campaign open (awards/demo/current_year.py).
STAGES = {
    "dossiers": [dossiers.seed],
    "scored": [dossiers.seed, scoring.seed],
    "decided": [dossiers.seed, scoring.seed, decisions.seed],
    # `make run`: 2023 decided and closed, and this year's campaign cloned from it, open, units at every step.
    "living": [dossiers.seed, scoring.seed, decisions.seed, current_year.seed],
}
DEFAULT_STAGE = "scored"


def seed(stage: str = DEFAULT_STAGE, stdout=None, *, campaign=None) -> None:
    """Run every step of `stage`, in order, on `campaign` (the 2023 plan's campaign unless given)."""
    if stage not in STAGES:
        raise UnknownStage(f"Không có bước minh họa «{stage}»; các bước: {', '.join(STAGES)}.")
    if campaign is None:
        campaign = Campaign.objects.filter(code=plan_2023.CAMPAIGN["code"]).select_related("organisation").first()
    for step in STAGES[stage]:
        if campaign is not None and campaign.status == CampaignStatus.CLOSED and step is not current_year.seed:
            continue  # a closed campaign is kept as it is
        step(campaign, stdout=stdout)
    # The steps write some rows directly (nominees added to accepted dossiers, back-dated results): rebuild what the
    # office dashboard counts per dossier, as the services would have kept it.
    refresh_progress(Dossier.objects.all())
