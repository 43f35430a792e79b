"""Colours for light and dark mode, following the OS colour scheme (Qt 6.5+).

The diagram canvas and the HTML panels read a :class:`Theme`; the widgets use the
application palette, which :func:`apply_color_scheme` switches with the OS. Every text
colour here reads at 4.5:1 or better on the backgrounds it is drawn on (WCAG 2 AA), which
``tests/gui/test_contrast.py`` checks with :func:`contrast_ratio`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..core.io.paths import resource_path

__all__ = [
    "DARK",
    "LIGHT",
    "SCHEMES",
    "Theme",
    "apply_color_scheme",
    "chosen_scheme",
    "contrast_ratio",
    "current_theme",
    "is_dark",
    "set_scheme",
]

SCHEMES = ("system", "light", "dark")
# A scheme chosen for this application (``archassist screenshot --theme``), kept as a
# property of the QApplication: the offscreen platform ignores QStyleHints.setColorScheme.
_SCHEME_PROPERTY = "archassist.colorScheme"


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
    success: str  # a right answer, a passed exam
    group_border: str
    group_fill: str
    group_label: str
    panel_bg: str
    panel_alt: str
    changed_bg: str  # behind what the last answer changed in the recommendation panel
    note_bg: str  # behind a service-status note (closed, discontinued)
    note_border: str

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
    accent="#0862B8",
    warning="#A34F00",
    ruled_out="#A0262C",
    success="#17702F",
    group_border="#879596",
    group_fill="#F7F9FA",
    group_label="#16191F",
    panel_bg="#FFFFFF",
    panel_alt="#F2F4F7",
    changed_bg="#FFF4D6",
    note_bg="#FFF4E5",
    note_border="#E8A33D",
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
    success="#56D364",
    group_border="#6B7785",
    group_fill="#262B31",
    group_label="#E6E9ED",
    panel_bg="#1E2227",
    panel_alt="#2A3038",
    changed_bg="#3A3320",
    note_bg="#3A3320",
    note_border="#B3862F",
)


def set_scheme(app: QGuiApplication, scheme: str) -> None:
    """Choose ``light`` or ``dark`` for this application, or follow the ``system`` again.

    Raises:
        ValueError: ``scheme`` is not one of :data:`SCHEMES`.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"colour scheme '{scheme}' (valid: {', '.join(SCHEMES)})")
    app.setProperty(_SCHEME_PROPERTY, None if scheme == "system" else scheme)
    apply_color_scheme(app)


def chosen_scheme(app: QGuiApplication) -> str:
    """The scheme :func:`set_scheme` chose for ``app``: ``light``, ``dark`` or ``system``."""
    chosen = app.property(_SCHEME_PROPERTY)
    return chosen if chosen in ("light", "dark") else "system"


def is_dark() -> bool:
    """Dark mode: the scheme chosen with :func:`set_scheme`, else the OS's."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    chosen = chosen_scheme(app)
    if chosen != "system":
        return chosen == "dark"
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(color: QColor) -> float:
    r, g, b = (_linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str | QColor, background: str | QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21); a translucent foreground is
    blended over the background first, as it is drawn.

    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    >>> round(contrast_ratio("#80000000", "#FFFFFF"), 2)  # black at half opacity
    4.0
    """
    fg, bg = QColor(foreground), QColor(background)
    a = fg.alphaF()
    if a < 1.0:
        fg = QColor.fromRgbF(
            fg.redF() * a + bg.redF() * (1 - a),
            fg.greenF() * a + bg.greenF() * (1 - a),
            fg.blueF() * a + bg.blueF() * (1 - a),
        )
    hi, lo = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def current_theme() -> Theme:
    return DARK if is_dark() else LIGHT


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1E2227"), QColor("#2A2F36"), QColor("#E6E9ED")
    disabled = QColor("#7A848F")  # disabled text is exempt from the 4.5:1 rule (WCAG 1.4.3)
    placeholder = QColor("#97A1AC")  # hint labels use it as text: 4.5:1 on Window and Base
    for role, color in (
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, QColor("#262B31")),
        (QPalette.ColorRole.ToolTipBase, window),
        (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, placeholder),
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


def indicator_css(t: Theme) -> str:
    """Radio buttons and check boxes that show in a dark palette.

    WORKAROUND: Fusion draws their rim in the window colour made 40 % darker
    (``QFusionStylePrivate::outline`` in
    https://code.qt.io/cgit/qt/qtbase.git/tree/src/widgets/styles/qfusionstyle_p_p.h) and
    the dot in grey, which on a dark window leaves an unchecked button invisible and a
    checked one hard to tell apart; this style sheet draws them in the theme's colours.
    """
    check = resource_path("ui", "check-dark.svg").as_posix()
    ring = f"border: 2px solid {t.muted}; background: {t.panel_bg}; width: 12px; height: 12px;"
    dot = (
        "qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5, "
        f"stop:0 {t.accent}, stop:0.5 {t.accent}, stop:0.6 {t.panel_bg}, stop:1 {t.panel_bg})"
    )
    return (
        f"QRadioButton::indicator, QCheckBox::indicator {{ {ring} }}"
        "QRadioButton::indicator { border-radius: 8px; }"
        "QCheckBox::indicator { border-radius: 3px; }"
        f"QRadioButton::indicator:checked {{ border-color: {t.accent}; background: {dot}; }}"
        f"QCheckBox::indicator:checked {{ border-color: {t.accent}; background: {t.accent};"
        f' image: url("{check}"); }}'
        f"QRadioButton::indicator:focus, QCheckBox::indicator:focus {{ border-color: {t.text}; }}"
        f"QRadioButton::indicator:disabled, QCheckBox::indicator:disabled {{"
        f" border-color: {t.group_border}; }}"
    )


def apply_color_scheme(app: QGuiApplication) -> None:
    """Match the palette to the OS colour scheme.

    Native styles on Windows and macOS follow the scheme by themselves; Fusion (used on
    Linux and offscreen) keeps its light palette, so we set a dark one when the OS is dark.
    """
    if is_dark():
        app.setPalette(_dark_palette())
        if isinstance(app, QApplication):
            app.setStyleSheet(indicator_css(DARK))
    else:
        if isinstance(app, QApplication):
            app.setStyleSheet("")
        palette = QPalette()
        # Fusion's placeholder is the text at half opacity, 4.0:1 on white: too faint for
        # the hint labels that use it as their text colour
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#646E7A"))
        # and white on its selection blue (#308CC6) is 3.7:1: a darker blue for selected rows
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#0862B8"))
        app.setPalette(palette)
