"""Checks of the records that are shared by every way in: the form, the admin and the Excel import."""

from campaigns.models import CampaignStatus

INDICATOR_GROUPS = [
    ("Giải ngân vốn đầu tư công", ["capital_allocated", "capital_disbursed"], "capital_source"),
    ("Dịch vụ công trực tuyến", ["online_dossiers", "total_dossiers", "online_target_percent"], "online_source"),
    ("Hồ sơ TTHC trễ hẹn, tồn đọng", ["late_dossiers", "backlog_dossiers"], "late_source"),
    ("Kiểm tra CCHC", ["inspection_result"], "inspection_source"),
    ("DDCI", ["ddci_score", "ddci_score_last", "ddci_rank", "ddci_rank_last"], "ddci_source"),
]


def indicator_errors(values: dict) -> dict:
    """Checks shared by the form and the Excel import: {field: Vietnamese message}."""
    errors = {}

    def filled(name):
        return values.get(name) not in (None, "")

    allocated, disbursed = values.get("capital_allocated"), values.get("capital_disbursed")
    if filled("capital_disbursed") and not filled("capital_allocated"):
        errors["capital_allocated"] = "Nhập vốn được giao trước khi nhập vốn đã giải ngân (nhập 0 nếu không được giao vốn)."
    if filled("capital_allocated") and filled("capital_disbursed") and disbursed > allocated:
        errors["capital_disbursed"] = "Vốn đã giải ngân không được lớn hơn vốn được giao."
    if filled("online_dossiers") and filled("total_dossiers") and values["online_dossiers"] > values["total_dossiers"]:
        errors["online_dossiers"] = "Số hồ sơ trực tuyến không được lớn hơn tổng số hồ sơ."
    target = values.get("online_target_percent")
    if filled("online_target_percent") and not (0 <= target <= 100):
        errors["online_target_percent"] = "Chỉ tiêu phải từ 0% đến 100%."
    for name in ("capital_allocated", "capital_disbursed"):
        if filled(name) and values[name] < 0:
            errors[name] = "Số tiền không được âm."
    for label, fields, source in INDICATOR_GROUPS:
        if any(filled(f) for f in fields) and not (values.get(source) or "").strip():
            errors[source] = f"Ghi văn bản là nguồn của số liệu «{label}»."
    return errors


def criteria_locked_message(campaign) -> str:
    """Why a launched campaign's criteria, quotas and dates may no longer change ("" while it is a draft). Asked
    by the admin's criterion form and by the draft's services (awards.services.cloning)."""
    if campaign.status == CampaignStatus.DRAFT:
        return ""
    return f"Phong trào «{campaign.title}» đã phát động: tiêu chí, số lượng khen thưởng và thời hạn đã khóa."
