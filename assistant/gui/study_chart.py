"""The study stats chart, drawn with QPainter (QtCharts is not in PySide6-Essentials).

Left: accuracy per exam domain per day (one line per domain). Right: cards due
now and on each of the next days (bars).
"""

from __future__ import annotations

import datetime as dt
import itertools

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.study.mock import MockResult
from ..core.study.progress import Stats
from .theme import current_theme

__all__ = ["DOMAIN_COLORS", "MockChart", "StatsChart"]

DOMAIN_COLORS = {
    "data-engineering": "#8C4FFF",
    "exploratory-data-analysis": "#3B82C4",
    "modeling": "#ED7100",
    "ml-implementation-operations": "#01A88D",
    # MLA-C01 (the exam's domain ids, as the pack's exams section names them)
    "mla-1": "#8C4FFF",
    "mla-2": "#ED7100",
    "mla-3": "#3B82C4",
    "mla-4": "#01A88D",
}
DOMAIN_SHORT = {
    "mla-1": "1 Data prep.",
    "mla-2": "2 Model dev.",
    "mla-3": "3 Deploy & orch.",
    "mla-4": "4 Monitor & security",
    "data-engineering": "Data eng.",
    "exploratory-data-analysis": "EDA",
    "modeling": "Modeling",
    "ml-implementation-operations": "ML impl. & ops",
}
DAYS_SHOWN = 14


