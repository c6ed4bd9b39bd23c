"""HTML → PDF with WeasyPrint (imported only when a PDF is made) and the bundled Tinos font, declared for all
four styles so italics and bold come out the same on every machine."""

import base64
import contextlib
import io
import logging
import mimetypes
import re
import threading
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
FONT_FAMILY = "Tinos"
FACES = [
    ("Tinos-Regular.ttf", "normal", "normal"),
    ("Tinos-Bold.ttf", "bold", "normal"),
    ("Tinos-Italic.ttf", "normal", "italic"),
    ("Tinos-BoldItalic.ttf", "bold", "italic"),
]


@lru_cache
def font_css() -> str:
    rules = []
    for filename, weight, style in FACES:
        uri = (FONT_DIR / filename).resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{uri}") format("truetype"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


@lru_cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 — heavy library, loaded only when a PDF is rendered

    return FontConfiguration()


class _RenderProgress(logging.Handler):
    """Follows WeasyPrint's own progress log (the `weasyprint.progress` logger, set to INFO in settings.LOGGING:
    styles applied, boxes built, each page laid out, the PDF written) for one render in this thread, and reports it
    as a percentage, `report(percent, 100)`, for a job's bar. Laying out the pages takes most of the time, so they
    count for 60 of the 100, against the number of pages the caller expects."""

    STEPS = {"Step 3": 15, "Step 4": 25, "Step 6": 85, "Step 7": 95}
    PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)")

    def __init__(self, report, expected_pages):
        super().__init__(logging.INFO)
        self.report, self.expected = report, max(1, expected_pages)
        self.thread, self.last = threading.get_ident(), 0

    def emit(self, record):
        if record.thread != self.thread:
            return  # another render in another thread of this process
        message = record.getMessage()
        page = self.PAGE.match(message)
        if page:
            percent = 25 + 60 * min(int(page.group(1)), self.expected) // self.expected
        else:
            percent = self.STEPS.get(message[:6], 0)
        if percent > self.last:
            self.last = percent
            self.report(percent, 100)


@contextlib.contextmanager
def _following(progress, expected_pages):
    if progress is None:
        yield
        return
    handler = _RenderProgress(progress, expected_pages)
    logger = logging.getLogger("weasyprint.progress")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def html_to_pdf(html: str, *, progress=None, expected_pages=1) -> bytes:
    """The PDF of `html`; with `progress`, reports how far the render is (see _RenderProgress)."""
    from weasyprint import HTML  # noqa: PLC0415 — heavy library, loaded only when a PDF is rendered

    with _following(progress, expected_pages):
        return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config())


def render_pdf(template: str, context: dict, *, progress=None, expected_pages=1) -> bytes:
    html = render_to_string(template, {"font_css": font_css(), **context})
    if progress is not None:
        progress(5, 100)
    return html_to_pdf(html, progress=progress, expected_pages=expected_pages)


def qr_data_uri(text: str) -> str:
    """A QR code as a small black-and-white PNG data URI (cheaper for WeasyPrint than an SVG path)."""

    import qrcode  # noqa: PLC0415 — loaded only when a certificate is rendered

    image = qrcode.make(text, border=1, box_size=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def image_uri(field) -> str:
    """A file:// URI for an ImageField's file, '' when there is none (its place on the page stays empty)."""
    if not field:
        return ""
    try:
        return Path(field.path).resolve().as_uri()
    except NotImplementedError:
        pass  # object storage: no local path, the image goes into the page itself
    except (ValueError, FileNotFoundError):
        return ""
    try:
        with field.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    kind = mimetypes.guess_type(field.name)[0] or "image/png"
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")
