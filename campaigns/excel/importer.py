"""The machinery of every all-or-nothing import (the importers themselves are in campaigns.excel.importers).

Each import reads the whole file, matches every row by its identifier (a code, or what the template defines),
validates it with the model's own validation (`full_clean`, as the forms do), and plans what it will create,
change or leave alone. Any error anywhere and nothing is written; otherwise everything is written in one
transaction with bulk writes, each row with its history row as django-simple-history keeps them
(campaigns.bulk_history). Importing the same file twice changes nothing the second time. Rows absent from the file
are never deleted.

    report = import_org(path_or_file, actor=user, dry_run=True)   # the preview
    report = import_org(path_or_file, actor=user)                  # the import

Reading and checking write nothing and run outside any transaction, so that the progress they report (`run(...,
progress=tell)`, see Progress) is seen by the page that follows it, and no lock is held while a big file is read;
only the writing is one transaction.
"""

import datetime as dt
import functools
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from campaigns import formatting
from campaigns.bulk_history import CHANGED as HISTORY_CHANGED
from campaigns.bulk_history import CREATED as HISTORY_CREATED
from campaigns.bulk_history import copy_to_history
from campaigns.excel.normalise import fold
from campaigns.excel.reader import (
    WorkbookRefused,
    count_rows,
    detect_layout,
    open_workbook,
    read_sheet,
    visible_sheets,
)
from campaigns.excel.report import CHANGED, CREATED, UNCHANGED, Report
from campaigns.hooks import records_changed
from campaigns.models import (
    Staff,
    Unit,
)

INSTRUCTIONS_SHEET = "Hướng dẫn"
CHUNK = 2000


class Progress:
    """How far an import has got, told to `tell(done, total)` every EVERY rows and at each new step. Each step
    (reading the rows, checking them, and for an import writing them) counts the file's rows once, so the bar moves
    from the first row read to the writing; until the rows are read, their number is counted in the sheets' XML."""

    EVERY = 250

    def __init__(self, tell=None, *, steps=1):
        self.tell, self.steps = tell, steps
        self.rows = self.step = self.done = self.told = 0

    def expect(self, rows):
        self.rows = rows
        self._tell()

    def tick(self):
        self.done += 1
        self.rows = max(self.rows, self.done)  # more rows than counted
        if self.done - self.told >= self.EVERY:
            self._tell()

    def next_step(self):
        self.step += 1
        self.done = 0
        self._tell()

    def finish(self):
        self.step, self.done = self.steps - 1, self.rows
        self._tell()

    def _tell(self):
        self.told = self.done
        if self.tell is not None:
            self.tell(self.step * self.rows + min(self.done, self.rows), self.steps * self.rows)


def fmt(value) -> str:
    """A value as the office reads it, for the list of changes."""
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return formatting.number(value)
    if isinstance(value, Unit):
        return value.code
    if isinstance(value, Staff):
        return f"{value.code} – {value.full_name}"
    return str(value)


def _display(model, name, value):
    field = model._meta.get_field(name)
    if field.choices and value not in (None, ""):
        return dict(field.flatchoices).get(value, value)
    return fmt(value)


@functools.cache
def _relations(model):
    """Relations are resolved by the importer itself (by code, in bulk), so full_clean leaves them alone."""
    return [f.name for f in model._meta.get_fields() if f.is_relation and f.concrete]


def chunks(values, size=CHUNK):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


