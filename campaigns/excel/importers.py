"""All-or-nothing imports of the organisation, indicator data, annual ratings and recognised initiatives: one
Importer (campaigns.excel.importer) per template.

    report = import_org(path_or_file, actor=user, dry_run=True)   # the preview
    report = import_org(path_or_file, actor=user)                  # the import
"""



from campaigns.excel import layouts as L
from campaigns.excel.importer import Importer, chunks, fmt, run
from campaigns.excel.normalise import fold
from campaigns.excel.report import Report
from campaigns.hooks import people_changed
from campaigns.models import (
    AnnualRating,
    IndexComponentScore,
    IndicatorRecord,
    Initiative,
    Staff,
    Unit,
)
from campaigns.selectors import get_organisation
from campaigns.services.accounts import disable_departed_accounts
from campaigns.validators import indicator_errors

# --- the organisation: units and staff ---------------------------------------------------------------------

class OrgImporter(Importer):
    kind = "org"
    title = "Cơ cấu tổ chức (đơn vị, cán bộ)"
    layouts = (L.UNITS, L.STAFF)

    def plan(self, sheets):
        report = self.report
        self.organisation = get_organisation()
        if self.organisation is None:
            report.error("", None, "", "", "Chưa có cơ quan trong hệ thống: hãy nạp kế hoạch thi đua trước (load_plan_2023).")
            return
        existing = {u.code: u for u in Unit.objects.select_related("parent")}
        self.units = []
        by_code = dict(existing)
        seen, parents = {}, {}
        unit_data = sheets.get(L.UNITS.name)
        for row in unit_data.rows if unit_data else []:
            code = row.values.get("code")
            if code is None or self.duplicate(seen, code, row, L.UNITS, "code"):
                continue
            if not row.ok:  # known all the same, so that its staff are not reported a second time
                by_code.setdefault(code, existing.get(code) or Unit(code=code, organisation=self.organisation))
                continue
            by_code[code] = existing.get(code) or Unit(code=code, organisation=self.organisation)
            parents[code] = (row, row.values.get("parent"))
        # Parents may name units further down the file: resolve them once every unit is known.
        for row in unit_data.rows if unit_data else []:
            code = row.values.get("code")
            if not row.ok or code not in parents or parents[code][0] is not row:
                continue
            values = self.values(row, ["name", "kind", "email", "active"])
            if "active" in values and values["active"] is None:
                values["active"] = True
            if "parent" in row.values:
                parent_code = row.values["parent"]
                if parent_code == "":
                    values["parent"] = None
                elif parent_code == code:
                    self.unknown(row, L.UNITS, "parent", "Đơn vị không thể là cấp trên của chính nó.")
                    continue
                elif parent_code not in by_code:
                    self.unknown(row, L.UNITS, "parent", f"Không có đơn vị mã «{parent_code}» trong tệp hay trong hệ thống.")
                    continue
                elif self._cycle(code, parent_code, parents, existing):
                    self.unknown(row, L.UNITS, "parent", "Quan hệ cấp trên tạo thành vòng lặp.")
                    continue
                else:
                    values["parent"] = by_code[parent_code]
            obj = by_code[code]
            obj, action = self.stage(row, L.UNITS, Unit, obj, values,
                                     label=f"Đơn vị {code} – {values.get('name') or obj.name}")
            if obj is not None:
                self.units.append(obj)

        self.staff, self.units_left = [], set()
        staff_data = sheets.get(L.STAFF.name)
        rows = [r for r in (staff_data.rows if staff_data else []) if "code" in r.values]
        codes = [r.values["code"] for r in rows]
        existing_staff = {}
        for chunk in chunks(set(codes)):
            existing_staff.update({s.code: s for s in Staff.objects.filter(code__in=chunk).select_related("unit")})
        seen = {}
        for row in rows:
            code = row.values["code"]
            if self.duplicate(seen, code, row, L.STAFF, "code"):
                continue
            unit_code = row.values.get("unit")
            if unit_code is not None and unit_code not in by_code:
                self.unknown(row, L.STAFF, "unit", f"Không có đơn vị mã «{unit_code}» trong trang «{L.UNITS.name}» hay trong hệ thống.")
                continue
            if not row.ok:
                continue
            values = self.values(row, ["full_name", "gender", "date_of_birth", "position", "category", "email", "active"])
            if "active" in values and values["active"] is None:
                values["active"] = True
            values["unit"] = by_code[unit_code]
            if code in existing_staff:
                self.units_left.add(existing_staff[code].unit_id)  # its unit before a move
            obj, action = self.stage(row, L.STAFF, Staff, existing_staff.get(code) or Staff(code=code), values,
                                     label=f"Cán bộ {code} – {values['full_name']}")
            if obj is not None:
                self.staff.append(obj)

    @staticmethod
    def _cycle(code, parent_code, parents, existing):
        seen = {code}
        current = parent_code
        while current:
            if current in seen:
                return True
            seen.add(current)
            if current in parents:
                current = parents[current][1] or None
            else:
                unit = existing.get(current)
                current = unit.parent.code if unit is not None and unit.parent_id else None
        return False

    def apply(self):
        # Units whose parent is new are created without it first, then linked.
        later = [u for u in self.units if u.parent is not None and u.parent.pk is None]
        for unit in later:
            unit._pending_parent = unit.parent
            unit.parent = None
        self.save(Unit, self.units)
        if later:
            for unit in later:
                unit.parent = unit._pending_parent
                unit._import_changed = ["parent"]
            Unit.objects.bulk_update(later, ["parent"])
        created = {id(s) for s in self.staff if s.pk is None}
        self.save(Staff, self.staff)
        # What the apps above keep of these people and units (awards: the ranking's names and shares of women): the
        # units written, and those a staff member joined or left; the staff members written before (a new one is
        # nominated nowhere yet).
        staff = [s for s in self.staff if s._import_changed]
        units = {u.pk for u in self.units if u._import_changed} | {s.unit_id for s in staff} | (self.units_left if staff else set())
        if units or staff:
            people_changed(units=sorted(units), staff=[s.pk for s in staff if id(s) not in created])
        # People marked as no longer working lose their account at once (offboarding).
        departed = [s.pk for s in self.staff if not s.active]
        if departed:
            disable_departed_accounts(actor=self.actor, staff_ids=departed,
                                      reason="Cán bộ thôi công tác (nhập cơ cấu tổ chức từ Excel)")


