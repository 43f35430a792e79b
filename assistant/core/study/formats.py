"""Items in the exam's other question types (EXAM.md section 1), generated from pack data:

* multiple response (``pick_two``): which TWO members does a fact's list hold; which TWO
  are use cases of a service;
* ordering (``order``): limits of one unit put from the smallest value to the largest;
* matching (``match``): use cases matched to the services that list them; a service's
  limits matched to their values.

Every key is read from the pack (a fact's value, a service's use cases), never written by
hand, so the items grow with the knowledge.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from ..pack import model as m
from .common import (
    BLANK,
    NOT_EXHAUSTIVE,
    Ctx,
    blank_number,
    good_use_case,
    is_number,
    norm_text,
    rng_for,
    short_unit,
)
from .facts import mask_members, outsiders
from .items import Item

__all__ = ["UNIT_BASE", "match_items", "order_items", "pick_two_items"]


def _item(
    c: Ctx,
    *,
    id: str,
    kind: str,
    qtype: str,
    question: str,
    choices: Sequence[str],
    key: Sequence[int],
    explanation: str,
    source: m.Source,
    service: m.Service | None,
    facts: Sequence[m.Fact] = (),
    services: Sequence[str] = (),
    prompts: Sequence[str] = (),
    keys: Sequence[str] = (),
) -> Item:
    first = facts[0] if facts else None
    return Item(
        id=id,
        kind=kind,
        question=question,
        choices=tuple(choices),
        answer=key[0],
        explanation=explanation,
        source=source,
        topic=service.category if service else "integration",
        domain=c.domain_of(service, first),
        facts=tuple(f.id for f in facts),
        services=tuple(services),
        choice_keys=tuple(keys) or tuple(str(i) for i in range(len(choices))),
        modes=("today",) if any(f.exam_notes for f in facts) else ("today", "notes"),
        qtype=qtype,
        key=tuple(key),
        prompts=tuple(prompts),
    )


# --- multiple response ----------------------------------------------------------------------


def _pick_two_members(c: Ctx, f: m.Fact, lists: list[m.Fact]) -> Item | None:
    members = [m.format_value(x) for x in f.value]  # type: ignore[union-attr]
    others = outsiders(c, f, lists, members)
    if len(members) < 2 or len(others) < 3:
        return None
    item_id = f"pick_two.{f.id}"
    rng = rng_for(item_id)
    right = rng.sample(members, 2)
    wrong = rng.sample(others, 3)
    choices = [*right, *wrong]
    rng.shuffle(choices)
    if not all(mm in f.statement for mm in members):
        return None  # a member the statement does not show would stay visible
    masked = mask_members(f.statement, members)
    service, _ = c.topic_of_fact(f)
    return _item(
        c,
        id=item_id,
        kind="pick_two",
        qtype="multiple",
        question=f"{masked}\nWhich TWO of these belong there? (Select TWO.)",
        choices=choices,
        key=sorted(choices.index(x) for x in right),
        explanation=f"{f.statement} ({', '.join(wrong)}: not in that list.)",
        source=f.source,
        service=service,
        facts=[f],
        services=f.about,
    )


def _pick_two_use_cases(c: Ctx, s: m.Service, pool: list[tuple[str, str]]) -> Item | None:
    own = [u for u in s.use_cases if good_use_case(u)]
    source = c.source_for(s)
    if len(own) < 2 or s.status.state != "available" or source is None:
        return None
    item_id = f"pick_two.use_cases.{s.id}"
    rng = rng_for(item_id)
    mine = {norm_text(u) for u in s.use_cases}
    others = [(u, o) for u, o in pool if not c.close(s.id, o) and norm_text(u) not in mine]
    picked: dict[str, str] = {}
    for u, o in rng.sample(others, len(others)):
        if o not in picked.values() and len(picked) < 3:
            picked[u] = o
    if len(picked) < 3:
        return None
    right = rng.sample(own, 2)
    choices = [*right, *picked]
    rng.shuffle(choices)
    names = ", ".join(sorted({c.pack.services[o].name for o in picked.values()}))
    return _item(
        c,
        id=item_id,
        kind="pick_two",
        qtype="multiple",
        question=f"Which TWO are typical use cases of {s.name}? (Select TWO.)",
        choices=choices,
        key=sorted(choices.index(x) for x in right),
        explanation=f"{s.name}: {s.summary} The other choices are use cases of {names}.",
        source=source,
        service=s,
        services=(s.id, *picked.values()),
    )


def pick_two_items(c: Ctx) -> list[Item]:
    lists = [
        f
        for f in c.pack.facts.values()
        if isinstance(f.value, tuple) and len(f.value) >= 2 and not f.exam_notes
    ]
    out = [_pick_two_members(c, f, lists) for f in lists if not NOT_EXHAUSTIVE.search(f.statement)]
    services = [s for s in c.pack.services.values() if s.category != "client"]
    pool = [
        (u, s.id)
        for s in services
        if s.status.state == "available"
        for u in s.use_cases
        if good_use_case(u)
    ]
    out += [_pick_two_use_cases(c, s, pool) for s in services]
    return [i for i in out if i is not None]


# --- ordering ----------------------------------------------------------------------------------


def _limits(c: Ctx) -> dict[str, list[tuple[m.Fact, float, str]]]:
    """Per unit, the facts with a number that their statement shows (blanked)."""
    out: dict[str, list[tuple[m.Fact, float, str]]] = {}
    for f in c.pack.facts.values():
        if not is_number(f.value) or not f.unit or f.exam_notes:
            continue
        value = float(f.value)  # type: ignore[arg-type]
        blanked = blank_number(f.statement, value)
        if blanked is not None and blanked.count(BLANK) == 1:
            out.setdefault(f.unit, []).append((f, value, blanked))
    return out


# Units one ordering item may mix, with their size in a common base (seconds, bytes): the
# student orders the quantities, not the numbers.
UNIT_BASE = {
    "s": ("durations", 1.0),
    "min": ("durations", 60.0),
    "minutes": ("durations", 60.0),
    "hours": ("durations", 3600.0),
    "hours (maximum)": ("durations", 3600.0),
    "bytes": ("sizes", 1.0),
    "KiB": ("sizes", 1024.0),
    "MB": ("sizes", 1e6),
    "MiB": ("sizes", 1024.0**2),
    "GB": ("sizes", 1e9),
    "GiB": ("sizes", 1024.0**3),
}


def _orderable(c: Ctx) -> dict[str, list[tuple[m.Fact, float, str]]]:
    """Per kind of quantity, the limits in a common base, each choice naming its unit."""
    out: dict[str, list[tuple[m.Fact, float, str]]] = {}
    exam_facts = {e.duration_fact for e in c.pack.exams.values()}  # about the exam, not AWS
    for unit, group in _limits(c).items():
        family, factor = UNIT_BASE.get(unit, (unit, 1.0))
        out.setdefault(family, []).extend(
            (f, v * factor, text if f"{BLANK} {unit}" in text else f"{text} ({unit})")
            for f, v, text in group
            if f.id not in exam_facts
        )
    return out


def _apart(a: float, b: float) -> bool:
    """Far enough apart to order without splitting hairs (1 MB against 1 MiB is not)."""
    return max(a, b) > 1.1 * min(a, b)


def _order_group(
    anchor: m.Fact, group: list[tuple[m.Fact, float, str]], rng: random.Random
) -> list[tuple[m.Fact, float, str]]:
    """The anchor and up to three more limits with other values and other words."""
    first = next(x for x in group if x[0].id == anchor.id)
    rest = [x for x in group if x[0].id != anchor.id]
    rng.shuffle(rest)
    chosen = [first]
    for x in rest:
        if all(_apart(x[1], y[1]) and x[2] != y[2] for y in chosen):
            chosen.append(x)
        if len(chosen) == 4:
            break
    return chosen


def _order_item(
    c: Ctx, anchor: m.Fact, family: str, group: list[tuple[m.Fact, float, str]]
) -> Item | None:
    item_id = f"order.{anchor.id}"
    rng = rng_for(item_id)
    chosen = _order_group(anchor, group, rng)
    if len(chosen) < 3:
        return None
    rng.shuffle(chosen)
    choices = [x[2] for x in chosen]
    ordered = sorted(chosen, key=lambda x: x[1])
    unit = family if family in ("durations", "sizes") else short_unit(anchor.unit) or family
    service, _ = c.topic_of_fact(anchor)
    subjects = ", ".join(dict.fromkeys(_subject(c, x[0]) for x in chosen))
    return _item(
        c,
        id=item_id,
        kind="order",
        qtype="ordering",
        question=f"Put these limits ({unit}) in order, smallest value first: {subjects}.",
        choices=choices,
        key=[choices.index(x[2]) for x in ordered],
        explanation="Smallest to largest: " + "; ".join(x[0].statement for x in ordered),
        source=anchor.source,
        service=service,
        facts=[x[0] for x in chosen],
        services=[s for x in chosen for s in x[0].about],
        keys=[x[0].id for x in chosen],  # each choice is one fact's statement
    )


def _subject(c: Ctx, f: m.Fact) -> str:
    service, _ = c.topic_of_fact(f)
    return service.name if service else f.id.split(".")[0]


def order_items(c: Ctx) -> list[Item]:
    out = []
    for family, group in _orderable(c).items():
        if len({x[1] for x in group}) >= 3:
            out += [_order_item(c, f, family, group) for f, _, _ in group]
    return [i for i in out if i is not None]


# --- matching ------------------------------------------------------------------------------------


def _match_picks(c: Ctx, s: m.Service, pool: dict[str, list[str]], rng: random.Random) -> list[str]:
    """``s`` and up to four services unlike it and each other (the last one is the spare)."""
    picked = [s.id]
    for o in rng.sample(sorted(pool), len(pool)):
        if all(not c.close(o, p) for p in picked):
            picked.append(o)
        if len(picked) == 5:
            break
    return picked


def _only_cases(c: Ctx, o: str, cases: list[str], picked: list[str]) -> list[str]:
    """``o``'s use cases that no other picked service lists."""
    theirs = {norm_text(u) for p in picked if p != o for u in c.pack.services[p].use_cases}
    return [u for u in cases if norm_text(u) not in theirs]


