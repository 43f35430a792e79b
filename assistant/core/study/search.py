"""The search behind scenario items: random workloads, the engine's memoised verdicts, and
shrinking a workload to the answers a verdict needs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..decide.engine import AreaPass, decide_areas, is_ruled_out
from ..pack import model as m
from ..pack.conditions import Context, evaluate, questions_in, walk
from .common import is_number, nice, rng_for

__all__ = [
    "CANDIDATES",
    "DISTRACTORS",
    "DRIVEN",
    "TRIALS",
    "Goal",
    "Inputs",
    "Key",
    "Trial",
    "Verdicts",
    "answer_text",
    "area_inputs",
    "draw_answers",
    "keep_account",
    "minimize",
    "notes_pack",
    "probe",
    "ruled_out_in",
    "scenario_order",
    "trial_pool",
]


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
                (is_number(nv) and is_number(f.value))
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


def probe(q: m.Question, limits: Sequence[float]) -> list[m.AnswerValue]:
    """Answers worth trying for ``q``: each choice, or numbers around the thresholds that
    conditions compare it with (on the question's step: no 1.5 models).

    >>> q = m.Question("n", "a", "How many?", "number", min=1, step=1)
    >>> probe(q, [1.0, 10.0])
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
        for x in (nice(t * 0.5), t, nice(t * 1.5) if t else 1.0, t + 1):
            points.add(x)
    if not points:
        points = {lo if lo > 0 else 1.0}
    if q.step:
        step = q.step
        points = {nice(round(p / step) * step) for p in points}
    out: list[m.AnswerValue] = []
    for p in sorted(points):
        if lo <= p <= hi:
            out.append(int(p) if float(p).is_integer() else p)
    return out or [lo]


Key = frozenset[tuple[str, m.AnswerValue]]

# Random workloads shared by every option's search: each one decides every area at once, so
# one pool serves all options (a pool per option repeated the same random walks 54 times).
TRIALS = 256
# Per option, how many workloads get minimised for each item (the shortest ones first).
CANDIDATES = 2
DISTRACTORS = 3
# Of an item's distractors, how many (at most) must be ruled out by the scenario's answers
# rather than regardless of them (a closed service is out whatever the workload).
DRIVEN = 1


@dataclass(frozen=True, slots=True)
class Inputs:
    """What an area's verdicts (its choice, and which options are ruled out) can depend on:
    the last area in the engine's order that they look at, and the questions."""

    horizon: int
    questions: frozenset[str]


def area_inputs(pack: m.Pack) -> dict[str, Inputs]:
    """For each area, the areas and questions its verdicts depend on.

    An answer counts when its question's area applies and its own condition holds, so those
    conditions count too; a ``chosen`` condition brings in everything the other area's
    choice depends on.
    """
    index = {a.id: i for i, a in enumerate(pack.areas)}

    def deciding(area: m.Area) -> list[m.Condition | None]:
        rules = [r.when for o in area.options for r in (*o.exclude, *o.prefer)]
        return [area.when, pack.existing_customer, *rules]

    out: dict[str, Inputs] = {}
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
        out[area.id] = Inputs(max(i, horizon), frozenset(questions))
    return out


class Verdicts:
    """The engine's verdicts on one pack, memoised by the answers they were asked about.

    Minimising scenarios asks about overlapping answer sets again and again; one instance
    lives for one generation only.
    """

    def __init__(self, pack: m.Pack) -> None:
        self.pack = pack
        self._passes: dict[Key, AreaPass] = {}
        self._out: dict[tuple[Key, str], frozenset[str]] = {}

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
            out = self._out[key] = ruled_out_in(self.pack, [area], self.decide(answers))[area.id]
        return out


def ruled_out_in(pack: m.Pack, areas: Iterable[m.Area], p: AreaPass) -> dict[str, frozenset[str]]:
    ctx = Context(pack, p.effective, p.chosen)
    existing = evaluate(pack.existing_customer, ctx) is True
    return {
        area.id: frozenset(o.id for o in area.options if is_ruled_out(pack, o, ctx, existing))
        for area in areas
    }


@dataclass(frozen=True, slots=True)
class Goal:
    """What a scenario must show: ``option_id`` chosen for ``area`` and ``distractors`` ruled
    out, or at least ``count`` other options of which ``driven`` are not in ``static`` (out
    whatever the answers)."""

    area: m.Area
    option_id: str
    distractors: frozenset[str] = frozenset()
    count: int = 0
    driven: int = 0
    static: frozenset[str] = frozenset()

    def met(self, verdicts: Verdicts, answers: Mapping[str, m.AnswerValue]) -> bool:
        if verdicts.decide(answers).chosen.get(self.area.id) != self.option_id:
            return False
        out = verdicts.ruled_out(self.area, answers) - {self.option_id}
        return (
            self.distractors <= out
            and len(out) >= self.count
            and len(out - self.static) >= self.driven
        )


def answer_text(pack: m.Pack, qid: str, value: m.AnswerValue) -> str:
    q = pack.questions[qid]
    if q.kind in ("single", "multiple"):
        ids = value if isinstance(value, tuple) else (value,)
        labels = [(q.option(str(i)) or m.QuestionOption(str(i), str(i))).label for i in ids]
        return ", ".join(labels) if labels else "none of these"
    return m.format_value(value, _unit_for(value, q.unit))


def _unit_for(value: m.AnswerValue, unit: str) -> str:
    """``1 application``, not ``1 applications`` (a word unit in the plural loses its s).

    >>> _unit_for(1, "applications"), _unit_for(2, "applications"), _unit_for(1, "ms")
    ('application', 'applications', 'ms')
    """
    if value == 1 and len(unit) > 3 and unit.isalpha() and unit.islower() and unit.endswith("s"):
        return unit[:-1]
    return unit


@dataclass(frozen=True, slots=True)
class Trial:
    """One random workload: its effective answers, and per area the option chosen and the
    options ruled out."""

    number: int
    effective: Mapping[str, m.AnswerValue]
    chosen: Mapping[str, str | None]
    ruled_out: Mapping[str, frozenset[str]]


def draw_answers(key: str, values: Sequence[m.AnswerValue], count: int) -> list[m.AnswerValue]:
    rng = rng_for(key)
    return [values[rng.randrange(len(values))] for _ in range(count)]


def trial_pool(
    pack: m.Pack, probes: Mapping[str, Sequence[m.AnswerValue]], count: int
) -> list[Trial]:
    """``count`` random workloads, then more for the areas that few of them reach.

    Every area is decided once per workload. Each question draws its answers from a
    generator seeded with its own id, so adding or editing a question leaves every other
    question's answers (and so the scenarios of areas that do not look at it) as they were.
    An area that applies to fewer than a quarter of the workloads (the deployment areas only
    apply to custom models) gets ``count // 4`` more: earlier areas' answers copied from the
    workloads it applies to, its own and later areas' answers drawn afresh.
    """
    draws = {
        qid: draw_answers(f"scenario-trials.{qid}", values, count) for qid, values in probes.items()
    }
    assignments = [{qid: d[n] for qid, d in draws.items()} for n in range(count)]
    out: list[Trial] = []

    def run(answers: dict[str, m.AnswerValue]) -> None:
        p = decide_areas(pack, answers)
        out.append(Trial(len(out), p.effective, p.chosen, ruled_out_in(pack, p.applicable, p)))

    for answers in assignments:
        run(answers)
    index = {a.id: i for i, a in enumerate(pack.areas)}
    extra = count // 4
    for i, area in enumerate(pack.areas):
        reached = [n for n, t in enumerate(out) if t.chosen.get(area.id) is not None]
        if not reached or len(reached) >= extra:
            continue
        later = [q for q in probes if index.get(pack.questions[q].area, i) >= i]
        fresh = {q: draw_answers(f"scenario-trials.{area.id}.{q}", probes[q], extra) for q in later}
        for j in range(extra):
            answers = {**assignments[reached[j % len(reached)]]}
            answers.update({q: d[j] for q, d in fresh.items()})
            assignments.append(answers)
            run(answers)
    return out


def scenario_order(answers: Mapping[str, m.AnswerValue]) -> tuple[int, list[str]]:
    return len(answers), sorted(f"{k}={v!r}" for k, v in answers.items())


def minimize(
    verdicts: Verdicts, goal: Goal, answers: Mapping[str, m.AnswerValue]
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


def keep_account(
    verdicts: Verdicts, goal: Goal, answers: dict[str, m.AnswerValue]
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
        for value in probe(question, []):
            trial = {**answers, q: value}
            new_account = evaluate(pack.existing_customer, Context(pack, trial, {})) is False
            if new_account and goal.met(verdicts, trial):
                answers = dict(verdicts.decide(trial).effective)
                break
    return answers
