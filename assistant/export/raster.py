"""PNG, and PDF with text the base-14 fonts cannot show: the SVG export rendered by Qt (QtSvg),
so they look the same as the SVG.

The PDF of a diagram whose text is all WinAnsi is written without Qt by
:mod:`assistant.export.pdf`; :func:`diagram_pdf` here is its fallback for other text (it
embeds the system's fonts). Qt is imported lazily, inside the functions: importing this
module is free and the pure-Python exporters never pull in PySide6.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import zlib
from typing import TYPE_CHECKING, Any

from ..core.diagram.scene import Diagram
from ..core.diagram.sizes import PAGES
from ..core.pack.model import Pack
from . import style as st
from .svg import canvas_rect, diagram_svg

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

__all__ = [
    "PAGE_SIZES",
    "diagram_pdf",
    "diagram_png",
    "encode_png",
    "ensure_gui_application",
    "qt_font_family",
]

PAGE_SIZES = tuple(p for p in PAGES if p != "fit")
PDF_MARGIN_MM = 12.0
PT_PER_PX = 0.75  # a CSS px at 96 dpi, in PostScript points
# zlib level of the PNG data. Measured on ab-test-ranking-model at scale 2 (2194 x 2284 px,
# CPU s / file): level 1 0.040 s / 260 KiB, 3 0.041 s / 248 KiB, 4 0.096 s / 200 KiB,
# 6 0.120 s / 188 KiB, 9 0.31 s / 179 KiB; Qt's own PNG writer 0.22-0.27 s / 214-236 KiB
# at its default and never under ~0.16 s even uncompressed (libpng's row filters).
PNG_ZLIB_LEVEL = 3

# Keeps the application object we created alive for the rest of the process.
_created_app: list[QGuiApplication] = []


def ensure_gui_application() -> Any:
    """The running Qt application, or a new QGuiApplication when there is none.

    Without a display (no ``DISPLAY``/``WAYLAND_DISPLAY`` on Linux) it uses the
    offscreen platform, so the CLI exports on a headless machine.
    """
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication(["archassist"])
    _created_app.append(app)
    return app


def qt_font_family(stack: str = st.FONT_FAMILY) -> str:
    """The first family of a CSS font stack that Qt has, else Qt's default UI font.

    WORKAROUND: QtSvg takes a ``font-family`` list as one family name and falls back
    to the default font for it, so the SVG given to Qt names exactly one family.
    """
    from PySide6.QtGui import QFontDatabase

    ensure_gui_application()
    have = {f.lower(): f for f in QFontDatabase.families()}
    for name in stack.split(","):
        clean = name.strip().strip("'\"")
        if clean.lower() in have:
            return have[clean.lower()]
    return str(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())


def _renderer(diagram: Diagram, pack: Pack | None, transparent: bool) -> Any:
    from PySide6.QtCore import QByteArray
    from PySide6.QtSvg import QSvgRenderer

    ensure_gui_application()
    svg = diagram_svg(diagram, pack, transparent=transparent, font_family=qt_font_family())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():  # pragma: no cover - our SVG always parses
        raise RuntimeError("Qt could not read the exported SVG")
    return renderer


def diagram_png(
    diagram: Diagram,
    pack: Pack | None = None,
    *,
    scale: float = 2.0,
    transparent: bool = False,
) -> bytes:
    """The diagram as PNG bytes, ``scale`` pixels per diagram unit.

    The image is ``ceil(w * scale) x ceil(h * scale)`` for the :func:`canvas_rect`
    and carries a resolution of ``96 * scale`` dpi, so documents show it at its
    natural size, sharp on high-DPI screens.
    """
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"scale {scale} is out of range (it must be above 0)")
    canvas = canvas_rect(diagram)
    # bounded by its pixels, not its scale: a width asked of a small diagram (the CLI's
    # --width 8192 of a one-node plan 168 px wide) is a scale of ~49 and a modest image
    if canvas.w * scale * canvas.h * scale > 400_000_000:
        size = f"{canvas.w * scale:.0f}x{canvas.h * scale:.0f}"
        raise ValueError(f"a {size} PNG is too large; use a smaller scale")
    width, height = math.ceil(canvas.w * scale), math.ceil(canvas.h * scale)
    renderer = _renderer(diagram, pack, transparent)
    # An opaque image is painted without an alpha channel (half the painting time) and
    # stored as RGB, a quarter less data to compress than RGBA.
    fmt = QImage.Format.Format_ARGB32_Premultiplied if transparent else QImage.Format.Format_RGB32
    image = QImage(width, height, fmt)
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, canvas.w * scale, canvas.h * scale))
    painter.end()
    return encode_png(image, round(96 * scale / 0.0254), alpha=transparent)


def encode_png(image: Any, dots_per_metre: int, *, alpha: bool) -> bytes:
    """``image`` as PNG bytes: 8-bit RGB (or RGBA), rows unfiltered, zlib level
    :data:`PNG_ZLIB_LEVEL`, and a pHYs chunk with the resolution.

    Written here rather than by ``QImage.save``: Qt's writer spends most of its time in
    libpng's per-row filter choice, ~5x the whole encoding here for a file ~5-15 % smaller.
    """
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(
        QImage.Format.Format_RGBA8888 if alpha else QImage.Format.Format_RGB888
    )
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    row = width * (4 if alpha else 3)
    pixels = memoryview(rgb.constBits()).cast("B")
    # row by row (each after its filter-type byte 0), so the raw image is never copied whole
    packer = zlib.compressobj(PNG_ZLIB_LEVEL)
    packed = []
    for y in range(height):
        packed.append(packer.compress(b"\x00"))
        packed.append(packer.compress(pixels[y * stride : y * stride + row]))
    packed.append(packer.flush())

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"pHYs", struct.pack(">IIB", dots_per_metre, dots_per_metre, 1)),
            chunk(b"IDAT", b"".join(packed)),
            chunk(b"IEND", b""),
        )
    )


def diagram_pdf(
    diagram: Diagram,
    pack: Pack | None = None,
    *,
    page: str = "fit",
    title: str = "",
) -> bytes:
    """The diagram as a one-page vector PDF drawn by Qt, with the system's fonts embedded:
    what :func:`assistant.export.pdf.diagram_pdf` falls back to for text outside WinAnsi.

    ``page="fit"`` (default) makes the page the size of the diagram at 1 px = 0.75 pt (96 dpi),
    so 12 px text is 9 pt (scaled down past :data:`assistant.export.pdf.MAX_PAGE_PT` a side,
    as the pure-Python writer does). A paper size (:data:`PAGE_SIZES`, any case) fits the
    diagram inside 12 mm margins, landscape when the diagram is wider than tall, only ever
    scaled down: a big diagram on A4 gets smaller text than on a fitted page.
    """
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    sizes = {
        "a4": QPageSize.PageSizeId.A4,
        "a3": QPageSize.PageSizeId.A3,
        "letter": QPageSize.PageSizeId.Letter,
        "legal": QPageSize.PageSizeId.Legal,
    }
    key = page.lower()
    if key not in PAGES:
        raise ValueError(f"unknown page size '{page}' (valid: {', '.join(PAGES)})")
    canvas = canvas_rect(diagram)
    renderer = _renderer(diagram, pack, transparent=False)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator("archassist")
    writer.setTitle(title or diagram.title or "Architecture diagram")
    if key == "fit":
        from .pdf import MAX_PAGE_PT  # the pure-Python writer's cap: readers refuse larger pages

        fitted = min(PT_PER_PX, MAX_PAGE_PT / canvas.w, MAX_PAGE_PT / canvas.h)
        size = QPageSize(
            QSizeF(canvas.w * fitted, canvas.h * fitted), QPageSize.Unit.Point, "Diagram"
        )
        writer.setPageLayout(
            QPageLayout(
                size,
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Point,
            )
        )
    else:
        orientation = (
            QPageLayout.Orientation.Landscape
            if canvas.w > canvas.h
            else QPageLayout.Orientation.Portrait
        )
        writer.setPageLayout(
            QPageLayout(
                QPageSize(sizes[key]),
                orientation,
                QMarginsF(PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM, PDF_MARGIN_MM),
                QPageLayout.Unit.Millimeter,
            )
        )
    writer.setResolution(300)
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    area = writer.pageLayout().paintRectPixels(writer.resolution())
    # 1 diagram unit = 1 CSS px = 0.75 pt at most; smaller when the page is too small.
    natural = writer.resolution() / 96
    fit = min(area.width() / canvas.w, area.height() / canvas.h)
    k = min(natural, fit)
    w, h = canvas.w * k, canvas.h * k
    target = QRectF((area.width() - w) / 2, (area.height() - h) / 2, w, h)
    renderer.render(painter, target)
    painter.end()
    buffer.close()
    return bytes(data.data())
