"""Place quiz items in an exam's blueprint, and pick items in the blueprint's domain mix.

An item's task statement is found from what it tests: the exam's task table lists, per task,
the pack's services and facts it covers. A fact the item tests counts three times as much as a
service (a fact is narrower); a tie goes to one of the tied tasks picked by the item's id, so
the placement is stable and does not pile every shared service onto the first domain.
Items that touch no task statement are not part of the exam.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence

from ..pack import model as m
from .common import rng_for
from .items import Item

__all__ = ["apportion", "place", "stratified", "tasks_of"]


def _tables(exam: m.Exam) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    by_fact: dict[str, list[str]] = {}
    by_service: dict[str, list[str]] = {}
    for t in exam.tasks():
        for f in t.facts:
            by_fact.setdefault(f, []).append(t.id)
        for s in t.services:
            by_service.setdefault(s, []).append(t.id)
    return by_fact, by_service


def tasks_of(
    item: Item, by_fact: Mapping[str, Sequence[str]], by_service: Mapping[str, Sequence[str]]
) -> list[str]:
    """The task statements ``item`` tests most (several when they tie), sorted; empty when
    it tests none."""
    score: dict[str, int] = {}
    for f in item.facts:
        for t in by_fact.get(f, ()):
            score[t] = score.get(t, 0) + 3
    for s in item.services:
        for t in by_service.get(s, ()):
            score[t] = score.get(t, 0) + 1
    if not score:
        return []
    best = max(score.values())
    return sorted(t for t, v in score.items() if v == best)


def place(items: Iterable[Item], exam: m.Exam) -> tuple[Item, ...]:
    """The items that test a task statement of ``exam``, each tagged with the exam's code,
    the domain and the task.

    An item that ties between task statements of different domains goes to the domain that
    has the fewest items for its weight so far (items taken in id order), so the item bank
    leans towards the blueprint's mix wherever the knowledge allows it."""
    items = tuple(items)
    by_fact, by_service = _tables(exam)
    domain_of = {t.id: d.id for d in exam.domains for t in d.tasks}
    weight = {d.id: d.weight or 1.0 for d in exam.domains}
    placed: dict[str, str] = {}
    open_: list[tuple[Item, list[str]]] = []
    for item in items:
        tied = tasks_of(item, by_fact, by_service)
        if len({domain_of[t] for t in tied}) == 1:
            placed[item.id] = rng_for(f"task.{item.id}").choice(tied)
        elif tied:
            open_.append((item, tied))
    count = {d: 0 for d in weight}
    for task in placed.values():
        count[domain_of[task]] += 1
    for item, tied in sorted(open_, key=lambda x: x[0].id):
        task = min(tied, key=lambda t: (count[domain_of[t]] / weight[domain_of[t]], t))
        placed[item.id] = task
        count[domain_of[task]] += 1
    return tuple(
        dataclasses.replace(item, exam=exam.code, exam_domain=domain_of[t], task=t)
        for item in items
        if (t := placed.get(item.id)) is not None
    )


def apportion(count: int, weights: Mapping[str, float]) -> dict[str, int]:
    """Split ``count`` by ``weights`` (largest remainder): the shares sum to ``count``.

    >>> apportion(65, {"mla-1": 28, "mla-2": 26, "mla-3": 22, "mla-4": 24})
    {'mla-1': 18, 'mla-2': 17, 'mla-3': 14, 'mla-4': 16}
    """
    total = sum(weights.values()) or 1.0
    exact = {k: count * w / total for k, w in weights.items()}
    out = {k: int(v) for k, v in exact.items()}
    rest = count - sum(out.values())
    for k in sorted(exact, key=lambda k: (out[k] - exact[k], k))[:rest]:
        out[k] += 1
    return out


def _mixed_kinds(items: Sequence[Item], rng: random.Random) -> list[Item]:
    """``items`` shuffled, then dealt one kind at a time, so no kind crowds out the others."""
    by_kind: dict[str, list[Item]] = {}
    for i in sorted(items, key=lambda i: i.id):
        by_kind.setdefault(i.kind, []).append(i)
    piles = [by_kind[k] for k in sorted(by_kind)]
    for p in piles:
        rng.shuffle(p)
    rng.shuffle(piles)
    out: list[Item] = []
    while piles:
        for p in piles:
            out.append(p.pop())
        piles = [p for p in piles if p]
    return out


def stratified(items: Sequence[Item], exam: m.Exam, count: int, rng: random.Random) -> list[Item]:
    """``count`` items (fewer when fewer exist) in the exam's domain mix, kinds mixed within
    each domain; a domain short of items leaves its share to the others, so the mix bends
    only as far as the items force it. The result is shuffled."""
    pools = {
        d.id: _mixed_kinds([i for i in items if i.exam_domain == d.id], rng) for d in exam.domains
    }
    weights = {d.id: d.weight for d in exam.domains}
    want = apportion(min(count, sum(len(p) for p in pools.values())), weights)
    taken = {d: min(n, len(pools[d])) for d, n in want.items()}
    short = sum(want.values()) - sum(taken.values())
    while short > 0:  # hand the missing share to the domains with items left, by weight
        spare = {d: weights[d] for d in pools if len(pools[d]) > taken[d]}
        extra = apportion(short, spare)
        for d, n in extra.items():
            add = min(n, len(pools[d]) - taken[d])
            taken[d] += add
            short -= add
    out = [i for d, n in taken.items() for i in pools[d][:n]]
    rng.shuffle(out)
    return out
