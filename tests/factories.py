"""factory-boy factories, one per model of both apps, with Vietnamese defaults. Tests build what they need with
them (rows that a service would make in a test of that service are made through the service); the cast lives
in conftest.py."""

import datetime as dt
import hashlib
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from awards.models import (
    AwardKind,
    AwardLevel,
    AwardRate,
    Ballot,
    BallotCast,
    BaseSalary,
    CampaignAward,
    CollectiveRule,
    CouncilAttendance,
    CouncilMeeting,
    DeadlineExtension,
    Decision,
    DecisionLine,
    DecisionReading,
    DecisionState,
    Document,
    DocumentKind,
    DocumentRegister,
    DocumentType,
    DocumentVersion,
    Dossier,
    DossierComment,
    DossierProgress,
    DossierState,
    LegalBasis,
    MeetingVoting,
    MinutesConfirmation,
    Nominee,
    NomineeScore,
    Outcome,
    PastAward,
    Registration,
    ReminderLog,
    Result,
    SignedDocument,
    StateChange,
    TieBreak,
    Vote,
)
from campaigns.models import (
    AccountAction,
    AccountEvent,
    AnnualRating,
    Campaign,
    CampaignGround,
    Criterion,
    DisciplineRecord,
    EvidenceKind,
    ExcelUpload,
    Gender,
    IndexComponentScore,
    IndexName,
    IndicatorRecord,
    Initiative,
    Organisation,
    Rating,
    Staff,
    StaffCategory,
    Target,
    Unit,
    UnitKind,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("abbreviation",)

    name = "Sở Lao động - Thương binh và Xã hội"
    full_name = "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận"
    parent_body = "UBND tỉnh Ninh Thuận"
    parent_body_full = "Ủy ban nhân dân tỉnh Ninh Thuận"
    place_name = "Ninh Thuận"
    abbreviation = "SLĐTBXH"
    signer_name = "Hà Anh Quang"
    signer_title = "GIÁM ĐỐC"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.LazyFunction(lambda: Organisation.objects.order_by("id").first() or OrganisationFactory())
    kind = UnitKind.SECTION
    code = factory.Sequence(lambda n: f"DV{n:03d}")
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm số {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    code = factory.Sequence(lambda n: f"NV{n:05d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    gender = Gender.MALE
    position = "Chuyên viên"
    category = StaffCategory.CIVIL_SERVANT
    unit = factory.SubFactory(UnitFactory)


# ------------------------------------------------------------------------------------------ campaigns (the rest)

VN = dt.timezone(dt.timedelta(hours=7))
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _current_campaign():
    """The campaign tests run in: the one already there (usually the 2023 plan), else a new one."""
    return Campaign.objects.order_by("-year", "-pk").first() or CampaignFactory()


def _organisation():
    return Organisation.objects.order_by("id").first() or OrganisationFactory()


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("code",)

    organisation = factory.LazyFunction(_organisation)
    code = factory.Sequence(lambda n: f"thi-dua-thu-nghiem-{n}")
    plan_number = factory.Sequence(lambda n: f"{n + 100}/KH-SLĐTBXH")
    plan_date = dt.date(2023, 3, 15)
    title = "Phong trào thi đua đẩy mạnh cải cách hành chính năm 2023"
    year = 2023
    period_start = dt.date(2023, 1, 1)
    period_end = dt.date(2023, 11, 29)
    dossier_deadline = dt.date(2023, 11, 30)
    decision_deadline = dt.date(2023, 12, 15)


class CampaignGroundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignGround

    campaign = factory.LazyFunction(_current_campaign)
    order = factory.Sequence(lambda n: n + 100)
    reference = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    issued_on = dt.date(2023, 2, 1)
    text = "Kế hoạch cải cách hành chính năm 2023 của Ủy ban nhân dân tỉnh"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    campaign = factory.LazyFunction(_current_campaign)
    target = Target.COLLECTIVE
    order = factory.Sequence(lambda n: n + 100)
    short_name = factory.Sequence(lambda n: f"Tiêu chí thử nghiệm {n}")
    text = "Hoàn thành tốt nhiệm vụ cải cách hành chính được giao"
    evidence_kind = EvidenceKind.ATTESTATION


class AnnualRatingFactory(factory.django.DjangoModelFactory):
    """A person's rating (pass `unit=…, staff=None` for a unit's)."""

    class Meta:
        model = AnnualRating

    year = 2023
    staff = factory.SubFactory(StaffFactory)
    unit = None
    rating = Rating.EXCELLENT
    source = "Quyết định xếp loại chất lượng năm 2023"


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    year = 2023
    staff = factory.SubFactory(StaffFactory)
    unit = None
    title = factory.Sequence(lambda n: f"Sáng kiến số hóa hồ sơ người có công số {n}")
    decision_ref = "15/QĐ-HĐSK"


class DisciplineRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisciplineRecord

    year = 2023
    staff = factory.SubFactory(StaffFactory)
    unit = None
    form = "Khiển trách"
    decision_ref = "7/QĐ-SLĐTBXH"
    decided_on = dt.date(2023, 6, 12)


class IndicatorRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorRecord
        django_get_or_create = ("unit", "year")

    unit = factory.SubFactory(UnitFactory)
    year = 2023
    online_dossiers = 62
    total_dossiers = 100
    online_target_percent = 50
    online_source = "Cổng dịch vụ công tỉnh"


class IndexComponentScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndexComponentScore

    unit = factory.SubFactory(UnitFactory)
    year = 2023
    index = IndexName.PAR_INDEX
    component = factory.Sequence(lambda n: f"Chỉ số thành phần {n}")
    score = Decimal("8.50")
    score_last = Decimal("8.00")
    source = "Báo cáo PAR INDEX 2023"


# ------------------------------------------------------------------------------------------------ awards


def award_kind(code="giay-khen-giam-doc"):
    """An award kind by code: the plan's if loaded, else a new one of that code."""
    return AwardKind.objects.filter(code=code).first() or AwardKindFactory(code=code)


class AwardKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardKind
        django_get_or_create = ("code",)

    code = "giay-khen-giam-doc"
    name = "Giấy khen của Giám đốc Sở"
    short_name = "Giấy khen"
    level = AwardLevel.DEPARTMENT
    fund = "Quỹ thi đua, khen thưởng của Sở"


class CampaignAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignAward
        django_get_or_create = ("campaign", "award_kind", "target")

    campaign = factory.LazyFunction(_current_campaign)
    award_kind = factory.LazyFunction(award_kind)
    target = Target.COLLECTIVE
    quota = 5


class DossierFactory(factory.django.DjangoModelFactory):
    """A unit's dossier (one per unit and campaign: asking again gives the same one). `accepted=True` gives an
    appraised one, submitted in the order dossiers were made."""

    class Meta:
        model = Dossier
        django_get_or_create = ("campaign", "unit")

    class Params:
        accepted = factory.Trait(
            state=DossierState.ACCEPTED,
            first_submitted_at=factory.Sequence(lambda n: dt.datetime(2023, 11, 1, 8, 0, tzinfo=VN) + dt.timedelta(minutes=n)),
        )

    campaign = factory.LazyFunction(_current_campaign)
    unit = factory.SubFactory(UnitFactory)
    state = DossierState.DRAFT


class StateChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StateChange

    subject = factory.SubFactory(DossierFactory)
    from_state = DossierState.DRAFT
    to_state = DossierState.SUBMITTED
    actor = factory.SubFactory(UserFactory)
    reason = "Nộp hồ sơ"


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A unit's registration (pass `staff=` for a person's)."""

    class Meta:
        model = Registration

    campaign = factory.LazyFunction(_current_campaign)
    unit = factory.LazyAttribute(lambda r: r.staff.unit if r.staff else UnitFactory())
    staff = None
    target = factory.LazyAttribute(lambda r: Target.INDIVIDUAL if r.staff else Target.COLLECTIVE)
    award_kind = factory.LazyFunction(award_kind)
    registered_by = factory.SubFactory(UserFactory)


class DossierCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierComment

    dossier = factory.SubFactory(DossierFactory)
    author = factory.SubFactory(UserFactory)
    text = "Đề nghị bổ sung báo cáo thành tích của cá nhân."


class DeadlineExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineExtension

    campaign = factory.LazyFunction(_current_campaign)
    unit = factory.SubFactory(UnitFactory)
    until = dt.datetime(2023, 12, 5, 23, 59, 59, tzinfo=VN)
    reason = "Đơn vị đang hoàn thiện biên bản họp Hội đồng"
    granted_by = factory.SubFactory(UserFactory)


def _results(nominee, outcome, *, first=None, reason="", evidence=""):
    """A result on every criterion of the nominee's target: `outcome` (the first criterion: `first`, if given);
    "{order}" in `reason` / `evidence` becomes the criterion's number."""
    criteria = Criterion.objects.filter(campaign_id=nominee.dossier.campaign_id, target=nominee.target).order_by("order")
    Result.objects.bulk_create(
        Result(nominee=nominee, criterion=c, computed=first if (i == 0 and first) else outcome,
               computed_reason=reason.format(order=c.order), evidence=evidence.format(order=c.order))
        for i, c in enumerate(criteria)
    )


class NomineeFactory(factory.django.DjangoModelFactory):
    """A nominee: the dossier's unit itself, or (with `staff=`) a person of the staff's unit. `award=` names the
    award kind by code. `results=outcome` gives it a result on every criterion of its target (`results__first=`,
    `results__reason=`, `results__evidence=`: see `_results`)."""

    class Meta:
        model = Nominee
        skip_postgeneration_save = True

    class Params:
        award = "giay-khen-giam-doc"

    dossier = factory.SubFactory(DossierFactory)
    staff = None
    target = factory.LazyAttribute(lambda n: Target.INDIVIDUAL if n.staff else Target.COLLECTIVE)
    unit = factory.LazyAttribute(lambda n: n.staff.unit if n.staff else n.dossier.unit)
    award_kind = factory.LazyAttribute(lambda n: award_kind(n.award))
    achievement = ""

    @factory.post_generation
    def results(nominee, create, outcome, **kwargs):
        if create and outcome is not None:
            _results(nominee, outcome, **kwargs)


class AppraisedNomineeFactory(NomineeFactory):
    """A nominee the council may consider: in `campaign` (default: the current one), its unit's dossier accepted
    (dossiers count as submitted in the order they were made), a result on every criterion ("Lý do 1",
    "Căn cứ 1"…; met unless `results=` says otherwise) and an achievement. Without `unit=` or `staff=` the
    collective is a new unit."""

    class Params:
        campaign = factory.LazyFunction(_current_campaign)

    unit = factory.LazyAttribute(lambda n: n.staff.unit if n.staff else UnitFactory())
    dossier = factory.LazyAttribute(lambda n: DossierFactory(campaign=n.campaign, unit=n.unit, accepted=True))
    achievement = factory.LazyAttribute(
        lambda n: f"Thành tích xuất sắc của {n.staff.full_name if n.staff else n.unit.name} năm 2023"
    )

    @factory.post_generation
    def results(nominee, create, outcome, reason="Lý do {order}", evidence="Căn cứ {order}", **kwargs):
        if create:
            _results(nominee, Outcome.MET if outcome is None else outcome, reason=reason, evidence=evidence, **kwargs)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A dossier's proposal letter (pass `kind=` and `nominee=` / `dossier=None` for the others)."""

    class Meta:
        model = Document

    dossier = factory.SubFactory(DossierFactory)
    campaign = factory.LazyAttribute(lambda d: d.dossier.campaign if d.dossier else _current_campaign())
    unit = factory.LazyAttribute(lambda d: d.dossier.unit if d.dossier else UnitFactory())
    kind = DocumentKind.PROPOSAL_LETTER
    nominee = None


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    """A real (tiny) PDF stored under MEDIA_ROOT, with a Vietnamese original name."""

    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.LazyAttribute(lambda v: v.document.versions.count() + 1)
    file = factory.LazyAttribute(lambda v: ContentFile(v.data, name="upload.pdf"))
    original_name = "Tờ trình đề nghị khen thưởng.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda v: len(v.data))
    sha256 = factory.LazyAttribute(lambda v: hashlib.sha256(v.data).hexdigest())
    uploaded_by = factory.SubFactory(UserFactory)

    class Params:
        data = PDF_BYTES


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result
        django_get_or_create = ("nominee", "criterion")

    nominee = factory.SubFactory(NomineeFactory)
    criterion = factory.LazyAttribute(
        lambda r: Criterion.objects.filter(campaign_id=r.nominee.dossier.campaign_id, target=r.nominee.target)
        .order_by("order").first() or CriterionFactory(campaign=r.nominee.dossier.campaign, target=r.nominee.target)
    )
    computed = Outcome.MET
    computed_reason = "Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ"


class CouncilMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMeeting

    campaign = factory.LazyFunction(_current_campaign)
    held_at = dt.datetime(2023, 12, 1, 8, 0, tzinfo=VN)
    ended_at = dt.datetime(2023, 12, 1, 10, 30, tzinfo=VN)
    place = "Phòng họp Sở"
    chair = factory.SubFactory(StaffFactory, full_name="Hà Anh Quang", position="Giám đốc Sở")
    secretary = factory.SubFactory(StaffFactory, full_name="Trần Thị Thu Hà", gender=Gender.FEMALE)
    total_members = 7


class CouncilAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilAttendance

    meeting = factory.SubFactory(CouncilMeetingFactory)
    member = factory.SubFactory(StaffFactory)
    role = "Ủy viên"
    present = True


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    meeting = factory.SubFactory(CouncilMeetingFactory)
    nominee = factory.SubFactory(NomineeFactory, dossier__accepted=True)
    votes_for = 7
    votes_against = 0
    votes_abstain = 0


class TieBreakFactory(factory.django.DjangoModelFactory):
    """The council's conclusion at a tie on the quota line: two tied nominees, the first chosen."""

    class Meta:
        model = TieBreak
        skip_postgeneration_save = True

    meeting = factory.SubFactory(CouncilMeetingFactory)
    award_kind = factory.LazyFunction(award_kind)
    target = Target.COLLECTIVE
    reason = "Hội đồng biểu quyết chọn giữa các đối tượng cùng hạng"

    @factory.post_generation
    def nominees(record, create, extracted, **kwargs):
        if create:
            tied = extracted or [NomineeFactory(dossier__accepted=True) for _ in range(2)]
            record.tied.set(tied)
            record.chosen.set(tied[:1])


class LegalBasisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalBasis
        django_get_or_create = ("code",)

    code = "91/2017/NĐ-CP"
    title = "Nghị định quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng"
    issued_on = dt.date(2017, 7, 31)
    valid_from = dt.date(2017, 7, 31)
    valid_to = None
    collective_rule = CollectiveRule.DOUBLE_INDIVIDUAL
    rounding_unit = 10000


class AwardRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRate
        django_get_or_create = ("legal_basis", "award_kind", "target")

    legal_basis = factory.SubFactory(LegalBasisFactory)
    award_kind = factory.LazyFunction(award_kind)
    target = Target.INDIVIDUAL
    coefficient = Decimal("0.30")


class BaseSalaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaseSalary
        django_get_or_create = ("valid_from",)

    valid_from = dt.date(2023, 7, 1)
    amount = Decimal("1800000")
    legal_ref = "NĐ 24/2023/NĐ-CP"


class DocumentRegisterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentRegister
        django_get_or_create = ("organisation", "doc_type", "year")

    organisation = factory.LazyFunction(_organisation)
    doc_type = DocumentType.DECISION
    year = 2023
    last_number = 0


class DecisionFactory(factory.django.DjangoModelFactory):
    """A draft Giấy khen decision (`approved=True`: signed 12/QĐ-SLĐTBXH on 05/12/2023)."""

    class Meta:
        model = Decision

    class Params:
        approved = factory.Trait(
            state=DecisionState.APPROVED, number=12, number_year=2023, number_text="12/QĐ-SLĐTBXH",
            signed_on=dt.date(2023, 12, 5), signer_name="Hà Anh Quang", signer_title="GIÁM ĐỐC",
            legal_basis=factory.SubFactory(LegalBasisFactory), base_salary=Decimal("1800000"),
        )

    campaign = factory.LazyFunction(_current_campaign)
    doc_type = DocumentType.DECISION
    award_kind = factory.LazyFunction(award_kind)
    state = DecisionState.DRAFT
    created_by = factory.SubFactory(UserFactory)


class DecisionLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionLine

    decision = factory.SubFactory(DecisionFactory)
    order = factory.Sequence(lambda n: n + 1)
    nominee = factory.SubFactory(NomineeFactory, dossier__accepted=True)
    target = factory.LazyAttribute(lambda line: line.nominee.target)
    recipient_name = factory.LazyAttribute(lambda line: line.nominee.name)
    position = factory.LazyAttribute(lambda line: line.nominee.staff.position if line.nominee.staff else "")
    unit_name = factory.LazyAttribute(lambda line: line.nominee.unit.name)
    amount = Decimal("540000")
    verify_code = factory.Sequence(lambda n: f"TEST{n:04d}")


class ReminderLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderLog

    campaign = factory.LazyFunction(_current_campaign)
    unit = factory.SubFactory(UnitFactory)
    user = factory.SubFactory(UserFactory)
    days_before = 7
    sent_on = dt.date(2023, 11, 23)


class AccountEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountEvent

    account = factory.SubFactory(UserFactory)
    action = AccountAction.DEACTIVATED
    reason = "Nghỉ hưu"
    actor = factory.SubFactory(UserFactory)


class ExcelUploadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExcelUpload

    owner = factory.SubFactory(UserFactory)
    kind = "org"
    name = "Cơ cấu tổ chức.xlsx"
    file = factory.django.FileField(filename="tep.xlsx", data=b"PK\x03\x04")
    size = 4


class PastAwardFactory(factory.django.DjangoModelFactory):
    """An award of an earlier year, of a person (pass `staff=None, unit=…` for a unit's)."""

    class Meta:
        model = PastAward

    staff = factory.SubFactory(StaffFactory)
    unit = None
    year = 2021
    award_name = "Giấy khen của Giám đốc Sở"
    decision_number = factory.Sequence(lambda n: f"{n + 1}/QĐ-SLĐTBXH")
    decision_date = dt.date(2021, 12, 10)
    issuer = "Giám đốc Sở Lao động - Thương binh và Xã hội"


class NomineeScoreFactory(factory.django.DjangoModelFactory):
    """A nominee's kept score (normally written by `refresh_scores`; this is the row as the ranking reads it)."""

    class Meta:
        model = NomineeScore

    nominee = factory.SubFactory(NomineeFactory)
    score = Decimal("100.00")
    meets_mandatory = True
    shortfalls = factory.LazyFunction(list)


class DossierProgressFactory(factory.django.DjangoModelFactory):
    """What the dashboard counts of a dossier (normally written by `refresh_progress`; this is the row as the
    dashboard reads it): two nominees with their reports, letter and minutes on file, no result yet."""

    class Meta:
        model = DossierProgress

    dossier = factory.SubFactory(DossierFactory)
    collectives = 1
    individuals = 1
    reports = 2
    has_proposal_letter = True
    has_council_minutes = True
    results_decided = 0


class SignedDocumentFactory(factory.django.DjangoModelFactory):
    """The electronic document of an approved decision, rendered and waiting for the Director's signature."""

    class Meta:
        model = SignedDocument

    decision = factory.SubFactory(DecisionFactory, approved=True)
    unsigned_file = factory.django.FileField(filename="quyet-dinh.pdf", data=b"%PDF-1.7\n%%EOF\n")
    unsigned_sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.unsigned_file.read()).hexdigest())


