"""Helpers the quiz generators share: seeded choice order, text and number handling, and
:class:`Ctx`, the per-pack lookups (related services, facts per service, sources, domains).

Generation is deterministic: distractors and choice order come from a random generator
seeded with the item's id (never from ``hash()``), so the same pack always yields the same
items.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..pack import model as m
from .items import Item

__all__ = [
    "BLANK",
    "CAMEL",
    "DEFAULT_DOMAIN",
    "NOT_EXHAUSTIVE",
    "Ctx",
    "blank_number",
    "fact_item",
    "finish",
    "good_use_case",
    "in_text",
    "is_number",
    "lower_first",
    "nice",
    "norm_text",
    "number_spellings",
    "numeric_distractors",
    "quote",
    "rng_for",
    "shape_of",
    "short_hash",
    "short_unit",
    "state_words",
    "unit_family",
]

DEFAULT_DOMAIN = {
    "ingestion": "data-engineering",
    "transformation": "data-engineering",
    "analytics": "exploratory-data-analysis",
    "storage": "data-engineering",
    "sagemaker-build": "modeling",
    "sagemaker-train": "modeling",
}


def rng_for(key: str) -> random.Random:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return random.Random(int(digest[:16], 16))


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=1 << 16)
def norm_text(text: str) -> str:
    """Lower case, words only (memoised: the distractor searches ask for the same texts
    thousands of times).

    >>> norm_text("SageMaker AI (hosting)")
    'sagemaker ai hosting'
    """
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def finish(
    rng: random.Random,
    correct: tuple[str, str],
    distractors: Sequence[tuple[str, str]],
    *,
    notes: tuple[str, str] | None = None,
    order: str = "shuffle",
) -> tuple[tuple[str, ...], tuple[str, ...], int, int | None]:
    """Shuffle (or sort numerically) the (text, key) choices; return texts, keys and answers."""
    pairs = [correct, *distractors]
    if notes is not None and notes not in pairs:
        pairs.insert(1, notes)
    if order == "numeric":
        pairs.sort(key=lambda p: float(p[1]))
    else:
        rng.shuffle(pairs)
    texts = tuple(p[0] for p in pairs)
    keys = tuple(p[1] for p in pairs)
    return texts, keys, pairs.index(correct), (pairs.index(notes) if notes is not None else None)


class Ctx:
    """Per-pack lookups shared by the generators."""

    def __init__(self, pack: m.Pack) -> None:
        self.pack = pack
        self.related: dict[str, set[str]] = {s: set() for s in pack.services}
        for r in pack.relations:
            self.related.setdefault(r.source, set()).add(r.target)
            self.related.setdefault(r.target, set()).add(r.source)
        children: dict[str, set[str]] = {}
        for s in pack.services.values():
            if s.part_of:
                self.related[s.id].add(s.part_of)
                self.related.setdefault(s.part_of, set()).add(s.id)
                children.setdefault(s.part_of, set()).add(s.id)
        for kids in children.values():  # siblings under one parent are too close to tell apart
            for k in kids:
                self.related[k] |= kids - {k}
        for s in pack.services.values():
            for sug in s.status.suggest:
                self.related[s.id].add(sug)
                self.related.setdefault(sug, set()).add(s.id)
        self.facts_about: dict[str, list[m.Fact]] = {}
        for f in pack.facts.values():
            for sid in f.about:
                self.facts_about.setdefault(sid, []).append(f)
        self.notes_differ = {
            sid for sid, fs in self.facts_about.items() if any(f.exam_notes for f in fs)
        }
        # results several generators ask for (a fact's outsiders), for this pack only
        self.memo: dict[tuple[str, ...], list[str]] = {}

    def near(self, ids: Iterable[str]) -> tuple[set[str], set[str]]:
        """The services too close to any of ``ids`` (see :meth:`close`): the ids and their
        relatives, and the id prefixes they share; ``o`` is close to one of them when
        ``o in ids_`` or its prefix is in ``prefixes``."""
        ids = set(ids)
        out = set(ids)
        for a in ids:
            out |= self.related.get(a, set())
        return out, {a.split("-")[0] for a in ids}

    def close(self, a: str, b: str) -> bool:
        """Services too close to serve as each other's distractors."""
        if a == b or b in self.related.get(a, ()):
            return True
        return a.split("-")[0] == b.split("-")[0]

    def source_for(self, service: m.Service) -> m.Source | None:
        if service.url:
            return m.Source(service.name, service.url)
        if service.status.source is not None:
            return service.status.source
        facts = self.facts_about.get(service.id, [])
        return facts[0].source if facts else None

    def domain_of(self, service: m.Service | None, fact: m.Fact | None = None) -> str:
        if fact is not None and fact.domains:
            return fact.domains[0]
        if service is not None and service.domains:
            return service.domains[0]
        category = service.category if service else ""
        return DEFAULT_DOMAIN.get(category, "ml-implementation-operations")

    def topic_of_fact(self, fact: m.Fact) -> tuple[m.Service | None, str]:
        for sid in fact.about:
            s = self.pack.services.get(sid)
            if s is not None:
                return s, s.category
        return None, "integration"


def good_use_case(text: str) -> bool:
    """Whole use cases only: a YAML flow list split at a comma leaves fragments."""
    return len(text.split()) >= 3 and text[:1].isupper()