def _match_use_cases(c: Ctx, s: m.Service, pool: dict[str, list[str]]) -> Item | None:
    """Three or four use cases, each of a different service, matched to the services (plus
    one service that matches none)."""
    own = [u for u in s.use_cases if good_use_case(u)]
    source = c.source_for(s)
    if not own or s.status.state != "available" or source is None:
        return None
    item_id = f"match.use_cases.{s.id}"
    rng = rng_for(item_id)
    picked = _match_picks(c, s, pool, rng)
    if len(picked) < 4:
        return None
    shown, spare = picked[:-1], picked[-1]
    prompts = []
    for o in shown:
        only = _only_cases(c, o, own if o == s.id else pool[o], picked)
        if not only:
            return None
        prompts.append(only[0] if o == s.id else rng.choice(only))
    names = [c.pack.services[o].name for o in [*shown, spare]]
    rng.shuffle(names)
    pairs = "; ".join(
        f"{p} \u2192 {c.pack.services[o].name}" for p, o in zip(prompts, shown, strict=True)
    )
    return _item(
        c,
        id=item_id,
        kind="match",
        qtype="matching",
        question=f"Match each use case to the service that fits it ({s.name} is one of them).",
        choices=names,
        key=[names.index(c.pack.services[o].name) for o in shown],
        explanation=f"{pairs}. {c.pack.services[spare].name} fits none of them.",
        source=source,
        service=s,
        services=picked,
        prompts=prompts,
    )


