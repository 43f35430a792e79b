"""Quiz items generated from a knowledge pack, plus the pack's hand-written ones.

Every :class:`Item` has exactly one correct choice under the pack's facts, an
explanation and a source. Where the exam notes differ from today's AWS an item
carries a second answer index (``notes_answer``); :meth:`Item.correct` picks the
one for a mode (``"today"`` or ``"notes"``) and :meth:`Item.mode_label` says which
one a student is being asked for.

Generation is deterministic: distractors and choice order come from a random
generator seeded with the item's id (never from ``hash()``), so the same pack
always yields the same items, and ids name what an item is about (a fact, a
service, an option) rather than its position, so study progress keyed by id
survives pack updates.

>>> import datetime as dt
>>> s = m.Source("Doc", "https://example.com")
>>> item = Item("x", "limit", "Q?", ("5", "15"), 1, "Because.", s, "sagemaker-deploy",
...             "modeling", notes_answer=0)
>>> item.correct("today"), item.correct("notes"), item.mode_label("notes")
(1, 0, 'as the exam notes say')
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..decide.engine import (  # the engine's own verdicts
    AreaPass,
    decide_areas,
    explain_area,
    is_ruled_out,
)
from ..errors import UserInputError
from ..pack import model as m
from ..pack.conditions import Context, evaluate, questions_in, thresholds, walk

__all__ = [
    "KINDS",
    "MODES",
    "Item",
    "generate",
    "notes_pack",
    "select",
    "topics",
]

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
)
MODE_LABELS = {"today": "as AWS is today", "notes": "as the exam notes say"}
_DEFAULT_DOMAIN = {
    "ingestion": "data-engineering",
    "transformation": "data-engineering",
    "analytics": "exploratory-data-analysis",
    "storage": "data-engineering",
    "sagemaker-build": "modeling",
    "sagemaker-train": "modeling",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One multiple-choice question.

    ``choice_keys`` name what each choice stands for (a service id, an option id,
    a value), so tests and the GUI can check and link choices without parsing text.
    ``modes`` lists the modes in which the item has exactly one correct answer.
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
            "answer_text": self.choices[self.correct(mode)],
            "mode": mode if self.differs else None,
            "mode_label": self.mode_label(mode),
            "answer_today": self.answer,
            "answer_notes": self.notes_answer if self.notes_answer is not None else self.answer,
            "explanation": self.explanation_for(mode),
            "source": {"title": self.source.title, "url": self.source.url},
            "topic": self.topic,
            "domain": self.domain,
            "facts": list(self.facts),
            "services": list(self.services),
        }


# --- helpers ----------------------------------------------------------------------------------


def _rng(key: str) -> random.Random:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    return random.Random(int(digest[:16], 16))


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def _is_number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _finish(
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


class _Ctx:
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
        return _DEFAULT_DOMAIN.get(category, "ml-implementation-operations")

    def topic_of_fact(self, fact: m.Fact) -> tuple[m.Service | None, str]:
        for sid in fact.about:
            s = self.pack.services.get(sid)
            if s is not None:
                return s, s.category
        return None, "integration"


def _good_use_case(text: str) -> bool:
    """Whole use cases only: a YAML flow list split at a comma leaves fragments."""
    return len(text.split()) >= 3 and text[:1].isupper()


def _lower_first(title: str) -> str:
    """``Deployment option`` -> ``deployment option``; ``AI service`` stays.

    >>> _lower_first("Deployment option"), _lower_first("AI service")
    ('deployment option', 'AI service')
    """
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


# --- generators -------------------------------------------------------------------------------


def _handwritten(pack: m.Pack) -> list[Item]:
    out = []
    for q in pack.quiz:
        out.append(
            Item(
                id=q.id,
                kind="handwritten",
                question=q.question,
                choices=q.choices,
                answer=q.answer,
                explanation=q.explanation,
                source=q.source,
                topic=q.topic,
                domain=q.domain,
                facts=q.facts,
                notes_answer=q.exam_notes_answer,
                choice_keys=tuple(str(i) for i in range(len(q.choices))),
            )
        )
    return out


def _use_cases(c: _Ctx) -> list[Item]:
    """Service for a use case, and use case for a service."""
    pack = c.pack
    services = [s for s in pack.services.values() if s.category != "client"]
    norm = {u: _norm(u) for s in services for u in s.use_cases}
    cases_of = {s.id: {norm[u] for u in s.use_cases} for s in services}
    all_cases = set().union(*cases_of.values())
    out: list[Item] = []
    for s in services:
        source = c.source_for(s)
        if source is None:
            continue
        domain = c.domain_of(s)
        own = cases_of[s.id]
        available = s.status.state == "available"
        for case in s.use_cases:
            if not _good_use_case(case):
                continue
            item_id = f"use_case.{s.id}.{_short_hash(norm[case])}"
            rng = _rng(item_id)
            candidates = [
                o
                for o in services
                if not c.close(s.id, o.id)
                and norm[case] not in cases_of[o.id]
                and o.status.state == "available"
            ]
            same = [o for o in candidates if o.category == s.category]
            other = [o for o in candidates if o.category != s.category]
            rng.shuffle(same)
            rng.shuffle(other)
            notes: tuple[str, str] | None = None
            if available:
                correct = (s.name, s.id)
                picks = (same + other)[:3]
                explanation = f"{s.name}: {s.summary}"
            else:
                # today the answer is what AWS suggests instead; the notes name the old service
                sug = [pack.services[x] for x in s.status.suggest if x in pack.services]
                if not sug:
                    continue
                correct = (sug[0].name, sug[0].id)
                notes = (s.name, s.id)
                picks = [o for o in same + other if o.id not in s.status.suggest and o.id != s.id][
                    :2
                ]
                explanation = (
                    f"{s.name} is {_state_words(s)}; AWS suggests {sug[0].name} instead. "
                    f"{sug[0].name}: {sug[0].summary}"
                )
            if len(picks) < 2:
                continue
            choices, keys, answer, notes_answer = _finish(
                rng, correct, [(o.name, o.id) for o in picks], notes=notes
            )
            out.append(
                Item(
                    id=item_id,
                    kind="use_case",
                    question=f"Which service fits this use case: {_quote(case)}?",
                    choices=choices,
                    answer=answer,
                    explanation=explanation,
                    source=source,
                    topic=s.category,
                    domain=domain,
                    services=(s.id,),
                    notes_answer=notes_answer,
                    notes_explanation=f"The exam notes list this use case under {s.name}."
                    if notes
                    else "",
                    choice_keys=keys,
                )
            )
        # what is the service for?
        cases = [u for u in s.use_cases if _good_use_case(u)]
        if not cases or not available:
            continue
        item_id = f"what_for.{s.id}"
        rng = _rng(item_id)
        pool = [
            (u, o.id)
            for o in services
            if o.category != s.category and not c.close(s.id, o.id)
            for u in o.use_cases
            if _good_use_case(u) and norm[u] not in own
        ]
        pool = [p for p in pool if norm[p[0]] in all_cases]
        rng.shuffle(pool)
        picks_uc: list[tuple[str, str]] = []
        for text, sid in pool:
            if sid not in {p[1] for p in picks_uc}:
                picks_uc.append((text, f"{sid}:{_short_hash(norm[text])}"))
            if len(picks_uc) == 3:
                break
        if len(picks_uc) < 3:
            continue
        case = cases[0]
        choices, keys, answer, _ = _finish(
            rng, (case, f"{s.id}:{_short_hash(norm[case])}"), picks_uc
        )
        out.append(
            Item(
                id=item_id,
                kind="what_for",
                question=f"What is {s.name} typically used for?",
                choices=choices,
                answer=answer,
                explanation=f"{s.name}: {s.summary} Use cases: {'; '.join(cases)}.",
                source=source,
                topic=s.category,
                domain=domain,
                services=(s.id,),
                choice_keys=keys,
            )
        )
    return out


def _state_words(s: m.Service) -> str:
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


def _number_spellings(v: float) -> list[str]:
    out = []
    if float(v).is_integer():
        i = int(v)
        out += [f"{i:,}", str(i)]
        if v != i or isinstance(v, float):
            out.append(f"{float(v)}")
    else:
        out.append(repr(float(v)))
    return list(dict.fromkeys(out))


def _blank_number(statement: str, value: float) -> str | None:
    """The statement with every spelling of ``value`` blanked, or None if it is not there."""
    spellings = sorted(_number_spellings(value), key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in spellings)
    pattern = f"{_NUM_EDGE_BEFORE}({alternatives}){_NUM_EDGE_AFTER}"
    blanked, n = re.subn(pattern, BLANK, statement)
    return blanked if n else None


def _unit_family(unit: str) -> str:
    return unit.split(" ")[0].lower() if unit else ""


def _short_unit(unit: str) -> str:
    """The unit as a choice shows it: ``MB/s per shard (write)`` -> ``MB/s``.

    >>> _short_unit("MB/s per shard (write)"), _short_unit("default weight"), _short_unit("s")
    ('MB/s', '', 's')
    """
    word = unit.split(" ")[0] if unit else ""
    return "" if word in ("default",) else word


def _nice(x: float) -> float:
    if x <= 0:
        return 0.0
    digits = len(str(int(abs(x)))) if x >= 1 else 1
    r = round(x, 2 - digits) if digits > 2 else round(x, 1)
    return float(int(r)) if float(r).is_integer() else r


def _numeric_distractors(
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
        extra = [_nice(value * f) for f in factors]
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


def _limits(c: _Ctx) -> list[Item]:
    pack = c.pack
    by_family: dict[str, list[float]] = {}
    for f in pack.facts.values():
        if _is_number(f.value) and f.unit:
            by_family.setdefault(_unit_family(f.unit), []).append(float(f.value))  # type: ignore[arg-type]
    out: list[Item] = []
    for f in pack.facts.values():
        if not _is_number(f.value):
            continue
        value = float(f.value)  # type: ignore[arg-type]
        blanked = _blank_number(f.statement, value)
        if blanked is None:
            continue
        service, _ = c.topic_of_fact(f)
        item_id = f"limit.{f.id}"
        rng = _rng(item_id)
        notes_value: float | None = None
        if f.exam_notes is not None and _is_number(f.exam_notes.value):
            nv = float(f.exam_notes.value)  # type: ignore[arg-type]
            if nv != value:
                notes_value = nv
        pool = [v for v in by_family.get(_unit_family(f.unit), []) if v != value]
        avoid = {notes_value} if notes_value is not None else set()
        k = 2 if notes_value is not None else 3
        wrong = _numeric_distractors(rng, value, pool, avoid, k)
        if len(wrong) < k:
            continue

        unit = _short_unit(f.unit)

        def pair(v: float, unit: str = unit) -> tuple[str, str]:
            return (m.format_value(int(v) if float(v).is_integer() else v, unit), repr(v))

        notes = pair(notes_value) if notes_value is not None else None
        choices, keys, answer, notes_answer = _finish(
            rng, pair(value), [pair(v) for v in wrong], notes=notes, order="numeric"
        )
        if len(set(choices)) != len(choices):
            continue
        unit_hint = f" (in {f.unit})" if f.unit else ""
        name = service.name if service else ""
        question = f"{name}: fill in the blank{unit_hint}.\n{blanked}".lstrip(": ")
        out.append(
            _fact_item(c, f, item_id, "limit", question, choices, keys, answer, notes_answer)
        )
    return out


def _fact_item(
    c: _Ctx,
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


def _not_true(c: _Ctx) -> list[Item]:
    """ "Which statement is NOT true?": three facts as stated, one with its number changed."""
    pack = c.pack
    plain = [f for f in pack.facts.values() if f.exam_notes is None]
    out: list[Item] = []
    for f in plain:
        if not _is_number(f.value):
            continue
        value = float(f.value)  # type: ignore[arg-type]
        if _blank_number(f.statement, value) is None:
            continue
        service, topic = c.topic_of_fact(f)
        item_id = f"not_true.{f.id}"
        rng = _rng(item_id)
        # a larger number is false for "up to", "at least" and "default" statements alike
        wrong = _numeric_distractors(rng, value, [], set(), 1, upward=True)
        if not wrong:
            continue
        w = wrong[0]
        spelled = f"{int(w):,}" if float(w).is_integer() else str(w)
        false_text = (_blank_number(f.statement, value) or "").replace(BLANK, spelled)
        if false_text == f.statement:
            continue
        about = set(f.about)
        near = [g for g in plain if g.id != f.id and about & set(g.about)]
        same_cat = [
            g for g in plain if g.id != f.id and g not in near and c.topic_of_fact(g)[1] == topic
        ]
        rng.shuffle(near)
        rng.shuffle(same_cat)
        # keep statements that do not repeat the changed fact's number (that would give it away
        # or, worse, make a "true" statement contradict the false one)
        trues = [g for g in near + same_cat if _blank_number(g.statement, value) is None][:3]
        if len(trues) < 3:
            continue
        choices, keys, answer, _ = _finish(
            rng, (false_text, f"false:{f.id}"), [(g.statement, g.id) for g in trues]
        )
        subject = service.name if service and near else topic.replace("-", " ")
        out.append(
            Item(
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
        )
    return out


def _in_text(member: str, text: str) -> bool:
    return f" {_norm(member)} " in f" {_norm(text)} "


_NOT_EXHAUSTIVE = re.compile(
    r"\b(including|such as|for example|e\.g\.|and others|among others)\b", re.IGNORECASE
)
_CAMEL = re.compile(r"(?:[A-Z][a-z0-9]+){2,}")


def _shape(values: Sequence[str]) -> str:
    """What kind of words a list holds, so an outsider looks like its members.

    >>> _shape(["1024", "2048"]), _shape(["CreateModel"]), _shape(["ECOMMERCE"]), _shape(["canary"])
    ('num', 'api', 'upper', 'lower')
    """

    def one(v: str) -> str:
        if re.fullmatch(r"[\d.,]+", v):
            return "num"
        if _CAMEL.fullmatch(v):
            return "api"
        if v.isupper():
            return "upper"
        return "lower" if v[:1].islower() else "words"

    kinds = [one(v) for v in values]
    return max(sorted(set(kinds)), key=kinds.count)


def _not_member(c: _Ctx) -> list[Item]:
    """ "Which is NOT one of them?" for facts whose value is a list."""
    pack = c.pack
    lists = [
        f
        for f in pack.facts.values()
        if isinstance(f.value, tuple) and len(f.value) >= 3 and not f.exam_notes
    ]
    out: list[Item] = []
    for f in lists:
        if _NOT_EXHAUSTIVE.search(f.statement):
            continue  # "including Spark, Hive, ...": an outsider might be true after all
        members = [m.format_value(x) for x in f.value]  # type: ignore[union-attr]
        service, topic = c.topic_of_fact(f)
        item_id = f"not_member.{f.id}"
        rng = _rng(item_id)
        own = {_norm(x) for x in members}
        shape = _shape(members)
        if shape == "num":
            nums = sorted(float(x) for x in f.value)  # type: ignore[union-attr]
            below = _nice(nums[0] / 2)
            candidates = [below if below > 0 and below not in nums else _nice(nums[-1] * 2)]
            preferred = [m.format_value(int(v) if v.is_integer() else v) for v in candidates]
        else:
            outsiders = [
                str(x)
                for g in lists
                if g.id != f.id and not set(g.about) & set(f.about)
                for x in g.value  # type: ignore[union-attr]
                if _norm(str(x)) not in own
                and not _in_text(str(x), f.statement)
                and _shape([str(x)]) == shape
                and len(str(x).split()) <= max(len(mm.split()) for mm in members)
                and not any(_in_text(str(x), mm) or _in_text(mm, str(x)) for mm in members)
            ]
            same = {
                str(x)
                for g in lists
                if g.id != f.id and c.topic_of_fact(g)[1] == topic
                for x in g.value  # type: ignore[union-attr]
            }
            preferred = sorted({o for o in outsiders if o in same} or set(outsiders))
        if not preferred:
            continue
        outsider = rng.choice(preferred)
        shown = rng.sample(members, 3)
        masked = f.statement
        for mm in sorted(members, key=len, reverse=True):
            masked = re.sub(rf"(?<!\w){re.escape(mm)}(?!\w)", "…", masked, flags=re.IGNORECASE)
        if shape == "num":
            shown = [m.format_value(x) for x in shown]
        choices, keys, answer, _ = _finish(
            rng, (outsider, f"outsider:{outsider}"), [(x, f"member:{x}") for x in shown]
        )
        out.append(
            Item(
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
        )
    return out


def _not_supported(c: _Ctx) -> list[Item]:
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
        rng = _rng(item_id)
        picks = rng.sample(ok, 3)
        choices, keys, answer, _ = _finish(
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


_STATE_CHOICES = {
    "available": "Yes: it is open to new customers",
    "closed": "No: it is closed to new customers (existing customers can keep using it)",
    "discontinued": "No: it is discontinued for everyone",
}


def _status(c: _Ctx) -> list[Item]:
    pack = c.pack
    out: list[Item] = []
    available = [s for s in pack.services.values() if s.status.state == "available"]
    for s in pack.services.values():
        if s.status.state == "available":
            continue
        st = s.status
        source = st.source or c.source_for(s)
        if source is None:
            continue
        sug = [pack.services[x] for x in st.suggest if x in pack.services]
        suggest_text = f" AWS suggests {', '.join(x.name for x in sug)} instead." if sug else ""
        explanation = f"{s.name} is {_state_words(s)}. {st.note}".strip() + suggest_text
        notes_differ = s.id in c.notes_differ or "exam notes" in " ".join(s.use_cases)
        notes_note = f"The exam notes present {s.name} as an available service."
        domain = c.domain_of(s)
        # 1. can a new account use it?
        item_id = f"status.{s.id}"
        # a fixed, readable order: yes / closed / discontinued
        keys = tuple(_STATE_CHOICES)
        choices = tuple(_STATE_CHOICES.values())
        answer = keys.index(st.state)
        out.append(
            Item(
                id=item_id,
                kind="status",
                question=f"Can a new AWS account start using {s.name} today?",
                choices=choices,
                answer=answer,
                explanation=explanation,
                source=source,
                topic=s.category,
                domain=domain,
                services=(s.id,),
                notes_answer=keys.index("available") if notes_differ else None,
                notes_explanation=notes_note if notes_differ else "",
                choice_keys=keys,
            )
        )
        # 2. what does AWS suggest instead?
        if sug:
            item_id = f"suggest.{s.id}"
            rng = _rng(item_id)
            cands = [
                o
                for o in available
                if o.id not in st.suggest
                and not c.close(s.id, o.id)
                and o.category != "client"
                and not any(c.close(x.id, o.id) for x in sug)
            ]
            same = [o for o in cands if o.category in (s.category, sug[0].category)]
            rest = [o for o in cands if o not in same]
            rng.shuffle(same)
            rng.shuffle(rest)
            picks = (same + rest)[:3]
            if len(picks) == 3:
                choices, keys, answer, _ = _finish(
                    rng, (sug[0].name, sug[0].id), [(o.name, o.id) for o in picks]
                )
                out.append(
                    Item(
                        id=item_id,
                        kind="suggest",
                        question=f"{s.name} is {_state_words(s)}. What does AWS suggest instead?",
                        choices=choices,
                        answer=answer,
                        explanation=explanation,
                        source=source,
                        topic=s.category,
                        domain=domain,
                        services=(s.id, sug[0].id),
                        choice_keys=keys,
                        modes=("today",) if notes_differ else MODES,
                    )
                )
        # 3. which of these is no longer open? (under the notes all would be: today only then)
        item_id = f"closed_which.{s.id}"
        rng = _rng(item_id)
        cands = [o for o in available if o.category != "client" and not c.close(s.id, o.id)]
        same = [o for o in cands if o.category == s.category]
        rest = [o for o in cands if o not in same]
        rng.shuffle(same)
        rng.shuffle(rest)
        picks = (same + rest)[:3]
        if len(picks) == 3:
            choices, keys, answer, _ = _finish(rng, (s.name, s.id), [(o.name, o.id) for o in picks])
            out.append(
                Item(
                    id=item_id,
                    kind="closed_which",
                    question="Which of these is no longer open to new AWS customers?",
                    choices=choices,
                    answer=answer,
                    explanation=explanation + " The others are available.",
                    source=source,
                    topic=s.category,
                    domain=domain,
                    services=(s.id,),
                    choice_keys=keys,
                    modes=("today",) if notes_differ else MODES,
                )
            )
    return out


def _cloze(c: _Ctx) -> list[Item]:
    """Fill-in-the-blank for text values: service names and API names."""
    pack = c.pack
    names = {s.name for s in pack.services.values()}
    api_values: set[str] = set()
    for f in pack.facts.values():
        vals = f.value if isinstance(f.value, tuple) else (f.value,)
        for v in vals:
            if isinstance(v, str) and _CAMEL.fullmatch(v):
                api_values.add(v)
    out: list[Item] = []
    for f in pack.facts.values():
        if not isinstance(f.value, str):
            continue
        v = f.value
        if v in names:
            pool = sorted(names)
        elif v in api_values:
            pool = sorted(api_values)
        else:
            continue
        if v not in f.statement:
            continue
        blanked = f.statement.replace(v, BLANK)
        item_id = f"cloze.{f.id}"
        rng = _rng(item_id)
        notes: tuple[str, str] | None = None
        nv = f.exam_notes.value if f.exam_notes else None
        if isinstance(nv, str) and nv != v and nv not in blanked:
            notes = (nv, nv)
        candidates = [
            p
            for p in pool
            if p != v
            and p != nv
            and not _in_text(p, blanked)
            and not _in_text(p, v)
            and not _in_text(v, p)
        ]
        rng.shuffle(candidates)
        k = 2 if notes else 3
        if len(candidates) < k:
            continue
        choices, keys, answer, notes_answer = _finish(
            rng, (v, v), [(p, p) for p in candidates[:k]], notes=notes
        )
        question = f"Fill in the blank.\n{blanked}"
        out.append(
            _fact_item(c, f, item_id, "cloze", question, choices, keys, answer, notes_answer)
        )
    return out


# --- scenarios -----------------------------------------------------------------------------


def notes_pack(pack: m.Pack) -> m.Pack:
    """The pack as the exam notes have it: facts take their exam-notes value where it has the
    same type as today's (a number for a number, a yes/no for a yes/no)."""
    facts: dict[str, m.Fact] = {}
    changed = False
    for fid, f in pack.facts.items():
        nv = f.exam_notes.value if f.exam_notes else None
        same_type = (
            nv is not None
            and (
                (_is_number(nv) and _is_number(f.value))
                or (isinstance(nv, bool) and isinstance(f.value, bool))
            )
            and nv != f.value
        )
        if same_type:
            facts[fid] = dataclasses.replace(f, value=nv)
            changed = True
        else:
            facts[fid] = f
    return dataclasses.replace(pack, facts=facts) if changed else pack


