"""The Department's 2023 administrative-reform emulation plan as data (shared/seed/ke-hoach-thi-dua-cchc-2023.txt).

Criterion texts are carried word for word from section II.2 of the plan, in the plan's order.
The plan's number and day were left blank in the signed copy ("Số: /KH-SLĐTBXH", "ngày tháng 4 năm
2023"): the loader uses "…/KH-SLĐTBXH" and 10/04/2023, which the office corrects in the admin.
"""

import datetime as dt

from campaigns.models import EvidenceKind as E
from campaigns.models import Indicator as I

ORGANISATION = {
    "name": "Sở Lao động - Thương binh và Xã hội",
    "full_name": "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Thuận",
    "parent_body": "UBND tỉnh Ninh Thuận",
    "parent_body_full": "Ủy ban nhân dân tỉnh Ninh Thuận",
    "place_name": "Ninh Thuận",
    "abbreviation": "SLĐTBXH",
    "signer_name": "Hà Anh Quang",
    "signer_title": "GIÁM ĐỐC",
    "signer_on_behalf": False,
}

CAMPAIGN = {
    "code": "cchc-2023",
    "plan_number": "…/KH-SLĐTBXH",
    "plan_date": dt.date(2023, 4, 10),
    "title": "Phong trào thi đua cải cách hành chính năm 2023",
    "year": 2023,
    "period_start": dt.date(2023, 4, 10),
    # "đến trước ngày 30 tháng 11 năm 2023": the last day of the period is 29/11/2023.
    "period_end": dt.date(2023, 11, 29),
    "dossier_deadline": dt.date(2023, 11, 20),
    "decision_deadline": dt.date(2023, 12, 15),
    "status": "open",
}

GROUNDS = [
    ("1223/KH-UBND", dt.date(2023, 4, 2),
     "Kế hoạch số 1223/KH-UBND ngày 02 tháng 4 năm 2023 của Ủy ban nhân dân tỉnh Ninh Thuận về việc Phát động "
     "phong trào thi đua đẩy mạnh cải cách hành chính tỉnh Ninh Thuận năm 2023"),
    ("245/QĐ-UBND", dt.date(2023, 3, 1),
     "Quyết định số 245/QĐ-UBND ngày 01/3/2023 của Ủy ban nhân dân tỉnh về giao chỉ tiêu thực hiện dịch vụ công "
     "trực tuyến năm 2023 trên địa bàn tỉnh"),
    ("3450/UBND-TCDNC", dt.date(2022, 8, 8),
     "Công văn số 3450/UBND-TCDNC ngày 08/8/2022 của Ủy ban nhân dân tỉnh về triển khai Đề án 06/CP"),
    ("91/2017/NĐ-CP", dt.date(2017, 7, 31),
     "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi "
     "đua, Khen thưởng và Luật Sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng"),
]

