"""Items that ask which service a fact or a relation is about:

* ``which_service``: a fact's statement, with the service's name blanked, and the service it
  is about among services of the same category that it is not about;
* ``relation``: which service another one feeds, stores in, requires, integrates with or is
  part of (from the pack's relations), among services it has no relation with.

Both grow with the pack: one item per fact that names one service, one per relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..pack import model as m
from .common import BLANK, Ctx, finish, rng_for
from .items import Item

__all__ = ["relation_items", "which_service_items"]

# the question for a relation, by kind: {a} is the relation's source
_ASK = {
    "feeds": "{a} can send data straight into which of these?",
    "stores_in": "{a} stores its data or artifacts in which of these?",
    "requires": "{a} requires which of these?",
    "integrates_with": "{a} integrates directly with which of these?",
    "part_of": "{a} is part of which of these?",
}
# ... and asked the other way round: {b} is the relation's target
_ASK_BACK = {
    "feeds": "Which of these can send data straight into {b}?",
    "stores_in": "Which of these stores its data or artifacts in {b}?",
    "requires": "Which of these requires {b}?",
    "part_of": "Which of these is part of {b}?",
}


def _names(s: m.Service) -> list[str]:
    """The spellings of a service's name a statement may use, longest first."""
    names = {s.name, s.name.removeprefix("Amazon ").removeprefix("AWS ")}
    names |= {n.replace("SageMaker AI", "SageMaker") for n in list(names)}
    return sorted((n for n in names if len(n) > 3), key=len, reverse=True)


def _masker(services: Iterable[m.Service]) -> re.Pattern[str]:
    """One pattern for every spelling of every service name, longest first."""
    names = sorted({n for s in services for n in _names(s)}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _distractors(c: Ctx, s: m.Service, avoid: set[str], key: str) -> list[m.Service]:
    """Three open services unlike ``s`` (and not in ``avoid``), the same category first."""
    ids, prefixes = c.near({s.id, *(a for a in avoid if a in c.pack.services)})
    cands = [
        o
        for o in c.pack.services.values()
        if o.status.state == "available"
        and o.category != "client"
        and o.id not in avoid
        and o.id not in ids
        and o.id.split("-")[0] not in prefixes
    ]
    rng = rng_for(key)
    same = [o for o in cands if o.category == s.category]
    rest = [o for o in cands if o not in same]
    rng.shuffle(same)
    rng.shuffle(rest)
    return (same + rest)[:3]


def _which_service(c: Ctx, f: m.Fact, names: re.Pattern[str]) -> Item | None:
    if len(f.about) != 1 or f.about[0] not in c.pack.services:
        return None
    s = c.pack.services[f.about[0]]
    item_id = f"which_service.{f.id}"
    masked = names.sub(BLANK, f.statement)
    picks = _distractors(c, s, {s.id}, item_id)
    if len(picks) < 3 or len(masked.split()) < 6:
        return None
    choices, keys, answer, _ = finish(
        rng_for(item_id), (s.name, s.id), [(o.name, o.id) for o in picks]
    )
    return Item(
        id=item_id,
        kind="which_service",
        question=f"Which service does this describe?\n{_quote(masked)}",
        choices=choices,
        answer=answer,
        explanation=f.statement,
        source=f.source,
        topic=s.category,
        domain=c.domain_of(s, f),
        facts=(f.id,),
        services=(s.id,),
        choice_keys=keys,
        modes=("today",) if f.exam_notes else ("today", "notes"),
    )


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def which_service_items(c: Ctx) -> list[Item]:
    names = _masker(c.pack.services.values())
    out = [_which_service(c, f, names) for f in c.pack.facts.values()]
    return [i for i in out if i is not None]


def _linked(c: Ctx, sid: str) -> set[str]:
    out = {x.target for x in c.pack.relations if x.source == sid}
    return out | {x.source for x in c.pack.relations if x.target == sid}


def _relation(c: Ctx, r: m.Relation, back: bool = False) -> Item | None:
    """Which service ``r.source`` relates to (or, ``back``, which one relates to ``r.target``)."""
    ask = (_ASK_BACK if back else _ASK).get(r.kind)
    a, b = c.pack.services.get(r.source), c.pack.services.get(r.target)
    if ask is None or a is None or b is None or any(n in a.name for n in _names(b)):
        return None  # "Firehose transformation (Lambda) requires ...?" gives Lambda away
    asked, answer_service = (b, a) if back else (a, b)
    linked = _linked(c, asked.id)
    item_id = f"relation{'_back' if back else ''}.{r.kind}.{a.id}.{b.id}"
    picks = _distractors(c, answer_service, {a.id, b.id, *linked}, item_id)
    source = (c.pack.facts[r.facts[0]].source if r.facts else None) or c.source_for(a)
    if len(picks) < 3 or source is None:
        return None
    choices, keys, answer, _ = finish(
        rng_for(item_id),
        (answer_service.name, answer_service.id),
        [(o.name, o.id) for o in picks],
    )
    label = f" ({r.label})" if r.label else ""
    others = [c.pack.services[x].name for x in sorted(linked - {answer_service.id})]
    also = f" {asked.name} is also linked with {', '.join(others)}." if others else ""
    return Item(
        id=item_id,
        kind="relation",
        question=ask.format(a=a.name, b=b.name),
        choices=choices,
        answer=answer,
        explanation=f"{a.name} {r.kind.replace('_', ' ')} {b.name}{label}.{also}",
        source=source,
        topic=asked.category,
        domain=c.domain_of(asked),
        facts=tuple(r.facts),
        services=(asked.id, answer_service.id),
        choice_keys=keys,
    )


def relation_items(c: Ctx) -> list[Item]:
    out = [_relation(c, r, back) for r in c.pack.relations for back in (False, True)]
    return [i for i in out if i is not None]
