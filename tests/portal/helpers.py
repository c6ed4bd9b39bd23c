"""Builders for portal tests: a complete dossier made through the same services the pages call."""

from awards.services import dossiers
from tests.portal.conftest import BEFORE_DEADLINE, upload


def complete_dossier(campaign, unit, actor, award_kind, *, staff=(), now=BEFORE_DEADLINE):
    """A draft dossier with the unit itself (and `staff`) proposed, both dossier documents and every report."""
    dossier = dossiers.get_or_create_dossier(campaign, unit)
    nominees = [dossiers.add_nominee(dossier, award_kind=award_kind, actor=actor, now=now)]
    for person in staff:
        nominees.append(dossiers.add_nominee(dossier, award_kind=award_kind, actor=actor, staff=person, now=now))
    dossiers.upload_dossier_document(dossier, "proposal_letter", upload("to-trinh.pdf"), actor=actor, now=now)
    dossiers.upload_dossier_document(dossier, "council_minutes", upload("bien-ban.pdf"), actor=actor, now=now)
    for nominee in nominees:
        dossiers.upload_achievement_report(nominee, upload(f"bao-cao-{nominee.pk}.pdf"), actor=actor, now=now)
    return dossier
