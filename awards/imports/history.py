"""The Excel import of earlier awards (PastAward): one row per award of a person (Mã cán bộ) or a unit (Mã đơn
vị), with its year, award, decision number and date, and issuer. It follows the other imports
(campaigns/excel/): all or nothing, every error with sheet, row, column, value and reason, preview → confirm on
the office's Excel page, a template with Vietnamese headers, and the same file imported again changes nothing.

A row is identified by its subject, year, award and decision number; a row that differs only in the date or the
issuer changes that award. The import is registered with the Excel machinery by `register()` (AwardsConfig.ready)."""

from awards.models import PastAward
from campaigns.excel import importers, template_files
from campaigns.excel.importer import fmt, run
from campaigns.excel.importers import _SubjectImporter
from campaigns.excel.layouts import Column, SheetLayout
from campaigns.excel.normalise import fold
from campaigns.views import excel as excel_views

KIND = "history"
TITLE = "Khen thưởng các năm trước"
_SUBJECT_NOTE = "Ghi Mã cán bộ (khen thưởng cá nhân) hoặc Mã đơn vị (khen thưởng tập thể), không ghi cả hai."

PAST_AWARDS = SheetLayout(
    name="Khen thưởng",
    description=(
        "Mỗi dòng là một lần khen thưởng đã nhận của một người hoặc một đơn vị, nhận biết theo Mã cán bộ (hoặc Mã "
        "đơn vị), Năm, Danh hiệu / hình thức và Số quyết định. Cột «Họ tên / Tên đơn vị» chỉ để dễ đối chiếu."
    ),
    key=("year", "award_name", "decision_number"),
    columns=(
        Column("staff", "Mã cán bộ", width=14, note=_SUBJECT_NOTE),
        Column("unit", "Mã đơn vị", width=12, note=_SUBJECT_NOTE),
        Column("name", "Họ tên / Tên đơn vị", width=30, note="Chỉ để đối chiếu."),
        Column("year", "Năm", kind="year", required=True, width=8, note="Năm của thành tích được khen."),
        Column("award_name", "Danh hiệu, hình thức khen thưởng", required=True, width=40,
               note="Ví dụ: Giấy khen của Giám đốc Sở; Bằng khen của Chủ tịch UBND tỉnh; Chiến sĩ thi đua cơ sở."),
        Column("decision_number", "Số quyết định", required=True, width=20, note="Ví dụ: 12/QĐ-SLĐTBXH."),
        Column("decision_date", "Ngày quyết định", kind="date", width=14, note="dd/mm/yyyy hoặc ô ngày của Excel."),
        Column("issuer", "Cơ quan, người ký", required=True, width=40,
               note="Ví dụ: Giám đốc Sở Lao động - Thương binh và Xã hội; Chủ tịch UBND tỉnh Ninh Thuận."),
    ),
)


class PastAwardImporter(_SubjectImporter):
    kind = KIND
    title = TITLE
    layouts = (PAST_AWARDS,)
    layout = PAST_AWARDS
    model = PastAward

    def plan(self, sheets):
        data = sheets.get(PAST_AWARDS.name)
        all_rows = data.rows if data else []
        staff, units = self.subjects(all_rows)
        for row in all_rows:
            if not row.ok:  # its other errors are known; say whether its subject exists too
                self.subject(row, staff, units)
        rows = [r for r in all_rows if r.ok]
        existing = {}
        for award in PastAward.objects.filter(year__in={r.values["year"] for r in rows}):
            kind = "staff" if award.staff_id else "unit"
            key = (award.year, kind, award.staff_id or award.unit_id, fold(award.award_name), fold(award.decision_number))
            existing[key] = award
        self.objects, seen = [], {}
        for row in rows:
            subject = self.subject(row, staff, units)
            if subject is None:
                continue
            kind, who = subject
            year, name, number = row.values["year"], row.values["award_name"], row.values["decision_number"]
            key = (year, kind, who.pk, fold(name), fold(number))
            if self.duplicate(seen, key, row, PAST_AWARDS, "award_name"):
                continue
            values = self.values(row, ["award_name", "decision_number", "decision_date", "issuer"])
            obj = existing.get(key) or PastAward(year=year, **{kind: who})
            obj, _ = self.stage(row, PAST_AWARDS, PastAward, obj, values, label=f"{name} {year} – {fmt(who)}")
            if obj is not None:
                self.objects.append(obj)


def import_history(source, *, actor=None, dry_run=False):
    return run(PastAwardImporter, source, actor=actor, dry_run=dry_run)


def register():
    """Offer this import where the Excel machinery lists its imports: the office's Excel page, its template
    download and the `import_history` command (called once, by AwardsConfig.ready)."""
    importers.IMPORTERS[KIND] = PastAwardImporter
    template_files.TEMPLATES[KIND] = (TITLE, (PAST_AWARDS,), "mau-nhap-khen-thuong-cac-nam-truoc.xlsx")
    excel_views.IMPORT_HELP[KIND] = (
        "Khen thưởng cá nhân, tập thể đã nhận trong các năm trước (danh hiệu, hình thức, năm, số và ngày quyết định, "
        "cơ quan ký). Dùng cho trang Lịch sử khen thưởng và các điều kiện xét theo nhiều năm."
    )
