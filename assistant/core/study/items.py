"""The quiz item: one question with its choices, answer(s), explanation and source.

Every :class:`Item` has exactly one correct choice under the pack's facts, an
explanation and a source. Where the exam notes differ from today's AWS an item
carries a second answer index (``notes_answer``); :meth:`Item.correct` picks the
one for a mode (``"today"`` or ``"notes"``) and :meth:`Item.mode_label` says which
one a student is being asked for.

>>> s = m.Source("Doc", "https://example.com")
>>> item = Item("x", "limit", "Q?", ("5", "15"), 1, "Because.", s, "sagemaker-deploy",
...             "modeling", notes_answer=0)
>>> item.correct("today"), item.correct("notes"), item.mode_label("notes")
(1, 0, 'as the exam notes say')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..pack import model as m

__all__ = ["KINDS", "MODES", "MODE_LABELS", "QTYPES", "QTYPE_TITLES", "Item"]

MODES = ("today", "notes")
KINDS = (
    "handwritten",
    "use_case",
    "what_for",
    "limit",
    "cloze",
    "not_member",
    "not_true",
    "not_supported",
    "status",
    "suggest",
    "closed_which",
    "scenario",
    "pick_two",
    "order",
    "match",
)
# The exam's question types (EXAM.md section 1): one right answer, two or more right answers
# (all must be chosen), responses put in order, responses matched to prompts.
QTYPES = ("single", "multiple", "ordering", "matching")
QTYPE_TITLES = {
    "single": "multiple choice",
    "multiple": "multiple response",
    "ordering": "ordering",
    "matching": "matching",
}
MODE_LABELS = {"today": "as AWS is today", "notes": "as the exam notes say"}


@dataclass(frozen=True, slots=True)
class Item:
    """One exam-style question.

    ``choice_keys`` name what each choice stands for (a service id, an option id,
    a value), so tests and the GUI can check and link choices without parsing text.
    ``modes`` lists the modes in which the item has exactly one correct answer.

    ``qtype`` is the exam's question type. A ``single`` item's answer is ``answer``; the
    others keep theirs in ``key``: the right choices (``multiple``), the choices in the
    right order (``ordering``), or for each of ``prompts`` the choice that matches it
    (``matching``). ``exam``, ``exam_domain`` and ``task`` place the item in an exam's
    blueprint (``MLA-C01``, ``mla-1``, ``mla-1.1``; see :mod:`.exam_tags`).

    >>> s = m.Source("Doc", "https://example.com")
    >>> two = Item("t", "pick_two", "Which TWO?", ("a", "b", "c", "d", "e"), 1, "Why.", s,
    ...            "storage", "data-engineering", qtype="multiple", key=(1, 3))
    >>> two.is_right([3, 1]), two.is_right([1]), two.answer_text()
    (True, False, 'b; d')
    """

    id: str
    kind: str
    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    source: m.Source
    topic: str
    domain: str
    facts: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    notes_answer: int | None = None
    notes_explanation: str = ""
    choice_keys: tuple[str, ...] = ()
    scenario: tuple[tuple[str, m.AnswerValue], ...] = ()
    modes: tuple[str, ...] = MODES
    more_sources: tuple[m.Source, ...] = field(default=())
    qtype: str = "single"
    key: tuple[int, ...] = ()
    prompts: tuple[str, ...] = ()
    exam: str = ""
    exam_domain: str = ""
    task: str = ""

    @property
    def study_domain(self) -> str:
        """The domain a student's results count for: the exam's (``mla-1``) when the item is
        placed in an exam, else the pack's domain."""
        return self.exam_domain or self.domain

    def response_key(self, mode: str = "today") -> tuple[int, ...]:
        """The right response: one index (single), the right indexes sorted (multiple), the
        indexes in order (ordering), or the index matched to each prompt (matching)."""
        return (self.correct(mode),) if self.qtype == "single" else self.key

    def is_right(self, response: Sequence[int], mode: str = "today") -> bool:
        """Whether ``response`` (as :meth:`response_key` describes it) is all right."""
        want = self.response_key(mode)
        if self.qtype == "multiple":
            return sorted(set(response)) == sorted(want) and len(response) == len(want)
        return tuple(response) == want

    def answer_text(self, mode: str = "today") -> str:
        """The right response in words."""
        key = self.response_key(mode)
        if self.qtype == "matching":
            return "; ".join(
                f"{p} \u2192 {self.choices[k]}" for p, k in zip(self.prompts, key, strict=True)
            )
        sep = " \u2192 " if self.qtype == "ordering" else "; "
        return sep.join(self.choices[k] for k in key)

    @property
    def differs(self) -> bool:
        """True when the exam notes and today's AWS give different answers."""
        return self.notes_answer is not None and self.notes_answer != self.answer

    def correct(self, mode: str = "today") -> int:
        """The index of the correct choice in ``mode``."""
        if mode == "notes" and self.notes_answer is not None:
            return self.notes_answer
        return self.answer

    def mode_label(self, mode: str = "today") -> str:
        """ "as AWS is today" / "as the exam notes say" where they differ, else ""."""
        return MODE_LABELS.get(mode, "") if self.differs else ""

    def explanation_for(self, mode: str = "today") -> str:
        if mode == "notes" and self.differs and self.notes_explanation:
            return f"{self.notes_explanation} Today: {self.explanation}"
        if mode == "today" and self.differs and self.notes_explanation:
            return f"{self.explanation} (The exam notes differ: {self.notes_explanation})"
        return self.explanation

    def to_dict(self, mode: str = "today") -> dict[str, object]:
        """A JSON-ready description of the item as asked in ``mode``."""
        return {
            "id": self.id,
            "kind": self.kind,
            "question": self.question,
            "choices": list(self.choices),
            "answer": self.correct(mode),
            "answer_text": self.answer_text(mode),
            "type": self.qtype,
            "key": list(self.response_key(mode)),
            "prompts": list(self.prompts),
            "mode": mode if self.differs else None,
            "mode_label": self.mode_label(mode),
            "answer_today": self.answer,
            "answer_notes": self.notes_answer if self.notes_answer is not None else self.answer,
            "explanation": self.explanation_for(mode),
            "source": {"title": self.source.title, "url": self.source.url},
            "topic": self.topic,
            "exam": self.exam or None,
            "domain": self.study_domain,
            "task": self.task or None,
            "pack_domain": self.domain,
            "facts": list(self.facts),
            "services": list(self.services),
        }
