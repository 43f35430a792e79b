"""Items about facts: numbers and limits, names and APIs (cloze), "which is NOT true",
"which is NOT one of them" and "which can NOT be combined"."""

from __future__ import annotations

import re

from ..pack import model as m
from .common import (
    BLANK,
    CAMEL,
    NOT_EXHAUSTIVE,
    Ctx,
    blank_number,
    fact_item,
    finish,
    in_text,
    is_number,
    nice,
    norm_text,
    numeric_distractors,
    rng_for,
    shape_of,
    short_unit,
    unit_family,
)
from .items import Item

__all__ = [
    "cloze_items",
    "limit_items",
    "mask_members",
    "member_items",
    "not_member_items",
    "not_supported_items",
    "not_true_items",
    "outsiders",
]


def limit_items(c: Ctx) -> list[Item]:
    pack = c.pack
    by_family: dict[str, list[float]] = {}
    for f in pack.facts.values():
        if is_number(f.value) and f.unit:
            by_family.setdefault(unit_family(f.unit), []).append(float(f.value))  # type: ignore[arg-type]
    out: list[Item] = []
    for f in pack.facts.values():
        if not is_number(f.value):
            continue
        value = float(f.value)  # type: ignore[arg-type]
        blanked = blank_number(f.statement, value)
        if blanked is None:
            continue
        service, _ = c.topic_of_fact(f)
        item_id = f"limit.{f.id}"
        rng = rng_for(item_id)
        notes_value: float | None = None
        if f.exam_notes is not None and is_number(f.exam_notes.value):
            nv = float(f.exam_notes.value)  # type: ignore[arg-type]
            if nv != value:
                notes_value = nv
        pool = [v for v in by_family.get(unit_family(f.unit), []) if v != value]
        avoid = {notes_value} if notes_value is not None else set()
        k = 2 if notes_value is not None else 3
        wrong = numeric_distractors(rng, value, pool, avoid, k)
        if len(wrong) < k:
            continue

        unit = short_unit(f.unit)

        def pair(v: float, unit: str = unit) -> tuple[str, str]:
            return (m.format_value(int(v) if float(v).is_integer() else v, unit), repr(v))

        notes = pair(notes_value) if notes_value is not None else None
        choices, keys, answer, notes_answer = finish(
            rng, pair(value), [pair(v) for v in wrong], notes=notes, order="numeric"
        )
        if len(set(choices)) != len(choices):
            continue
        unit_hint = f" (in {f.unit})" if f.unit else ""
        name = service.name if service else ""
        question = f"{name}: fill in the blank{unit_hint}.\n{blanked}".lstrip(": ")
        out.append(fact_item(c, f, item_id, "limit", question, choices, keys, answer, notes_answer))
    return out


def not_true_items(c: Ctx) -> list[Item]:
    """ "Which statement is NOT true?": three facts as stated, one with its number changed."""
    plain = [f for f in c.pack.facts.values() if f.exam_notes is None]
    out = [_not_true_item(c, f, plain) for f in plain if is_number(f.value)]
    return [i for i in out if i is not None]


def _not_true_item(c: Ctx, f: m.Fact, plain: list[m.Fact]) -> Item | None:
    value = float(f.value)  # type: ignore[arg-type]
    if blank_number(f.statement, value) is None:
        return None
    service, topic = c.topic_of_fact(f)
    item_id = f"not_true.{f.id}"
    rng = rng_for(item_id)
    # a larger number is false for "up to", "at least" and "default" statements alike
    wrong = numeric_distractors(rng, value, [], set(), 1, upward=True)
    if not wrong:
        return None
    w = wrong[0]
    spelled = f"{int(w):,}" if float(w).is_integer() else str(w)
    false_text = (blank_number(f.statement, value) or "").replace(BLANK, spelled)
    if false_text == f.statement:
        return None
    about = set(f.about)
    near = [g for g in plain if g.id != f.id and about & set(g.about)]
    same_cat = [
        g for g in plain if g.id != f.id and g not in near and c.topic_of_fact(g)[1] == topic
    ]
    rng.shuffle(near)
    rng.shuffle(same_cat)
    # keep statements that do not repeat the changed fact's number (that would give it away
    # or, worse, make a "true" statement contradict the false one)
    trues = [g for g in near + same_cat if blank_number(g.statement, value) is None][:3]
    if len(trues) < 3:
        return None
    choices, keys, answer, _ = finish(
        rng, (false_text, f"false:{f.id}"), [(g.statement, g.id) for g in trues]
    )
    subject = service.name if service and near else topic.replace("-", " ")
    return Item(
        id=item_id,
        kind="not_true",
        question=f"Which statement about {subject} is NOT true?",
        choices=choices,
        answer=answer,
        explanation=f"The number is wrong. Correct: {f.statement}",
        source=f.source,
        topic=topic,
        domain=c.domain_of(service, f),
        facts=(f.id, *(g.id for g in trues)),
        services=tuple(f.about),
        choice_keys=keys,
    )


