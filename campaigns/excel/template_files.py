"""Import templates (empty, or filled: the organisation export and the demo file are templates with rows), all
built from the layouts, so that whatever is exported in a template's layout imports back unchanged."""

from campaigns.excel import layouts as L
from campaigns.excel.writer import Col, Table, new_workbook, save
from campaigns.models import Staff, Unit
from campaigns.selectors import get_organisation

TEMPLATES = {
    "org": ("Cơ cấu tổ chức", (L.UNITS, L.STAFF), "mau-nhap-co-cau-to-chuc.xlsx"),
    "indicators": ("Số liệu chỉ tiêu", (L.INDICATORS, L.INDEX_COMPONENTS), "mau-nhap-so-lieu-chi-tieu.xlsx"),
    "ratings": ("Xếp loại hằng năm", (L.RATINGS,), "mau-nhap-xep-loai.xlsx"),
    "initiatives": ("Sáng kiến được công nhận", (L.INITIATIVES,), "mau-nhap-sang-kien.xlsx"),
}

_KINDS = {"date": "date", "decimal": "decimal", "percent": "decimal", "int": "int", "year": "int"}
INSTRUCTIONS = "Hướng dẫn"


def write_layouts(kind, rows_by_sheet=None, *, title=None, out=None):
    """A workbook of the template `kind`; `rows_by_sheet` maps a layout's name to rows of model values in
    the layout's column order. Returns the bytes when `out` is None."""
    name, layouts, _ = TEMPLATES[kind]
    rows_by_sheet = rows_by_sheet or {}
    workbook = new_workbook()
    for layout in layouts:
        columns = [Col(c.header_text, c.width, _KINDS.get(c.kind, "text")) for c in layout.columns]
        validations = [(i, c.allowed) for i, c in enumerate(layout.columns) if c.allowed]
        table = Table(
            workbook, layout.name, columns, title=f"{title or 'Mẫu nhập ' + name.lower()} – {layout.name}",
            subtitle="Các cột có dấu * là bắt buộc; xem trang «Hướng dẫn». Giữ nguyên dòng tiêu đề.",
            validations=validations,
        )
        for values in rows_by_sheet.get(layout.name, ()):
            table.append([c.to_cell(v) for c, v in zip(layout.columns, values)])
    _instructions(workbook, name, layouts)
    return save(workbook, out)


def _instructions(workbook, name, layouts):
    table = Table(
        workbook, INSTRUCTIONS,
        [Col("Trang", 18), Col("Cột", 34), Col("Bắt buộc", 10), Col("Giá trị cho phép, ghi chú", 90)],
        title=f"Hướng dẫn điền mẫu nhập {name.lower()}",
        subtitle=(
            "Chữ tiếng Việt gõ kiểu nào cũng được (Unicode dựng sẵn hoặc tổ hợp); khoảng trắng thừa được bỏ. Ngày ghi "
            "dd/mm/yyyy hoặc dùng ô ngày của Excel; số ghi 1.234,5 hoặc ô số. Dòng trống được bỏ qua; cột lạ và trang "
            "ẩn được bỏ qua. Tệp có một dòng lỗi thì không dòng nào được nhập; nhập lại cùng tệp không thay đổi gì."
        ),
    )
    for layout in layouts:
        table.append([layout.name, "", "", layout.description], bold=True)
        for column in layout.columns:
            allowed = f"Một trong: {', '.join(column.allowed)}. " if column.allowed else ""
            table.append([layout.name, column.header, "Có" if column.required else "", allowed + column.note])


def template(kind, out=None):
    return write_layouts(kind, out=out)


def org_rows(units=None, staff=None):
    """Rows of the organisation template from the database (all units and staff unless querysets are given)."""

    units = Unit.objects.all() if units is None else units
    staff = Staff.objects.all() if staff is None else staff
    unit_rows = units.order_by("code").values_list("code", "name", "kind", "parent__code", "email", "active")
    staff_rows = staff.order_by("unit__code", "code").values_list(
        "code", "full_name", "gender", "date_of_birth", "position", "category", "unit__code", "email", "active",
    )
    return {L.UNITS.name: unit_rows.iterator(chunk_size=2000), L.STAFF.name: staff_rows.iterator(chunk_size=2000)}


def export_org(out=None, *, title=None):
    """The organisation in the import template's layout: import it back and nothing changes."""

    organisation = get_organisation()
    title = title or f"Cơ cấu tổ chức – {organisation.name if organisation else ''}".rstrip(" –")
    return write_layouts("org", org_rows(), title=title, out=out)
