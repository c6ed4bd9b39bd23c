"""The demo organisation: the Department's office, specialised sections and attached centres, invented staff
with Vietnamese names, ratings for 2021–2023, some initiatives, one discipline record, and one account per
role. Deterministic: the same data on every machine."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from campaigns.models import (
    AnnualRating,
    Campaign,
    DisciplineRecord,
    Gender,
    Initiative,
    Organisation,
    Rating,
    Staff,
    StaffCategory,
    Unit,
    UnitKind,
)
from campaigns.roles import Role, assign_roles

DEMO_PASSWORD = "ThiDua@2023"

UNITS = [
    ("VP", "Văn phòng Sở", UnitKind.SECTION),
    ("TTRA", "Thanh tra Sở", UnitKind.SECTION),
    ("KHTC", "Phòng Kế hoạch - Tài chính", UnitKind.SECTION),
    ("LDVL", "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", UnitKind.SECTION),
    ("NCC", "Phòng Người có công", UnitKind.SECTION),
    ("BTXH", "Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới", UnitKind.SECTION),
    ("PCTNXH", "Phòng Phòng, chống tệ nạn xã hội", UnitKind.SECTION),
    ("BQLNT", "Ban Quản lý Nghĩa trang liệt sĩ tỉnh", UnitKind.DEPARTMENT_UNIT),
    ("TTDVVL", "Trung tâm Dịch vụ việc làm", UnitKind.ATTACHED),
    ("TTCTXH", "Trung tâm Công tác xã hội", UnitKind.ATTACHED),
    ("CSCNMT", "Cơ sở Cai nghiện ma túy tỉnh", UnitKind.ATTACHED),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hoài"]
MIDDLE_M = ["Văn", "Minh", "Đức", "Quốc", "Hữu", "Thành"]
GIVEN_F = ["Hương", "Lan", "Mai", "Hạnh", "Thảo", "Trang", "Nhung", "Yến", "Hằng", "Linh", "Phương", "Ngân"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Sơn", "Phúc", "Quang", "Khánh", "Long", "Tâm", "Bình", "Hải", "Trung"]

# Accounts: (username, full name, gender, unit code, position, roles)
ACCOUNTS = [
    ("vanphong", "Trần Thị Thu Hà", Gender.FEMALE, "VP", "Chuyên viên phụ trách thi đua - khen thưởng", [Role.OFFICE, Role.STAFF]),
    ("thutruong.ncc", "Lê Văn Minh", Gender.MALE, "NCC", "Trưởng phòng", [Role.UNIT_HEAD, Role.STAFF]),
    ("thutruong.dvvl", "Nguyễn Thị Hồng Nhung", Gender.FEMALE, "TTDVVL", "Giám đốc Trung tâm", [Role.UNIT_HEAD, Role.STAFF]),
    ("giamdoc", "Hà Anh Quang", Gender.MALE, "VP", "Giám đốc Sở", [Role.DIRECTOR, Role.COUNCIL]),
    ("hoidong", "Phạm Quốc Bảo", Gender.MALE, "TTRA", "Chánh Thanh tra, Ủy viên Hội đồng TĐKT", [Role.COUNCIL, Role.STAFF]),
    ("canbo", "Võ Thị Mai", Gender.FEMALE, "BTXH", "Chuyên viên", [Role.STAFF]),
]

STAFF_PER_UNIT = 6

# Invented but plausible references, so that the demo's documents can be signed (a ground that still reads "…"
# stops signing). The real plan's number was left blank in the signed copy; the office enters the real ones.
DEMO_FOUNDING_DECISION = ("44/2016/QĐ-UBND", dt.date(2016, 7, 25))
DEMO_PLAN_NUMBER = "1056/KH-SLĐTBXH"


def fill_legal_references(campaign=None):
    """Give the organisation its founding decision and the campaign its plan number where they are still missing
    or placeholders ("…/KH-SLĐTBXH"); never overwrites what the office entered."""
    organisation = Organisation.objects.order_by("id").first()
    if organisation is not None and not organisation.founding_decision_number:
        organisation.founding_decision_number, organisation.founding_decision_date = DEMO_FOUNDING_DECISION
        organisation.save(update_fields=["founding_decision_number", "founding_decision_date"])
    for campaign in [campaign] if campaign is not None else Campaign.objects.all():
        if "…" in campaign.plan_number or campaign.plan_number.startswith("/"):
            campaign.plan_number = DEMO_PLAN_NUMBER
            campaign.save(update_fields=["plan_number"])


def demo_exists():
    return get_user_model().objects.filter(username="vanphong").exists()


def _name(rng, gender):
    middle = MIDDLE_F if gender == Gender.FEMALE else MIDDLE_M
    given = GIVEN_F if gender == Gender.FEMALE else GIVEN_M
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


@transaction.atomic
def seed_organisation():
    """Create units, staff, records and accounts. Returns {username: password}."""
    rng = random.Random(2023)
    fill_legal_references()
    organisation = Organisation.objects.order_by("id").first()
    units = {}
    for code, name, kind in UNITS:
        units[code] = Unit.objects.create(organisation=organisation, code=code, name=name, kind=kind)

    staff = []
    n = 0
    for code, unit in units.items():
        for i in range(STAFF_PER_UNIT):
            n += 1
            gender = Gender.FEMALE if rng.random() < 0.55 else Gender.MALE
            category = StaffCategory.CIVIL_SERVANT if unit.kind != UnitKind.ATTACHED else StaffCategory.PUBLIC_EMPLOYEE
            if i == STAFF_PER_UNIT - 1:
                category = StaffCategory.WORKER
            staff.append(Staff(
                code=f"CB{n:04d}", full_name=_name(rng, gender), gender=gender,
                date_of_birth=dt.date(1970 + rng.randrange(30), rng.randrange(1, 13), rng.randrange(1, 28)),
                position="Phó Trưởng phòng" if i == 0 else "Chuyên viên", category=category, unit=unit,
            ))
    bulk_create_with_history(staff, Staff, batch_size=1000, default_change_reason="Dữ liệu mẫu")

    User = get_user_model()
    passwords = {}
    for username, full_name, gender, unit_code, position, roles in ACCOUNTS:
        family, *rest = full_name.split()
        user = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name=" ".join(rest), last_name=family,
            email=f"{username.replace('.', '_')}@sldtbxh.ninhthuan.gov.vn",
        )
        n += 1
        Staff.objects.create(
            code=f"CB{n:04d}", full_name=full_name, gender=gender, position=position, unit=units[unit_code],
            category=StaffCategory.CIVIL_SERVANT if units[unit_code].kind != UnitKind.ATTACHED else StaffCategory.PUBLIC_EMPLOYEE,
            user=user, email=user.email,
        )
        assign_roles(user, *roles)
        passwords[username] = DEMO_PASSWORD
    superuser = User.objects.create_superuser(username="quantri", password=DEMO_PASSWORD, email="quantri@sldtbxh.ninhthuan.gov.vn")
    passwords[superuser.username] = DEMO_PASSWORD

    ratings = []
    all_staff = list(Staff.objects.all())
    for person in all_staff:
        for year in (2021, 2022, 2023):
            roll = rng.random()
            rating = Rating.EXCELLENT if roll < 0.35 else Rating.GOOD if roll < 0.85 else Rating.COMPLETED
            ratings.append(AnnualRating(staff=person, year=year, rating=rating, source=f"Quyết định xếp loại năm {year}"))
    for unit in units.values():
        for year in (2021, 2022, 2023):
            rating = Rating.EXCELLENT if rng.random() < 0.6 else Rating.GOOD
            ratings.append(AnnualRating(unit=unit, year=year, rating=rating, source=f"Quyết định xếp loại tập thể năm {year}"))
    bulk_create_with_history(ratings, AnnualRating, batch_size=1000, default_change_reason="Dữ liệu mẫu")

    initiative_titles = [
        "Số hóa hồ sơ người có công trên phần mềm quản lý dùng chung",
        "Tiếp nhận hồ sơ trợ cấp thất nghiệp trực tuyến qua Cổng dịch vụ công",
        "Quy trình một cửa liên thông giải quyết chế độ mai táng phí",
        "Ứng dụng mã QR tra cứu tình trạng hồ sơ thủ tục hành chính",
        "Chuẩn hóa biểu mẫu báo cáo thống kê lao động - việc làm",
        "Phần mềm theo dõi đối tượng bảo trợ xã hội tại cộng đồng",
    ]
    initiatives = []
    for i, title in enumerate(initiative_titles):
        person = all_staff[(i * 7) % len(all_staff)]
        initiatives.append(Initiative(staff=person, year=2022 + (i % 2), title=title,
                                      decision_ref=f"{10 + i}/QĐ-HĐSK ngày 15/10/{2022 + (i % 2)}"))
    initiatives.append(Initiative(unit=units["NCC"], year=2023, title="Mô hình tiếp nhận hồ sơ ưu đãi người có công không giấy tờ",
                                  decision_ref="25/QĐ-HĐSK ngày 20/10/2023"))
    initiatives.append(Initiative(unit=units["TTDVVL"], year=2023, title="Sàn giao dịch việc làm trực tuyến kết nối doanh nghiệp",
                                  decision_ref="26/QĐ-HĐSK ngày 20/10/2023"))
    bulk_create_with_history(initiatives, Initiative, batch_size=1000, default_change_reason="Dữ liệu mẫu")

    disciplined = all_staff[11]
    DisciplineRecord.objects.create(
        staff=disciplined, year=2023, form="Khiển trách", decision_ref="45/QĐ-SLĐTBXH",
        decided_on=dt.date(2023, 8, 14), note="Chậm trễ giải quyết hồ sơ chế độ chính sách",
    )
    for rating in AnnualRating.objects.filter(staff=disciplined, year=2023):
        rating.rating = Rating.FAILED
        rating.save(update_fields=["rating"])
    return passwords