def _probe(q: m.Question, limits: Sequence[float]) -> list[m.AnswerValue]:
    """Answers worth trying for ``q``: each choice, or numbers around the thresholds that
    conditions compare it with (on the question's step: no 1.5 models).

    >>> q = m.Question("n", "a", "How many?", "number", min=1, step=1)
    >>> _probe(q, [1.0, 10.0])
    [1, 2, 5, 10, 11, 15]
    """
    if q.kind == "single":
        return [o.id for o in q.options]
    if q.kind == "multiple":
        return [(), *((o.id,) for o in q.options)]
    if q.kind == "boolean":
        return [True, False]
    lo = q.min if q.min is not None else 0.0
    hi = q.max if q.max is not None else float("inf")
    points: set[float] = set()
    for t in limits:
        for x in (_nice(t * 0.5), t, _nice(t * 1.5) if t else 1.0, t + 1):
            points.add(x)
    if not points:
        points = {lo if lo > 0 else 1.0}
    if q.step:
        step = q.step
        points = {_nice(round(p / step) * step) for p in points}
    out: list[m.AnswerValue] = []
    for p in sorted(points):
        if lo <= p <= hi:
            out.append(int(p) if float(p).is_integer() else p)
    return out or [lo]


_Key = frozenset[tuple[str, m.AnswerValue]]

