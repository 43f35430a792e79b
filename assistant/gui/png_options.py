"""The PNG export options: the scale and the background, as ``archassist export`` offers them.

The dialog only asks; :class:`~assistant.gui.mainwindow.MainWindow` remembers the answer in
QSettings and passes it to :func:`assistant.export.export`.
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from ..core.diagram.scene import Diagram

__all__ = ["PNG_SCALES", "PngOptionsDialog", "png_pixel_size"]

PNG_SCALES = (1.0, 2.0, 3.0, 4.0)


def png_pixel_size(diagram: Diagram, scale: float) -> tuple[int, int]:
    """The width and height in pixels of the PNG of ``diagram`` at ``scale``."""
    from ..export import canvas_rect

    rect = canvas_rect(diagram)
    return math.ceil(rect.w * scale), math.ceil(rect.h * scale)


class PngOptionsDialog(QDialog):
    """Scale (1x to 4x, each with its size in pixels) and a white or transparent background."""

    def __init__(
        self,
        diagram: Diagram,
        *,
        scale: float = 2.0,
        transparent: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("PNG Options")
        self.setObjectName("pngOptions")
        self.scale_box = QComboBox()
        self.scale_box.setAccessibleName("Scale")
        for s in PNG_SCALES:
            w, h = png_pixel_size(diagram, s)
            self.scale_box.addItem(f"{s:g}\u00d7 \u2014 {w} \u00d7 {h} pixels", s)
        nearest = min(range(len(PNG_SCALES)), key=lambda i: abs(PNG_SCALES[i] - scale))
        self.scale_box.setCurrentIndex(nearest)
        self.white = QRadioButton("&White")
        self.transparent = QRadioButton("&Transparent")
        self.transparent.setToolTip("For slides and pages with their own background colour")
        group = QButtonGroup(self)
        group.addButton(self.white)
        group.addButton(self.transparent)
        (self.transparent if transparent else self.white).setChecked(True)
        background = QHBoxLayout()
        background.addWidget(self.white)
        background.addWidget(self.transparent)
        background.addStretch(1)
        hint = QLabel("2\u00d7 is sharp on most screens; 3\u00d7 or 4\u00d7 for print.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Scale:", self.scale_box)
        form.addRow("Background:", background)
        form.addRow("", hint)
        form.addRow(buttons)

    def options(self) -> tuple[float, bool]:
        """(scale, transparent) as chosen."""
        return float(self.scale_box.currentData()), self.transparent.isChecked()

    @staticmethod
    def ask(
        parent: QWidget | None, diagram: Diagram, scale: float, transparent: bool
    ) -> tuple[float, bool] | None:
        """Show the dialog; (scale, transparent), or None when the user cancelled."""
        dialog = PngOptionsDialog(diagram, scale=scale, transparent=transparent, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.options()
        finally:
            dialog.deleteLater()
