"""The product's URLs plus the floor, which exists only in the benchmark."""

from django.urls import path

from bench.views import floor
from emulation.urls import urlpatterns as product

urlpatterns = [path("__bench__/floor/", floor, name="bench_floor"), *product]
