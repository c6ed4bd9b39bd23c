"""Who may open what in the scoring area. The workspace (grid, indicator data, weights, decisions) is the
office's; the ranking is also read by the director and the council; a nominee's page follows nominees_for()."""

from tests.access import Case

OFFICE_ONLY = {"anonymous": "login", "clerk": 200, "director": 404, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
OFFICE_POST = {**OFFICE_ONLY, "clerk": 302}
OVERVIEW = {"anonymous": "login", "clerk": 200, "director": 200, "head_a": 404, "head_b": 404, "council": 200, "staff": 404}

CASES = [
    Case("scoring:grid", expect=OFFICE_ONLY),
    Case("scoring:indicators", expect=OFFICE_ONLY),
    Case("scoring:indicator_edit", kwargs=lambda w: {"unit_pk": w.unit_a.pk, "year": 2023}, expect=OFFICE_ONLY),
    Case("scoring:weights", expect=OFFICE_ONLY),
    Case("scoring:recompute", method="post", expect=OFFICE_POST),
    Case(
        "scoring:cell", kwargs=lambda w: {"pk": w.result_a.pk}, method="post",
        data=lambda w: {"outcome": "not_met", "reason": "Kiểm tra lại quyết định xếp loại", "version": w.result_a.version},
        expect=OFFICE_POST,
    ),
    Case("scoring:ranking", expect=OVERVIEW),
    # The unit's own head, the person nominated and the council (accepted dossier) read it; the other unit does not.
    Case("scoring:nominee", kwargs=lambda w: {"pk": w.nominee_a.pk},
         expect={"anonymous": "login", "clerk": 200, "director": 200, "head_a": 200, "head_b": 404, "council": 200, "staff": 200}),
]
