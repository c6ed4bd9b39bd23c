"""Who may open the award history: the office and the director anyone's; a person their own; a unit head their
unit's and its people's (another unit's answers 404); the import is the office's; the export is offered to
those with a page of it (the office, the director, unit heads)."""

from tests.access import Case

ANON = {"anonymous": "login"}
PERSON_A = {**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 404, "staff": 200}
PERSON_B = {**PERSON_A, "head_a": 404, "head_b": 200, "staff": 404}
UNIT_A = {**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 404, "staff": 404}
UNIT_B = {**UNIT_A, "head_a": 404, "head_b": 200}
OFFICE_ONLY = {**ANON, "clerk": 200, "director": 404, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
EXPORT = {**ANON, "clerk": 200, "director": 200, "head_a": 200, "head_b": 200, "council": 404, "staff": 404}

CASES = [
    Case("history:person", kwargs=lambda w: {"pk": w.staff.staff.pk}, expect=PERSON_A),
    Case("history:person", kwargs=lambda w: {"pk": w.staff_b.pk}, expect=PERSON_B),
    Case("history:person", kwargs=lambda w: {"pk": 987654}, expect={**PERSON_A, "clerk": 404, "director": 404,
                                                                   "head_a": 404, "staff": 404}),
    Case("history:unit", kwargs=lambda w: {"pk": w.unit_a.pk}, expect=UNIT_A),
    Case("history:unit", kwargs=lambda w: {"pk": w.unit_b.pk}, expect=UNIT_B),
    Case("excel:import", kwargs=lambda w: {"kind": "history"}, expect=OFFICE_ONLY),
    Case("excel:template", kwargs=lambda w: {"kind": "history"}, expect=OFFICE_ONLY),
    Case("excel:export", kwargs=lambda w: {"what": "history"}, expect=EXPORT),
]
