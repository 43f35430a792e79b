"""Quiz items generated from a knowledge pack, plus the pack's hand-written ones.

The item model lives in :mod:`.items`, the generators by what they ask about in
:mod:`.services`, :mod:`.facts` and :mod:`.scenario`; this module puts them together
(:func:`generate`) and picks a session's items (:func:`select`).

Ids name what an item is about (a fact, a service, an option) rather than its position,
so study progress keyed by id survives pack updates.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..errors import UserInputError
from ..pack import model as m
from .common import Ctx
from .exam_tags import place, stratified
from .facts import (
    cloze_items,
    limit_items,
    member_items,
    not_member_items,
    not_supported_items,
    not_true_items,
)
from .formats import match_items, order_items, pick_two_items
from .items import KINDS, MODES, Item
from .owners import relation_items, which_service_items
from .scenario import scenario_items
from .search import notes_pack
from .services import handwritten_items, status_items, use_case_items

__all__ = [
    "KINDS",
    "MODES",
    "Item",
    "exam_items",
    "exam_of",
    "generate",
    "notes_pack",
    "select",
    "topics",
]


@lru_cache(maxsize=4)
def generate(pack: m.Pack) -> tuple[Item, ...]:
    """Every quiz item for ``pack``: hand-written first, then generated, ids unique.

    Cached per pack object (a pack compares by identity), so the Study workspace and the CLI
    generate once per loaded pack; the items serve both modes (:func:`select` picks a mode's).
    """
    c = Ctx(pack)
    items: dict[str, Item] = {}
    for batch in (
        handwritten_items(pack),
        scenario_items(c),
        limit_items(c),
        cloze_items(c),
        status_items(c),
        not_supported_items(c),
        not_member_items(c),
        member_items(c),
        not_true_items(c),
        use_case_items(c),
        pick_two_items(c),
        order_items(c),
        match_items(c),
        which_service_items(c),
        relation_items(c),
    ):
        for item in batch:
            items.setdefault(item.id, item)
    # one item per question text: two items asking the same words are one question to a student
    asked: dict[str, Item] = {}
    for item in items.values():
        asked.setdefault(item.question, item)
    return tuple(asked.values())


def exam_of(pack: m.Pack, code: str | None = None) -> m.Exam | None:
    """The exam named by ``code`` (an id or code, any case), else the pack's default one.

    Raises:
        UserInputError: for an unknown code, listing the pack's exams.
    """
    if code is None:
        return pack.default_exam()
    exam = pack.exam(code)
    if exam is None:
        known = ", ".join(f"{e.code} ({e.status})" for e in pack.exams.values()) or "none"
        raise UserInputError(f"unknown exam '{code}' (this pack has: {known})")
    return exam


@lru_cache(maxsize=8)
def exam_items(pack: m.Pack, exam: m.Exam | None) -> tuple[Item, ...]:
    """The items of ``exam`` (tagged with its domain and task), or every item without one."""
    items = generate(pack)
    return items if exam is None else place(items, exam)


def _match_domain(exam: m.Exam, text: str) -> str:
    """``mla-1``, ``1`` or ``domain-1`` name the first domain."""
    t = text.strip().lower().removeprefix("domain-").removeprefix("domain ")
    for n, d in enumerate(exam.domains, 1):
        if t in (d.id.lower(), str(n), d.id.lower().split("-")[-1]):
            return d.id
    valid = ", ".join(f"{d.id} ({d.name})" for d in exam.domains)
    raise UserInputError(f"unknown domain '{text}' for {exam.code} (valid: {valid})")


def _match_task(exam: m.Exam, text: str) -> str:
    """``mla-1.1`` or ``1.1`` name the first task statement."""
    t = text.strip().lower().removeprefix("task-").removeprefix("task ")
    for task in exam.tasks():
        if t in (task.id.lower(), task.id.lower().split("-")[-1]):
            return task.id
    valid = ", ".join(task.id for task in exam.tasks())
    raise UserInputError(f"unknown task statement '{text}' for {exam.code} (valid: {valid})")


def topics(items: Iterable[Item]) -> tuple[list[str], list[str]]:
    """The categories and the exam domains that have items, each sorted."""
    items = list(items)
    return sorted({i.topic for i in items}), sorted({i.domain for i in items})


def _by_topic(pool: list[Item], items: Sequence[Item], topic: str) -> list[Item]:
    t = topic.strip().lower()
    chosen = [i for i in pool if t in (i.topic, i.domain, i.kind, i.exam_domain, i.task, i.qtype)]
    if not chosen:
        cats, doms = topics(items)
        kinds = sorted({i.kind for i in items})
        raise UserInputError(
            f"no quiz items for topic '{topic}'\nvalid topics: {', '.join(cats)}\n"
            f"exam domains: {', '.join(doms)}\nitem kinds: {', '.join(kinds)}"
        )
    return chosen


def _by_blueprint(
    pool: list[Item], exam: m.Exam | None, domain: str | None, task: str | None
) -> list[Item]:
    if exam is None:
        raise UserInputError("a domain or task filter needs an exam, and this pack has none")
    if domain:
        d = _match_domain(exam, domain)
        pool = [i for i in pool if i.exam_domain == d]
    if task:
        k = _match_task(exam, task)
        pool = [i for i in pool if i.task == k]
    return pool


def select(
    items: Sequence[Item],
    *,
    count: int | None = None,
    topic: str | None = None,
    mode: str = "today",
    seed: int | None = None,
    exam: m.Exam | None = None,
    domain: str | None = None,
    task: str | None = None,
) -> list[Item]:
    """Pick ``count`` items (all when None) for ``topic`` (a category, an exam domain or an item
    kind), usable in ``mode``, in an order fixed by ``seed``. With ``exam`` (and items placed
    in it, see :func:`exam_items`) ``domain`` and ``task`` filter by the blueprint, and a
    ``count`` follows the blueprint's domain mix. Fewer items come back when fewer exist.

    Raises:
        UserInputError: for an unknown topic, mode, domain or task, listing the valid ones.
    """
    if mode not in MODES:
        raise UserInputError(f"unknown mode '{mode}' (valid: {', '.join(MODES)})")
    pool = [i for i in items if mode in i.modes]
    if topic:
        pool = _by_topic(pool, items, topic)
    if domain or task:
        pool = _by_blueprint(pool, exam, domain, task)
    rng = random.Random(seed)
    if exam is not None and count is not None and not (domain or task):
        return stratified(sorted(pool, key=lambda i: i.id), exam, max(0, count), rng)
    pool = sorted(pool, key=lambda i: i.id)
    rng.shuffle(pool)
    return pool if count is None else pool[: max(0, count)]