def lower_first(title: str) -> str:
    """``Deployment option`` -> ``deployment option``; ``AI service`` stays.

    >>> lower_first("Deployment option"), lower_first("AI service")
    ('deployment option', 'AI service')
    """
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def state_words(s: m.Service) -> str:
    since = f" since {s.status.since.isoformat()}" if s.status.since else ""
    if s.status.state == "discontinued":
        return f"discontinued{since}"
    if s.status.state == "closed":
        return f"closed to new customers{since}"
    return "available"


# numbers -------------------------------------------------------------------------------------

_NUM_EDGE_BEFORE = r"(?<![\w.,/-])"
_NUM_EDGE_AFTER = r"(?![\w/-]|[.,]\d)"
BLANK = "____"


def number_spellings(v: float) -> list[str]:
    out = []
    if float(v).is_integer():
        i = int(v)
        out += [f"{i:,}", str(i)]
        if v != i or isinstance(v, float):
            out.append(f"{float(v)}")
    else:
        out.append(repr(float(v)))
    return list(dict.fromkeys(out))


def blank_number(statement: str, value: float) -> str | None:
    """The statement with every spelling of ``value`` blanked, or None if it is not there."""
    spellings = sorted(number_spellings(value), key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in spellings)
    pattern = f"{_NUM_EDGE_BEFORE}({alternatives}){_NUM_EDGE_AFTER}"
    blanked, n = re.subn(pattern, BLANK, statement)
    return blanked if n else None


def unit_family(unit: str) -> str:
    return unit.split(" ")[0].lower() if unit else ""


def short_unit(unit: str) -> str:
    """The unit as a choice shows it: ``MB/s per shard (write)`` -> ``MB/s``.

    >>> short_unit("MB/s per shard (write)"), short_unit("default weight"), short_unit("s")
    ('MB/s', '', 's')
    """
    word = unit.split(" ")[0] if unit else ""
    return "" if word in ("default",) else word


def nice(x: float) -> float:
    if x <= 0:
        return 0.0
    digits = len(str(int(abs(x)))) if x >= 1 else 1
    r = round(x, 2 - digits) if digits > 2 else round(x, 1)
    return float(int(r)) if float(r).is_integer() else r


def numeric_distractors(
    rng: random.Random,
    value: float,
    pool: Iterable[float],
    avoid: set[float],
    k: int,
    *,
    upward: bool = False,
) -> list[float]:
    """``k`` plausible values different from ``value`` and ``avoid``: from the pool, then scaled."""
    integral = float(value).is_integer()
    taken: set[float] = {float(value), *avoid}
    out: list[float] = []
    pool_list = sorted({float(p) for p in pool} - taken)
    if upward:
        pool_list = [p for p in pool_list if p > value]
    rng.shuffle(pool_list)
    for p in pool_list[: max(0, k - 1)]:
        out.append(p)
        taken.add(p)
    factors = [2, 4, 10, 3, 1.5, 8] if upward else [2, 0.5, 4, 10, 0.25, 3, 1.5, 0.1, 8]
    rng.shuffle(factors)
    extra: list[float] = []
    if value == 0:
        extra = [1.0, 2.0, 5.0, 10.0]
    else:
        extra = [nice(value * f) for f in factors]
        if integral:
            extra = [float(round(x)) for x in extra] + [value + 1, value + 2, value + 5]
    for x in extra:
        if len(out) >= k:
            break
        if x in taken or (x <= 0 and value > 0) or (upward and x <= value):
            continue
        out.append(x)
        taken.add(x)
    return out


def fact_item(
    c: Ctx,
    f: m.Fact,
    item_id: str,
    kind: str,
    question: str,
    choices: tuple[str, ...],
    keys: tuple[str, ...],
    answer: int,
    notes_answer: int | None,
) -> Item:
    """An item that asks for one fact's value; the fact's statement is the explanation."""
    service, topic = c.topic_of_fact(f)
    return Item(
        id=item_id,
        kind=kind,
        question=question,
        choices=choices,
        answer=answer,
        explanation=f.statement,
        source=f.source,
        topic=topic,
        domain=c.domain_of(service, f),
        facts=(f.id,),
        services=tuple(f.about),
        notes_answer=notes_answer,
        notes_explanation=f.exam_notes.statement if f.exam_notes else "",
        choice_keys=keys,
    )


def in_text(member: str, text: str) -> bool:
    return f" {norm_text(member)} " in f" {norm_text(text)} "


# "including Spark, Hive, ...": a list that is not the whole list (an outsider may belong)
NOT_EXHAUSTIVE = re.compile(
    r"\b(including|such as|for example|e\.g\.|and others|among others)\b", re.IGNORECASE
)
CAMEL = re.compile(r"(?:[A-Z][a-z0-9]+){2,}")


@lru_cache(maxsize=1 << 14)
def _shape_one(v: str) -> str:
    if re.fullmatch(r"[\d.,]+", v):
        return "num"
    if CAMEL.fullmatch(v):
        return "api"
    if v.isupper():
        return "upper"
    return "lower" if v[:1].islower() else "words"


def shape_of(values: Sequence[str]) -> str:
    """What kind of words a list holds, so an outsider looks like its members.

    >>> [shape_of(v) for v in (["1024", "2048"], ["CreateModel"], ["ECOMMERCE"], ["canary"])]
    ['num', 'api', 'upper', 'lower']
    """
    kinds = [_shape_one(v) for v in values]
    return max(sorted(set(kinds)), key=kinds.count)