def _number_outside(f: m.Fact) -> str:
    """Half the smallest member, or twice the largest when half is a member too."""
    nums = sorted(float(x) for x in f.value)  # type: ignore[union-attr]
    below = nice(nums[0] / 2)
    v = below if below > 0 and below not in nums else nice(nums[-1] * 2)
    return m.format_value(int(v) if v.is_integer() else v)


def outsiders(c: Ctx, f: m.Fact, lists: list[m.Fact], members: list[str]) -> list[str]:
    """Values that look like ``f``'s members but are not: a number just out of range, or
    members of other services' lists of the same shape (the same category's first)."""
    if shape_of(members) == "num":
        return [_number_outside(f)]
    key = ("outsiders", f.id, str(len(lists)))
    if key not in c.memo:
        c.memo[key] = _outsiders(c, f, lists, members)
    return c.memo[key]


def _outsiders(c: Ctx, f: m.Fact, lists: list[m.Fact], members: list[str]) -> list[str]:
    own = {norm_text(x) for x in members}
    shape = shape_of(members)
    longest = max(len(mm.split()) for mm in members)

    def fits(x: str) -> bool:
        return (
            norm_text(x) not in own
            and not in_text(x, f.statement)
            and shape_of([x]) == shape
            and len(x.split()) <= longest
            and not any(in_text(x, mm) or in_text(mm, x) for mm in members)
        )

    others = [g for g in lists if g.id != f.id]
    outsiders = [
        str(x)
        for g in others
        if not set(g.about) & set(f.about)
        for x in g.value  # type: ignore[union-attr]
        if fits(str(x))
    ]
    topic = c.topic_of_fact(f)[1]
    same = {str(x) for g in others if c.topic_of_fact(g)[1] == topic for x in g.value}  # type: ignore[union-attr]
    return sorted({o for o in outsiders if o in same} or set(outsiders))


def not_member_items(c: Ctx) -> list[Item]:
    """ "Which is NOT one of them?" for facts whose value is a list."""
    lists = [
        f
        for f in c.pack.facts.values()
        if isinstance(f.value, tuple) and len(f.value) >= 3 and not f.exam_notes
    ]
    # "including Spark, Hive, ...": an outsider might be true after all
    out = [_not_member_item(c, f, lists) for f in lists if not NOT_EXHAUSTIVE.search(f.statement)]
    return [i for i in out if i is not None]


def _not_member_item(c: Ctx, f: m.Fact, lists: list[m.Fact]) -> Item | None:
    members = [m.format_value(x) for x in f.value]  # type: ignore[union-attr]
    service, topic = c.topic_of_fact(f)
    item_id = f"not_member.{f.id}"
    rng = rng_for(item_id)
    preferred = outsiders(c, f, lists, members)
    if not preferred:
        return None
    outsider = rng.choice(preferred)
    shown = rng.sample(members, 3)
    masked = mask_members(f.statement, members)
    if shape_of(members) == "num":
        shown = [m.format_value(x) for x in shown]
    choices, keys, answer, _ = finish(
        rng, (outsider, f"outsider:{outsider}"), [(x, f"member:{x}") for x in shown]
    )
    return Item(
        id=item_id,
        kind="not_member",
        question=f"{masked}\nWhich of these is NOT one of them?",
        choices=choices,
        answer=answer,
        explanation=f"{f.statement} ({outsider} is not in that list.)",
        source=f.source,
        topic=topic,
        domain=c.domain_of(service, f),
        facts=(f.id,),
        services=tuple(f.about),
        choice_keys=keys,
    )


def mask_members(statement: str, members: list[str]) -> str:
    """The statement with every member of its list replaced by an ellipsis (longest first, whole
    words, any case), so the question does not give the answer away.

    >>> mask_members("Modes: File, Pipe and FastFile.", ["File", "Pipe", "FastFile"])
    'Modes: …, … and ….'
    """
    for member in sorted(members, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(member)}(?!\w)"
        statement = re.sub(pattern, "\u2026", statement, flags=re.IGNORECASE)
    return statement


def member_items(c: Ctx) -> list[Item]:
    """ "Which of these IS one of them?" for a fact's list: one member, three outsiders that
    look like members."""
    lists = [
        f
        for f in c.pack.facts.values()
        if isinstance(f.value, tuple) and len(f.value) >= 2 and not f.exam_notes
    ]
    out = [_member_item(c, f, lists) for f in lists if not NOT_EXHAUSTIVE.search(f.statement)]
    return [i for i in out if i is not None]