# Random workloads shared by every option's search: each one decides every area at once, so
# one pool serves all options (a pool per option repeated the same random walks 54 times).
_TRIALS = 256
# Per option, how many workloads get minimised for each item (the shortest ones first).
_CANDIDATES = 2
_DISTRACTORS = 3
# Of an item's distractors, how many (at most) must be ruled out by the scenario's answers
# rather than regardless of them (a closed service is out whatever the workload).
_DRIVEN = 1


@dataclass(frozen=True, slots=True)
class _Inputs:
    """What an area's verdicts (its choice, and which options are ruled out) can depend on:
    the last area in the engine's order that they look at, and the questions."""

    horizon: int
    questions: frozenset[str]


def _inputs(pack: m.Pack) -> dict[str, _Inputs]:
    """For each area, the areas and questions its verdicts depend on.

    An answer counts when its question's area applies and its own condition holds, so those
    conditions count too; a ``chosen`` condition brings in everything the other area's
    choice depends on.
    """
    index = {a.id: i for i, a in enumerate(pack.areas)}

    def deciding(area: m.Area) -> list[m.Condition | None]:
        rules = [r.when for o in area.options for r in (*o.exclude, *o.prefer)]
        return [area.when, pack.existing_customer, *rules]

    out: dict[str, _Inputs] = {}
    for i, area in enumerate(pack.areas):
        questions: set[str] = set()
        areas = {area.id}  # every area looked at
        decided = {area.id}  # the areas whose choice is looked at
        todo = deciding(area)
        while todo:
            for c in walk(todo.pop()):
                if isinstance(c, m.AnswerCmp) and c.question not in questions:
                    questions.add(c.question)
                    q = pack.questions.get(c.question)
                    if q is not None:
                        todo.append(q.when)
                        if q.area in index:
                            todo.append(pack.areas[index[q.area]].when)
                            areas.add(q.area)
                elif isinstance(c, m.Chosen) and c.area in index and c.area not in decided:
                    areas.add(c.area)
                    decided.add(c.area)
                    todo.extend(deciding(pack.areas[index[c.area]]))
        horizon = max(index[a] for a in areas)
        out[area.id] = _Inputs(max(i, horizon), frozenset(questions))
    return out


