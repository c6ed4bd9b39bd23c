import pytest

from tests.roles.world import build_world


@pytest.fixture
def world(db):
    """Two units with dossiers and an approved Giấy khen decision (tests/roles/world.py)."""
    return build_world()
