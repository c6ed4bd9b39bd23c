from tests.access import Case

OFFICE_ONLY = {
    "anonymous": "login", "clerk": 200, "director": 200,
    "head_a": 404, "head_b": 404, "council": 404, "staff": 404,
}

CASES = [
    Case("office:dashboard", expect=OFFICE_ONLY),
    Case("office:units", expect=OFFICE_ONLY),
    # Ending the campaign: a POST by the office only (it answers with the dashboard, refused or done).
    Case("office:close", expect={a: 404 for a in OFFICE_ONLY} | {"anonymous": "login"}),
    Case("office:close", method="post", expect={a: 404 for a in OFFICE_ONLY} | {"anonymous": "login", "clerk": 302}),
]