# --- indicator data ----------------------------------------------------------------------------------------

INDICATOR_FIELDS = [c.key for c in L.INDICATORS.columns if c.key not in ("unit", "year")]
BOOL_DEFAULTS = {"has_procedures": True, "ddci_assigned": True}


def _indicator_check(record):
    """The checks the indicator form makes (campaigns.validators.indicator_errors), on the whole record."""
    return indicator_errors({name: getattr(record, name) for name in INDICATOR_FIELDS})


def _component_check(component):
    if (component.score is not None or component.score_last is not None) and not component.source.strip():
        return {"source": "Ghi văn bản là nguồn của điểm chỉ số thành phần."}
    return {}


class IndicatorImporter(Importer):
    kind = "indicators"
    title = "Số liệu chỉ tiêu"
    layouts = (L.INDICATORS, L.INDEX_COMPONENTS)
    rescore = True

    def plan(self, sheets):
        units = {u.code: u for u in Unit.objects.all()}
        self.records, self.components = [], []
        data = sheets.get(L.INDICATORS.name)
        rows = [r for r in (data.rows if data else []) if r.ok]
        existing = {(r.unit_id, r.year): r for r in IndicatorRecord.objects.filter(year__in={r.values["year"] for r in rows}).select_related("unit")}
        seen = {}
        for row in rows:
            unit = self._unit(row, L.INDICATORS, units)
            if unit is None:
                continue
            year = row.values["year"]
            if self.duplicate(seen, (unit.pk, year), row, L.INDICATORS, "unit"):
                continue
            values = self.values(row, INDICATOR_FIELDS)
            for name, default in BOOL_DEFAULTS.items():
                if name in values and values[name] is None:
                    values[name] = default
            obj = existing.get((unit.pk, year)) or IndicatorRecord(unit=unit, year=year)
            obj, _ = self.stage(row, L.INDICATORS, IndicatorRecord, obj, values,
                                label=f"Số liệu {year} – {unit.code} {unit.name}", check=_indicator_check)
            if obj is not None:
                self.records.append(obj)

        data = sheets.get(L.INDEX_COMPONENTS.name)
        rows = [r for r in (data.rows if data else []) if r.ok]
        existing = {
            (c.unit_id, c.year, c.index, fold(c.component)): c
            for c in IndexComponentScore.objects.filter(year__in={r.values["year"] for r in rows}).select_related("unit")
        }
        seen = {}
        for row in rows:
            unit = self._unit(row, L.INDEX_COMPONENTS, units)
            if unit is None:
                continue
            year, index, component = row.values["year"], row.values["index"], row.values["component"]
            key = (unit.pk, year, index, fold(component))
            if self.duplicate(seen, key, row, L.INDEX_COMPONENTS, "component"):
                continue
            values = self.values(row, ["component", "score", "score_last", "source"])
            obj = existing.get(key) or IndexComponentScore(unit=unit, year=year, index=index)
            obj, _ = self.stage(row, L.INDEX_COMPONENTS, IndexComponentScore, obj, values,
                                label=f"{index} {year} – {unit.code}: {component}", check=_component_check)
            if obj is not None:
                self.components.append(obj)

    def _unit(self, row, layout, units):
        code = row.values["unit"]
        unit = units.get(code)
        if unit is None:
            self.unknown(row, layout, "unit", f"Không có đơn vị mã «{code}». Hãy nhập cơ cấu tổ chức trước.")
        return unit

    def apply(self):
        self.save(IndicatorRecord, self.records)
        self.save(IndexComponentScore, self.components)

    def touched(self):
        return self.subjects_of(self.records + self.components)


