"""Icons for the canvas: one shared QSvgRenderer per icon, and pixmaps cached per size.

The exports inline the same SVG files (:mod:`assistant.export.icons`); the canvas draws them
with Qt, as vectors when printing or exporting and from a cached pixmap on screen.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from ..core.io.paths import resource_path

__all__ = ["WIDGET_DEVICE", "icon_pixmap", "icon_renderer"]

WIDGET_DEVICE = 1
"""QInternal::Widget: a paint device that is the screen (draw cached pixmaps; else vectors)."""


@lru_cache(maxsize=128)
def icon_renderer(icon: str) -> QSvgRenderer:
    """The shared renderer for ``resources/icons/<icon>.svg`` (``generic`` when missing).

    SVG is drawn as vectors at paint time, so icons stay sharp at any zoom and on
    high-DPI screens.
    """
    path = resource_path("icons", f"{icon}.svg")
    if not path.is_file():
        path = resource_path("icons", "generic.svg")
    return QSvgRenderer(str(path))


_PIXMAPS: dict[tuple[str, int], QPixmap] = {}


def icon_pixmap(icon: str, device_px: int) -> QPixmap:
    """The icon rasterised at ``device_px`` device pixels, cached.

    Drawing a cached pixmap is several times faster than rendering the SVG on every paint,
    and rasterising at the device size (zoom x devicePixelRatio) keeps it sharp.
    """
    key = (icon, device_px)
    pix = _PIXMAPS.get(key)
    if pix is None:
        if len(_PIXMAPS) > 512:
            _PIXMAPS.clear()
        image = QImage(device_px, device_px, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        icon_renderer(icon).render(p, QRectF(0, 0, device_px, device_px))
        p.end()
        pix = QPixmap.fromImage(image)
        _PIXMAPS[key] = pix
    return pix
