"""The URLs of the site. Campaign pages live under the campaign's code (`/cchc-2023/don-vi/…`): the
CampaignMiddleware (emulation/middleware.py) recognises the code and makes the URL configuration of that
campaign (`campaign_urlconf(code)`: these site URLs plus `CAMPAIGN_URLPATTERNS` under `code/`) the one of the
request, so every `reverse()` and `{% url %}` of a campaign page within it stays in the campaign, while the
site's own areas (login, admin, files, verification, own records) keep their addresses. Outside a campaign, a
campaign page can only be reversed with `campaigns.scope.reverse_in(campaign, …)`: nothing guesses one.

Old addresses without a campaign (`/don-vi/…`) redirect to the open campaign when exactly one is open, else to
the chooser on the home page."""

import types

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from awards import urls as awards_urls
from awards.views import chooser
from campaigns import scope
from campaigns import urls as campaigns_urls
from campaigns.views import home as campaign_views
from campaigns.views import password

admin.site.site_header = "Thi đua - Khen thưởng"
admin.site.site_title = "Thi đua - Khen thưởng"
admin.site.index_title = "Quản trị"

# The site's own areas: the same addresses in every campaign.
SITE_URLPATTERNS = [
    path("", chooser.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", password.reset, name="password_reset"),
    path("quen-mat-khau/da-gui/", password.reset_done, name="password_reset_done"),
    path("dat-mat-khau/<uidb64>/<token>/", password.reset_confirm, name="password_reset_confirm"),
    path("dat-mat-khau/xong/", password.reset_complete, name="password_reset_complete"),
    path("to-chuc/<path:path>", campaign_views.emblem, name="emblem"),
    path("", include(awards_urls.site_urlpatterns)),  # files, verification, own records, campaign set-up, history
    path("", include(campaigns_urls.site_urlpatterns)),  # accounts the office manages
    path("viec/", include("campaigns.ops.urls")),  # background jobs: progress, download, retry
    path("admin/", admin.site.urls),
]

# Each app has one URL module with one list per area, under the area's namespace (awards/urls.py,
# campaigns/urls.py); these are the campaign's pages, under /<code>/.
CAMPAIGN_URLPATTERNS = [
    path("", chooser.campaign_home, name="campaign_home"),
    path("", include(awards_urls.campaign_urlpatterns)),  # portal, scoring, council and decisions, dashboard
    path("", include(campaigns_urls.campaign_urlpatterns)),  # Excel imports and exports
]

# The first segments of the campaign areas, for the redirect of old addresses.
CAMPAIGN_AREAS = ("don-vi", "cham-diem", "khen-thuong", "van-phong", "excel")

urlpatterns = SITE_URLPATTERNS + [
    re_path(rf"^(?P<rest>(?:{'|'.join(CAMPAIGN_AREAS)})/.*)$", chooser.old_address, name="old_address"),
]

_campaign_urlconfs = {}


def campaign_urlconf(code):
    """The URL configuration of one campaign (one module object per code, so Django caches its resolver)."""
    module = _campaign_urlconfs.get(code)
    if module is None:
        module = types.ModuleType(f"emulation.urls[{code}]")
        module.urlpatterns = [path(f"{code}/", include(CAMPAIGN_URLPATTERNS)), *SITE_URLPATTERNS]
        _campaign_urlconfs[code] = module
    return module


scope.urlconf_builder = campaign_urlconf