# --- ratings and initiatives: of a person or of a unit -----------------------------------------------------

class _SubjectImporter(Importer):
    """Rows that concern one person (Mã cán bộ) or one unit (Mã đơn vị)."""

    layout = None
    model = None

    def subjects(self, rows):
        staff_codes = {r.values.get("staff") for r in rows} - {None, ""}
        staff = {}
        for chunk in chunks(staff_codes):
            staff.update({s.code: s for s in Staff.objects.filter(code__in=chunk)})
        units = {u.code: u for u in Unit.objects.all()}
        return staff, units

    def subject(self, row, staff, units):
        """('staff', Staff) or ('unit', Unit), or None with an error."""
        layout = self.layout
        staff_code, unit_code = row.values.get("staff") or "", row.values.get("unit") or ""
        if staff_code and unit_code:
            self.unknown(row, layout, "staff", "Ghi Mã cán bộ hoặc Mã đơn vị, không ghi cả hai.")
            return None
        if not staff_code and not unit_code:
            self.report.error(row.sheet, row.number, layout.column("staff").header, "",
                              "Thiếu Mã cán bộ (hoặc Mã đơn vị nếu là tập thể).")
            return None
        if staff_code:
            if staff_code not in staff:
                self.unknown(row, layout, "staff", f"Không có cán bộ mã «{staff_code}». Hãy nhập cơ cấu tổ chức trước.")
                return None
            return "staff", staff[staff_code]
        if unit_code not in units:
            self.unknown(row, layout, "unit", f"Không có đơn vị mã «{unit_code}». Hãy nhập cơ cấu tổ chức trước.")
            return None
        return "unit", units[unit_code]

    def apply(self):
        self.save(self.model, self.objects)

    def touched(self):
        return self.subjects_of(self.objects)


