"""The questionnaire: every question of the pack, grouped by decision area.

A question's widget is built the first time the question is relevant (start-up builds
only what the first recommendation shows: most of the pack's questions wait behind a
`when`), then kept and only shown or hidden, so answering never rebuilds the form and the
keyboard focus stays where the user was. With ``defer_offscreen`` (the app's start) only
the first :data:`FIRST_PAINT_QUESTIONS` relevant questions are built before the form first
paints; the rest, below the fold, follow in the next event-loop turn.
Each editor reports ``answer_edited(question_id, value_or_None)``; the document decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.decide.engine import Recommendation
from ..core.pack import model as m
from .number_field import NumberField
from .theme import Theme, current_theme

__all__ = ["FIRST_PAINT_QUESTIONS", "QuestionWidget", "QuestionnaireWidget"]

RADIO_MAX = 5  # more options than this use a combo box
# Questions built before the first paint with ``defer_offscreen``: more than the Questions
# dock shows (2-3 in a 1400 x 900 window, ~5 in a window 1,300 px tall). Building,
# polishing and laying out the 20-30 relevant questions was ~80-150 ms of the app's start,
# most of it for questions below the fold. The rest come in the event-loop turn after the
# first paint, or at the latest after DEFER_MAX_MS (a hidden dock never paints).
FIRST_PAINT_QUESTIONS = 6
DEFER_MAX_MS = 1000
OPEN_MARK = "◆ could change the result"


class _ClickLabel(QLabel):
    """A word-wrapped label that clicks its button: radio buttons cannot wrap their text."""

    def __init__(self, text: str, button: QAbstractButton) -> None:
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setBuddy(button)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.button.isEnabled():
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            self.button.click()
        event.accept()


def _wrapped(button: QAbstractButton, text: str) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(4)
    lay.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    label = _ClickLabel(text, button)
    lay.addWidget(label, 1)
    return row


class QuestionWidget(QFrame):
    """One question: its text, help, an editor for its kind and a clear button."""

    answer_edited = Signal(str, object)

    def __init__(self, question: m.Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question-{question.id}")
        self._updating = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 6)
        lay.setSpacing(3)

        head = QHBoxLayout()
        self.title = QLabel(question.text)
        self.title.setWordWrap(True)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        head.addWidget(self.title, 1)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Clear this answer")
        self.clear_button.setAccessibleName(f"Clear answer: {question.text}")
        self.clear_button.clicked.connect(lambda: self.answer_edited.emit(question.id, None))
        head.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(head)

        self.open_marker = QLabel(OPEN_MARK)
        self.open_marker.setObjectName("openMarker")
        self.open_marker.setToolTip(
            "Not answered yet, and an answer could still change the recommendation."
        )
        self.open_marker.setVisible(False)
        lay.addWidget(self.open_marker)

        if question.help:
            self.help = QLabel(question.help)
            self.help.setWordWrap(True)
            self.help.setObjectName("helpText")
            self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lay.addWidget(self.help)

        self.editor = self._build_editor(question)
        lay.addWidget(self.editor)
        self.title.setBuddy(self._first_focus)

    # --- editors per kind ---

    def _build_editor(self, q: m.Question) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(8, 0, 0, 0)
        lay.setSpacing(1)
        self._buttons: dict[object, QRadioButton | QCheckBox] = {}
        self._combo: QComboBox | None = None
        self._number: NumberField | None = None
        self._group: QButtonGroup | None = None
        if q.kind == "number":
            step = q.step or 1.0
            decimals = 0 if float(step).is_integer() else min(4, len(repr(step).split(".")[1]))
            lo = q.min if q.min is not None else 0.0
            hi = q.max if q.max is not None else 1e9
            # a line edit with a bounded, locale-aware validator: a spin box turned cleared
            # or bad text into a number (abc -> 0, 1e308 -> 1308, "1,5" -> 15)
            number = NumberField(lo, hi, decimals, q.unit or "")
            number.edit.setAccessibleName(q.text)
            number.edit.setAccessibleDescription(
                f"{q.help} Number in {q.unit or 'units'} from {number.range_text}.".strip()
            )
            number.value_edited.connect(self._number_changed)
            number.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            number.setMinimumWidth(120)
            lay.addWidget(number)
            self._number = number
            self._first_focus: QWidget = number.edit
            return box
        if q.kind == "boolean":
            choices: list[tuple[object, str, str]] = [(True, "Yes", ""), (False, "No", "")]
        else:
            choices = [(o.id, o.label, o.help) for o in q.options]
        if q.kind == "single" and len(choices) > RADIO_MAX:
            combo = QComboBox()
            combo.addItem("— not answered —", None)
            for value, label, help_ in choices:
                combo.addItem(label, value)
                if help_:
                    combo.setItemData(combo.count() - 1, help_, Qt.ItemDataRole.ToolTipRole)
            combo.setAccessibleName(q.text)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self._combo_changed)
            lay.addWidget(combo)
            self._combo = combo
            self._first_focus = combo
            return box
        exclusive = q.kind != "multiple"
        group = QButtonGroup(box)
        group.setExclusive(exclusive)
        first: QWidget | None = None
        for value, label, help_ in choices:
            button: QRadioButton | QCheckBox = QRadioButton() if exclusive else QCheckBox()
            if help_:
                button.setToolTip(help_)
            button.setAccessibleName(f"{q.text}: {label}")
            if help_:
                button.setAccessibleDescription(help_)
            group.addButton(button)
            lay.addWidget(_wrapped(button, label))
            self._buttons[value] = button
            first = first or button
        group.buttonClicked.connect(self._button_clicked)
        self._group = group
        self._first_focus = first or box
        return box

    def focus_editor(self) -> None:
        self._first_focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- user edits -> answer_edited ---

    def _number_changed(self, value: float | None) -> None:
        if not self._updating:
            self.answer_edited.emit(self.question.id, value)

    def _combo_changed(self, index: int) -> None:
        if self._updating or self._combo is None:
            return
        self.answer_edited.emit(self.question.id, self._combo.itemData(index))

    def _button_clicked(self, button: QRadioButton | QCheckBox) -> None:
        if self._updating:
            return
        if self.question.kind == "multiple":
            picked = tuple(str(v) for v, b in self._buttons.items() if b.isChecked())
            self.answer_edited.emit(self.question.id, picked or None)
            return
        for value, b in self._buttons.items():
            if b is button:
                self.answer_edited.emit(self.question.id, value)
                return

    # --- model -> widgets ---

    def show_answer(self, value: m.AnswerValue | None) -> None:
        """Show ``value`` without emitting ``answer_edited``."""
        self._updating = True
        try:
            self.clear_button.setEnabled(value is not None)
            if self._number is not None:
                number = None if value is None else float(value)  # type: ignore[arg-type]
                if self._number.value() != number:
                    self._number.set_value(number)
            elif self._combo is not None:
                index = self._combo.findData(value) if value is not None else 0
                if self._combo.currentIndex() != max(0, index):
                    self._combo.setCurrentIndex(max(0, index))
            elif self._group is not None:
                chosen = set(value) if isinstance(value, tuple) else {value}
                exclusive = self._group.exclusive()
                self._group.setExclusive(False)  # lets us uncheck every radio button
                for v, b in self._buttons.items():
                    on = v in chosen and value is not None
                    if b.isChecked() != on:
                        b.setChecked(on)
                self._group.setExclusive(exclusive)
        finally:
            self._updating = False

    def set_open(self, is_open: bool) -> None:
        self.open_marker.setVisible(is_open)


class _AfterPaint(QObject):
    """Calls ``then`` in the event-loop turn after ``widget`` first painted."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