class _Verdicts:
    """The engine's verdicts on one pack, memoised by the answers they were asked about.

    Minimising scenarios asks about overlapping answer sets again and again; one instance
    lives for one generation only.
    """

    def __init__(self, pack: m.Pack) -> None:
        self.pack = pack
        self._passes: dict[_Key, AreaPass] = {}
        self._out: dict[tuple[_Key, str], frozenset[str]] = {}

    def decide(self, answers: Mapping[str, m.AnswerValue]) -> AreaPass:
        key = frozenset(answers.items())
        p = self._passes.get(key)
        if p is None:
            p = self._passes[key] = decide_areas(self.pack, answers)
        return p

    def ruled_out(self, area: m.Area, answers: Mapping[str, m.AnswerValue]) -> frozenset[str]:
        """The options of ``area`` that the engine rules out for ``answers``."""
        key = (frozenset(answers.items()), area.id)
        out = self._out.get(key)
        if out is None:
            out = self._out[key] = _ruled_out_in(self.pack, [area], self.decide(answers))[area.id]
        return out


def _ruled_out_in(pack: m.Pack, areas: Iterable[m.Area], p: AreaPass) -> dict[str, frozenset[str]]:
    ctx = Context(pack, p.effective, p.chosen)
    existing = evaluate(pack.existing_customer, ctx) is True
    return {
        area.id: frozenset(o.id for o in area.options if is_ruled_out(pack, o, ctx, existing))
        for area in areas
    }


