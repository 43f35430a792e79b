"""Scenario items: a workload, and the option the engine picks for one of its areas."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..decide.engine import AreaResult, decide_areas, explain_area
from ..pack import model as m
from ..pack.conditions import Context, evaluate, thresholds
from .common import Ctx, finish, lower_first, rng_for, short_hash
from .items import Item
from .search import (
    CANDIDATES,
    DISTRACTORS,
    DRIVEN,
    TRIALS,
    Goal,
    Key,
    Verdicts,
    answer_text,
    area_inputs,
    keep_account,
    minimize,
    notes_pack,
    probe,
    scenario_order,
    trial_pool,
)

__all__ = ["scenario_items"]


def scenario_items(c: Ctx, trials: int = TRIALS) -> list[Item]:
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
    probes = {q.id: probe(q, limits.get(q.id, ())) for q in pack.questions.values()}
    pool = trial_pool(pack, probes, trials)
    inputs = area_inputs(pack)
    prefixes: dict[int, Verdicts] = {}
    out: list[Item] = []
    for area in pack.areas:
        horizon, relevant = inputs[area.id].horizon, inputs[area.id].questions
        # the areas after the horizon cannot change this area's verdicts: leave them out
        verdicts = prefixes.get(horizon)
        if verdicts is None:
            prefix = dataclasses.replace(pack, areas=pack.areas[: horizon + 1])
            verdicts = prefixes[horizon] = Verdicts(prefix)
        static = verdicts.ruled_out(area, {})
        for option in area.options:
            hits: dict[Key, _Hit] = {}
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

    key: Key
    trial: int
    answers: dict[str, m.AnswerValue]
    others: frozenset[str]


class _OptionSearch:
    """Up to two scenario items for one option, from the pool's workloads that pick it."""

    def __init__(
        self,
        c: Ctx,
        notes: m.Pack,
        verdicts: Verdicts,
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
        for answers in sorted(found.values(), key=scenario_order):
            if self._add(answers, None) and len(self.out) == 2:
                return self.out
        if not self.out:
            return self.out
        # workloads that pick the option without the first scenario's answers
        rest = [h for h in self.hits_all if not any(f <= h.key for f in found)]
        if rest:
            goal, usable = self._goal(rest)
            more = self._search(goal, usable, found)
            for answers in sorted(more.values(), key=scenario_order):
                if self._add(answers, None, goal.count) and len(self.out) == 2:
                    return self.out
        self._add_contrast()
        return self.out

    def _goal(self, hits: list[_Hit]) -> tuple[Goal, list[_Hit]]:
        """As many distractors as any of ``hits`` allows, up to three, and as many of them
        out because of the answers as any allows, up to DRIVEN; and the hits that allow it."""
        count = min(DISTRACTORS, max(len(h.others) for h in hits))
        driven = min(DRIVEN, max(len(h.others - self.static) for h in hits))
        goal = Goal(self.area, self.option.id, count=count, driven=driven, static=self.static)
        usable = [
            h for h in hits if len(h.others) >= count and len(h.others - self.static) >= driven
        ]
        return goal, usable

    def _search(
        self, goal: Goal, hits: Sequence[_Hit], found: Mapping[Key, dict[str, m.AnswerValue]]
    ) -> dict[Key, dict[str, m.AnswerValue]]:
        """Minimise the first few ``hits`` that do not hold a scenario found already (they
        would likely shrink to it again)."""
        out: dict[Key, dict[str, m.AnswerValue]] = {}
        tries = 0
        for hit in hits:
            if tries == CANDIDATES:
                break
            if any(f <= hit.key for f in (*found, *out)):
                continue
            tries += 1
            minimal = minimize(self.verdicts, goal, hit.answers)
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
            goal = Goal(self.area, self.option.id, distractors)
            minimal = minimize(self.verdicts, goal, hit.answers)
            if minimal and self._add(minimal, distractors):
                return
            tries += 1
            if tries == CANDIDATES:
                return

    def _order(self, option_id: str) -> str:
        return short_hash(f"{self.area.id}.{self.option.id}.{option_id}")

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
        goal = Goal(self.area, self.option.id, distractors)
        answers = keep_account(self.verdicts, goal, answers)
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


def _notes_choice(
    notes: m.Pack, area: m.Area, option: m.Option, answers: dict[str, m.AnswerValue]
) -> tuple[bool, str | None]:
    """Whether the scenario is askable under the exam notes too, and the notes' option when it
    differs from ``option`` (it must then be among the distractors)."""
    choice = decide_areas(notes, answers).chosen.get(area.id)
    return (True, None) if choice == option.id else (choice is not None, choice)


def _why(result: AreaResult, distractors: list[str]) -> tuple[list[str], list[str]]:
    """The engine's own reasons for the choice (empty when it has none but "the best option
    left: X would fit better but is ruled out"), and the options whose "Not X: ..." the
    explanation gives: the distractors only."""
    reasons = [r.text for r in result.reasons]
    return [t for t in reasons if not t.startswith("It is the best option left")], distractors


def _evidence(
    result: AreaResult, explained: list[str], option: m.Option
) -> tuple[list[m.Source], tuple[str, ...]]:
    """The sources and fact ids of the reasons an explanation gives, without repeats."""
    alts = {a.id: a for a in result.alternatives}
    used = [*result.reasons, *(r for d in explained for r in alts[d].reasons)]
    sources: dict[m.Source, None] = {}
    facts: dict[str, None] = {}
    for r in used:
        sources.update(dict.fromkeys(r.sources))
        facts.update(dict.fromkeys(r.facts))
    sources.update(dict.fromkeys(option.sources))
    return list(sources), tuple(facts)


def _verdict(
    pack: m.Pack,
    area: m.Area,
    option: m.Option,
    answers: dict[str, m.AnswerValue],
    distractors: list[str],
) -> AreaResult | None:
    """The engine's explanation of ``area`` for ``answers``, checked against the whole pack
    (the search looked at a part of it): ``option`` chosen and every distractor ruled out."""
    p = decide_areas(pack, answers)
    if p.chosen.get(area.id) != option.id:
        return None
    ctx = Context(pack, p.effective, p.chosen)
    existing = evaluate(pack.existing_customer, ctx) is True
    result = explain_area(pack, area, ctx, option.id, existing)
    alts = {a.id: a for a in result.alternatives}
    if any(alts.get(d) is None or alts[d].status != "ruled_out" for d in distractors):
        return None
    if not _why(result, distractors)[0]:
        # chosen only because the rest is ruled out (a 1,500 MB "request" sent to batch):
        # the stem gives no reason for the key itself, so it is no question to learn from
        return None
    return result


def _stem(pack: m.Pack, area: m.Area, answers: Mapping[str, m.AnswerValue]) -> str:
    lines = [
        f"\u2022 {pack.questions[q].text} {answer_text(pack, q, v)}" for q, v in answers.items()
    ]
    return f"A workload:\n{chr(10).join(lines)}\nWhich {lower_first(area.title)} fits best?"


def _notes_words(titles: Mapping[str, str], notes_key: str | None, option: m.Option) -> str:
    if notes_key is None:
        return ""
    return f"With the exam notes' numbers, {titles[notes_key]} fits instead of {option.title}."


def _scenario_item(
    c: Ctx,
    notes: m.Pack,
    area: m.Area,
    option: m.Option,
    answers: dict[str, m.AnswerValue],
    distractors: list[str],
) -> Item | None:
    pack = c.pack
    result = _verdict(pack, area, option, answers, distractors)
    if result is None:
        return None
    alts = {a.id: a for a in result.alternatives}
    # the same scenario as the exam notes have it
    askable, notes_key = _notes_choice(notes, area, option, answers)
    if not askable or (notes_key is not None and notes_key not in distractors):
        return None  # the notes' answer would not be among the choices: not askable
    titles = {o.id: o.title for o in area.options}
    item_id = f"scenario.{area.id}.{option.id}.{short_hash('+'.join(distractors))}"
    notes_pair = (titles[notes_key], notes_key) if notes_key else None
    choices, keys, answer, notes_answer = finish(
        rng_for(item_id),
        (option.title, option.id),
        [(titles[d], d) for d in distractors if d != notes_key],
        notes=notes_pair,
    )
    reasons, explained = _why(result, distractors)
    why_not = [
        f"Not {alts[d].title}: {' '.join(r.text for r in alts[d].reasons)}" for d in explained
    ]
    src, fact_ids = _evidence(result, explained, option)
    service = pack.services.get(option.service) if option.service else None
    src = src or ([s for s in (c.source_for(service),) if s is not None] if service else [])
    if not src:
        return None
    return Item(
        id=item_id,
        kind="scenario",
        question=_stem(pack, area, answers),
        choices=choices,
        answer=answer,
        explanation=" ".join([*reasons, *why_not]),
        source=src[0],
        topic=service.category if service else "sagemaker-deploy",
        domain=c.domain_of(service),
        facts=fact_ids,
        services=(option.service,) if option.service else (),
        notes_answer=notes_answer,
        notes_explanation=_notes_words(titles, notes_key, option),
        choice_keys=keys,
        scenario=tuple(answers.items()),
        more_sources=tuple(src[1:]),
    )
