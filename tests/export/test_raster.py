"""PNG, and the PDF of text outside WinAnsi: the SVG rendered by Qt (raster.py)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QImage

from assistant.core.diagram.scene import Diagram
from assistant.export.raster import diagram_pdf, diagram_png
from assistant.export.svg import canvas_rect


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


@pytest.mark.parametrize("scale", [1.0, 2.0, 1.5])
def test_png_size_matches_scale(hostile: Diagram, scale: float) -> None:
    data = diagram_png(hostile, scale=scale)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = _image(data)
    canvas = canvas_rect(hostile)
    assert (image.width(), image.height()) == (
        math.ceil(canvas.w * scale),
        math.ceil(canvas.h * scale),
    )
    # the canvas is at least the layout's bounds
    assert hostile.bounds is not None and canvas.contains(hostile.bounds)


def test_png_of_recommendation(mini_rec, mini_pack) -> None:  # type: ignore[no-untyped-def]
    image = _image(diagram_png(mini_rec.diagram, mini_pack, scale=2))
    canvas = canvas_rect(mini_rec.diagram)
    assert image.width() == math.ceil(canvas.w * 2)
    # opaque white corner, and something drawn (not a blank image)
    assert image.pixelColor(0, 0).name() == "#ffffff"
    rows = range(0, image.height(), 24)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in rows}
    assert len(colours) > 3


def test_transparent_png_has_alpha(hostile: Diagram) -> None:
    image = _image(diagram_png(hostile, scale=1, transparent=True))
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 0).alpha() == 0
    opaque = _image(diagram_png(hostile, scale=1))
    assert opaque.pixelColor(0, 0).alpha() == 255


def test_bad_scale_is_refused(hostile: Diagram) -> None:
    for scale in (0.0, -1.0, float("nan"), 100.0):
        with pytest.raises(ValueError, match="scale"):
            diagram_png(hostile, scale=scale)


def test_pdf(hostile: Diagram) -> None:
    data = diagram_pdf(hostile)
    assert data.startswith(b"%PDF")
    assert b"%%EOF" in data[-64:]
    with pytest.raises(ValueError, match="valid: fit, a4"):
        diagram_pdf(hostile, page="B9")


def test_pdf_page_fits_the_diagram_unless_a_paper_size_is_asked(hostile: Diagram) -> None:
    import io

    from pypdf import PdfReader

    from assistant.export.svg import canvas_rect

    canvas = canvas_rect(hostile)
    fit = PdfReader(io.BytesIO(diagram_pdf(hostile))).pages[0].mediabox
    assert abs(float(fit.width) - canvas.w * 0.75) < 1  # 1 px = 0.75 pt
    assert abs(float(fit.height) - canvas.h * 0.75) < 1
    a4 = PdfReader(io.BytesIO(diagram_pdf(hostile, page="A4"))).pages[0].mediabox
    assert sorted((round(float(a4.width)), round(float(a4.height)))) == [595, 842]


@pytest.mark.parametrize("alpha", [False, True])
def test_png_encoder_round_trips_every_pixel(alpha: bool) -> None:
    from PySide6.QtGui import QColor

    from assistant.export.raster import encode_png

    # 37 px wide: RGB rows of 111 bytes, padded to 112 in the image (the stride)
    image = QImage(37, 23, QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32)
    for y in range(23):
        for x in range(37):
            image.setPixelColor(x, y, QColor(x * 7 % 256, y * 11 % 256, (x * y) % 256, 255 - x))
    data = encode_png(image, 3780, alpha=alpha)
    assert data[25] == (6 if alpha else 2)  # IHDR colour type: RGBA or RGB
    back = _image(data)
    assert back.dotsPerMeterX() == back.dotsPerMeterY() == 3780
    want = image.convertToFormat(QImage.Format.Format_ARGB32)
    got = back.convertToFormat(QImage.Format.Format_ARGB32)
    assert all(got.pixel(x, y) == want.pixel(x, y) for y in range(23) for x in range(37))


def test_png_carries_its_resolution(hostile: Diagram) -> None:
    image = _image(diagram_png(hostile, scale=2))
    assert image.dotsPerMeterX() == round(96 * 2 / 0.0254)
