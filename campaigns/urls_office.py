from django.urls import path

from campaigns import views_office

app_name = "office"

urlpatterns = [
    path("", views_office.dashboard, name="dashboard"),
    path("don-vi/", views_office.units, name="units"),
]
