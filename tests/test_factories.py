"""Every factory builds a valid row of its model (full_clean passes), and every model of both apps has one."""

import pytest
from django.apps import apps

from tests import factories

pytestmark = pytest.mark.django_db

HISTORY = "historical"


def _factories():
    return {f._meta.model: f for f in vars(factories).values()
            if isinstance(f, type) and issubclass(f, factories.factory.django.DjangoModelFactory) and f._meta.model}


def test_every_model_of_both_apps_has_a_factory():
    models = {m for app in ("campaigns", "awards") for m in apps.get_app_config(app).get_models()
              if not m.__name__.startswith("Historical")}
    assert models - set(_factories()) == set()


@pytest.mark.parametrize("factory_class", sorted(_factories().values(), key=lambda f: f.__name__), ids=lambda f: f.__name__)
def test_a_factory_builds_a_valid_row(factory_class, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    obj = factory_class()
    exclude = ["password"] if obj._meta.model_name == "user" else []
    obj.full_clean(exclude=exclude)
    assert type(obj).objects.filter(pk=obj.pk).exists()
