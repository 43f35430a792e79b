"""The Study workspace: practise quiz items with FSRS spaced repetition, see stats per exam
domain, and sit a mock exam.

The session's behaviour lives in :class:`assistant.core.study.session.StudySession` (what is
asked next, whether a response is right, how each choice is marked, Again/Hard/Good/Easy, the
re-asks of missed cards); this widget renders it. Keys: 1-9 answer (toggle or order for the
other question types), Enter submits; after the answer 1-4 rate Again/Hard/Good/Easy and Enter
takes the suggested rating. Every rating is saved at once, so quitting mid-session loses
nothing already rated.
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
from ..core.study.items import QTYPE_TITLES, Item
from ..core.study.progress import Progress
from ..core.study.quiz import exam_items, select
from ..core.study.session import RATING_TITLES, RATINGS, Feedback, StudySession
from ..core.vocab import DOMAIN_TITLES
from .study_chart import StatsChart
from .study_question import QuestionView
from .theme import Theme, current_theme

__all__ = ["PROGRESS_FILE", "FeedbackView", "StudyWorkspace", "default_progress_path"]

PROGRESS_FILE = "study-progress.sqlite3"
DUE = "due"
PAGE_WELCOME, PAGE_QUESTION, PAGE_SUMMARY, PAGE_MOCK = range(4)

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
    "pick_two": "choose two",
    "order": "put in order",
    "match": "match them up",
}


class FeedbackView(QTextBrowser):
    """A read-only rich-text box as tall as its text, up to ``max_lines`` lines (then it
    scrolls): a short verdict leaves no empty box, and the buttons stay right below."""

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


def feedback_html(fb: Feedback, theme: Theme | None = None) -> str:
    """The verdict, the right answer, the explanation and the sources, in ``theme``'s
    colours (the current one by default)."""
    t = theme or current_theme()  # colours that read in light and dark (test_contrast)
    if fb.right:
        verdict = f'<p style="color:{t.success}"><b>Correct.</b></p>'
    else:
        verdict = (
            f'<p style="color:{t.ruled_out}"><b>Not quite.</b> The answer: '
            f"{html.escape(fb.answer_text)}</p>"
        )
    again = "<p><i>You missed this one earlier in the session.</i></p>" if fb.retry else ""
    links = " \u00b7 ".join(
        f'<a href="{html.escape(s.url, quote=True)}">{html.escape(s.title)}</a>' for s in fb.sources
    )
    return verdict + again + f"<p>{html.escape(fb.explanation)}</p><p>Source: {links}</p>"


class StudyWorkspace(QWidget):
    """Practise by exam domain, task, topic, question type or due cards; rate each card; see
    stats per domain; sit a mock exam.

    Signals:
        question_shown(str): an item id is being asked.
        answered(str, bool): the item id and whether the answer was right.
        rated(str, str): the item id and the rating given (again/hard/good/easy).
        session_finished(int, int): right at the first try, and questions asked.
        progress_notice(str): the progress file had a problem (shown in a banner too).
    """

    question_shown = Signal(str)
    answered = Signal(str, bool)
    rated = Signal(str, str)
    session_finished = Signal(int, int)
    progress_notice = Signal(str)

    def __init__(
        self, pack: m.Pack, progress_path: Path | str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("StudyWorkspace")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pack = pack
        self.exam = pack.default_exam()
        self.items = exam_items(pack, self.exam)
        self.by_id = {i.id: i for i in self.items}
        self.progress = Progress(progress_path or default_progress_path())
        self.session: StudySession | None = None
        self.shortfall = ""
        self.mock_view: QWidget | None = None
        self.theme = current_theme()

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
        self.mock_button = QPushButton("Mock exam\u2026")
        self.mock_button.setObjectName("studyMock")
        self.mock_button.setEnabled(self.exam is not None)
        self.mock_button.setToolTip(
            f"A timed {self.exam.code} mock exam" if self.exam else "The pack holds no exam"
        )
        self.mock_button.clicked.connect(lambda _checked=False: self.open_mock())
        self._fill_sources()
        top = QHBoxLayout()
        top.addWidget(QLabel("Practise:"))
        top.addWidget(self.source_box, 1)
        top.addWidget(self.mode_today)
        top.addWidget(self.mode_notes)
        top.addWidget(self.length_spin)
        top.addWidget(self.start_button)
        top.addWidget(self.mock_button)

        self.banner = QLabel()
        self.banner.setObjectName("studyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#studyBanner { background: #fff4e5; color: #5c3b00; border: 1px solid #e8a33d;"
            " padding: 6px; }"
        )
        self.banner.hide()

        self.pages = QStackedWidget()
        self.welcome = QTextBrowser()
        self.welcome.setObjectName("studyWelcome")
        self.welcome.setOpenLinks(False)
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
        self.chart_line = QFrame()
        self.chart_line.setFrameShape(QFrame.Shape.HLine)
        self.chart_line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(self.chart_line)
        layout.addWidget(self.chart)

        if self.progress.notice:
            self.banner.setText(self.progress.notice)
            self.banner.show()
        self._refresh_stats()
        self._show_welcome()

    # --- building ---------------------------------------------------------------------------

    # --- the Workspace protocol (gui/workspace.py) ---

    def set_theme(self, theme: Theme) -> None:
        """Recolour what Study colours from the theme: the mode badge, the answer feedback
        on screen, the charts and an open mock exam."""
        self.theme = theme
        self._colour_badge()
        fb = self.session.feedback if self.session is not None else None
        if fb is not None and not self.feedback.isHidden():  # shown, if off screen
            self.feedback.setHtml(feedback_html(fb, theme))
        self.chart.update()
        set_mock_theme = getattr(self.mock_view, "set_theme", None)
        if set_mock_theme is not None:
            set_mock_theme(theme)

    def _colour_badge(self) -> None:
        warning = self.theme.warning  # 4.5:1 in light and dark (test_contrast)
        self.mode_badge.setStyleSheet(
            f"QLabel#studyModeBadge {{ color: {warning}; font-weight: 600; }}"
        )

    def domain_title(self, domain: str) -> str:
        if self.exam is not None:
            for d in self.exam.domains:
                if d.id == domain:
                    return f"{d.id.split('-')[-1]}. {d.name}"
        return DOMAIN_TITLES.get(domain, domain)

    def _fill_sources(self) -> None:
        box = self.source_box
        scope = f" ({self.exam.code})" if self.exam else ""
        box.addItem(f"Due cards (then new ones){scope}", DUE)
        box.addItem(f"All questions{scope} ({len(self.items)})", "")
        count: dict[str, int] = {}
        for i in self.items:
            for key in (i.study_domain, i.task, i.qtype, i.kind, i.topic):
                count[key] = count.get(key, 0) + 1
        for d in sorted({i.study_domain for i in self.items}):
            box.addItem(f"Exam domain {self.domain_title(d)} ({count[d]})", d)
        if self.exam is not None:
            for t in self.exam.tasks():
                if t.id in count:
                    box.addItem(f"Task {t.id.split('-')[-1]} {t.name} ({count[t.id]})", t.id)
        for q in (q for q in QTYPE_TITLES if q in count):
            box.addItem(f"Question type: {QTYPE_TITLES[q]} ({count[q]})", q)
        for k in sorted({i.kind for i in self.items}):
            box.addItem(f"Question kind: {KIND_TITLES.get(k, k)} ({count[k]})", k)
        for c in sorted({i.topic for i in self.items}):
            box.addItem(f"Topic: {c} ({count[c]})", c)

    def _question_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 6, 0, 0)
        head = QHBoxLayout()
        self.counter = QLabel()
        self.counter.setObjectName("studyCounter")
        self.mode_badge = QLabel()
        self.mode_badge.setObjectName("studyModeBadge")
        self._colour_badge()
        self.topic_label = QLabel()
        self.topic_label.setStyleSheet("color: palette(placeholder-text);")
        head.addWidget(self.counter)
        head.addSpacing(12)
        head.addWidget(self.mode_badge)
        head.addStretch(1)
        head.addWidget(self.topic_label)
        v.addLayout(head)
        self.view = QuestionView()
        self.view.answered.connect(self._answered)
        self.choice_buttons = self.view.choice_buttons
        self.question = self.view.question
        v.addWidget(self.view)
        self.feedback = FeedbackView()
        self.feedback.setObjectName("studyFeedback")
        self.feedback.setOpenLinks(False)
        self.feedback.anchorClicked.connect(self._open_link)
        self.feedback.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        v.addSpacing(4)
        v.addWidget(self.feedback)
        row = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(self.hint)
        row.addStretch(1)
        self.submit_button = QPushButton("Submit (Enter)")
        self.submit_button.setObjectName("studySubmit")
        self.submit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit_button.clicked.connect(lambda _c=False: self.view.submit())
        row.addWidget(self.submit_button)
        self.rating_buttons: dict[str, QPushButton] = {}
        for n, rating in enumerate(RATINGS, 1):
            b = QPushButton(f"{n}  {RATING_TITLES[rating]}")
            b.setObjectName(f"studyRate{RATING_TITLES[rating]}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _c=False, r=rating: self.rate(r))
            row.addWidget(b)
            self.rating_buttons[rating] = b
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
        """Choose what to practise: ``"due"``, ``""`` (all), a domain, task, type or topic."""
        index = self.source_box.findData(key)
        if index < 0:
            raise KeyError(key)
        self.source_box.setCurrentIndex(index)

    def stats_html(self) -> str:
        """Per exam domain: reviews, accuracy, cards seen, cards due."""
        stats = self.progress.stats(among=list(self.by_id))
        due = set(self.progress.due_ids(among=list(self.by_id)))
        seen = self.progress.seen_ids()
        rows = []
        for d in sorted({i.study_domain for i in self.items}):
            ids = {i.id for i in self.items if i.study_domain == d}
            c, t = stats.accuracy_by_domain.get(d, (0, 0))
            acc = f"{100 * c // t}%" if t else "\u2013"
            rows.append(
                f"<tr><td>{html.escape(self.domain_title(d))}</td><td align=right>{len(ids)}</td>"
                f"<td align=right>{len(ids & seen)}</td><td align=right>{len(ids & due)}</td>"
                f"<td align=right>{t}</td><td align=right>{acc}</td></tr>"
            )
        return (
            "<table cellpadding=3><tr><th align=left>Domain</th><th>Cards</th><th>Seen</th>"
            "<th>Due</th><th>Reviews</th><th>Right</th></tr>" + "".join(rows) + "</table>"
        )

    def _show_welcome(self) -> None:
        usable = [i for i in self.items if self.mode in i.modes]
        due = self.progress.due_ids(among=[i.id for i in usable])
        seen = self.progress.seen_ids()
        new = sum(1 for i in usable if i.id not in seen)
        exam = f" for <b>{html.escape(self.exam.code)}</b>" if self.exam else ""
        self.welcome.setHtml(
            f"<h2>Study</h2><p>{len(self.items)} questions{exam} from"
            f" <b>{html.escape(self.pack.title)}</b> {html.escape(self.pack.version)}.</p>"
            f"<p><b>{len(due)}</b> cards due now, <b>{new}</b> not yet seen.</p>"
            "<p>Choose what to practise above and press <b>Start</b> (or Enter). After each"
            " answer rate the card: <b>1</b> Again, <b>2</b> Hard, <b>3</b> Good, <b>4</b> Easy."
            " Missed cards come back later in the same session.</p>"
            f"<h3>Progress per exam domain</h3>{self.stats_html()}"
        )
        self.pages.setCurrentIndex(PAGE_WELCOME)

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
        chosen = self._build_session(
            str(self.source_box.currentData()), self.length_spin.value(), seed
        )
        if not chosen:
            self.session = None
            self.welcome.setHtml("<h2>Nothing to practise here</h2><p>No cards are due.</p>")
            self.pages.setCurrentIndex(PAGE_WELCOME)
            return
        self.session = StudySession(chosen, self.progress, self.mode)
        asked = self.length_spin.value()
        # fewer questions than asked: say so for the whole session
        self.shortfall = f"only {len(chosen)} match, {asked} asked" if len(chosen) < asked else ""
        self.pages.setCurrentIndex(PAGE_QUESTION)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_question()

    def current_item(self) -> Item | None:
        if self.pages.currentIndex() != PAGE_QUESTION or self.session is None:
            return None
        return self.session.current

    def _show_question(self) -> None:
        assert self.session is not None
        item = self.session.current
        assert item is not None
        s = self.session
        self.counter.setText(
            f"Question {s.position + 1} of {s.position + s.remaining}"
            + (f"  \u00b7  {len(s.retries)} to re-ask" if s.retries else "")
            + (f"  \u00b7  {self.shortfall}" if self.shortfall else "")
        )
        label = item.mode_label(self.mode)
        self.mode_badge.setText(f"Answer {label}" if label else "")
        where = item.task or item.topic
        self.topic_label.setText(f"{where} \u00b7 {self.domain_title(item.study_domain)}")
        self.view.show_item(item)
        self.feedback.clear()
        self.feedback.hide()
        self.submit_button.setVisible(item.qtype != "single")
        for b in self.rating_buttons.values():
            b.hide()
        self.hint.setText(
            "Keys: 1-9 to answer" + ("" if item.qtype == "single" else ", Enter to submit")
        )
        self.question_shown.emit(item.id)

    def answer(self, index: int) -> None:
        """Click choice ``index`` (0-based): answers a multiple-choice item at once."""
        if self.current_item() is not None:
            self.view.click(index)

    def _answered(self, response: tuple[int, ...]) -> None:
        s = self.session
        if s is None or s.current is None or s.feedback is not None:
            return
        fb = s.answer(response)
        self.view.show_marks(fb.marks)
        self.feedback.setHtml(feedback_html(fb, self.theme))
        self.feedback.show()
        self.submit_button.hide()
        for rating, b in self.rating_buttons.items():
            b.show()
            b.setEnabled(rating in fb.ratings)
            b.setDefault(rating == fb.suggested)
            font = b.font()
            font.setBold(rating == fb.suggested)
            b.setFont(font)
        self.hint.setText(
            f"Rate it: 1 Again, 2 Hard, 3 Good, 4 Easy (Enter: {RATING_TITLES[fb.suggested]})"
            if fb.right
            else "Missed: it comes back later in this session (1 or Enter: Again)"
        )
        self.answered.emit(fb.item.id, fb.right)

    def rate(self, rating: str) -> None:
        """Rate the answered card and go on (or finish)."""
        s = self.session
        if s is None or s.feedback is None or rating not in s.feedback.ratings:
            return
        item_id = s.feedback.item.id
        s.rate(rating)
        self._refresh_stats()
        self.rated.emit(item_id, rating)
        if s.finished:
            self._finish()
        else:
            self._show_question()

    def next_question(self) -> None:
        """Go on with the suggested rating (Good when right, Again when not)."""
        s = self.session
        if s is not None and s.feedback is not None:
            self.rate(s.feedback.suggested)

    def _finish(self) -> None:
        assert self.session is not None
        summary = self.session.summary()
        rows = "".join(
            f"<tr><td>{html.escape(self.domain_title(d))}</td><td align=right>{c}/{t}</td></tr>"
            for d, c, t in summary.by_domain
        )
        missed = "".join(
            f"<li>{html.escape(i.question.splitlines()[-1])}<br><i>"
            f"{html.escape(i.answer_text(self.mode))}</i></li>"
            for i in summary.missed
        )
        self.summary.setHtml(
            f"<h2>Session done: {summary.first_try} of {summary.asked} right at the first try"
            f"</h2><table cellpadding=4>{rows}</table>"
            + (f"<h3>To look at again</h3><ul>{missed}</ul>" if missed else "")
            + f"<h3>Progress per exam domain</h3>{self.stats_html()}"
            + "<p>Press Enter or <b>Start</b> for another session.</p>"
        )
        self.pages.setCurrentIndex(PAGE_SUMMARY)
        self._refresh_stats()
        self.session_finished.emit(summary.first_try, summary.asked)

    def _refresh_stats(self) -> None:
        self.chart.set_stats(self.progress.stats(among=list(self.by_id)))

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # --- the mock exam ----------------------------------------------------------------------

    def open_mock(self, seed: int | None = None) -> QWidget | None:
        """Start a mock exam of the pack's default exam in this workspace."""
        if self.exam is None:
            return None
        from .mock_exam import MockExamView

        if self.mock_view is not None:
            self.pages.removeWidget(self.mock_view)
            self.mock_view.deleteLater()
        view = MockExamView(self.pack, self.exam, self.items, self.progress, seed=seed)
        view.closed.connect(self._close_mock)
        self.mock_view = view
        self.pages.insertWidget(PAGE_MOCK, view)
        self.pages.setCurrentWidget(view)
        self.chart.hide()
        self.chart_line.hide()
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        return view

    def _close_mock(self) -> None:
        self.chart.show()
        self.chart_line.show()
        self._refresh_stats()
        self._show_welcome()

    # --- keys ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = self.pages.currentIndex()
        s = self.session
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        digit = int(key) - int(Qt.Key.Key_1) if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 else None
        if page == PAGE_QUESTION and s is not None and s.feedback is not None:
            if digit is not None and digit < len(RATINGS):
                self.rate(RATINGS[digit])
            elif enter:
                self.next_question()
            return
        if page == PAGE_QUESTION:
            if digit is not None:
                self.answer(digit)
            elif enter:
                self.view.submit()
            return
        if enter and page in (PAGE_WELCOME, PAGE_SUMMARY):
            self.start()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: object) -> None:
        self.progress.close()
        super().closeEvent(event)  # type: ignore[arg-type]
