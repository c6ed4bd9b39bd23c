"""The URLs of the campaigns app: one list per area, each under its own namespace. emulation/urls.py includes
`urlpatterns`."""

from django.urls import include, path

from campaigns import views_excel as excel
from campaigns import views_office as office
from campaigns import views_records as records

# Imports and exports (the office's imports; exports as each user's selector allows).
excel_patterns = [
    path("", excel.home, name="home"),
    path("nhap/<slug:kind>/", excel.import_page, name="import"),
    path("nhap/<slug:kind>/<slug:token>/", excel.preview, name="preview"),
    path("nhap/<slug:kind>/<slug:token>/xac-nhan/", excel.confirm, name="confirm"),
    path("mau/to-chuc-mau.xlsx", excel.demo_file, name="demo_file"),
    path("mau/<slug:kind>.xlsx", excel.template_download, name="template"),
    path("xuat/co-cau-to-chuc.xlsx", excel.export_org_download, name="export_org"),
    path("xuat/<slug:what>.xlsx", excel.export_download, name="export"),
]

# The office dashboard.
office_patterns = [
    path("", office.dashboard, name="dashboard"),
    path("don-vi/", office.units, name="units"),
]

# A member of staff looks up their own records; nobody else's are reachable from here.
records_patterns = [
    path("", records.mine, name="mine"),
]

urlpatterns = [
    path("excel/", include((excel_patterns, "excel"))),         # imports and exports
    path("van-phong/", include((office_patterns, "office"))),   # office dashboard
    path("ca-nhan/", include((records_patterns, "records"))),   # staff: own records
]
