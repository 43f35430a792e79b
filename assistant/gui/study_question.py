"""One question of any exam type, shown and answered: the Study session and the mock exam both
use it.

Multiple choice answers at the first click (or key); multiple response toggles choices;
ordering takes the choices in the order they are clicked (click again to take one back);
matching has a drop-down per prompt. :meth:`QuestionView.response` is what the core's
``Item.is_right`` and ``choice_marks`` expect; :meth:`QuestionView.show_marks` colours the
choices by the marks the core returns (whether each *choice* is right).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.study.items import QTYPE_TITLES, Item

__all__ = ["MARK_STYLES", "QuestionView"]

_BASE = "QPushButton { text-align: left; padding: 7px 10px; "
MARK_STYLES = {
    "": _BASE + "}",
    "picked": _BASE + "background: #e4ecfb; color: #1d3a75; border: 2px solid #3563c9; }",
    "right": _BASE + "background: #dff3e4; color: #14532d; border: 2px solid #1a7f37; }",
    "wrong": _BASE + "background: #fde8e8; color: #7f1d1d; border: 2px solid #c53030; }",
    "missed": _BASE + "background: #fff4e5; color: #5c3b00; border: 2px dashed #b35c00; }",
}
MARK_WORDS = {
    "right": "\u2713 right choice",
    "wrong": "\u2717 not right",
    "missed": "\u2190 a right choice you left out",
}
MAX_CHOICES = 8


class QuestionView(QWidget):
    """Shows an item and collects a response.

    Signals:
        answered(tuple): a complete response for a multiple-choice item (one click), or
            :meth:`submit` for the other types.
        changed(): the response so far changed (the mock exam saves it).
    """

    answered = Signal(tuple)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, submits: bool = True) -> None:
        super().__init__(parent)
        self.submits = submits  # False in the mock exam: every click is saved, Enter goes on
        self.item: Item | None = None
        self.picked: list[int] = []
        self.locked = False
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel()
        self.kind_label.setObjectName("questionType")
        self.kind_label.setStyleSheet("color: palette(placeholder-text);")
        v.addWidget(self.kind_label)
        self.question = QLabel()
        self.question.setObjectName("studyQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.question.setFont(font)
        v.addWidget(self.question)
        self.prompt_form = QFormLayout()
        self.prompt_boxes: list[QComboBox] = []
        v.addLayout(self.prompt_form)
        self.choice_buttons: list[QPushButton] = []
        for n in range(MAX_CHOICES):
            b = QPushButton()
            b.setObjectName(f"studyChoice{n + 1}")
            # focus stays on the workspace so the number keys and Enter always reach it
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            b.clicked.connect(lambda _c=False, k=n: self.click(k))
            v.addWidget(b)
            b.hide()
            self.choice_buttons.append(b)

    # --- showing ----------------------------------------------------------------------------

    def show_item(self, item: Item, response: Sequence[int] = ()) -> None:
        """Show ``item``, with ``response`` already given (the mock exam's review)."""
        self.item = item
        self.locked = False
        self.picked = [] if item.qtype == "matching" else list(response)
        how = {
            "single": "choose one (keys 1-{n})",
            "multiple": "choose {k} (keys 1-{n} toggle{enter})",
            "ordering": "click all {n} in order (a second click takes one back{enter})",
            "matching": "choose the match for each prompt{enter}",
        }[item.qtype].format(
            n=len(item.choices), k=len(item.key), enter="; Enter submits" if self.submits else ""
        )
        self.kind_label.setText(f"{QTYPE_TITLES[item.qtype].capitalize()}: {how}")
        self.question.setText(item.question)
        self._prompts(item, response)
        for n, b in enumerate(self.choice_buttons):
            b.setVisible(n < len(item.choices))
            b.setEnabled(n < len(item.choices))
        self._paint()

    def _prompts(self, item: Item, response: Sequence[int]) -> None:
        while self.prompt_form.rowCount():
            self.prompt_form.removeRow(0)
        self.prompt_boxes = []
        for n, prompt in enumerate(item.prompts):
            box = QComboBox()
            box.setObjectName(f"matchPrompt{n + 1}")
            box.addItem("\u2014 choose \u2014", -1)
            for k, choice in enumerate(item.choices):
                box.addItem(f"{k + 1}. {choice}", k)
            if n < len(response):
                box.setCurrentIndex(box.findData(response[n]))
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
            label = QLabel(f"{chr(ord('a') + n)}) {prompt}")
            label.setWordWrap(True)
            label.setMinimumWidth(380)
            self.prompt_form.addRow(label, box)
            self.prompt_boxes.append(box)

    def _paint(self, marks: Sequence[str] = ()) -> None:
        item = self.item
        if item is None:
            return
        for n, b in enumerate(self.choice_buttons[: len(item.choices)]):
            mark = marks[n] if n < len(marks) else ""
            prefix = f"{n + 1}.  "
            if item.qtype == "ordering" and n in self.picked:
                prefix = f"{n + 1}.  [#{self.picked.index(n) + 1}]  "
            words = f"   ({MARK_WORDS[mark]})" if mark in MARK_WORDS else ""
            b.setText(prefix + item.choices[n] + words)
            style = mark or ("picked" if n in self.picked and not self.locked else "")
            b.setStyleSheet(MARK_STYLES[style])

    def show_marks(self, marks: Sequence[str]) -> None:
        """Lock the question and colour each choice by its mark (right / wrong / missed)."""
        self.locked = True
        for b in self.choice_buttons:
            b.setEnabled(False)
        item = self.item
        for n, box in enumerate(self.prompt_boxes):
            box.setEnabled(False)
            if item is not None and n < len(item.key):
                right = box.currentData() == item.key[n]
                color = "#1a7f37" if right else "#c53030"
                box.setStyleSheet(f"QComboBox {{ border: 2px solid {color}; }}")
                box.setToolTip("Right" if right else f"Right: {item.choices[item.key[n]]}")
        self._paint(marks)

    # --- answering ---------------------------------------------------------------------------

    def response(self) -> tuple[int, ...]:
        """The response so far, as ``Item.is_right`` reads it."""
        if self.item is not None and self.item.qtype == "matching":
            return tuple(int(box.currentData()) for box in self.prompt_boxes)
        if self.item is not None and self.item.qtype == "multiple":
            return tuple(sorted(self.picked))
        return tuple(self.picked)

    def response_partial(self) -> tuple[int, ...]:
        """The response so far, empty when nothing is chosen (a matching item's unset
        prompts stay -1, so a half-matched item keeps its place but is not right)."""
        r = self.response()
        return () if all(k < 0 for k in r) else r

    def complete(self) -> bool:
        """Whether the response has as many parts as the item needs."""
        item = self.item
        if item is None:
            return False
        r = self.response()
        if item.qtype == "matching":
            return all(k >= 0 for k in r) and len(r) == len(item.prompts)
        return len(r) == len(item.response_key())

    def click(self, index: int) -> None:
        """A click on choice ``index`` (or its number key)."""
        item = self.item
        if item is None or self.locked or not 0 <= index < len(item.choices):
            return
        if item.qtype == "single":
            self.picked = [index]
            self._paint()
            self.changed.emit()
            self.answered.emit((index,))
            return
        if item.qtype == "matching":
            return  # answered with the drop-downs
        if index in self.picked:
            self.picked.remove(index)
        elif item.qtype == "ordering" or len(self.picked) < len(item.key):
            self.picked.append(index)
        self._paint()
        self.changed.emit()

    def submit(self) -> bool:
        """Hand in a complete response (Enter); False when it is not complete yet."""
        if self.item is None or self.locked or not self.complete():
            return False
        self.answered.emit(self.response())
        return True
