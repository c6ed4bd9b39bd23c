from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from campaigns.views import home as campaign_views
from campaigns.views import password

admin.site.site_header = "Thi đua - Khen thưởng"
admin.site.site_title = "Thi đua - Khen thưởng"
admin.site.index_title = "Quản trị"

# Each app has one URL module with one list per area, under the area's namespace (awards/urls.py, campaigns/urls.py).
urlpatterns = [
    path("", campaign_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", password.reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", password.reset_done, name="password_reset_done"),
    path("dat-mat-khau/<uidb64>/<token>/", password.reset_confirm, name="password_reset_confirm"),
    path("dat-mat-khau/xong/", password.reset_complete, name="password_reset_complete"),
    path("to-chuc/<path:path>", campaign_views.emblem, name="emblem"),
    path("", include("awards.urls")),     # portal, files, scoring, decisions, verification, dashboard, own records
    path("", include("campaigns.urls")),  # Excel imports and exports
    path("viec/", include("ops.urls")),  # background jobs: progress, download, retry
    path("admin/", admin.site.urls),
]
