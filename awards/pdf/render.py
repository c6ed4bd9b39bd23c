"""HTML → PDF with WeasyPrint (imported only when a PDF is made) and the bundled Tinos font, declared for all
four styles so italics and bold come out the same on every machine."""

import base64
import io
import mimetypes
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


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — heavy library, loaded only when a PDF is rendered

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=_font_config())


def render_pdf(template: str, context: dict) -> bytes:
    return html_to_pdf(render_to_string(template, {"font_css": font_css(), **context}))


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