class QuestionnaireWidget(QScrollArea):
    """All questions, grouped by decision area, showing only the relevant ones."""

    answer_edited = Signal(str, object)

    def __init__(
        self, pack: m.Pack, parent: QWidget | None = None, *, defer_offscreen: bool = False
    ) -> None:
        super().__init__(parent)
        self.pack = pack
        self._deferring = defer_offscreen
        self._shown: tuple[Recommendation, Mapping[str, m.AnswerValue]] | None = None
        self.setWidgetResizable(True)
        self.setAccessibleName("Questionnaire")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        inner.setObjectName("questionnaire")
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(8)
        # the widgets built so far (see question_widget), by question id
        self.questions: dict[str, QuestionWidget] = {}
        self.area_boxes: dict[str, QGroupBox] = {}
        self._area_questions: dict[str, list[str]] = {}  # in the pack's order
        for q in pack.questions.values():
            self._area_questions.setdefault(q.area, []).append(q.id)
        self._place: dict[str, tuple[int, int]] = {}  # question -> (area box, row): top down
        for area in sorted(pack.areas, key=lambda a: a.order):
            if area.id not in self._area_questions:
                continue
            box = QGroupBox(area.title)
            box.setAccessibleName(f"Questions about {area.title}")
            box.setVisible(False)  # until one of its questions is relevant
            QVBoxLayout(box).setSpacing(2)
            lay.addWidget(box)
            self.area_boxes[area.id] = box
            for row, qid in enumerate(self._area_questions[area.id]):
                self._place[qid] = (len(self.area_boxes), row)
        self.empty_label = QLabel("No questions apply.")
        lay.addWidget(self.empty_label)
        lay.addStretch(1)
        self.setWidget(inner)
        self.set_theme(current_theme())
        if defer_offscreen:
            # the form's own widget: viewport() would make PySide look up the type of the
            # viewport Qt made (see DiagramView), ~20 ms before the first paint
            _AfterPaint(inner, self.build_deferred)
            QTimer.singleShot(DEFER_MAX_MS, self, self.build_deferred)

    def build_deferred(self) -> None:
        """Build the relevant questions left for after the first paint (idempotent)."""
        if not self._deferring:
            return
        self._deferring = False
        if self._shown is not None:
            self.show_recommendation(*self._shown)

    def question_widget(self, qid: str) -> QuestionWidget:
        """The widget of question ``qid``, built (hidden, in the pack's order) on first use."""
        w = self.questions.get(qid)
        if w is not None:
            return w
        q = self.pack.questions[qid]
        w = QuestionWidget(q)
        w.setVisible(False)
        w.answer_edited.connect(self.answer_edited)
        siblings = self._area_questions[q.area]
        place = sum(1 for other in siblings[: siblings.index(qid)] if other in self.questions)
        layout = self.area_boxes[q.area].layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(place, w)
        self.questions[qid] = w
        return w

    def set_theme(self, theme: Theme) -> None:
        inner = self.widget()
        if inner is None:
            return
        inner.setStyleSheet(
            f"QLabel#helpText {{ color: {theme.muted}; }}"
            f"QLabel#openMarker {{ color: {theme.accent}; font-weight: 600; }}"
            f"QLabel#numberHint {{ color: {theme.ruled_out}; }}"
        )

    def show_recommendation(
        self, rec: Recommendation, answers: Mapping[str, m.AnswerValue]
    ) -> None:
        self._shown = (rec, answers)
        relevant = set(rec.relevant_questions)
        open_ = set(rec.open_questions)
        visible_areas: set[str] = set()
        boxed = [q for q in rec.relevant_questions if q in self._place]
        if self._deferring:  # the top of the form: the questions first on screen
            boxed = sorted(boxed, key=self._place.__getitem__)[:FIRST_PAINT_QUESTIONS]
        for qid in boxed:  # built in the pack's order (sizes then settle as they always did)
            self.question_widget(qid)
        for qid, w in self.questions.items():
            on = qid in relevant
            if w.isHidden() == on:
                w.setVisible(on)
            w.show_answer(answers.get(qid))
            w.set_open(on and qid in open_ and qid not in answers)
            if on:
                visible_areas.add(w.question.area)
        for area_id, box in self.area_boxes.items():
            box.setVisible(area_id in visible_areas)
        self.empty_label.setVisible(not visible_areas)

    def focus_question(self, qid: str) -> None:
        self.build_deferred()
        w = self.questions.get(qid)
        if w is None or w.isHidden():
            return
        self.ensureWidgetVisible(w)
        w.focus_editor()
