"""Who may open what in the Excel area. Imports, templates and the organisation export are the office's; the
reports are offered to whoever has a page showing the same data, each holding only what that page shows."""

import io

from campaigns.excel.uploads import check_upload, store_upload
from tests.access import Case

OFFICE_ONLY = {"anonymous": "login", "clerk": 200, "director": 404, "head_a": 404, "head_b": 404, "council": 404, "staff": 404}
OFFICE_POST = {**OFFICE_ONLY, "clerk": 302}
EXPORT_ALL = {"anonymous": "login", "clerk": 200, "director": 200, "head_a": 200, "head_b": 200, "council": 200, "staff": 404}
EXPORT_AWARDS = {**EXPORT_ALL, "council": 404}
EXPORT_RANKING = {**EXPORT_ALL, "head_a": 404, "head_b": 404}
EXPORT_BUDGET = {**EXPORT_ALL, "head_a": 404, "head_b": 404, "council": 404}


def _upload(w):
    """A file uploaded by the clerk, kept under a token (a new unit), its check queued."""
    import openpyxl  # noqa: PLC0415 — heavy library, loaded only when a workbook is read or written


    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Đơn vị"
    ws.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị"])
    ws.append(["P9", "Phòng thử nghiệm", "Phòng chuyên môn"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "don-vi.xlsx"
    upload = store_upload(buffer, user=w.clerk, kind="org")
    check_upload(upload, page="/")  # queued: the check runs once the test's transaction commits, i.e. never
    return {"kind": "org", "token": upload.pk}


CASES = [
    Case("excel:home", expect=EXPORT_ALL),
    *[Case("excel:import", kwargs=lambda w, k=k: {"kind": k}, expect=OFFICE_ONLY)
      for k in ("org", "indicators", "ratings", "initiatives")],
    Case("excel:preview", kwargs=_upload, expect=OFFICE_ONLY),
    Case("excel:progress", kwargs=_upload, expect=OFFICE_ONLY),
    Case("excel:confirm", kwargs=_upload, method="post", expect=OFFICE_POST),
    *[Case("excel:template", kwargs=lambda w, k=k: {"kind": k}, expect=OFFICE_ONLY)
      for k in ("org", "indicators", "ratings", "initiatives")],
    Case("excel:demo_file", expect=OFFICE_ONLY),
    Case("excel:export_org", expect=OFFICE_ONLY),
    Case("excel:export", kwargs=lambda w: {"what": "status"}, expect=EXPORT_ALL),
    Case("excel:export", kwargs=lambda w: {"what": "scores"}, expect=EXPORT_ALL),
    Case("excel:export", kwargs=lambda w: {"what": "ranking"}, expect=EXPORT_RANKING),
    Case("excel:export", kwargs=lambda w: {"what": "awards"}, expect=EXPORT_AWARDS),
    Case("excel:export", kwargs=lambda w: {"what": "budget"}, expect=EXPORT_BUDGET),
]
