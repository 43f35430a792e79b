"""The mock exam screen: a question at a time with a visible countdown, flag for review, a
review grid of every question, then the result per domain and the scaled score, saved in the
progress history and drawn over time.

The exam itself (questions, responses, flags, clock, scoring) is
:class:`assistant.core.study.mock.MockExam`; this widget renders it and passes clicks back.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.pack import model as m
from ..core.study.items import Item
from ..core.study.mock import SCALING_NOTE, MockExam, MockResult
from ..core.study.progress import Progress
from ..core.study.session import choice_marks
from .study_chart import MockChart
from .study_question import QuestionView
from .theme import Theme, current_theme

__all__ = ["MockExamView", "clock_text", "result_html"]


def clock_text(seconds: float | None) -> str:
    """``1:05:09`` left, or ``untimed``.

    >>> clock_text(3909), clock_text(59.2), clock_text(None)
    ('1:05:09', '0:00:59', 'untimed')
    """
    if seconds is None:
        return "untimed"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def result_html(result: MockResult, theme: Theme | None = None) -> str:
    theme = theme or current_theme()  # colours that read in light and dark
    verdict = (
        f'<span style="color:{theme.success}">PASS</span>'
        if result.passed
        else f'<span style="color:{theme.ruled_out}">NOT YET</span>'
    )
    rows = "".join(
        f"<tr><td>{html.escape(d.domain.split('-')[-1])}. {html.escape(d.name)}</td>"
        f"<td align=right>{d.weight:g}%</td><td align=right>{d.right}/{d.total}</td>"
        f"<td align=right>{d.percent:.0f}%</td></tr>"
        for d in result.domains
    )
    used = f"{result.seconds_used // 60} min" + (" (time ran out)" if result.timed_out else "")
    return (
        f"<h2>{html.escape(result.exam)} mock exam: {result.scaled} \u2014 {verdict}</h2>"
        f"<p><b>{result.right}</b> of {result.total} right, {result.unanswered} unanswered"
        f" (counted wrong); pass mark {result.passing}; time used {used}.</p>"
        "<table cellpadding=4><tr><th align=left>Domain</th><th>Weight</th><th>Right</th>"
        f"<th>%</th></tr>{rows}</table>"
        f"<p><i>{html.escape(SCALING_NOTE)}</i></p>"
    )


def _response_text(item: Item, response: Sequence[int]) -> str:
    """What the student answered, in words (an unset matching prompt shows as a dash)."""
    if not response:
        return "no answer"
    words = [item.choices[k] if k >= 0 else "\u2014" for k in response]
    if item.qtype == "matching":
        return "; ".join(f"{p} \u2192 {w}" for p, w in zip(item.prompts, words, strict=False))
    return (" \u2192 " if item.qtype == "ordering" else "; ").join(words)


class MockExamView(QWidget):
    """Signals:
    finished(int): the scaled score, once the exam is scored and saved.
    closed(): the student left the result page.
    """

    finished = Signal(int)
    closed = Signal()

    def __init__(
        self,
        pack: m.Pack,
        exam: m.Exam,
        items: Sequence[Item],
        progress: Progress,
        *,
        seed: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mockExam")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.progress = progress
        self.mock = MockExam(pack, exam, items, seed=seed)
        self.theme = current_theme()
        self.index = 0
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)  # tests set it

        head = QHBoxLayout()
        self.counter = QLabel()
        self.counter.setObjectName("mockCounter")
        self.timer_label = QLabel()
        self.timer_label.setObjectName("mockTimer")
        self.timer_label.setStyleSheet("QLabel#mockTimer { font-weight: 700; font-size: 15px; }")
        self.timer_label.setAccessibleName("Time left")
        head.addWidget(self.counter)
        head.addStretch(1)
        head.addWidget(QLabel("Time left:"))
        head.addWidget(self.timer_label)

        self.pages = QStackedWidget()
        self.view = QuestionView(submits=False)
        self.view.answered.connect(lambda _r: self._save())
        self.view.changed.connect(self._save)
        question_page = QWidget()
        qv = QVBoxLayout(question_page)
        qv.setContentsMargins(0, 0, 0, 0)
        qv.addWidget(self.view)
        qv.addStretch(1)
        nav = QHBoxLayout()
        self.prev_button = self._button("\u2190 Previous", "mockPrev", lambda: self.go(-1))
        self.flag_button = self._button("Flag for review (F)", "mockFlag", self.toggle_flag)
        self.flag_button.setCheckable(True)
        self.review_button = self._button("Review all (R)", "mockReview", self.show_review)
        self.next_button = self._button("Next \u2192", "mockNext", lambda: self.go(1))
        self.finish_button = self._button("Finish exam", "mockFinish", self.ask_finish)
        for b in (self.prev_button, self.flag_button, self.review_button):
            nav.addWidget(b)
        nav.addStretch(1)
        nav.addWidget(self.next_button)
        nav.addWidget(self.finish_button)
        qv.addLayout(nav)
        self.pages.addWidget(question_page)

        self.review_page = QWidget()
        self.review_grid = QGridLayout(self.review_page)
        self.pages.addWidget(self.review_page)

        result_page = QWidget()
        rv = QVBoxLayout(result_page)
        self.result_view = QTextBrowser()
        self.result_view.setObjectName("mockResult")
        self.history_chart = MockChart()
        done = self._button("Back to Study", "mockDone", self.closed.emit)
        rv.addWidget(self.result_view, 1)
        rv.addWidget(self.history_chart)
        rv.addWidget(done, 0, Qt.AlignmentFlag.AlignRight)
        self.pages.addWidget(result_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        if self.mock.shortfall:
            short = QLabel(
                f"Only {len(self.mock.items)} questions exist for {exam.code}; the real exam has"
                f" {exam.questions}."
            )
            short.setObjectName("mockShortfall")
            layout.addWidget(short)
        layout.addLayout(head)
        layout.addWidget(self.pages, 1)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.show_question(0)
        self.tick()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda _c=False: slot())
        return b

    # --- questions ------------------------------------------------------------------------------

    def show_question(self, index: int) -> None:
        self.index = max(0, min(index, len(self.mock.items) - 1))
        item = self.mock.items[self.index]
        self.view.show_item(item, self.mock.responses.get(self.index, ()))
        self._count()
        self.flag_button.setChecked(self.index in self.mock.flagged)
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.mock.items) - 1)
        self.pages.setCurrentIndex(0)

    def _count(self) -> None:
        self.counter.setText(
            f"{self.mock.exam.code} mock exam \u00b7 question {self.index + 1} of"
            f" {len(self.mock.items)} \u00b7 {len(self.mock.responses)} answered"
            f" \u00b7 {len(self.mock.flagged)} flagged"
        )

    def go(self, step: int) -> None:
        self.show_question(self.index + step)

    def _save(self) -> None:
        """Keep the response so far (a mock exam reveals nothing until the end)."""
        if self.mock.result is not None or self.mock.timed_out(self.clock()):
            return
        self.mock.respond(self.index, self.view.response_partial(), self.clock())
        self._count()

    def answer(self, response: Sequence[int]) -> None:
        """Answer the current question (tests and keys)."""
        if self.mock.result is None:
            self.mock.respond(self.index, response, self.clock())
            self.show_question(self.index)

    def toggle_flag(self) -> None:
        self.mock.toggle_flag(self.index)
        self.show_question(self.index)

    def show_review(self) -> None:
        """Every question as a button: answered or not, flagged or not; a click opens it."""
        while self.review_grid.count():
            entry = self.review_grid.takeAt(0)
            w = entry.widget() if entry is not None else None
            if w is not None:
                w.deleteLater()
        title = QLabel("<b>Review</b>: \u2691 flagged, \u2713 answered, \u25cb not answered")
        self.review_grid.addWidget(title, 0, 0, 1, 10)
        for n, answered, flagged in self.mock.review_list():
            mark = ("\u2691 " if flagged else "") + ("\u2713" if answered else "\u25cb")
            b = QPushButton(f"{n + 1} {mark}")
            b.setObjectName(f"mockGo{n + 1}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if flagged:
                b.setStyleSheet("QPushButton { background: #fff4e5; color: #5c3b00; }")
            b.clicked.connect(lambda _c=False, k=n: self.show_question(k))
            self.review_grid.addWidget(b, 1 + n // 10, n % 10)
        back = self._button(
            "Back to the question", "mockBack", lambda: self.show_question(self.index)
        )
        finish = self._button("Finish exam", "mockFinish2", self.ask_finish)
        rows = 2 + len(self.mock.items) // 10
        self.review_grid.addWidget(back, rows, 0, 1, 3)
        self.review_grid.addWidget(finish, rows, 7, 1, 3)
        self.review_grid.setRowStretch(rows + 1, 1)
        self.pages.setCurrentIndex(1)

    # --- the clock and the end ----------------------------------------------------------------

    def tick(self) -> None:
        left = self.mock.seconds_left(self.clock())
        self.timer_label.setText(clock_text(left))
        self._colour_timer()
        if left is not None and left <= 0 and self.mock.result is None:
            self.finish()

    def ask_finish(self) -> None:
        open_ = len(self.mock.items) - len(self.mock.responses)
        if open_ or self.mock.flagged:
            text = (
                f"{open_} questions are not answered and {len(self.mock.flagged)} are flagged."
                " Finish the exam now?"
            )
            button = QMessageBox.question(self, "Finish the mock exam", text)
            if button != QMessageBox.StandardButton.Yes:
                return
        self.finish()

    def finish(self) -> MockResult:
        """Score the exam, save it in the history and show the result."""
        already = self.mock.result is not None
        result = self.mock.finish(self.clock())
        self.ticker.stop()
        self.timer_label.setText("finished")
        self.counter.setText(f"{self.mock.exam.code} mock exam \u00b7 result")
        if not already:
            self.progress.record_mock(result)
        self.result_view.setHtml(result_html(result, self.theme) + self._wrong_list())
        self.history_chart.set_history(self.progress.mock_history(result.exam))
        self.pages.setCurrentIndex(2)
        if not already:
            self.finished.emit(result.scaled)
        return result

    def set_theme(self, theme: Theme) -> None:
        """Recolour the clock, the result and the history chart."""
        self.theme = theme
        self._colour_timer()
        if self.mock.result is not None:
            self.result_view.setHtml(result_html(self.mock.result, theme) + self._wrong_list())
        self.history_chart.update()

    def _colour_timer(self) -> None:
        """The clock turns the theme's error colour in the last five minutes."""
        left = self.mock.seconds_left(self.clock())
        low = left is not None and left < 5 * 60
        self.timer_label.setStyleSheet(
            "QLabel#mockTimer { font-weight: 700; font-size: 15px; "
            + (f"color: {self.theme.ruled_out}; }}" if low else "}")
        )

    def _wrong_list(self) -> str:
        rows = []
        for n, item in enumerate(self.mock.items):
            response = self.mock.responses.get(n, ())
            if item.is_right(response):
                continue
            marks = choice_marks(item, [k for k in response if k >= 0])
            picked = _response_text(item, response)
            rows.append(
                f"<li><b>{n + 1}.</b> {html.escape(item.question.splitlines()[-1])}<br>"
                f"Yours: {html.escape(picked)}<br>Right: {html.escape(item.answer_text())}"
                f"{' (partly right)' if 'right' in marks and response else ''}</li>"
            )
        return f"<h3>Questions to look at again ({len(rows)})</h3><ol>{''.join(rows)}</ol>"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.pages.currentIndex() != 0:
            super().keyPressEvent(event)
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            self.view.click(int(key) - int(Qt.Key.Key_1))
        elif key == Qt.Key.Key_F:
            self.toggle_flag()
        elif key == Qt.Key.Key_R:
            self.show_review()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go(1)
        elif key == Qt.Key.Key_Left:
            self.go(-1)
        else:
            super().keyPressEvent(event)