class StatsChart(QWidget):
    """Paints a :class:`~assistant.core.study.progress.Stats`; holds no other state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stats: Stats | None = None
        self.setObjectName("studyStats")
        self.setAccessibleName("Study statistics chart")
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(640, 220)

    def set_stats(self, stats: Stats) -> None:
        self.stats = stats
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (for screen readers and tooltips)."""
        s = self.stats
        if s is None or not s.reviews:
            return "No reviews yet."
        parts = [
            f"{d}: {c}/{t} correct ({100 * c // t}%)" for d, (c, t) in s.accuracy_by_domain.items()
        ]
        return f"{s.reviews} reviews. " + "; ".join(parts) + f". {s.due_now} cards due now."

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(150)  # 4.9:1 on the dark window, 5.3:1 on the light (140 was 4.48)
        grid = QColor(text)
        grid.setAlpha(40)
        r = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        split = r.left() + r.width() * 0.64
        left = QRectF(r.left(), r.top(), split - r.left() - 16, r.height())
        right = QRectF(split, r.top(), r.right() - split, r.height())
        self._accuracy(p, left, text, muted, grid)
        self._due(p, right, text, muted, grid)
        p.end()

    def _title(self, p: QPainter, rect: QRectF, title: str, color: QColor) -> QRectF:
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.setPen(color)
        p.drawText(QRectF(rect.left(), rect.top(), rect.width(), 18), title)
        p.setFont(self.font())
        return rect.adjusted(0, 22, 0, 0)

    def _accuracy(
        self, p: QPainter, rect: QRectF, text: QColor, muted: QColor, grid: QColor
    ) -> None:
        body = self._title(p, rect, "Accuracy per exam domain", text)
        s = self.stats
        if s is None or not s.days:
            p.setPen(muted)
            p.drawText(
                body, Qt.AlignmentFlag.AlignCenter, "No reviews yet: answer a few questions."
            )
            return
        days = sorted({d.day for d in s.days})[-DAYS_SHOWN:]
        legend_h = 18
        plot = body.adjusted(36, 4, -6, -(20 + legend_h))
        # grid and y labels
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        p.setFont(small)
        for pct in (0, 50, 100):
            y = plot.bottom() - plot.height() * pct / 100
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(muted)
            p.drawText(QRectF(body.left(), y - 8, 32, 16), Qt.AlignmentFlag.AlignRight, f"{pct}%")

        def x_of(day: dt.date) -> float:
            if len(days) == 1:
                return plot.center().x()
            return plot.left() + plot.width() * days.index(day) / (len(days) - 1)

        for day in days:
            label = day.strftime("%d %b")
            x = x_of(day)
            if len(days) <= 8 or days.index(day) % 2 == 0:
                p.drawText(
                    QRectF(x - 30, plot.bottom() + 3, 60, 16), Qt.AlignmentFlag.AlignCenter, label
                )
        domains = sorted({d.domain for d in s.days if d.day in days})
        for domain in domains:
            color = QColor(DOMAIN_COLORS.get(domain, "#777777"))
            points = [
                QPointF(x_of(d.day), plot.bottom() - plot.height() * d.accuracy)
                for d in s.days
                if d.domain == domain and d.day in days
            ]
            p.setPen(QPen(color, 2))
            for a, b in itertools.pairwise(points):
                p.drawLine(a, b)
            p.setBrush(color)
            for pt in points:
                p.drawEllipse(pt, 3.5, 3.5)
        # legend
        x = plot.left()
        y = body.bottom() - legend_h + 2
        for domain in domains:
            color = QColor(DOMAIN_COLORS.get(domain, "#777777"))
            c, t = s.accuracy_by_domain.get(domain, (0, 0))
            label = f"{DOMAIN_SHORT.get(domain, domain)} {100 * c // max(t, 1)}% ({t})"
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRect(QRectF(x, y + 4, 10, 10))
            p.setPen(text)
            width = p.fontMetrics().horizontalAdvance(label) + 26
            p.drawText(QRectF(x + 14, y, width, 18), Qt.AlignmentFlag.AlignVCenter, label)
            x += width
        p.setFont(self.font())

    def _due(self, p: QPainter, rect: QRectF, text: QColor, muted: QColor, grid: QColor) -> None:
        s = self.stats
        due_now = s.due_now if s else 0
        body = self._title(p, rect, f"Cards due: {due_now} now", text)
        bars: list[tuple[str, int]] = [("now", due_now)]
        if s is not None:
            bars += [(d.strftime("%a"), n) for d, n in s.due_by_day]
        top = max([n for _, n in bars] + [1])
        plot = body.adjusted(4, 16, -4, -20)
        p.setPen(QPen(grid, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        w = plot.width() / max(len(bars), 1)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        p.setFont(small)
        for i, (label, n) in enumerate(bars):
            h = plot.height() * n / top
            bar = QRectF(plot.left() + i * w + w * 0.18, plot.bottom() - h, w * 0.64, h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#E7157B") if i == 0 else QColor("#3B82C4"))
            p.drawRect(bar)
            p.setPen(muted)
            p.drawText(
                QRectF(bar.left() - 6, plot.bottom() + 3, bar.width() + 12, 16),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )
            if n:
                p.setPen(text)
                p.drawText(
                    QRectF(bar.left() - 6, bar.top() - 16, bar.width() + 12, 16),
                    Qt.AlignmentFlag.AlignCenter,
                    str(n),
                )
        if top == 1 and not any(n for _, n in bars):
            p.setPen(muted)
            p.drawText(
                plot,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                f"{s.cards} answered {'card is' if s.cards == 1 else 'cards are'} due later."
                if s is not None and s.cards
                else "Cards you answer are scheduled here.",
            )
        p.setFont(self.font())


class MockChart(QWidget):
    """Mock exam scaled scores over time (oldest left), with the passing line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[MockResult] = []
        self.setObjectName("mockChart")
        self.setAccessibleName("Mock exam scores over time")
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(640, 200)

    def set_history(self, history: list[MockResult]) -> None:
        self.history = list(history)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        if not self.history:
            return "No mock exams yet."
        scores = ", ".join(str(h.scaled) for h in self.history)
        return f"{len(self.history)} mock exams; scaled scores oldest first: {scores}."

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(150)  # 4.9:1 on the dark window, 5.3:1 on the light (140 was 4.48)
        r = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.setPen(text)
        p.drawText(QRectF(r.left(), r.top(), r.width(), 18), "Mock exams: scaled score over time")
        p.setFont(self.font())
        plot = r.adjusted(40, 28, -10, -22)
        if not self.history:
            p.setPen(muted)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No mock exams yet.")
            p.end()
            return
        self._axes(p, plot, muted)
        shown = self.history[-20:]

        def point(n: int, score: int) -> QPointF:
            x = (
                plot.center().x()
                if len(shown) == 1
                else plot.left() + plot.width() * n / (len(shown) - 1)
            )
            return QPointF(x, plot.bottom() - plot.height() * (score - 100) / 900)

        pts = [point(n, h.scaled) for n, h in enumerate(shown)]
        theme = current_theme()
        p.setPen(QPen(QColor("#3B82C4"), 2))
        for a, b in itertools.pairwise(pts):
            p.drawLine(a, b)
        for h, pt in zip(shown, pts, strict=True):
            color = QColor(theme.success if h.passed else theme.ruled_out)
            p.setBrush(color)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(pt, 4.5, 4.5)
            p.setPen(text)
            p.drawText(QRectF(pt.x() - 25, pt.y() - 20, 50, 16), Qt.AlignmentFlag.AlignCenter,
                       str(h.scaled))  # fmt: skip
            p.setPen(muted)
            x = min(max(pt.x() - 30, plot.left() - 30), plot.right() - 60)  # stays inside
            p.drawText(QRectF(x, plot.bottom() + 3, 60, 16),
                       Qt.AlignmentFlag.AlignCenter, h.taken_at.strftime("%d %b"))  # fmt: skip
        p.end()

    def _axes(self, p: QPainter, plot: QRectF, muted: QColor) -> None:
        passing = self.history[-1].passing
        for score in (100, 500, 1000):
            y = plot.bottom() - plot.height() * (score - 100) / 900
            grid = QColor(muted)
            grid.setAlpha(50)
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(muted)
            p.drawText(QRectF(plot.left() - 40, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight,
                       str(score))  # fmt: skip
        y = plot.bottom() - plot.height() * (passing - 100) / 900
        p.setPen(QPen(QColor(current_theme().success), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.drawText(QRectF(plot.right() - 90, y - 16, 90, 16), Qt.AlignmentFlag.AlignRight,
                   f"pass {passing}")  # fmt: skip