@dataclass(frozen=True, slots=True)
class _Goal:
    """What a scenario must show: ``option_id`` chosen for ``area`` and ``distractors`` ruled
    out, or at least ``count`` other options of which ``driven`` are not in ``static`` (out
    whatever the answers)."""

    area: m.Area
    option_id: str
    distractors: frozenset[str] = frozenset()
    count: int = 0
    driven: int = 0
    static: frozenset[str] = frozenset()

    def met(self, verdicts: _Verdicts, answers: Mapping[str, m.AnswerValue]) -> bool:
        if verdicts.decide(answers).chosen.get(self.area.id) != self.option_id:
            return False
        out = verdicts.ruled_out(self.area, answers) - {self.option_id}
        return (
            self.distractors <= out
            and len(out) >= self.count
            and len(out - self.static) >= self.driven
        )


def _answer_text(pack: m.Pack, qid: str, value: m.AnswerValue) -> str:
    q = pack.questions[qid]
    if q.kind in ("single", "multiple"):
        ids = value if isinstance(value, tuple) else (value,)
        labels = [(q.option(str(i)) or m.QuestionOption(str(i), str(i))).label for i in ids]
        return ", ".join(labels) if labels else "none of these"
    return m.format_value(value, q.unit)


@dataclass(frozen=True, slots=True)
class _Trial:
    """One random workload: its effective answers, and per area the option chosen and the
    options ruled out."""

    number: int
    effective: Mapping[str, m.AnswerValue]
    chosen: Mapping[str, str | None]
    ruled_out: Mapping[str, frozenset[str]]


