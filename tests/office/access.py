from tests.access import Case

OFFICE_ONLY = {
    "anonymous": "login", "clerk": 200, "director": 200,
    "head_a": 404, "head_b": 404, "council": 404, "staff": 404,
}

CASES = [
    Case("office:dashboard", expect=OFFICE_ONLY),
    Case("office:units", expect=OFFICE_ONLY),
]
