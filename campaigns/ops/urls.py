"""Background jobs: /viec/ (own jobs), a job's page with its progress, its download and its retry."""

from django.urls import path

from campaigns.ops import views

app_name = "ops"

urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("<uuid:pk>/", views.job, name="job"),
    path("<uuid:pk>/tien-do/", views.progress, name="progress"),
    path("<uuid:pk>/tai-ve/", views.download, name="download"),
    path("<uuid:pk>/chay-lai/", views.retry, name="retry"),
]
