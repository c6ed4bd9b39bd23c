"""The office's images, made by the tests: a blue handwritten-like signature and a red round seal, PNG with a
transparent background (the product bundles none)."""

import io

from PIL import Image, ImageDraw


def signature_png() -> bytes:
    image = Image.new("RGBA", (520, 220), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(20, 160), (120, 40), (180, 170), (260, 60), (330, 150), (420, 70), (500, 120)], fill=(20, 40, 160, 255), width=9)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def seal_png() -> bytes:
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 590, 590), outline=(210, 0, 0, 255), width=22)
    draw.ellipse((90, 90, 510, 510), outline=(210, 0, 0, 255), width=10)
    draw.regular_polygon((300, 300, 90), 5, fill=(210, 0, 0, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def opaque_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (255, 255, 255)).save(buffer, format="PNG")
    return buffer.getvalue()
