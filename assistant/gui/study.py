"""The Study workspace: practice quiz items with spaced repetition.

The items come from :mod:`assistant.core.study.quiz`, the schedule and the history from
:mod:`assistant.core.study.progress` (SQLite in the user's data folder). Answer with the
mouse or the keys 1-4; Enter goes on. Every answer is saved at once, so quitting
mid-session loses nothing already answered.
"""

from __future__ import annotations

import html
import math
import random
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.pack import model as m
from ..core.study.progress import Progress
from ..core.study.quiz import Item, generate, select
from ..core.vocab import DOMAIN_TITLES
from .study_chart import StatsChart

__all__ = ["PROGRESS_FILE", "FeedbackView", "StudyWorkspace", "default_progress_path"]

PROGRESS_FILE = "study-progress.sqlite3"
DUE = "due"

KIND_TITLES = {
    "handwritten": "hand-written",
    "use_case": "service for a use case",
    "what_for": "what a service is for",
    "limit": "numbers and limits",
    "cloze": "names and APIs",
    "not_member": "which is NOT in the list",
    "not_true": "which statement is NOT true",
    "not_supported": "which is NOT supported",
    "status": "can a new account use it",
    "suggest": "what AWS suggests instead",
    "closed_which": "which is closed",
    "scenario": "scenarios (decision options)",
}


