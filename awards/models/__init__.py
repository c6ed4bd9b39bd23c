"""What they win: award kinds and quotas, registrations, dossiers and their documents, results against the
criteria, the council's vote, the money rules, and the award decisions with their lines.

The models live in one module per area; this package re-exports them all, so `from awards.models import X`
works everywhere (and the migrations never change when a model moves between these modules)."""

from awards.models.awards import AwardLevel, AwardKind, CampaignAward
from awards.models.transitions import StateChange
from awards.models.dossiers import Registration, DossierState, Dossier, DossierComment, DeadlineExtension, Nominee, DocumentKind, Document, document_upload_to, DocumentVersion, ReminderLog
from awards.models.scoring import Outcome, Result
from awards.models.council import CouncilMeeting, CouncilAttendance, Vote
from awards.models.money import CollectiveRule, LegalBasis, AwardRate, BaseSalary
from awards.models.decisions import DocumentType, DocumentRegister, DecisionState, Decision, DecisionLine

__all__ = [
    "AwardLevel",
    "AwardKind",
    "CampaignAward",
    "StateChange",
    "Registration",
    "DossierState",
    "Dossier",
    "DossierComment",
    "DeadlineExtension",
    "Nominee",
    "DocumentKind",
    "Document",
    "document_upload_to",
    "DocumentVersion",
    "ReminderLog",
    "Outcome",
    "Result",
    "CouncilMeeting",
    "CouncilAttendance",
    "Vote",
    "CollectiveRule",
    "LegalBasis",
    "AwardRate",
    "BaseSalary",
    "DocumentType",
    "DocumentRegister",
    "DecisionState",
    "Decision",
    "DecisionLine",
]