def _member_item(c: Ctx, f: m.Fact, lists: list[m.Fact]) -> Item | None:
    members = [m.format_value(x) for x in f.value]  # type: ignore[union-attr]
    others = outsiders(c, f, lists, members)
    if len(others) < 3 or not all(mm in f.statement for mm in members):
        return None
    service, topic = c.topic_of_fact(f)
    item_id = f"member.{f.id}"
    rng = rng_for(item_id)
    member = rng.choice(members)
    masked = mask_members(f.statement, members)
    wrong = rng.sample(others, 3)
    choices, keys, answer, _ = finish(
        rng, (member, f"member:{member}"), [(x, f"outsider:{x}") for x in wrong]
    )
    return Item(
        id=item_id,
        kind="member",
        question=f"{masked}\nWhich of these IS one of them?",
        choices=choices,
        answer=answer,
        explanation=f"{f.statement} ({', '.join(wrong)}: not in that list.)",
        source=f.source,
        topic=topic,
        domain=c.domain_of(service, f),
        facts=(f.id,),
        services=tuple(f.about),
        choice_keys=keys,
    )


def not_supported_items(c: Ctx) -> list[Item]:
    """From ``incompatible_with`` relations: which of these does NOT work with a service?"""
    pack = c.pack
    out: list[Item] = []
    friendly = ("feeds", "stores_in", "requires", "integrates_with", "part_of")
    for r in pack.relations:
        if r.kind != "incompatible_with":
            continue
        s = pack.services[r.source]
        bad = pack.services[r.target]
        incompatible = {x.target for x in pack.relations if x.kind == r.kind and x.source == s.id}
        incompatible |= {x.source for x in pack.relations if x.kind == r.kind and x.target == s.id}
        ok = sorted(
            {
                (x.target if x.source == s.id else x.source)
                for x in pack.relations
                if x.kind in friendly and s.id in (x.source, x.target)
            }
            - incompatible
            - {s.id}
        )
        if len(ok) < 3:
            continue
        item_id = f"not_supported.{s.id}.{bad.id}"
        rng = rng_for(item_id)
        picks = rng.sample(ok, 3)
        choices, keys, answer, _ = finish(
            rng, (bad.name, bad.id), [(pack.services[x].name, x) for x in picks]
        )
        facts = tuple(r.facts)
        source = pack.facts[facts[0]].source if facts else c.source_for(s)
        if source is None:
            continue
        label = f" ({r.label})" if r.label else ""
        out.append(
            Item(
                id=item_id,
                kind="not_supported",
                question=f"Which of these can NOT be combined with {s.name}?",
                choices=choices,
                answer=answer,
                explanation=f"{s.name} is incompatible with {bad.name}{label}.",
                source=source,
                topic=s.category,
                domain=c.domain_of(s),
                facts=facts,
                services=(s.id, bad.id),
                choice_keys=keys,
            )
        )
    return out


def cloze_items(c: Ctx) -> list[Item]:
    """Fill-in-the-blank for text values: service names and API names."""
    pack = c.pack
    names = {s.name for s in pack.services.values()}
    api_values: set[str] = set()
    for f in pack.facts.values():
        vals = f.value if isinstance(f.value, tuple) else (f.value,)
        for v in vals:
            if isinstance(v, str) and CAMEL.fullmatch(v):
                api_values.add(v)
    out = [_cloze_item(c, f, names, api_values) for f in pack.facts.values()]
    return [i for i in out if i is not None]


def _cloze_item(c: Ctx, f: m.Fact, names: set[str], api_values: set[str]) -> Item | None:
    if not isinstance(f.value, str):
        return None
    v = f.value
    if v in names:
        pool = sorted(names)
    elif v in api_values:
        pool = sorted(api_values)
    else:
        return None
    if v not in f.statement:
        return None
    blanked = f.statement.replace(v, BLANK)
    item_id = f"cloze.{f.id}"
    rng = rng_for(item_id)
    notes: tuple[str, str] | None = None
    nv = f.exam_notes.value if f.exam_notes else None
    if isinstance(nv, str) and nv != v and nv not in blanked:
        notes = (nv, nv)
    candidates = [
        p
        for p in pool
        if p != v
        and p != nv
        and not in_text(p, blanked)
        and not in_text(p, v)
        and not in_text(v, p)
    ]
    rng.shuffle(candidates)
    k = 2 if notes else 3
    if len(candidates) < k:
        return None
    choices, keys, answer, notes_answer = finish(
        rng, (v, v), [(p, p) for p in candidates[:k]], notes=notes
    )
    question = f"Fill in the blank.\n{blanked}"
    return fact_item(c, f, item_id, "cloze", question, choices, keys, answer, notes_answer)