class FeedbackView(QTextBrowser):
    """A read-only rich-text box as tall as its text, up to ``max_lines`` lines (then it
    scrolls): a short verdict leaves no empty box, and the Next button stays right below."""

    def __init__(self, max_lines: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # the document's height follows the width, so fit again whenever it changes
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def _fit(self, *_: object) -> None:
        margins = self.contentsMargins()
        chrome = margins.top() + margins.bottom()
        text = math.ceil(self.document().size().height())
        cap = self.fontMetrics().lineSpacing() * self.max_lines
        height = min(text, cap) + chrome
        if height != self.height():
            self.setFixedHeight(height)


def default_progress_path() -> Path:
    """Where progress lives: the app's data folder (QStandardPaths AppDataLocation)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".archassist") / PROGRESS_FILE


class StudyWorkspace(QWidget):
    """Practice by topic, exam domain or due cards, with feedback, a summary and stats.

    Signals:
        question_shown(str): an item id is being asked.
        answered(str, bool): the item id and whether the answer was right.
        session_finished(int, int): correct answers and questions asked.
        progress_notice(str): the progress file had a problem (shown in a banner too).
    """

    question_shown = Signal(str)
    answered = Signal(str, bool)
    session_finished = Signal(int, int)
    progress_notice = Signal(str)

    def __init__(
        self, pack: m.Pack, progress_path: Path | str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StudyWorkspace")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pack = pack
        self.items = generate(pack)
        self.by_id = {i.id: i for i in self.items}
        self.progress = Progress(progress_path or default_progress_path())
        self.session: list[Item] = []
        self.index = 0
        self.chosen: int | None = None
        self.results: list[tuple[Item, bool]] = []

        # --- top bar: what to practise, mode, length, start
        self.source_box = QComboBox()
        self.source_box.setObjectName("studySource")
        self.source_box.setAccessibleName("Practice")
        self.mode_today = QRadioButton("As AWS is today")
        self.mode_notes = QRadioButton("As the exam notes say")
        self.mode_today.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_today)
        self.mode_group.addButton(self.mode_notes)
        self.mode_today.setToolTip("Answers as AWS documents it today")
        self.mode_notes.setToolTip("Answers as the (older) exam study notes have them")
        self.length_spin = QSpinBox()
        self.length_spin.setRange(1, 200)
        self.length_spin.setValue(10)
        self.length_spin.setSuffix(" questions")
        self.length_spin.setAccessibleName("Session length")
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("studyStart")
        self.start_button.clicked.connect(lambda _checked=False: self.start())
        self._fill_sources()
        top = QHBoxLayout()
        top.addWidget(QLabel("Practise:"))
        top.addWidget(self.source_box, 1)
        top.addWidget(self.mode_today)
        top.addWidget(self.mode_notes)
        top.addWidget(self.length_spin)
        top.addWidget(self.start_button)

        self.banner = QLabel()
        self.banner.setObjectName("studyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#studyBanner { background: #fff4e5; color: #5c3b00; border: 1px solid #e8a33d;"
            " padding: 6px; }"
        )
        self.banner.hide()

        # --- pages: welcome / question / summary
        self.pages = QStackedWidget()
        self.welcome = QLabel()
        self.welcome.setObjectName("studyWelcome")
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self._question_page())
        self.summary = QTextBrowser()
        self.summary.setObjectName("studySummary")
        self.summary.setOpenLinks(False)
        self.pages.addWidget(self.summary)

        self.chart = StatsChart()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.chart)

        if self.progress.notice:
            self.banner.setText(self.progress.notice)
            self.banner.show()
        self._refresh_stats()
        self._show_welcome()

    # --- building ---------------------------------------------------------------------------

    def _fill_sources(self) -> None:
        box = self.source_box
        box.addItem("Due cards (then new ones)", DUE)
        box.addItem("All topics", "")
        cats = sorted({i.topic for i in self.items})
        doms = sorted({i.domain for i in self.items})
        for d in doms:
            n = sum(1 for i in self.items if i.domain == d)
            box.addItem(f"Exam domain: {DOMAIN_TITLES.get(d, d)} ({n})", d)
        for c in cats:
            n = sum(1 for i in self.items if i.topic == c)
            box.addItem(f"Topic: {c} ({n})", c)
        for k in sorted({i.kind for i in self.items}):
            n = sum(1 for i in self.items if i.kind == k)
            box.addItem(f"Question kind: {KIND_TITLES.get(k, k)} ({n})", k)

    def _question_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 6, 0, 0)
        head = QHBoxLayout()
        self.counter = QLabel()
        self.counter.setObjectName("studyCounter")
        self.mode_badge = QLabel()
        self.mode_badge.setObjectName("studyModeBadge")
        self.mode_badge.setStyleSheet("QLabel#studyModeBadge { color: #b35c00; font-weight: 600; }")
        self.topic_label = QLabel()
        self.topic_label.setStyleSheet("color: palette(mid);")
        head.addWidget(self.counter)
        head.addSpacing(12)
        head.addWidget(self.mode_badge)
        head.addStretch(1)
        head.addWidget(self.topic_label)
        v.addLayout(head)
        self.question = QLabel()
        self.question.setObjectName("studyQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)
        v.addWidget(self.question)
        self.choice_buttons: list[QPushButton] = []
        for n in range(4):
            b = QPushButton()
            b.setObjectName(f"studyChoice{n + 1}")
            # focus stays on the workspace so the keys 1-4 and Enter always reach it
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            b.setStyleSheet("QPushButton { text-align: left; padding: 7px 10px; }")
            b.clicked.connect(lambda _c=False, k=n: self.answer(k))
            v.addWidget(b)
            self.choice_buttons.append(b)
        self.feedback = FeedbackView()
        self.feedback.setObjectName("studyFeedback")
        self.feedback.setOpenLinks(False)
        self.feedback.anchorClicked.connect(self._open_link)
        self.feedback.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        v.addSpacing(4)
        v.addWidget(self.feedback)
        row = QHBoxLayout()
        self.hint = QLabel("Keys: 1-4 to answer, Enter for the next question")
        self.hint.setStyleSheet("color: palette(mid);")
        self.next_button = QPushButton("Next (Enter)")
        self.next_button.setObjectName("studyNext")
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_question)
        row.addWidget(self.hint)
        row.addStretch(1)
        row.addWidget(self.next_button)
        v.addLayout(row)
        v.addStretch(1)  # the question, its choices and the feedback stay together at the top
        return page

    # --- state ----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "notes" if self.mode_notes.isChecked() else "today"

    def set_mode(self, mode: str) -> None:
        (self.mode_notes if mode == "notes" else self.mode_today).setChecked(True)

    def set_source(self, key: str) -> None:
        """Choose what to practise: ``"due"``, ``""`` (all), a topic or an exam domain."""
        index = self.source_box.findData(key)
        if index < 0:
            raise KeyError(key)
        self.source_box.setCurrentIndex(index)

    def _show_welcome(self) -> None:
        usable = [i for i in self.items if self.mode in i.modes]
        due = self.progress.due_ids(among=[i.id for i in usable])
        seen = self.progress.seen_ids()
        new = sum(1 for i in usable if i.id not in seen)
        self.welcome.setText(
            f"<h2>Study</h2><p>{len(self.items)} questions from <b>{html.escape(self.pack.title)}"
            f"</b> {html.escape(self.pack.version)}.</p>"
            f"<p><b>{len(due)}</b> cards due now, <b>{new}</b> not yet seen.</p>"
            "<p>Choose what to practise above and press <b>Start</b> (or Enter).</p>"
        )
        self.pages.setCurrentIndex(0)

    def _build_session(self, key: str, count: int, seed: int | None = None) -> list[Item]:
        mode = self.mode
        usable = [i for i in self.items if mode in i.modes]
        if seed is None:
            seed = random.randrange(2**31)
        seen = self.progress.seen_ids()
        if key == DUE:
            due = [self.by_id[i] for i in self.progress.due_ids(among=[i.id for i in usable])]
            fresh = [i for i in select(usable, mode=mode, seed=seed) if i.id not in seen]
            return (due + fresh)[:count]
        pool = select(usable, topic=key or None, mode=mode, seed=seed)
        due_ids = set(self.progress.due_ids(among=[i.id for i in pool]))
        # due cards first, then unseen ones, then the rest (already scheduled for later)
        pool.sort(key=lambda i: 0 if i.id in due_ids else (1 if i.id not in seen else 2))
        return pool[:count]

    def start(self, seed: int | None = None) -> None:
        """Start a session with the chosen source, mode and length; ``seed`` fixes the order
        of the questions (a random one when None)."""
        self.session = self._build_session(
            str(self.source_box.currentData()), self.length_spin.value(), seed
        )
        self.results = []
        self.index = 0
        if not self.session:
            self.welcome.setText("<h2>Nothing to practise here</h2><p>No cards are due.</p>")
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_question()

    def current_item(self) -> Item | None:
        if self.pages.currentIndex() != 1 or not 0 <= self.index < len(self.session):
            return None
        return self.session[self.index]

    def _show_question(self) -> None:
        item = self.session[self.index]
        self.chosen = None
        self.counter.setText(f"Question {self.index + 1} of {len(self.session)}")
        label = item.mode_label(self.mode)
        self.mode_badge.setText(f"Answer {label}" if label else "")
        self.topic_label.setText(
            f"{item.topic} \u00b7 {DOMAIN_TITLES.get(item.domain, item.domain)}"
        )
        self.question.setText(item.question)
        for n, b in enumerate(self.choice_buttons):
            if n < len(item.choices):
                b.setText(f"{n + 1}.  {item.choices[n]}")
                b.setEnabled(True)
                b.setStyleSheet("QPushButton { text-align: left; padding: 7px 10px; }")
                b.show()
            else:
                b.hide()
        self.feedback.clear()
        self.feedback.hide()
        self.next_button.setEnabled(False)
        self.question_shown.emit(item.id)

    def answer(self, index: int) -> None:
        """Answer the current question with choice ``index`` (0-based)."""
        item = self.current_item()
        if item is None or self.chosen is not None or not 0 <= index < len(item.choices):
            return
        self.chosen = index
        mode = self.mode
        correct_index = item.correct(mode)
        correct = index == correct_index
        self.progress.review(item.id, correct, topic=item.topic, domain=item.domain, mode=mode)
        self.results.append((item, correct))
        for n, b in enumerate(self.choice_buttons[: len(item.choices)]):
            b.setEnabled(False)
            if n == correct_index:
                b.setStyleSheet(
                    "QPushButton { text-align: left; padding: 7px 10px; background: #dff3e4;"
                    " color: #14532d; border: 2px solid #1a7f37; }"
                )
            elif n == index:
                b.setStyleSheet(
                    "QPushButton { text-align: left; padding: 7px 10px; background: #fde8e8;"
                    " color: #7f1d1d; border: 2px solid #c53030; }"
                )
        verdict = (
            '<p style="color:#1a7f37"><b>Correct.</b></p>'
            if correct
            else f'<p style="color:#c53030"><b>Not quite.</b> The answer is {correct_index + 1}. '
            f"{html.escape(item.choices[correct_index])}</p>"
        )
        sources = [item.source, *item.more_sources]
        links = " \u00b7 ".join(
            f'<a href="{html.escape(s.url, quote=True)}">{html.escape(s.title)}</a>'
            for s in sources
        )
        self.feedback.setHtml(
            verdict
            + f"<p>{html.escape(item.explanation_for(mode))}</p>"
            + f"<p>Source: {links}</p>"
        )
        self.feedback.show()
        self.next_button.setEnabled(True)
        self._refresh_stats()
        self.answered.emit(item.id, correct)

    def next_question(self) -> None:
        if self.current_item() is None or self.chosen is None:
            return
        self.index += 1
        if self.index < len(self.session):
            self._show_question()
        else:
            self._finish()

    def _finish(self) -> None:
        right = sum(1 for _, ok in self.results if ok)
        total = len(self.results)
        per: dict[str, list[int]] = {}
        for item, ok in self.results:
            per.setdefault(item.domain, [0, 0])
            per[item.domain][0] += int(ok)
            per[item.domain][1] += 1
        rows = "".join(
            f"<tr><td>{html.escape(DOMAIN_TITLES.get(d, d))}</td><td align=right>{c}/{t}</td></tr>"
            for d, (c, t) in sorted(per.items())
        )
        missed = "".join(
            f"<li>{html.escape(i.question.splitlines()[-1])}<br><i>"
            f"{html.escape(i.choices[i.correct(self.mode)])}</i></li>"
            for i, ok in self.results
            if not ok
        )
        due = len(self.progress.due_ids(among=list(self.by_id)))
        self.summary.setHtml(
            f"<h2>Session done: {right} of {total} correct</h2>"
            f"<table cellpadding=4>{rows}</table>"
            + (f"<h3>To look at again</h3><ul>{missed}</ul>" if missed else "")
            + f"<p>{due} cards are due now. Press Enter or <b>Start</b> for another session.</p>"
        )
        self.pages.setCurrentIndex(2)
        self._refresh_stats()
        self.session_finished.emit(right, total)

    def _refresh_stats(self) -> None:
        self.chart.set_stats(self.progress.stats(among=list(self.by_id)))

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # --- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = self.pages.currentIndex()
        if page == 1 and Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
            self.answer(int(key) - int(Qt.Key.Key_1))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if page == 1:
                self.next_question()
            else:
                self.start()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: object) -> None:
        self.progress.close()
        super().closeEvent(event)  # type: ignore[arg-type]