def _draws(key: str, values: Sequence[m.AnswerValue], count: int) -> list[m.AnswerValue]:
    rng = _rng(key)
    return [values[rng.randrange(len(values))] for _ in range(count)]


def _trial_pool(
    pack: m.Pack, probes: Mapping[str, Sequence[m.AnswerValue]], count: int
) -> list[_Trial]:
    """``count`` random workloads, then more for the areas that few of them reach.

    Every area is decided once per workload. Each question draws its answers from a
    generator seeded with its own id, so adding or editing a question leaves every other
    question's answers (and so the scenarios of areas that do not look at it) as they were.
    An area that applies to fewer than a quarter of the workloads (the deployment areas only
    apply to custom models) gets ``count // 4`` more: earlier areas' answers copied from the
    workloads it applies to, its own and later areas' answers drawn afresh.
    """
    draws = {qid: _draws(f"scenario-trials.{qid}", values, count) for qid, values in probes.items()}
    assignments = [{qid: d[n] for qid, d in draws.items()} for n in range(count)]
    out: list[_Trial] = []

    def run(answers: dict[str, m.AnswerValue]) -> None:
        p = decide_areas(pack, answers)
        out.append(_Trial(len(out), p.effective, p.chosen, _ruled_out_in(pack, p.applicable, p)))

    for answers in assignments:
        run(answers)
    index = {a.id: i for i, a in enumerate(pack.areas)}
    extra = count // 4
    for i, area in enumerate(pack.areas):
        reached = [n for n, t in enumerate(out) if t.chosen.get(area.id) is not None]
        if not reached or len(reached) >= extra:
            continue
        later = [q for q in probes if index.get(pack.questions[q].area, i) >= i]
        fresh = {q: _draws(f"scenario-trials.{area.id}.{q}", probes[q], extra) for q in later}
        for j in range(extra):
            answers = {**assignments[reached[j % len(reached)]]}
            answers.update({q: d[j] for q, d in fresh.items()})
            assignments.append(answers)
            run(answers)
    return out


def _scenarios(c: _Ctx, trials: int = _TRIALS) -> list[Item]:
    """Scenario items: a workload, and the option the engine picks for one area.

    A shared pool of random workloads says, for every option, which workloads pick it and
    which other options they rule out. For each option the shortest few of those workloads
    are minimised (answers the verdict does not need are dropped) and become up to two items.
    An item's id names its area, its option and its distractors, which are picked in an
    order fixed by the option ids, so the id does not depend on how the search went.
    """
    pack = c.pack
    if not pack.areas:
        return []
    notes = notes_pack(pack)
    limits = thresholds(pack)
    probes = {q.id: _probe(q, limits.get(q.id, ())) for q in pack.questions.values()}
    pool = _trial_pool(pack, probes, trials)
    inputs = _inputs(pack)
    prefixes: dict[int, _Verdicts] = {}
    out: list[Item] = []
    for area in pack.areas:
        horizon, relevant = inputs[area.id].horizon, inputs[area.id].questions
        # the areas after the horizon cannot change this area's verdicts: leave them out
        verdicts = prefixes.get(horizon)
        if verdicts is None:
            prefix = dataclasses.replace(pack, areas=pack.areas[: horizon + 1])
            verdicts = prefixes[horizon] = _Verdicts(prefix)
        static = verdicts.ruled_out(area, {})
        for option in area.options:
            hits: dict[_Key, _Hit] = {}
            for t in pool:
                if t.chosen.get(area.id) != option.id:
                    continue
                others = t.ruled_out[area.id] - {option.id}
                if not others:
                    continue
                answers = {q: v for q, v in t.effective.items() if q in relevant}
                key = frozenset(answers.items())
                if key not in hits:
                    hits[key] = _Hit(key, t.number, answers, others)
            if hits:
                search = _OptionSearch(c, notes, verdicts, area, option, static, hits.values())
                out.extend(search.items())
    return out


@dataclass(frozen=True, slots=True)
class _Hit:
    """A workload that picks the option: its answers as far as the area looks, the others out."""

    key: _Key
    trial: int
    answers: dict[str, m.AnswerValue]
    others: frozenset[str]


