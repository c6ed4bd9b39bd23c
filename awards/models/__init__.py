"""What they win: award kinds and quotas, registrations, dossiers and their documents, results against the
criteria, the council's vote, the money rules, and the award decisions with their lines.

The models live in one module per area; this package re-exports them all, so `from awards.models import X`
works everywhere (and the migrations never change when a model moves between these modules)."""

from awards.models.awards import AwardKind, AwardLevel, CampaignAward
from awards.models.ballots import (
    Ballot,
    BallotCast,
    BallotState,
    Choice,
    DecisionReading,
    MeetingVoting,
    MinutesConfirmation,
    VotingMode,
)
from awards.models.council import CouncilAttendance, CouncilMeeting, TieBreak, Vote
from awards.models.decisions import (
    Decision,
    DecisionLine,
    DecisionState,
    DocumentRegister,
    DocumentType,
)
from awards.models.dossiers import (
    BangKhenRoute,
    DeadlineExtension,
    Document,
    DocumentKind,
    DocumentVersion,
    Dossier,
    DossierComment,
    DossierProgress,
    DossierState,
    Nominee,
    ProposalState,
    Registration,
    ReminderLog,
    document_upload_to,
)
from awards.models.history import PastAward
from awards.models.money import AwardRate, BaseSalary, CollectiveRule, LegalBasis, LegalKind, LegalRole
from awards.models.scoring import NomineeScore, Outcome, Result
from awards.models.signing import SignedDocument, SignedKind, SigningState, signed_upload_to
from awards.models.transitions import StateChange

__all__ = [
    "PastAward",
    "Ballot",
    "BallotCast",
    "BallotState",
    "Choice",
    "DecisionReading",
    "MeetingVoting",
    "MinutesConfirmation",
    "VotingMode",
    "AwardLevel",
    "AwardKind",
    "CampaignAward",
    "StateChange",
    "Registration",
    "DossierState",
    "Dossier",
    "DossierComment",
    "DossierProgress",
    "DeadlineExtension",
    "Nominee",
    "ProposalState",
    "BangKhenRoute",
    "DocumentKind",
    "Document",
    "document_upload_to",
    "DocumentVersion",
    "ReminderLog",
    "Outcome",
    "NomineeScore",
    "Result",
    "CouncilMeeting",
    "CouncilAttendance",
    "Vote",
    "TieBreak",
    "CollectiveRule",
    "LegalBasis",
    "LegalKind",
    "LegalRole",
    "AwardRate",
    "BaseSalary",
    "DocumentType",
    "DocumentRegister",
    "DecisionState",
    "Decision",
    "DecisionLine",
    "SignedKind",
    "SigningState",
    "SignedDocument",
    "signed_upload_to",
]
