"""A province-scale campaign built with bulk_create: units, staff, registrations, plans, dossiers in every
state, nominees with every document, a result on every criterion, ratings, indicator data, a council meeting,
an approved decision (10 awardees), an approved batch of 1,000 certificates and a second council sitting still
open with a vote on every accepted nominee.

`grow(units=N)` adds units (and everything they hold) up to N in total, so the benchmark can count queries on
a small campaign and again on the full one."""

import datetime as dt
import itertools
import random
import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from awards.models import (
    AwardKind,
    CouncilAttendance,
    CouncilMeeting,
    Decision,
    DecisionLine,
    DecisionState,
    Document,
    DocumentKind,
    DocumentVersion,
    Dossier,
    DossierState,
    Nominee,
    Outcome,
    Registration,
    Result,
    Vote,
)
from awards.plans import plan_2023
from awards.plans.loader import load_plan_2023
from awards.services.progress import refresh_progress
from awards.services.scores import refresh_scores
from campaigns.models import (
    AnnualRating,
    Campaign,
    Criterion,
    Gender,
    IndicatorRecord,
    Rating,
    Staff,
    StaffCategory,
    Target,
    Unit,
    UnitKind,
)
from campaigns.roles import Role, assign_roles

NOMINEES_PER_UNIT = 10  # 1 collective (the unit) + 9 individuals
BATCH = 5000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Thị", "Văn", "Ngọc", "Minh", "Đức", "Thu", "Quốc", "Hữu", "Thanh"]
GIVEN = ["Hương", "Lan", "Mai", "Hùng", "Dũng", "Tuấn", "Sơn", "Phúc", "Trang", "Nhung", "Yến", "Long", "Tâm"]
KINDS = [UnitKind.SECTION, UnitKind.DEPARTMENT_UNIT, UnitKind.ATTACHED]