class _OptionSearch:
    """Up to two scenario items for one option, from the pool's workloads that pick it."""

    def __init__(
        self,
        c: _Ctx,
        notes: m.Pack,
        verdicts: _Verdicts,
        area: m.Area,
        option: m.Option,
        static: frozenset[str],
        hits: Iterable[_Hit],
    ) -> None:
        self.c, self.notes, self.verdicts = c, notes, verdicts
        self.area, self.option, self.static = area, option, static
        # the shortest workloads first: they shrink fastest and to the shortest scenarios
        self.hits_all = sorted(hits, key=lambda h: (len(h.answers), h.trial))
        self.goal, self.hits = self._goal(self.hits_all)
        self.out: list[Item] = []
        self.used: set[frozenset[str]] = set()

    def items(self) -> list[Item]:
        """The shortest scenario, then one that gives another reason (or rules out more)."""
        found = self._search(self.goal, self.hits, {})
        for answers in sorted(found.values(), key=_scenario_order):
            if self._add(answers, None) and len(self.out) == 2:
                return self.out
        if not self.out:
            return self.out
        # workloads that pick the option without the first scenario's answers
        rest = [h for h in self.hits_all if not any(f <= h.key for f in found)]
        if rest:
            goal, usable = self._goal(rest)
            more = self._search(goal, usable, found)
            for answers in sorted(more.values(), key=_scenario_order):
                if self._add(answers, None, goal.count) and len(self.out) == 2:
                    return self.out
        self._add_contrast()
        return self.out

    def _goal(self, hits: list[_Hit]) -> tuple[_Goal, list[_Hit]]:
        """As many distractors as any of ``hits`` allows, up to three, and as many of them
        out because of the answers as any allows, up to _DRIVEN; and the hits that allow it."""
        count = min(_DISTRACTORS, max(len(h.others) for h in hits))
        driven = min(_DRIVEN, max(len(h.others - self.static) for h in hits))
        goal = _Goal(self.area, self.option.id, count=count, driven=driven, static=self.static)
        usable = [
            h for h in hits if len(h.others) >= count and len(h.others - self.static) >= driven
        ]
        return goal, usable

    def _search(
        self, goal: _Goal, hits: Sequence[_Hit], found: Mapping[_Key, dict[str, m.AnswerValue]]
    ) -> dict[_Key, dict[str, m.AnswerValue]]:
        """Minimise the first few ``hits`` that do not hold a scenario found already (they
        would likely shrink to it again)."""
        out: dict[_Key, dict[str, m.AnswerValue]] = {}
        tries = 0
        for hit in hits:
            if tries == _CANDIDATES:
                break
            if any(f <= hit.key for f in (*found, *out)):
                continue
            tries += 1
            minimal = _minimize(self.verdicts, goal, hit.answers)
            if minimal:  # a scenario must state something
                out.setdefault(frozenset(minimal.items()), minimal)
        return out

    def _add_contrast(self) -> None:
        """A second item whose scenario rules out an option the first one leaves standing."""
        first = dict(self.out[0].scenario)
        standing = {o.id for o in self.area.options} - self.verdicts.ruled_out(self.area, first)
        tries = 0
        for hit in self.hits:
            new = sorted(hit.others & standing, key=self._order)
            if not new:
                continue
            rest = self._ordered(hit.others - {new[0]})
            distractors = frozenset([new[0], *rest[: self.goal.count - 1]])
            goal = _Goal(self.area, self.option.id, distractors)
            minimal = _minimize(self.verdicts, goal, hit.answers)
            if minimal and self._add(minimal, distractors):
                return
            tries += 1
            if tries == _CANDIDATES:
                return

    def _order(self, option_id: str) -> str:
        return _short_hash(f"{self.area.id}.{self.option.id}.{option_id}")

    def _ordered(self, option_ids: Iterable[str]) -> list[str]:
        """Options ruled out by the answers first, each part in an order fixed by the ids."""
        return sorted(option_ids, key=lambda o: (o in self.static, self._order(o)))

    def _add(
        self,
        answers: dict[str, m.AnswerValue],
        distractors: frozenset[str] | None,
        count: int | None = None,
    ) -> bool:
        if any(dict(i.scenario) == answers for i in self.out):
            return False  # one question per distinct scenario
        if distractors is None:
            others = self.verdicts.ruled_out(self.area, answers) - {self.option.id}
            # the option the exam notes pick must be among the choices when today it is out
            notes_choice = decide_areas(self.notes, answers).chosen.get(self.area.id)
            must = {notes_choice} & others if notes_choice != self.option.id else set()
            distractors = self._pick(others, {str(x) for x in must}, count or self.goal.count)
            if distractors is None:
                return False
        goal = _Goal(self.area, self.option.id, distractors)
        answers = _keep_account(self.verdicts, goal, answers)
        item = _scenario_item(
            self.c, self.notes, self.area, self.option, answers, sorted(distractors)
        )
        if item is None or distractors in self.used:
            return False
        self.used.add(distractors)
        self.out.append(item)
        return True

    def _pick(self, others: frozenset[str], must: set[str], count: int) -> frozenset[str] | None:
        """``count`` of the ruled-out ``others``, with ``must``, in an order fixed by the ids."""
        rest = self._ordered(others - must)
        want = count - len(must)
        if want < 0 or len(rest) < want:
            return None
        for skip in range(max(1, len(rest) - want + 1)):
            pick = frozenset([*must, *rest[skip : skip + want]])
            if pick not in self.used:
                return pick
        return None


def _scenario_order(answers: Mapping[str, m.AnswerValue]) -> tuple[int, list[str]]:
    return len(answers), sorted(f"{k}={v!r}" for k, v in answers.items())


def _minimize(
    verdicts: _Verdicts, goal: _Goal, answers: Mapping[str, m.AnswerValue]
) -> dict[str, m.AnswerValue]:
    """Drop answers the verdict does not need: the scenario states only what matters.
    Empty when ``answers`` do not meet ``goal`` in the first place."""
    answers = dict(answers)
    if not goal.met(verdicts, answers):
        return {}
    for qid in list(answers)[::-1]:
        if qid not in answers:
            continue  # gone with an answer it depended on
        trial = {k: v for k, v in answers.items() if k != qid}
        if goal.met(verdicts, trial):
            answers = dict(verdicts.decide(trial).effective)
    return answers