def _match_limits(c: Ctx, s: m.Service, limits: list[tuple[m.Fact, float, str]]) -> Item | None:
    """A service's limits matched to their values (plus one value that is none of them)."""
    usable: dict[float, tuple[m.Fact, float, str]] = {}
    for x in limits:
        usable.setdefault(x[1], x)
    if len(usable) < 3:
        return None
    item_id = f"match.limits.{s.id}"
    rng = rng_for(item_id)
    chosen = rng.sample(sorted(usable.values(), key=lambda x: x[0].id), min(4, len(usable)))
    spare = max(x[1] for x in chosen) * 2
    values = [*(x[1] for x in chosen), spare]
    rng.shuffle(values)

    def shown(v: float) -> str:
        return m.format_value(int(v) if float(v).is_integer() else v)

    return _item(
        c,
        id=item_id,
        kind="match",
        qtype="matching",
        question=f"Match each {s.name} limit to its value.",
        choices=[shown(v) for v in values],
        key=[values.index(x[1]) for x in chosen],
        explanation=" ".join(x[0].statement for x in chosen),
        source=chosen[0][0].source,
        service=s,
        facts=[x[0] for x in chosen],
        services=(s.id,),
        prompts=[f"{x[2]} ({x[0].unit})" for x in chosen],
    )


def match_items(c: Ctx) -> list[Item]:
    services = [s for s in c.pack.services.values() if s.category != "client"]
    pool = {
        s.id: [u for u in s.use_cases if good_use_case(u)]
        for s in services
        if s.status.state == "available" and any(good_use_case(u) for u in s.use_cases)
    }
    out = [_match_use_cases(c, s, pool) for s in services]
    by_service: dict[str, list[tuple[m.Fact, float, str]]] = {}
    for group in _limits(c).values():
        for x in group:
            if len(x[0].about) == 1:
                by_service.setdefault(x[0].about[0], []).append(x)
    out += [_match_limits(c, c.pack.services[sid], xs) for sid, xs in by_service.items()]
    return [i for i in out if i is not None]
