"""The world of the access matrix: two units with everything a campaign produces, so that every denial is
tested with data of another unit present that could leak.

`build_world()` makes it with the models directly (no service of another area is needed) and returns a
namespace. Attributes other areas rely on (keep them):

- units: `unit_a` ("NCC", Phòng Người có công), `unit_b` ("TTDVVL", Trung tâm Dịch vụ việc làm), `office_unit`;
- `campaign`: the 2023 plan as loaded by the product;
- `dossier_a`, `dossier_b`: one dossier per unit, both ACCEPTED (submitted, then accepted by the office; the
  StateChange rows exist), so the council sees them;
- `nominee_a`: an individual of unit_a, who is the `staff` actor's own staff record (Giấy khen);
  `nominee_b`: an individual of unit_b without an account; `collective_a`, `collective_b`: the units themselves;
- `document_a`, `document_b`: each dossier's proposal letter; `version_a`, `version_b`: a real PDF file each,
  uploaded by the unit head, with a Vietnamese original name; `plan_a`, `plan_b` (+ `plan_version_a/_b`): each
  unit's own emulation plan (a document without a dossier);
- `result_a`, `result_b`: the individual nominees' results on the first individual criterion;
- `decision`: an approved Giấy khen decision (12/QĐ-SLĐTBXH, 05/12/2023) with `line_a` (nominee_a) and
  `line_b` (nominee_b), each with a verify code;
- users: `clerk`, `head_a`, `head_b`, `director`, `council`, `staff` (the same cast as tests/conftest.py),
  `superuser`, and `users` = {actor name: user} for every actor of tests.access.ACTORS except "anonymous".

The matrix runs every (case, actor) request in a savepoint that is rolled back, so a `kwargs` lambda may change
or create data (e.g. move `w.dossier_a` back to draft) without affecting the next request."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from awards.models import (
    AwardKind,
    Decision,
    DecisionLine,
    DecisionState,
    Document,
    DocumentKind,
    DocumentVersion,
    Dossier,
    DossierState,
    LegalBasis,
    Nominee,
    Outcome,
    Result,
)
from awards.plans.loader import load_plan_2023
from awards.services.transitions import set_state
from campaigns.models import (
    Campaign,
    Criterion,
    Gender,
    Staff,
    StaffCategory,
    Target,
    Unit,
    UnitKind,
)
from campaigns.roles import Role, assign_roles
from campaigns.selectors import get_organisation

PASSWORD = "mat-khau-thu-nghiem"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _person(username, full_name, unit, *roles, position="Chuyên viên", gender=Gender.MALE, code):
    family, *rest = full_name.split()
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=" ".join(rest), last_name=family,
        email=f"{username}@example.vn",
    )
    Staff.objects.create(
        code=code, full_name=full_name, gender=gender, position=position, category=StaffCategory.CIVIL_SERVANT,
        unit=unit, user=user, email=user.email,
    )
    assign_roles(user, *roles)
    return user


def _version(document, name, uploader):
    return DocumentVersion.objects.create(
        document=document, number=1, file=ContentFile(PDF_BYTES, name="upload.pdf"), original_name=name,
        content_type="application/pdf", size=len(PDF_BYTES), sha256="0" * 64, uploaded_by=uploader,
    )


def build_world(*, other_campaign=False):
    load_plan_2023()
    campaign = Campaign.objects.get(code="cchc-2023")
    organisation = get_organisation()
    w = SimpleNamespace(campaign=campaign, organisation=organisation)

    w.office_unit = Unit.objects.create(organisation=organisation, code="VP", name="Văn phòng Sở", kind=UnitKind.SECTION)
    w.unit_a = Unit.objects.create(organisation=organisation, code="NCC", name="Phòng Người có công", kind=UnitKind.SECTION)
    w.unit_b = Unit.objects.create(organisation=organisation, code="TTDVVL", name="Trung tâm Dịch vụ việc làm", kind=UnitKind.ATTACHED)

    w.clerk = _person("clerk", "Trần Thị Thu Hà", w.office_unit, Role.OFFICE, Role.STAFF, gender=Gender.FEMALE, code="W001")
    w.head_a = _person("head_a", "Lê Văn Minh", w.unit_a, Role.UNIT_HEAD, Role.STAFF, position="Trưởng phòng", code="W002")
    w.head_b = _person("head_b", "Nguyễn Thị Hồng Nhung", w.unit_b, Role.UNIT_HEAD, Role.STAFF,
                       position="Giám đốc Trung tâm", gender=Gender.FEMALE, code="W003")
    w.director = _person("director", "Hà Anh Quang", w.office_unit, Role.DIRECTOR, Role.COUNCIL, position="Giám đốc Sở", code="W004")
    w.council = _person("council", "Phạm Quốc Bảo", w.unit_b, Role.COUNCIL, Role.STAFF, position="Ủy viên Hội đồng", code="W005")
    w.staff = _person("staff", "Võ Thị Mai", w.unit_a, Role.STAFF, gender=Gender.FEMALE, code="W006")
    w.superuser = get_user_model().objects.create_superuser(username="root", password=PASSWORD, email="root@example.vn")
    w.users = {"clerk": w.clerk, "head_a": w.head_a, "head_b": w.head_b, "director": w.director,
               "council": w.council, "staff": w.staff}
    w.staff_b = Staff.objects.create(code="W007", full_name="Đặng Văn Hải", gender=Gender.MALE, position="Viên chức",
                                     category=StaffCategory.PUBLIC_EMPLOYEE, unit=w.unit_b)

    giay_khen = AwardKind.objects.get(code="giay-khen-giam-doc")
    w.award_kind = giay_khen
    for suffix, unit, head, person in (("a", w.unit_a, w.head_a, w.staff.staff), ("b", w.unit_b, w.head_b, w.staff_b)):
        dossier = Dossier.objects.create(campaign=campaign, unit=unit)
        nominee = Nominee.objects.create(dossier=dossier, target=Target.INDIVIDUAL, unit=unit, staff=person,
                                         award_kind=giay_khen, achievement=f"Thành tích của {person.full_name}")
        collective = Nominee.objects.create(dossier=dossier, target=Target.COLLECTIVE, unit=unit, award_kind=giay_khen,
                                            achievement=f"Thành tích của {unit.name}")
        document = Document.objects.create(campaign=campaign, unit=unit, kind=DocumentKind.PROPOSAL_LETTER, dossier=dossier)
        version = _version(document, f"Tờ trình đề nghị khen thưởng – {unit.name}.pdf", head)
        plan = Document.objects.create(campaign=campaign, unit=unit, kind=DocumentKind.UNIT_PLAN)
        plan_version = _version(plan, f"Kế hoạch phát động thi đua – {unit.name}.pdf", head)
        now = dt.datetime(2023, 11, 15, 9, 0, tzinfo=dt.timezone.utc)
        set_state(dossier, to_state=DossierState.SUBMITTED, allowed_from=[DossierState.DRAFT], actor=head)
        Dossier.objects.filter(pk=dossier.pk).update(first_submitted_at=now, submitted_at=now)
        set_state(dossier, to_state=DossierState.ACCEPTED, allowed_from=[DossierState.SUBMITTED], actor=w.clerk,
                  reason="Hồ sơ đầy đủ, đúng hạn")
        dossier.refresh_from_db()
        setattr(w, f"dossier_{suffix}", dossier)
        setattr(w, f"nominee_{suffix}", nominee)
        setattr(w, f"collective_{suffix}", collective)
        setattr(w, f"document_{suffix}", document)
        setattr(w, f"version_{suffix}", version)
        setattr(w, f"plan_{suffix}", plan)
        setattr(w, f"plan_version_{suffix}", plan_version)

    criterion = Criterion.objects.filter(campaign=campaign, target=Target.INDIVIDUAL).order_by("order").first()
    w.result_a = Result.objects.create(nominee=w.nominee_a, criterion=criterion, computed=Outcome.MET,
                                       computed_reason="Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ", updated_by=w.clerk)
    w.result_b = Result.objects.create(nominee=w.nominee_b, criterion=criterion, computed=Outcome.MET,
                                       computed_reason="Xếp loại năm 2023: Hoàn thành xuất sắc nhiệm vụ", updated_by=w.clerk)

    w.decision = Decision.objects.create(
        campaign=campaign, award_kind=giay_khen, number=12, number_year=2023, number_text="12/QĐ-SLĐTBXH",
        signed_on=dt.date(2023, 12, 5), signer_name=organisation.signer_name, signer_title=organisation.signer_title,
        legal_basis=LegalBasis.objects.get(code="91/2017/NĐ-CP"), base_salary=Decimal("1800000"),
        total_amount=Decimal("1080000"), created_by=w.clerk,
    )
    w.line_a = DecisionLine.objects.create(
        decision=w.decision, order=1, nominee=w.nominee_a, target=Target.INDIVIDUAL, recipient_name=w.nominee_a.name,
        position=w.nominee_a.staff.position, unit_name=w.unit_a.name, amount=Decimal("540000"), verify_code="AAAA1111",
    )
    w.line_b = DecisionLine.objects.create(
        decision=w.decision, order=2, nominee=w.nominee_b, target=Target.INDIVIDUAL, recipient_name=w.nominee_b.name,
        position=w.nominee_b.staff.position, unit_name=w.unit_b.name, amount=Decimal("540000"), verify_code="BBBB2222",
    )
    set_state(w.decision, to_state=DecisionState.APPROVED, allowed_from=[DecisionState.DRAFT], actor=w.director,
              reason="Đồng ý ký ban hành")
    Decision.objects.filter(pk=w.decision.pk).update(decided_by=w.director, decided_at=dt.datetime(2023, 12, 5, 3, tzinfo=dt.timezone.utc))
    w.decision.refresh_from_db()
    if other_campaign:
        _campaign_2022(w)
    return w


def _campaign_2022(w):
    """A closed campaign of the year before, in which only unit B took part (an accepted dossier)."""
    w.campaign_2022 = Campaign.objects.create(
        organisation=w.organisation, code="cchc-2022", plan_number="50/KH-SLĐTBXH", plan_date=dt.date(2022, 3, 1),
        title="Phong trào thi đua cải cách hành chính năm 2022", year=2022, period_start=dt.date(2022, 3, 1),
        period_end=dt.date(2022, 11, 29), dossier_deadline=dt.date(2022, 11, 20), decision_deadline=dt.date(2022, 12, 15),
        status="closed",
    )
    w.dossier_b_2022 = Dossier.objects.create(campaign=w.campaign_2022, unit=w.unit_b, state=DossierState.ACCEPTED)
