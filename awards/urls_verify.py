"""Public verification of a certificate by its short code (printed under the QR code)."""

from django.urls import path

from awards import views_decisions as views

app_name = "verify"

urlpatterns = [
    path("", views.verify_lookup, name="lookup"),
    path("<str:code>/", views.verify_code, name="code"),
]