# (short name, verbatim text, evidence kind, indicator)
COLLECTIVE_CRITERIA = [
    ("Hoàn thành xuất sắc nhiệm vụ năm 2023",
     "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2023.", E.RATING, I.NONE),
    ("Thực hiện tốt Kế hoạch CCHC của tỉnh và Sở",
     "Thực hiện tốt các nhiệm vụ được giao trong Kế hoạch cải cách hành chính năm 2023 của tỉnh và của Sở.",
     E.ATTESTATION, I.NONE),
    ("Có Kế hoạch phát động thi đua CCHC 2023",
     "Có Kế hoạch phát động thi đua cải cách hành chính năm 2023 của phòng, đơn vị.", E.DOCUMENT, I.NONE),
    ("Kiểm tra CCHC 2023 xếp loại Tốt",
     "Kết quả kiểm tra thực hiện nhiệm vụ cải cách hành chính năm 2023 của phòng, đơn vị, xếp loại Tốt.",
     E.INSPECTION, I.INSPECTION),
    ("Sáng kiến được Hội đồng sáng kiến Sở công nhận",
     "Có sáng kiến hoặc giải pháp trong công tác cải cách hành chính mang tính mới, tính thực tế, có thể nhân rộng "
     "triển khai áp dụng trong thực tiễn quản lý, giải quyết công việc, tạo đột phá trong công tác cải cách hành "
     "chính của cơ quan, đơn vị được Hội đồng sáng kiến của Sở công nhận.", E.INITIATIVE, I.NONE),
    ("Giải ngân 100% vốn đầu tư công",
     "Hoàn thành giải ngân 100% vốn đầu tư công được giao trong năm 2023.", E.RATIO, I.DISBURSEMENT),
    ("Chỉ tiêu dịch vụ công trực tuyến (QĐ 245/QĐ-UBND)",
     "Hoàn thành chỉ tiêu về tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ và theo Quyết định số 245/QĐ-UBND ngày "
     "01/3/2023 của Ủy ban nhân dân tỉnh về giao chỉ tiêu thực hiện dịch vụ công trực tuyến cho các cơ quan chuyên "
     "môn thuộc Ủy ban nhân dân tỉnh, Ban Quản lý các khu công nghiệp tỉnh; Ủy ban nhân dân cấp huyện, cấp xã năm "
     "2023 trên địa bàn tỉnh tỷ lệ hồ sơ giải quyết trực tuyến.", E.RATIO, I.ONLINE_SERVICES),
    ("Đề án 06/CP",
     "Triển khai thực hiện tốt Đề án 06/CP theo chỉ đạo của Ủy ban nhân dân tỉnh tại Công văn số 3450/UBND-TCDNC "
     "ngày 08/8/2022.", E.ATTESTATION, I.NONE),
    ("Không có hồ sơ TTHC trễ hẹn, tồn đọng",
     "Giải quyết thủ tục hành chính thuộc thẩm quyền giải quyết không có hồ sơ trễ hẹn, tồn đọng.",
     E.ZERO_COUNT, I.LATE_DOSSIERS),
    ("Chỉ số PAR INDEX, PCI, PAPI, SIPAS tăng điểm",
     "Có Giải pháp và Kết quả thực hiện các chỉ số thành phần trong các Bộ Chỉ số: PAR INDEX, PCI, PAPI, SIPAS đã "
     "được giao cho các phòng, đơn vị phụ trách tăng điểm so với kết quả của năm trước liền kề.",
     E.INDEX, I.PAR_PCI_PAPI_SIPAS),
    ("Chỉ số DDCI tăng điểm hoặc tăng bậc",
     "Chỉ số thành phần trong thực hiện chỉ số DDCI tăng điểm hoặc tăng bậc so với năm trước liền kề.",
     E.INDEX, I.DDCI),
    ("Không vi phạm kỷ luật, kỷ cương hành chính",
     "Không vi phạm kỷ luật, kỷ cương hành chính.", E.DISCIPLINE, I.NONE),
]

INDIVIDUAL_CRITERIA = [
    ("Hoàn thành xuất sắc nhiệm vụ năm 2023",
     "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2023.", E.RATING, I.NONE),
    ("Thực hiện tốt Kế hoạch CCHC của Sở và đơn vị",
     "Triển khai thực hiện tốt các nhiệm vụ được giao trong Kế hoạch cải cách hành chính năm 2023 của Sở Lao "
     "động-Thương binh và Xã hội và Kế hoạch cải cách hành chính năm 2023 của đơn vị.", E.ATTESTATION, I.NONE),
    ("Thực hiện văn bản chỉ đạo đúng chất lượng, thời gian",
     "Triển khai thực hiện đảm bảo chất lượng và đúng thời gian quy định các văn bản chỉ đạo của Trung ương, Ủy "
     "ban nhân dân tỉnh và của Sở Lao động-Thương binh và Xã hội.", E.ATTESTATION, I.NONE),
    ("Sáng kiến được Hội đồng sáng kiến Sở công nhận",
     "Có sáng kiến hoặc giải pháp trong công tác cải cách hành chính mang tính mới, tính thực tế, có thể nhân rộng "
     "triển khai áp dụng trong thực tiễn quản lý, giải quyết công việc, tạo đột phá trong công tác cải cách hành "
     "chính của cơ quan, đơn vị được Hội đồng sáng kiến của Sở công nhận.", E.INITIATIVE, I.NONE),
    ("Thực hiện nghiêm kỷ luật, kỷ cương hành chính",
     "Thực hiện nghiêm kỷ luật, kỷ cương hành chính (không vi phạm kỷ luật, kỷ cương hành chính).",
     E.DISCIPLINE, I.NONE),
]

# (award kind code, target, quota): "Giám đốc Sở ... tặng giấy khen cho 05 tập thể, 05 cá nhân và Bằng khen
# UBND tỉnh (nếu đủ điều kiện theo quy định)".
AWARDS = [
    ("giay-khen-giam-doc", "collective", 5),
    ("giay-khen-giam-doc", "individual", 5),
    ("bang-khen-ubnd-tinh", "collective", None),
    ("bang-khen-ubnd-tinh", "individual", None),
]
