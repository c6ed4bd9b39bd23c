"""A serving process freezes what it holds once warm (emulation/memory.py): once, after the response of the
request that makes it warm, and never again."""

import gc

import pytest
from django.core.signals import request_finished

from emulation import memory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()
    request_finished.disconnect(dispatch_uid="emulation.memory.warm")


def test_the_process_freezes_what_it_holds_once_warm_and_only_once(client, unfrozen):
    memory.settle_when_warm(requests=3)
    client.get("/dang-nhap/")
    client.get("/dang-nhap/")
    assert gc.get_freeze_count() == 0
    client.get("/dang-nhap/")
    frozen = gc.get_freeze_count()
    assert frozen > 0
    gc.unfreeze()
    client.get("/dang-nhap/")
    assert gc.get_freeze_count() == 0  # the receiver is gone: a warm process is not frozen again
