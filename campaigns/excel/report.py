"""What an import found: every error (sheet, row, column, value, reason), notices, and what each row will do."""

from dataclasses import asdict, dataclass, field

from campaigns.excel.reader import Problem
from campaigns.formatting import money

CREATED, CHANGED, UNCHANGED = "created", "changed", "unchanged"
ACTION_LABELS = {CREATED: "Tạo mới", CHANGED: "Thay đổi", UNCHANGED: "Giữ nguyên"}


@dataclass
class RowOutcome:
    sheet: str
    row: int
    action: str
    label: str
    changes: list = field(default_factory=list)

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


@dataclass
class Report:
    kind: str
    title: str
    errors: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    dry_run: bool = False
    applied: bool = False

    def error(self, sheet, row, column, value, message):
        self.errors.append(Problem(sheet=sheet, row=row, column=column, value=value, message=message))

    def notice(self, text):
        if text not in self.notices:
            self.notices.append(text)

    def errors_in(self, sheet):
        return any(p.sheet == sheet for p in self.errors)

    def outcome(self, sheet, row, action, label, changes=()):
        self.outcomes.append(RowOutcome(sheet=sheet, row=row, action=action, label=label, changes=list(changes)))

    @property
    def ok(self):
        return not self.errors

    @property
    def counts(self):
        counts = {CREATED: 0, CHANGED: 0, UNCHANGED: 0}
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts

    def of(self, action):
        return [o for o in self.outcomes if o.action == action]

    @property
    def created(self):
        return self.of(CREATED)

    @property
    def changed(self):
        return self.of(CHANGED)

    def as_page(self, limit: int) -> dict:
        """What the preview page shows, as JSON kept for it: the figures, every error and notice, and the first
        `limit` rows created and changed (the page reads the keys as it read this report's attributes)."""
        counts = self.counts
        return {
            "summary": self.summary(), "counts": counts, "applied": self.applied, "dry_run": self.dry_run,
            "shown": {**{k: money(v) for k, v in counts.items()}, "errors": money(len(self.errors))},  # 20.000
            "more": {k: money(v - limit) for k, v in counts.items() if v > limit},  # "… và 19.700 dòng khác"
            "errors": [asdict(p) for p in self.errors], "notices": list(self.notices),
            "created": [asdict(o) for o in self.created[:limit]], "changed": [asdict(o) for o in self.changed[:limit]],
        }

    def summary(self) -> str:
        c = {action: money(count) for action, count in self.counts.items()}
        figures = f"{c[CREATED]} dòng tạo mới, {c[CHANGED]} dòng thay đổi, {c[UNCHANGED]} dòng giữ nguyên"
        if self.errors:
            return f"Tệp có {money(len(self.errors))} lỗi nên chưa nhập dòng nào. Hãy sửa các lỗi dưới đây rồi tải lên lại."
        if self.applied:
            return f"Đã nhập {self.title.lower()}: {figures}."
        return f"Kiểm tra xong, chưa ghi gì: {figures}."
