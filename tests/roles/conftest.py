import pytest

from tests.roles.world import build_world


@pytest.fixture
def world(db):
    """Two units with dossiers, documents, results and an approved decision, and the cast (tests/roles/world.py)."""
    return build_world()
