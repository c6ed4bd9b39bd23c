from django.urls import path

from awards import views_scoring as views

app_name = "scoring"

urlpatterns = [
    path("", views.grid, name="grid"),
    path("ket-qua/<int:pk>/", views.save_cell, name="cell"),
    path("tinh-lai/", views.recompute, name="recompute"),
    path("doi-tuong/<int:pk>/", views.nominee, name="nominee"),
    path("xep-hang/", views.ranking, name="ranking"),
    path("so-lieu/", views.indicators, name="indicators"),
    path("so-lieu/<int:unit_pk>/<int:year>/", views.indicator_edit, name="indicator_edit"),
    path("trong-so/", views.weights, name="weights"),
]
