from django.urls import path

from awards import views_files as views

app_name = "files"

urlpatterns = [
    # Every download of an uploaded file (a version of a document) goes through this permission-checked view.
    path("phien-ban/<int:pk>/", views.version, name="version"),
]
