from django.urls import path

from campaigns import views_records as views

app_name = "records"

urlpatterns = [
    # A member of staff looks up their own records; nobody else's are reachable from here.
    path("", views.mine, name="mine"),
]
