"""The URLs of the campaigns app: one list per area, each under its own namespace. emulation/urls.py puts
`campaign_urlpatterns` under each campaign's code and `site_urlpatterns` at the root."""

from django.urls import include, path

from campaigns.views import accounts, excel

# Imports and exports (the office's imports; exports as each user's selector allows).
excel_patterns = [
    path("", excel.home, name="home"),
    path("nhap/<slug:kind>/", excel.import_page, name="import"),
    path("nhap/<slug:kind>/<uuid:token>/", excel.preview, name="preview"),
    path("nhap/<slug:kind>/<uuid:token>/tien-do/", excel.progress, name="progress"),
    path("nhap/<slug:kind>/<uuid:token>/xac-nhan/", excel.confirm, name="confirm"),
    path("mau/to-chuc-mau.xlsx", excel.demo_file, name="demo_file"),
    path("mau/<slug:kind>.xlsx", excel.template_download, name="template"),
    path("xuat/co-cau-to-chuc.xlsx", excel.export_org_download, name="export_org"),
    path("xuat/<slug:what>.xlsx", excel.export_download, name="export"),
]

# Accounts the office manages: created from a staff row, locked and reopened, a person leaving, a unit's head.
accounts_patterns = [
    path("", accounts.staff_list, name="list"),
    path("can-bo/<int:pk>/", accounts.staff_account, name="staff"),
    path("can-bo/<int:pk>/tao/", accounts.create, name="create"),
    path("can-bo/<int:pk>/gui-lai-thu/", accounts.invite, name="invite"),
    path("can-bo/<int:pk>/khoa/", accounts.deactivate, name="deactivate"),
    path("can-bo/<int:pk>/mo-lai/", accounts.reactivate, name="reactivate"),
    path("can-bo/<int:pk>/thoi-cong-tac/", accounts.leave, name="leave"),
    path("don-vi/<int:pk>/thu-truong/", accounts.unit_head, name="unit_head"),
]

# Pages of one campaign (emulation/urls.py puts them under the campaign's code).
campaign_urlpatterns = [
    path("excel/", include((excel_patterns, "excel"))),  # imports and exports
]

# The site's own areas, the same in every campaign.
site_urlpatterns = [
    path("tai-khoan/", include((accounts_patterns, "accounts"))),  # accounts the office manages
]
