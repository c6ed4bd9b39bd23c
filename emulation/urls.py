from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from campaigns import views as campaign_views

admin.site.site_header = "Thi đua - Khen thưởng"
admin.site.site_title = "Thi đua - Khen thưởng"
admin.site.index_title = "Quản trị"

# Each area of the product has its own URL module (and its own views module and templates folder).
urlpatterns = [
    path("", campaign_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("to-chuc/<path:path>", campaign_views.emblem, name="emblem"),
    path("don-vi/", include("awards.urls_portal")),          # unit portal: registration, plan, dossier
    path("tep/", include("awards.urls_files")),              # permission-checked file downloads
    path("cham-diem/", include("awards.urls_scoring")),      # appraisal, scoring grid, ranking
    path("khen-thuong/", include("awards.urls_decisions")),  # council, decisions, PDFs
    path("xac-minh/", include("awards.urls_verify")),        # public certificate verification
    path("excel/", include("campaigns.urls_excel")),         # imports and exports
    path("van-phong/", include("campaigns.urls_office")),    # office dashboard
    path("ca-nhan/", include("campaigns.urls_records")),     # staff: own records
    path("admin/", admin.site.urls),
]
