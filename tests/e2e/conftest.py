"""Browser tests: Playwright's sync API driving Debian's chromium (never `playwright install`), against Django's
live server. Screenshots of every step go to test-results/e2e/ (kept by CI as the test's output)."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test's thread; the ORM calls made by the test are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS") or Path(__file__).resolve().parents[2] / "test-results" / "e2e")


@pytest.fixture(scope="session")
def _media_url_for_live_server():
    """Django's live server wraps the site in a media-file handler that needs a MEDIA_URL string when it starts;
    the product has none on purpose (uploads are served only by permission-checked views)."""

    original = settings.MEDIA_URL
    settings.MEDIA_URL = "/__e2e-media-not-linked__/"
    yield original


@pytest.fixture(scope="session")
def live_server(_media_url_for_live_server, live_server):
    """pytest-django's live server, started with a MEDIA_URL path no page links to; MEDIA_URL is restored at
    once so that no other test sees it."""

    settings.MEDIA_URL = _media_url_for_live_server
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Kiểm thử trình duyệt cần Chromium tại {CHROMIUM}: sudo apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "accept_downloads": True,
        "viewport": {"width": 1366, "height": 900},
    }


class Camera:
    """Saves a numbered full-page screenshot per step: test-results/e2e/01-unit-head-home.png, ..."""

    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.taken = []
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, page, name):
        self.count += 1
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path


@pytest.fixture
def shot():
    return Camera(SCREENSHOTS)
