"""How well the pack covers an exam: per task statement, its facts, services and quiz items.

A task statement with no fact, no service or no quiz item is a gap: a student reviewing
for that task would find nothing to learn or nothing to practise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..pack import model as m
from .items import Item

__all__ = ["Coverage", "TaskCoverage", "coverage"]


@dataclass(frozen=True, slots=True)
class TaskCoverage:
    """What covers one task statement."""

    domain: m.ExamDomain
    task: m.ExamTask
    facts: tuple[str, ...]
    services: tuple[str, ...]
    items: int
    qtypes: tuple[tuple[str, int], ...] = ()  # (question type, items), most first
    untested: tuple[str, ...] = ()  # the task's facts that no quiz item of the exam tests

    @property
    def gaps(self) -> tuple[str, ...]:
        """What this task has none of: ``facts``, ``services``, ``quiz items``."""
        counts = {
            "facts": len(self.facts),
            "services": len(self.services),
            "quiz items": self.items,
        }
        return tuple(k for k, v in counts.items() if v == 0)


@dataclass(frozen=True, slots=True)
class Coverage:
    exam: m.Exam
    tasks: tuple[TaskCoverage, ...]

    @property
    def gaps(self) -> tuple[TaskCoverage, ...]:
        return tuple(t for t in self.tasks if t.gaps)

    def domain_items(self) -> dict[str, int]:
        """Quiz items per domain id, in the blueprint's order."""
        out = {d.id: 0 for d in self.exam.domains}
        for t in self.tasks:
            out[t.domain.id] += t.items
        return out


def coverage(pack: m.Pack, exam: m.Exam, items: Iterable[Item]) -> Coverage:
    """Coverage of ``exam`` by ``pack`` and by quiz ``items`` placed in the exam.

    Items count for the task in their ``task`` field (see :mod:`.exam_tags`); facts and
    services are the ones the exam's task table lists that the pack holds.

    >>> import datetime as dt
    >>> src = m.Source("Guide", "https://example.com")
    >>> task = m.ExamTask("x-1.1", "Ingest", services=("s3",))
    >>> dom = m.ExamDomain("x-1", "Data", 100, (task,))
    >>> exam = m.Exam("x", "X-C01", "X", "current", None, True, 65, "", 720, (dom,), src,
    ...               dt.date(2026, 12, 1))
    >>> pack = m.Pack("p", "P", "1", dt.date(2026, 12, 1), 1, ".", services={"s3": None})
    >>> cov = coverage(pack, exam, [])
    >>> cov.tasks[0].services, cov.tasks[0].gaps
    (('s3',), ('facts', 'quiz items'))
    """
    counts: Counter[str] = Counter()
    qtypes: dict[str, Counter[str]] = {}
    tested: set[str] = set()
    for item in items:
        if item.exam == exam.code and item.task:
            counts[item.task] += 1
            qtypes.setdefault(item.task, Counter())[item.qtype] += 1
            tested.update(item.facts)
    out = []
    for d in exam.domains:
        for t in d.tasks:
            out.append(
                TaskCoverage(
                    domain=d,
                    task=t,
                    facts=tuple(f for f in t.facts if f in pack.facts),
                    services=tuple(s for s in t.services if s in pack.services),
                    items=counts[t.id],
                    qtypes=tuple(qtypes.get(t.id, Counter()).most_common()),
                    untested=tuple(f for f in t.facts if f in pack.facts and f not in tested),
                )
            )
    return Coverage(exam, tuple(out))