def _keep_account(
    verdicts: _Verdicts, goal: _Goal, answers: dict[str, m.AnswerValue]
) -> dict[str, m.AnswerValue]:
    """State the account question when a distractor is out only because its service is closed:
    an unanswered question would leave the student guessing which account is meant."""
    pack = verdicts.pack
    needed = questions_in(pack.existing_customer)
    closed = any(
        (o := pack.option(goal.area.id, d)).service
        and pack.services[o.service].status.state == "closed"
        for d in goal.distractors
    )
    if not closed or all(q in answers for q in needed):
        return answers
    # state a new account: the kind that cannot use a closed service
    for q in needed:
        question = pack.questions.get(q)
        if question is None or q in answers:
            continue
        for value in _probe(question, []):
            trial = {**answers, q: value}
            new_account = evaluate(pack.existing_customer, Context(pack, trial, {})) is False
            if new_account and goal.met(verdicts, trial):
                answers = dict(verdicts.decide(trial).effective)
                break
    return answers


def _scenario_item(
    c: _Ctx,
    notes: m.Pack,
    area: m.Area,
    option: m.Option,
    answers: dict[str, m.AnswerValue],
    distractors: list[str],
) -> Item | None:
    pack = c.pack
    p = decide_areas(pack, answers)
    if p.chosen.get(area.id) != option.id:
        return None  # checked against the whole pack: the search looked at a part of it
    ctx = Context(pack, p.effective, p.chosen)
    existing = evaluate(pack.existing_customer, ctx) is True
    result = explain_area(pack, area, ctx, option.id, existing)
    alts = {a.id: a for a in result.alternatives}
    if any(alts.get(d) is None or alts[d].status != "ruled_out" for d in distractors):
        return None
    # the same scenario as the exam notes have it
    notes_choice = decide_areas(notes, answers).chosen.get(area.id)
    notes_index_key: str | None = None
    if notes_choice != option.id:
        if notes_choice not in distractors:
            return None  # the notes' answer would not be among the choices: not askable
        notes_index_key = notes_choice
    titles = {o.id: o.title for o in area.options}
    item_id = f"scenario.{area.id}.{option.id}.{_short_hash('+'.join(distractors))}"
    rng = _rng(item_id)
    notes_pair = (titles[notes_index_key], notes_index_key) if notes_index_key else None
    choices, keys, answer, notes_answer = _finish(
        rng,
        (option.title, option.id),
        [(titles[d], d) for d in distractors if d != notes_index_key],
        notes=notes_pair,
    )
    lines = [
        f"\u2022 {pack.questions[q].text} {_answer_text(pack, q, v)}" for q, v in answers.items()
    ]
    reasons = [r.text for r in result.reasons]
    specific = [t for t in reasons if not t.startswith("It is the best option left")]
    reasons = specific or reasons
    explained = list(distractors)
    if not specific and result.chosen is not None:
        # "the best option left: X would fit better but is ruled out (see below)": say why X
        # is out too, even when X is not among the choices
        explained += [
            a.id
            for a in result.alternatives
            if a.status == "ruled_out" and a.score > result.chosen.score and a.id not in distractors
        ]
    why_not = [
        f"Not {alts[d].title}: {' '.join(r.text for r in alts[d].reasons)}" for d in explained
    ]
    sources: dict[m.Source, None] = {}
    for r in result.reasons:
        sources.update(dict.fromkeys(r.sources))
    for d in explained:
        for r in alts[d].reasons:
            sources.update(dict.fromkeys(r.sources))
    sources.update(dict.fromkeys(option.sources))
    service = pack.services.get(option.service) if option.service else None
    if not sources and service is not None:
        s = c.source_for(service)
        if s is not None:
            sources[s] = None
    if not sources:
        return None
    src = list(sources)
    notes_expl = ""
    if notes_index_key:
        notes_expl = (
            f"With the exam notes' numbers, {titles[notes_index_key]} fits instead of"
            f" {option.title}."
        )
    topic = service.category if service else "sagemaker-deploy"
    fact_ids: dict[str, None] = {}
    for r in result.reasons:
        fact_ids.update(dict.fromkeys(r.facts))
    for d in explained:
        for r in alts[d].reasons:
            fact_ids.update(dict.fromkeys(r.facts))
    return Item(
        id=item_id,
        kind="scenario",
        question=f"A workload:\n{chr(10).join(lines)}\nWhich {_lower_first(area.title)} fits best?",
        choices=choices,
        answer=answer,
        explanation=" ".join([*reasons, *why_not]),
        source=src[0],
        topic=topic,
        domain=c.domain_of(service),
        facts=tuple(fact_ids),
        services=(option.service,) if option.service else (),
        notes_answer=notes_answer,
        notes_explanation=notes_expl,
        choice_keys=keys,
        scenario=tuple(answers.items()),
        more_sources=tuple(src[1:]),
    )


# --- entry points ---------------------------------------------------------------------------


@lru_cache(maxsize=4)
def generate(pack: m.Pack) -> tuple[Item, ...]:
    """Every quiz item for ``pack``: hand-written first, then generated, ids unique.

    Cached per pack object (a pack compares by identity), so the Study workspace and the CLI
    generate once per loaded pack; the items serve both modes (:func:`select` picks a mode's).
    """
    c = _Ctx(pack)
    items: dict[str, Item] = {}
    for batch in (
        _handwritten(pack),
        _scenarios(c),
        _limits(c),
        _cloze(c),
        _status(c),
        _not_supported(c),
        _not_member(c),
        _not_true(c),
        _use_cases(c),
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