class Dataset:
    def __init__(self, *, staff_total, seed=2023):
        self.staff_total = staff_total
        self.rng = random.Random(seed)
        self.codes = itertools.count(1)
        load_plan_2023()
        self.campaign = Campaign.objects.get(code=plan_2023.CAMPAIGN["code"])
        self.organisation = self.campaign.organisation
        self.award = AwardKind.objects.get(code="giay-khen-giam-doc")
        self.criteria = {t: list(Criterion.objects.filter(campaign=self.campaign, target=t)) for t in Target.values}
        media = Path(settings.MEDIA_ROOT) / "bench"
        media.mkdir(parents=True, exist_ok=True)
        (media / "tep.pdf").write_bytes(b"%PDF-1.4\n% bench\n")
        self.file_name = "bench/tep.pdf"
        self.users = {}
        self.unit_count = 0

    @classmethod
    def existing(cls, *, staff_total):
        """The dataset of a database kept by an earlier run (`bench/run.py --keep`)."""
        self = cls.__new__(cls)
        self.staff_total = staff_total
        self.campaign = Campaign.objects.get(code=plan_2023.CAMPAIGN["code"])
        self.organisation = self.campaign.organisation
        self.users = {u.username: u for u in get_user_model().objects.filter(username__startswith="bench_")}
        self.unit_count = Unit.objects.count()
        self.decision, self.batch = Decision.objects.get(number=1), Decision.objects.get(number=2)
        return self

    # -- people -------------------------------------------------------------------------------------------
    def _name(self):
        r = self.rng
        return f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"

    def _user(self, username, unit, *roles, superuser=False):
        User = get_user_model()
        user = User.objects.create_user(username, f"{username}@bench.vn", "mat-khau-bench-2023",
                                        is_superuser=superuser, is_staff=superuser)
        Staff.objects.create(code=f"TK{next(self.codes):05d}", full_name=self._name(), gender=Gender.FEMALE,
                             category=StaffCategory.CIVIL_SERVANT, unit=unit, user=user, email=user.email)
        if roles:
            assign_roles(user, *roles)
        self.users[username] = user
        return user

    # -- the campaign ---------------------------------------------------------------------------------------
    def grow(self, *, units):
        """Add units, with all they hold, up to `units` in total."""
        start, stop = self.unit_count, units
        if stop <= start:
            return
        new_units = Unit.objects.bulk_create([
            Unit(organisation=self.organisation, kind=KINDS[i % 3], code=f"DV{i:03d}",
                 name=("Văn phòng Sở" if i == 0 else f"Đơn vị số {i:03d}"), email=f"dv{i:03d}@bench.vn")
            for i in range(start, stop)
        ])
        self.unit_count = stop
        if start == 0:
            self._user("bench_vanphong", new_units[0], Role.OFFICE, Role.STAFF)
            self._user("bench_thutruong", new_units[1], Role.UNIT_HEAD, Role.STAFF)
            self._user("bench_giamdoc", new_units[0], Role.DIRECTOR, Role.COUNCIL)
            self._user("bench_quantri", new_units[0], superuser=True)
        # Staff: the total spread evenly over 300 units (units beyond 300 get the same share).
        base, extra = divmod(self.staff_total, 300)
        staff = []
        n = 0
        for i, unit in enumerate(new_units, start=start):
            for _ in range(base + (1 if i < extra else 0)):
                n += 1
                staff.append(Staff(
                    code=f"CB{next(self.codes):06d}", full_name=self._name(),
                    gender=Gender.FEMALE if n % 2 else Gender.MALE,
                    date_of_birth=dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28), position="Chuyên viên",
                    category=StaffCategory.CIVIL_SERVANT, unit=unit, email="",
                ))
        staff = Staff.objects.bulk_create(staff, batch_size=BATCH)
        by_unit = {}
        for s in staff:
            by_unit.setdefault(s.unit_id, []).append(s)
        clerk = self.users["bench_vanphong"]

        Registration.objects.bulk_create([
            Registration(campaign=self.campaign, unit=u, target=Target.COLLECTIVE, award_kind=self.award,
                         registered_by=clerk) for u in new_units
        ])
        IndicatorRecord.objects.bulk_create([
            IndicatorRecord(unit=u, year=2023, capital_allocated=Decimal(1000), capital_disbursed=Decimal(1000),
                            online_dossiers=80, total_dossiers=100, online_target_percent=Decimal(50),
                            late_dossiers=0, backlog_dossiers=0, inspection_result="tot")
            for u in new_units
        ])
        AnnualRating.objects.bulk_create(
            [AnnualRating(unit=u, year=y, rating=Rating.EXCELLENT) for u in new_units for y in (2022, 2023)]
        )
        plans = Document.objects.bulk_create([
            Document(campaign=self.campaign, unit=u, kind=DocumentKind.UNIT_PLAN) for u in new_units
        ])
        self._versions(plans, clerk)

        states = [DossierState.ACCEPTED] * 27 + [DossierState.SUBMITTED, DossierState.RETURNED, DossierState.DRAFT]
        now = timezone.now()
        dossiers = Dossier.objects.bulk_create([
            Dossier(campaign=self.campaign, unit=u, state=states[(start + i) % len(states)],
                    first_submitted_at=now, submitted_at=now)
            for i, u in enumerate(new_units)
        ])
        nominees = []
        for d, u in zip(dossiers, new_units):
            nominees.append(Nominee(dossier=d, target=Target.COLLECTIVE, unit=u, award_kind=self.award,
                                    achievement="Hoàn thành xuất sắc nhiệm vụ năm 2023"))
            for s in by_unit.get(u.pk, [])[: NOMINEES_PER_UNIT - 1]:
                nominees.append(Nominee(dossier=d, target=Target.INDIVIDUAL, unit=u, staff=s, award_kind=self.award,
                                        achievement="Hoàn thành xuất sắc nhiệm vụ năm 2023"))
        nominees = Nominee.objects.bulk_create(nominees, batch_size=BATCH)
        docs = [Document(campaign=self.campaign, unit=d.unit, kind=k, dossier=d)
                for d in dossiers for k in (DocumentKind.PROPOSAL_LETTER, DocumentKind.COUNCIL_MINUTES)]
        docs += [Document(campaign=self.campaign, unit=n.unit, kind=DocumentKind.ACHIEVEMENT_REPORT,
                          dossier=n.dossier, nominee=n) for n in nominees]
        self._versions(Document.objects.bulk_create(docs, batch_size=BATCH), clerk)
        AnnualRating.objects.bulk_create(
            [AnnualRating(staff_id=n.staff_id, year=y, rating=Rating.EXCELLENT)
             for n in nominees if n.staff_id for y in (2022, 2023)],
            batch_size=BATCH,
        )
        outcomes = [Outcome.MET] * 8 + [Outcome.NOT_APPLICABLE, Outcome.NOT_MET]
        results = [
            Result(nominee=n, criterion=c, computed=outcomes[(n.pk + c.pk) % len(outcomes)],
                   computed_reason="Số liệu năm 2023 → Đạt", evidence="Báo cáo năm 2023")
            for n in nominees for c in self.criteria[n.target]
        ]
        Result.objects.bulk_create(results, batch_size=BATCH)
        # Rows written directly, around the services: rebuild what the dashboard counts and the scores the ranking
        # reads, as the services would keep them (before VACUUM ANALYZE, so that the planner knows these rows).
        refresh_progress(Dossier.objects.filter(campaign=self.campaign))
        refresh_scores(nominees)
        self.nominees_created = getattr(self, "nominees_created", 0) + len(nominees)

    def _versions(self, documents, user):
        DocumentVersion.objects.bulk_create([
            DocumentVersion(document=d, number=1, file=self.file_name, original_name="Tài liệu.pdf",
                            content_type="application/pdf", size=18, sha256="0" * 64, uploaded_by=user)
            for d in documents
        ], batch_size=BATCH)

    # -- council and decisions -----------------------------------------------------------------------------
    def decide(self, *, certificates=1000):
        """A council meeting with votes, an approved decision of 10 awardees (5 + 5) and an approved batch
        decision of `certificates` awardees (for the certificate benchmark)."""
        campaign, director = self.campaign, self.users["bench_giamdoc"]
        members = list(Staff.objects.order_by("pk")[:7])
        meeting = CouncilMeeting.objects.create(
            campaign=campaign, held_at=timezone.make_aware(dt.datetime(2023, 12, 1, 8, 0)), place="Phòng họp Sở",
            chair=members[0], secretary=members[1], total_members=7, ballots_issued=7, ballots_returned=7,
            ballots_valid=7, conclusion="Thống nhất đề nghị khen thưởng.",
        )
        CouncilAttendance.objects.bulk_create([CouncilAttendance(meeting=meeting, member=m) for m in members])
        accepted = Nominee.objects.filter(dossier__campaign=campaign, dossier__state=DossierState.ACCEPTED)
        collectives = list(accepted.filter(target=Target.COLLECTIVE).select_related("unit").order_by("pk")[:5])
        individuals = list(accepted.filter(target=Target.INDIVIDUAL).select_related("unit", "staff").order_by("pk")[:certificates])
        Vote.objects.bulk_create([Vote(meeting=meeting, nominee=n, votes_for=7) for n in collectives + individuals[:5]])
        signed = dt.date(2023, 12, 5)

        def decision(number, chosen):
            total = sum(Decimal(1080000 if n.target == Target.COLLECTIVE else 540000) for n in chosen)
            d = Decision.objects.create(
                campaign=campaign, award_kind=self.award, state=DecisionState.APPROVED, meeting=meeting,
                number=number, number_year=2023, number_text=f"{number}/QĐ-{self.organisation.abbreviation}",
                signed_on=signed, signer_name=self.organisation.signer_name, signer_title=self.organisation.signer_title,
                base_salary=Decimal(1800000), total_amount=total, created_by=self.users["bench_vanphong"],
                decided_by=director, decided_at=timezone.now(),
            )
            DecisionLine.objects.bulk_create([
                DecisionLine(
                    decision=d, order=i, nominee=n, target=n.target, recipient_name=n.name if n.staff_id is None else n.staff.full_name,
                    position="" if n.staff_id is None else n.staff.position, unit_name=n.unit.name,
                    amount=Decimal(1080000 if n.target == Target.COLLECTIVE else 540000),
                    achievement=n.achievement, verify_code=secrets.token_hex(5).upper(),
                )
                for i, n in enumerate(chosen, start=1)
            ], batch_size=BATCH)
            return d

        self.decision = decision(1, collectives + individuals[:5])
        self.batch = decision(2, individuals[:certificates])
        self.council_in_session(members)
        return self.decision, self.batch

    def council_in_session(self, members):
        """A second sitting of the council, still open (no decision rests on it): chaired by the Director (who holds
        the council role), the office's clerk as secretary, 6 of 7 members present and one absent with a written
        opinion, and a vote typed on paper for every accepted nominee. The meeting page is measured on it."""
        campaign = self.campaign
        chair, secretary = self.users["bench_giamdoc"].staff, self.users["bench_vanphong"].staff
        council = list({m.pk: m for m in [chair, secretary, *members]}.values())[:7]
        meeting = CouncilMeeting.objects.create(
            campaign=campaign, held_at=timezone.make_aware(dt.datetime(2023, 12, 20, 8, 0)), place="Phòng họp Sở",
            chair=chair, secretary=secretary, total_members=campaign.council_size, ballots_issued=6,
            ballots_returned=6, ballots_valid=6,
        )
        roles = {chair.pk: "Chủ tịch Hội đồng", secretary.pk: "Thư ký Hội đồng"}
        CouncilAttendance.objects.bulk_create([
            CouncilAttendance(meeting=meeting, member=m, role=roles.get(m.pk, "Ủy viên"), present=i < 6,
                              written_opinion="" if i < 6 else "Nhất trí với danh sách do Văn phòng Sở trình.")
            for i, m in enumerate(council)
        ])
        accepted = Nominee.objects.filter(dossier__campaign=campaign, dossier__state=DossierState.ACCEPTED).order_by("pk")
        votes = []
        for nominee_id in accepted.values_list("pk", flat=True):
            votes_for = self.rng.choice((6, 6, 6, 5, 5, 4, 3))
            votes.append(Vote(meeting=meeting, nominee_id=nominee_id, votes_for=votes_for, votes_against=6 - votes_for))
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        return meeting
