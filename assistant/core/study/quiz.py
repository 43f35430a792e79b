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
from .facts import cloze_items, limit_items, not_member_items, not_supported_items, not_true_items
from .items import KINDS, MODES, Item
from .scenario import scenario_items
from .search import notes_pack
from .services import handwritten_items, status_items, use_case_items

__all__ = [
    "KINDS",
    "MODES",
    "Item",
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
        not_true_items(c),
        use_case_items(c),
    ):
        for item in batch:
            items.setdefault(item.id, item)
    return tuple(items.values())


def topics(items: Iterable[Item]) -> tuple[list[str], list[str]]:
    """The categories and the exam domains that have items, each sorted."""
    items = list(items)
    return sorted({i.topic for i in items}), sorted({i.domain for i in items})


def select(
    items: Sequence[Item],
    *,
    count: int | None = None,
    topic: str | None = None,
    mode: str = "today",
    seed: int | None = None,
) -> list[Item]:
    """Pick ``count`` items (all when None) for ``topic`` (a category, an exam domain or an item
    kind), usable in ``mode``, in an order fixed by ``seed``.

    Raises:
        UserInputError: for an unknown topic or mode, listing the valid ones.
    """
    if mode not in MODES:
        raise UserInputError(f"unknown mode '{mode}' (valid: {', '.join(MODES)})")
    pool = [i for i in items if mode in i.modes]
    if topic:
        t = topic.strip().lower()
        chosen = [i for i in pool if t in (i.topic, i.domain, i.kind)]
        if not chosen:
            cats, doms = topics(items)
            kinds = sorted({i.kind for i in items})
            raise UserInputError(
                f"no quiz items for topic '{topic}'\nvalid topics: {', '.join(cats)}\n"
                f"exam domains: {', '.join(doms)}\nitem kinds: {', '.join(kinds)}"
            )
        pool = chosen
    rng = random.Random(seed)
    pool = sorted(pool, key=lambda i: i.id)
    rng.shuffle(pool)
    return pool if count is None else pool[: max(0, count)]
