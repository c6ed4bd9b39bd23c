from django.urls import path

from campaigns import views_excel as views

app_name = "excel"

urlpatterns = [
    path("", views.home, name="home"),
    path("nhap/<slug:kind>/", views.import_page, name="import"),
    path("nhap/<slug:kind>/<slug:token>/", views.preview, name="preview"),
    path("nhap/<slug:kind>/<slug:token>/xac-nhan/", views.confirm, name="confirm"),
    path("mau/to-chuc-mau.xlsx", views.demo_file, name="demo_file"),
    path("mau/<slug:kind>.xlsx", views.template_download, name="template"),
    path("xuat/co-cau-to-chuc.xlsx", views.export_org_download, name="export_org"),
    path("xuat/<slug:what>.xlsx", views.export_download, name="export"),
]