class Importer:
    """One import: its layouts, how it plans rows, and how it writes them."""

    kind = ""
    title = ""
    layouts: tuple = ()
    rescore = False

    def __init__(self, report, actor, progress=None):
        self.report = report
        self.actor = actor
        self.progress = progress or Progress()

    # --- reading -------------------------------------------------------------------------------------------
    def read(self, workbook):
        report = self.report
        sheets = visible_sheets(workbook, report)
        wanted = {fold(layout.name): layout for layout in self.layouts}
        todo = []
        if len(sheets) == 1 and not set(sheets) & set(wanted):
            # A single sheet under another name ("Sheet1"): its header row says which layout it is.
            ((key, ws),) = sheets.items()
            layout = detect_layout(ws, self.layouts)
            if layout is not None:
                todo.append((key, ws, layout))
        else:
            todo = [(key, ws, wanted.get(key)) for key, ws in sheets.items() if key != fold(INSTRUCTIONS_SHEET)]
        self.progress.expect(sum(count_rows(ws) for _, ws, layout in todo if layout))
        found = {}
        for _, ws, layout in todo:
            if layout is None:
                report.notice(f"Trang «{ws.title}» không thuộc mẫu nên được bỏ qua.")
            else:
                found[layout.name] = read_sheet(ws, layout, report, tick=self.progress.tick)
        self.progress.expect(sum(len(data.rows) for data in found.values()))  # the real count, for the next steps
        if not found:
            names = " và ".join(f"«{layout.name}»" for layout in self.layouts)
            report.error("", None, "", "", f"Tệp không có trang {names} của mẫu nhập {self.title.lower()}.")
        elif not report.errors and not any(data.rows for data in found.values()):
            report.error("", None, "", "", "Tệp không có dòng dữ liệu nào.")
        return found

    # --- planning ------------------------------------------------------------------------------------------
    def stage(self, row, layout, model, obj, values, *, label, check=None):
        """Apply `values` ({field: value}) to `obj` (an unsaved instance carrying its identifier: a new row),
        validate like a form, record the outcome. Returns (instance, action), or (None, None) on errors."""
        created = obj.pk is None
        changes = []
        changed_fields = []
        for name, new in values.items():
            field = model._meta.get_field(name)
            if field.is_relation:
                old = getattr(obj, name) if getattr(obj, field.attname) is not None else None
                same = (old is None and new is None) or (
                    old is not None and new is not None and new.pk is not None and old.pk == new.pk
                )
            else:
                old = getattr(obj, name)
                same = old == new
            if not same:
                changed_fields.append(name)
                if not created:
                    changes.append(f"{field.verbose_name}: {_display(model, name, old)} → {_display(model, name, new)}")
                setattr(obj, name, new)
        try:
            obj.full_clean(exclude=_relations(model), validate_unique=False, validate_constraints=False)
            if check is not None and (errors := check(obj)):
                raise ValidationError(errors)
        except ValidationError as exc:
            self.progress.tick()
            self._validation_errors(row, layout, exc)
            return None, None
        self.progress.tick()
        action = CREATED if created else CHANGED if changed_fields else UNCHANGED
        self.report.outcome(row.sheet, row.number, action, label, changes)
        obj._import_changed = changed_fields
        return obj, action

    def _validation_errors(self, row, layout, exc):
        keys = {c.key for c in layout.columns}
        for name, messages in exc.message_dict.items():
            column = layout.column(name).header if name in keys else ""
            value = row.shown(name) if name in keys else ""
            for message in messages:
                if name not in keys and name != NON_FIELD_ERRORS:
                    message = f"{name}: {message}"
                self.report.error(row.sheet, row.number, column, value, message)

    def duplicate(self, seen, key, row, layout, column_key):
        """True (and an error) when `key` was already used by an earlier row of the file."""
        if key in seen:
            self.report.error(row.sheet, row.number, layout.column(column_key).header, row.shown(column_key),
                              f"Trùng với dòng {seen[key]} của trang này; mỗi đối tượng chỉ ghi một dòng.")
            return True
        seen[key] = row.number
        return False

    def unknown(self, row, layout, column_key, message):
        self.report.error(row.sheet, row.number, layout.column(column_key).header, row.shown(column_key), message)

    @staticmethod
    def values(row, fields):
        """The row's values for the fields whose columns are in the sheet (absent columns are left alone)."""
        return {name: row.values[name] for name in fields if name in row.values}

    # --- writing -------------------------------------------------------------------------------------------
    def save(self, model, objs):
        """Bulk-create the new and bulk-update the changed instances, each with its history row (copied by the
        database from the rows just written: campaigns.bulk_history)."""

        new = [o for o in objs if o.pk is None]
        changed = [o for o in objs if o.pk is not None and o._import_changed]
        user = self.actor if self.actor is not None and self.actor.is_authenticated else None
        reason = f"Nhập từ Excel ({self.title.lower()})"
        if new:
            model.objects.bulk_create(new, batch_size=1000)
            copy_to_history(model, [o.pk for o in new], history_type=HISTORY_CREATED, user=user, reason=reason)
        if changed:
            fields = sorted({name for o in changed for name in o._import_changed})
            model.objects.bulk_update(changed, fields, batch_size=1000)
            copy_to_history(model, [o.pk for o in changed], history_type=HISTORY_CHANGED, user=user, reason=reason)

    def plan(self, sheets):
        raise NotImplementedError

    def apply(self):
        raise NotImplementedError

    def touched(self):
        """(units, staff) whose records this import created or changed."""
        return [], []

    def rescore_results(self):
        """Bring the automatic results in line with the records just written, in the same transaction: through
        campaigns.hooks.records_changed, whose listener (registered by awards) recomputes them."""
        if not self.rescore:
            return
        units, staff = self.touched()
        if not units and not staff:
            return
        if len(units) + len(staff) > CHUNK:
            records_changed()  # so many that bringing everything in line is cheaper
        else:
            records_changed(units=[u.pk for u in units], staff=[s.pk for s in staff])

    @staticmethod
    def subjects_of(objs):
        units = {o.unit_id: o.unit for o in objs if o._import_changed and getattr(o, "unit_id", None)}
        staff = {o.staff_id: o.staff for o in objs if o._import_changed and getattr(o, "staff_id", None)}
        return list(units.values()), list(staff.values())


def run(importer_class, source, *, actor=None, dry_run=False, progress=None) -> Report:
    """Read, check and (unless `dry_run` or anything is wrong) write; `progress(done, total)` hears how far it got."""
    report = Report(kind=importer_class.kind, title=importer_class.title, dry_run=dry_run)
    try:
        workbook = open_workbook(source)
    except WorkbookRefused as exc:
        report.error("", None, "", "", str(exc))
        return report
    importer = importer_class(report, actor, progress=Progress(progress, steps=2 if dry_run else 3))
    try:
        sheets = importer.read(workbook)
        if sheets:
            importer.progress.next_step()
            importer.plan(sheets)
        if not report.errors and not dry_run:
            importer.progress.next_step()
            with transaction.atomic():
                importer.apply()
                importer.rescore_results()
            report.applied = True
    except IntegrityError:
        # Someone saved the same codes between our reading and our writing: nothing was written.
        report.applied = False
        report.error("", None, "", "", "Dữ liệu vừa được người khác thay đổi trong lúc nhập nên chưa ghi gì; hãy nhập lại.")
    except WorkbookRefused as exc:
        report.error("", None, "", "", str(exc))
    finally:
        workbook.close()
    importer.progress.finish()
    # Errors in the order of the file: sheet by sheet, row by row.
    order = {layout.name: i for i, layout in enumerate(importer_class.layouts)}
    columns = {(layout.name, c.header): i for layout in importer_class.layouts for i, c in enumerate(layout.columns)}
    report.errors.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0, columns.get((p.sheet, p.column), -1)))
    return report
