"""Colours for light and dark mode, following the OS colour scheme (Qt 6.5+).

The diagram canvas and the HTML panels read a :class:`Theme`; the widgets use the
application palette, which :func:`apply_color_scheme` switches with the OS.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["DARK", "LIGHT", "Theme", "apply_color_scheme", "current_theme"]


@dataclass(frozen=True, slots=True)
class Theme:
    dark: bool
    canvas: str
    text: str
    muted: str
    edge: str
    edge_label_bg: str
    selection: str
    accent: str
    warning: str
    ruled_out: str
    group_border: str
    group_fill: str
    group_label: str
    panel_bg: str
    panel_alt: str

    def group_colors(self, style: str) -> tuple[str, str, Qt.PenStyle]:
        """(border, fill, pen style) for a diagram group style."""
        s = style.lower()
        if s in ("endpoint", "sagemaker", "service"):
            return ("#01A88D", "#01A88D14" if not self.dark else "#01A88D22", Qt.PenStyle.SolidLine)
        if s in ("variant", "container", "pipeline"):
            return ("#3B82C4", "#3B82C40F" if not self.dark else "#3B82C41F", Qt.PenStyle.DashLine)
        if s in ("aws", "cloud", "account", "region"):
            return ("#232F3E" if not self.dark else "#AAB7C4", "#00000000", Qt.PenStyle.SolidLine)
        if s in ("vpc", "network"):
            return ("#7AA116", "#7AA1160F", Qt.PenStyle.SolidLine)
        if s in ("data", "storage", "ingestion"):
            return ("#8C4FFF", "#8C4FFF0F" if not self.dark else "#8C4FFF1F", Qt.PenStyle.DashLine)
        return (self.group_border, self.group_fill, Qt.PenStyle.DashLine)


LIGHT = Theme(
    dark=False,
    canvas="#FFFFFF",
    text="#16191F",
    muted="#5F6B7A",
    edge="#545B64",
    edge_label_bg="#FFFFFF",
    selection="#FF9900",
    accent="#0972D3",
    warning="#B35900",
    ruled_out="#A0262C",
    group_border="#879596",
    group_fill="#F7F9FA",
    group_label="#16191F",
    panel_bg="#FFFFFF",
    panel_alt="#F2F4F7",
)

DARK = Theme(
    dark=True,
    canvas="#1E2227",
    text="#E6E9ED",
    muted="#9BA7B4",
    edge="#AAB7C4",
    edge_label_bg="#1E2227",
    selection="#FF9900",
    accent="#5CB3FF",
    warning="#FFB454",
    ruled_out="#FF8A8F",
    group_border="#6B7785",
    group_fill="#262B31",
    group_label="#E6E9ED",
    panel_bg="#1E2227",
    panel_alt="#2A3038",
)


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> Theme:
    return DARK if is_dark() else LIGHT


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1E2227"), QColor("#2A2F36"), QColor("#E6E9ED")
    disabled = QColor("#7A848F")
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#262B31")),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, disabled),
        (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#FF8A8F")),
        (QPalette.ColorRole.Highlight, QColor("#0972D3")),
        (QPalette.ColorRole.HighlightedText, QColor("#FFFFFF")),
        (QPalette.ColorRole.Link, QColor("#5CB3FF")),
        (QPalette.ColorRole.LinkVisited, QColor("#B18CFF")),
    ):
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply_color_scheme(app: QGuiApplication) -> None:
    """Match the palette to the OS colour scheme.

    Native styles on Windows and macOS follow the scheme by themselves; Fusion (used on
    Linux and offscreen) keeps its light palette, so we set a dark one when the OS is dark.
    """
    if is_dark():
        app.setPalette(_dark_palette())
    else:
        app.setPalette(QPalette())
