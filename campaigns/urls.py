"""The URLs of the campaigns app: one list per area, each under its own namespace. emulation/urls.py includes
`urlpatterns`."""

from django.urls import include, path

from campaigns.views import excel

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

urlpatterns = [
    path("excel/", include((excel_patterns, "excel"))),  # imports and exports
]
