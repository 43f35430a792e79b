"""A mock exam: the exam's number of questions in its blueprint's domain mix, timed by its
duration, with flags and review, then a per-domain result and a scaled score.

Scaling: AWS reports a scaled score from 100 to 1,000 (pass at the exam's
``passing_score``, 720 for MLA-C01) but does not publish how raw answers map to it; the
real mapping equates exam forms of different difficulty. This mock uses a straight line,
``100 + 900 * fraction right``, so 720 needs about 69% right. It is an approximation, and
every screen that shows the score says so (:data:`SCALING_NOTE`). All questions count: the
real exam's 15 unscored questions are unmarked, so a mock cannot leave them out.

>>> scaled_score(0, 65), scaled_score(65, 65), scaled_score(45, 65)
(100, 1000, 723)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import UserInputError
from ..pack import model as m
from .exam_tags import stratified
from .items import Item

__all__ = [
    "SCALING_NOTE",
    "DomainResult",
    "MockExam",
    "MockResult",
    "duration_minutes",
    "scaled_score",
]

SCALING_NOTE = (
    "Scaled score = 100 + 900 \u00d7 the fraction answered right (a straight line). AWS does not"
    " publish its scaling, which also adjusts for the difficulty of each exam form, so this"
    " is an approximation."
)


def scaled_score(right: int, total: int) -> int:
    """The approximate scaled score (100-1000) for ``right`` of ``total``."""
    if total <= 0:
        return 100
    return round(100 + 900 * right / total)


def duration_minutes(pack: m.Pack, exam: m.Exam) -> float | None:
    """The exam's duration from the pack fact its ``duration_fact`` names, or None when the
    pack holds no such number."""
    fact = pack.facts.get(exam.duration_fact) if exam.duration_fact else None
    if fact is None or isinstance(fact.value, bool) or not isinstance(fact.value, int | float):
        return None
    return float(fact.value)


@dataclass(frozen=True, slots=True)
class DomainResult:
    domain: str
    name: str
    weight: float
    right: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class MockResult:
    """A finished mock exam, as saved in the progress history."""

    exam: str
    taken_at: dt.datetime
    right: int
    total: int
    unanswered: int
    scaled: int
    passing: int
    seconds_used: int
    timed_out: bool
    domains: tuple[DomainResult, ...]
    wrong: tuple[str, ...] = field(default=())  # item ids answered wrong or not at all

    @property
    def passed(self) -> bool:
        return self.scaled >= self.passing


class MockExam:
    """One sitting: the questions, the responses so far, the flags and the clock.

    Time is passed in (``now``) rather than read, so tests and the widget's timer agree.
    """

    def __init__(
        self,
        pack: m.Pack,
        exam: m.Exam,
        items: Sequence[Item],
        *,
        seed: int | None = None,
        start: dt.datetime | None = None,
        minutes: float | None = None,
    ) -> None:
        placed = [i for i in items if i.exam == exam.code]
        self.exam = exam
        self.items = tuple(stratified(placed, exam, exam.questions, random.Random(seed)))
        if not self.items:
            raise UserInputError(f"no quiz items for {exam.code}: a mock exam needs some")
        self.shortfall = max(0, exam.questions - len(self.items))
        self.minutes = minutes if minutes is not None else duration_minutes(pack, exam)
        self.start = start or dt.datetime.now(dt.UTC)
        self.responses: dict[int, tuple[int, ...]] = {}
        self.flagged: set[int] = set()
        self.result: MockResult | None = None

    # --- the clock --------------------------------------------------------------------

    def seconds_left(self, now: dt.datetime) -> float | None:
        """Seconds left, never below 0; None for an untimed exam (no duration known)."""
        if self.minutes is None:
            return None
        used = (now - self.start).total_seconds()
        return max(0.0, self.minutes * 60 - used)

    def timed_out(self, now: dt.datetime) -> bool:
        left = self.seconds_left(now)
        return left is not None and left <= 0

    # --- answering and flagging ---------------------------------------------------------

    def respond(self, index: int, response: Sequence[int], now: dt.datetime) -> None:
        """Record (or change) the response to question ``index``; an empty one clears it."""
        if self.result is not None or self.timed_out(now):
            raise UserInputError("the exam is over: no more answers")
        if not 0 <= index < len(self.items):
            raise UserInputError(f"no question {index + 1} (1-{len(self.items)})")
        if response:
            self.responses[index] = tuple(response)
        else:
            self.responses.pop(index, None)

    def toggle_flag(self, index: int) -> bool:
        """Flag or unflag question ``index`` for review; True when it is now flagged."""
        if index in self.flagged:
            self.flagged.discard(index)
            return False
        self.flagged.add(index)
        return True

    def review_list(self) -> list[tuple[int, bool, bool]]:
        """For each question: its index, whether it is answered, whether it is flagged."""
        return [(n, n in self.responses, n in self.flagged) for n in range(len(self.items))]

    # --- the end ---------------------------------------------------------------------------

    def finish(self, now: dt.datetime) -> MockResult:
        """Score the exam (once). Unanswered questions count as wrong, as in the real exam."""
        if self.result is not None:
            return self.result
        right_ids: set[int] = {
            n for n, r in self.responses.items() if self.items[n].is_right(r, "today")
        }
        per: dict[str, list[int]] = {d.id: [0, 0] for d in self.exam.domains}
        for n, item in enumerate(self.items):
            row = per.setdefault(item.exam_domain, [0, 0])
            row[0] += int(n in right_ids)
            row[1] += 1
        domains = tuple(
            DomainResult(d.id, d.name, d.weight, per[d.id][0], per[d.id][1])
            for d in self.exam.domains
        )
        used = (now - self.start).total_seconds()
        limit = self.minutes * 60 if self.minutes is not None else used
        self.result = MockResult(
            exam=self.exam.code,
            taken_at=self.start,
            right=len(right_ids),
            total=len(self.items),
            unanswered=len(self.items) - len(self.responses),
            scaled=scaled_score(len(right_ids), len(self.items)),
            passing=self.exam.passing_score,
            seconds_used=int(min(used, limit)),
            timed_out=self.timed_out(now),
            domains=domains,
            wrong=tuple(i.id for n, i in enumerate(self.items) if n not in right_ids),
        )
        return self.result