class RatingImporter(_SubjectImporter):
    kind = "ratings"
    title = "Xếp loại hằng năm"
    layouts = (L.RATINGS,)
    layout = L.RATINGS
    model = AnnualRating
    rescore = True

    def plan(self, sheets):
        data = sheets.get(L.RATINGS.name)
        all_rows = data.rows if data else []
        staff, units = self.subjects(all_rows)
        for row in all_rows:
            if not row.ok:  # its other errors are known; say whether its subject exists too
                self.subject(row, staff, units)
        rows = [r for r in all_rows if r.ok]
        existing = {}
        for rating in AnnualRating.objects.filter(year__in={r.values["year"] for r in rows}):
            existing[(rating.year, "staff" if rating.staff_id else "unit", rating.staff_id or rating.unit_id)] = rating
        self.objects, seen = [], {}
        for row in rows:
            subject = self.subject(row, staff, units)
            if subject is None:
                continue
            kind, who = subject
            year = row.values["year"]
            key = (year, kind, who.pk)
            if self.duplicate(seen, key, row, L.RATINGS, kind):
                continue
            values = self.values(row, ["rating", "source"])
            obj = existing.get(key) or AnnualRating(year=year, **{kind: who})
            obj, _ = self.stage(row, L.RATINGS, AnnualRating, obj, values,
                                label=f"Xếp loại {year} – {fmt(who)}")
            if obj is not None:
                self.objects.append(obj)


class InitiativeImporter(_SubjectImporter):
    kind = "initiatives"
    title = "Sáng kiến được công nhận"
    layouts = (L.INITIATIVES,)
    layout = L.INITIATIVES
    model = Initiative
    rescore = True

    def plan(self, sheets):
        data = sheets.get(L.INITIATIVES.name)
        all_rows = data.rows if data else []
        staff, units = self.subjects(all_rows)
        for row in all_rows:
            if not row.ok:  # its other errors are known; say whether its subject exists too
                self.subject(row, staff, units)
        rows = [r for r in all_rows if r.ok]
        existing = {}
        for item in Initiative.objects.filter(year__in={r.values["year"] for r in rows}):
            kind = "staff" if item.staff_id else "unit"
            existing[(item.year, kind, item.staff_id or item.unit_id, fold(item.title))] = item
        default_body = Initiative._meta.get_field("recognised_by").default
        self.objects, seen = [], {}
        for row in rows:
            subject = self.subject(row, staff, units)
            if subject is None:
                continue
            kind, who = subject
            year, title = row.values["year"], row.values["title"]
            key = (year, kind, who.pk, fold(title))
            if self.duplicate(seen, key, row, L.INITIATIVES, "title"):
                continue
            values = self.values(row, ["title", "recognised_by", "decision_ref"])
            if values.get("recognised_by") == "":
                values["recognised_by"] = default_body
            obj = existing.get(key) or Initiative(year=year, **{kind: who})
            obj, _ = self.stage(row, L.INITIATIVES, Initiative, obj, values,
                                label=f"Sáng kiến {year} – {fmt(who)}: {title}")
            if obj is not None:
                self.objects.append(obj)


IMPORTERS = {cls.kind: cls for cls in (OrgImporter, IndicatorImporter, RatingImporter, InitiativeImporter)}


def import_org(source, *, actor=None, dry_run=False) -> Report:
    return run(OrgImporter, source, actor=actor, dry_run=dry_run)


def import_indicators(source, *, actor=None, dry_run=False) -> Report:
    return run(IndicatorImporter, source, actor=actor, dry_run=dry_run)


def import_ratings(source, *, actor=None, dry_run=False) -> Report:
    return run(RatingImporter, source, actor=actor, dry_run=dry_run)


def import_initiatives(source, *, actor=None, dry_run=False) -> Report:
    return run(InitiativeImporter, source, actor=actor, dry_run=dry_run)


