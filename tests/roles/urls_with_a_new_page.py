"""The project's URLs plus one page nobody declared: the access matrix must notice it."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path("", include("emulation.urls")),
    path("trang-moi/", lambda request: HttpResponse("mới"), name="new_page"),
    path("khong-ten/", lambda request: HttpResponse("không tên")),
]