class MeetingVotingFactory(factory.django.DjangoModelFactory):
    """An electronic vote at a meeting, not yet opened."""

    class Meta:
        model = MeetingVoting

    meeting = factory.SubFactory(CouncilMeetingFactory)


class BallotCastFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BallotCast

    meeting = factory.SubFactory(CouncilMeetingFactory)
    member = factory.SubFactory(StaffFactory)


class BallotFactory(factory.django.DjangoModelFactory):
    """A secret ballot's choice on one nominee (no voter)."""

    class Meta:
        model = Ballot

    meeting = factory.SubFactory(CouncilMeetingFactory)
    nominee = factory.SubFactory(NomineeFactory, dossier__accepted=True)
    choice = "for"


class MinutesConfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutesConfirmation

    meeting = factory.SubFactory(CouncilMeetingFactory)
    member = factory.SubFactory(StaffFactory)
    user = factory.SubFactory(UserFactory)
    digest = "0" * 64


class DecisionReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionReading

    decision = factory.SubFactory(DecisionFactory)
    user = factory.SubFactory(UserFactory)
    seen_at = factory.LazyFunction(timezone.now)
    snapshot = factory.LazyFunction(lambda: {"1": {"name": "Phòng Người có công", "position": "", "unit": "", "target": "Tập thể", "amount": None}})
