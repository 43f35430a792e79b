"""The knowledge pack as frozen dataclasses (see knowledge/FORMAT.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeAlias

from ..errors import Loc
from ..vocab import (
    ANSWER_OPS,
    CATEGORIES,
    DOMAINS,
    EXAM_STATES,
    QUESTION_KINDS,
    RELATION_KINDS,
    STATES,
    Category,
    ExamState,
    QuestionKind,
    RelationKind,
    State,
)

__all__ = [
    "AREA_OPS",
    "CATEGORIES",
    "DOMAINS",
    "EXAM_STATES",
    "QUESTION_KINDS",
    "RELATION_KINDS",
    "STATES",
    "All",
    "AnswerCmp",
    "AnswerValue",
    "Answers",
    "Any_",
    "Area",
    "Chosen",
    "Condition",
    "ConfigEntry",
    "Exam",
    "ExamDomain",
    "ExamNotes",
    "ExamTask",
    "Fact",
    "FactRef",
    "Fragment",
    "FragmentEdge",
    "FragmentGroup",
    "FragmentNode",
    "Not",
    "Operand",
    "Option",
    "Pack",
    "Question",
    "QuestionOption",
    "QuizItem",
    "Relation",
    "Rule",
    "Scalar",
    "Service",
    "Source",
    "Status",
    "Value",
    "ValueAnswer",
    "ValueFact",
    "ValueOp",
    "WarnRule",
]

# The vocabulary lives in ..vocab; the names stay importable from here.
AREA_OPS = ANSWER_OPS

Scalar: TypeAlias = str | int | float | bool
AnswerValue: TypeAlias = str | int | float | bool | tuple[str, ...]
Answers: TypeAlias = Mapping[str, AnswerValue]


@dataclass(frozen=True, slots=True)
class Source:
    """A source of a statement: its title and URL."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Status:
    """A service's state (available, closed to new customers, discontinued), since when, why."""

    state: State = "available"
    since: dt.date | None = None
    note: str = ""
    suggest: tuple[str, ...] = ()
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Service:
    """A service, feature or concept the pack can recommend, explain or draw."""

    id: str
    name: str
    category: Category
    summary: str
    use_cases: tuple[str, ...]
    status: Status
    domains: tuple[str, ...] = ()
    short: str = ""
    aliases: tuple[str, ...] = ()
    icon: str = "generic"
    drawio: str = ""
    part_of: str | None = None
    url: str = ""
    loc: Loc = field(default=Loc(""), compare=False)

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True, slots=True)
class ExamNotes:
    """A fact as the exam notes state it, where they differ from today's documentation."""

    statement: str
    value: Scalar | tuple[Scalar, ...] | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A sourced statement about services, with its value and unit and the date it was checked."""

    id: str
    about: tuple[str, ...]
    statement: str
    source: Source
    checked: dt.date
    value: Scalar | tuple[Scalar, ...] | None = None
    unit: str = ""
    exam_notes: ExamNotes | None = None
    domains: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    loc: Loc = field(default=Loc(""), compare=False)

    def value_text(self) -> str:
        """The value with its unit, for explanations: ``4 MB``, ``2-15``."""
        return format_value(self.value, self.unit)


def format_value(value: object, unit: str = "") -> str:
    """Format a fact or answer value for people.

    >>> format_value(4.0, "MB"), format_value(True), format_value(("a", "b"))
    ('4 MB', 'yes', 'a, b')
    """
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        text = f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    elif isinstance(value, int):
        text = f"{value:,}" if abs(value) >= 10_000 else str(value)
    elif isinstance(value, tuple | list):
        text = ", ".join(format_value(v) for v in value)
    else:
        text = str(value)
    if unit and text:
        return f"{text} {unit}"
    return text


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two services (``firehose feeds s3``), with the facts behind it."""

    source: str
    kind: RelationKind
    target: str
    label: str = ""
    facts: tuple[str, ...] = ()
    loc: Loc = field(default=Loc(""), compare=False)


# --- conditions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactRef:
    """An operand that stands for a fact's value (``{fact: ID}``)."""

    fact: str


Operand: TypeAlias = Scalar | tuple[Scalar, ...] | FactRef


@dataclass(frozen=True, slots=True)
class AnswerCmp:
    """A condition on a question's answer: ``{answer: ID, OP: OPERAND}``."""

    question: str
    op: str
    operand: Operand
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class Chosen:
    """A condition on an earlier area's choice: ``{chosen: AREA, eq|in: OPTIONS}``."""

    area: str
    options: tuple[str, ...]
    negate: bool = False
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class All:
    """A condition that holds when every item holds (``{all: [...]}``)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Any_:
    """A condition that holds when any item holds (``{any: [...]}``)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The negation of a condition (``{not: ...}``)."""

    item: Condition


Condition: TypeAlias = AnswerCmp | Chosen | All | Any_ | Not


# --- values -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ValueAnswer:
    """A config value taken from a question's answer (``{answer: ID}``)."""

    question: str


@dataclass(frozen=True, slots=True)
class ValueFact:
    """A config value taken from a fact (``{fact: ID}``)."""

    fact: str


@dataclass(frozen=True, slots=True)
class ValueOp:
    """A config value computed from others: add, sub, mul, div, min, max, round, ceil."""

    op: str
    args: tuple[Value, ...]


Value: TypeAlias = Scalar | ValueAnswer | ValueFact | ValueOp


# --- questions, areas, options -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionOption:
    """One choice of a single- or multiple-choice question."""

    id: str
    label: str
    help: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    """A question about the workload, shown under a decision area when its ``when`` holds."""

    id: str
    area: str
    text: str
    kind: QuestionKind
    help: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[QuestionOption, ...] = ()
    when: Condition | None = None
    loc: Loc = field(default=Loc(""), compare=False)

    def option(self, option_id: str) -> QuestionOption | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None


@dataclass(frozen=True, slots=True)
class Rule:
    """An ``exclude`` or ``prefer`` rule of an option: when it holds, why, and its score."""

    when: Condition
    because: str
    score: float = 0.0
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class WarnRule:
    """A warning shown when its option is chosen (and its ``when`` holds)."""

    text: str
    when: Condition | None = None
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ConfigEntry:
    """A configuration value an option implies, with the API and request path it goes to."""

    key: str
    value: Value
    api: str = ""
    path: str = ""
    unit: str = ""
    note: str = ""
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class FragmentNode:
    """A node of an option's diagram fragment."""

    id: str
    label: str = ""
    service: str | None = None
    icon: str = ""
    group: str | None = None
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class FragmentGroup:
    """A group (a frame around nodes) of an option's diagram fragment."""

    id: str
    label: str
    parent: str | None = None
    style: str = "default"
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class FragmentEdge:
    """An edge of an option's diagram fragment."""

    source: str
    target: str
    label: str = ""
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Fragment:
    """The part of the diagram an option adds when it is chosen."""

    nodes: tuple[FragmentNode, ...] = ()
    groups: tuple[FragmentGroup, ...] = ()
    edges: tuple[FragmentEdge, ...] = ()


@dataclass(frozen=True, slots=True)
class Option:
    """One way to decide an area, with the rules that rule it out or prefer it."""

    id: str
    title: str
    area: str
    summary: str = ""
    service: str | None = None
    score: float = 0.0
    exclude: tuple[Rule, ...] = ()
    prefer: tuple[Rule, ...] = ()
    warn: tuple[WarnRule, ...] = ()
    config: tuple[ConfigEntry, ...] = ()
    diagram: Fragment = field(default_factory=Fragment)
    tradeoffs: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class Area:
    """A decision area: its options, decided in ``order`` when its ``when`` holds."""

    id: str
    title: str
    order: float
    options: tuple[Option, ...]
    summary: str = ""
    when: Condition | None = None
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class QuizItem:
    """A hand-written multiple-choice quiz item with its source."""

    id: str
    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    source: Source
    topic: str
    domain: str
    facts: tuple[str, ...] = ()
    exam_notes_answer: int | None = None
    loc: Loc = field(default=Loc(""), compare=False)


# --- exams (blueprints as data: domains, weights, task statements) ---------------------------


@dataclass(frozen=True, slots=True)
class ExamTask:
    """A task statement (``mla-1.1``) and the pack's services and facts that cover it."""

    id: str
    name: str
    services: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class ExamDomain:
    """A domain of an exam blueprint, its weight and its task statements."""

    id: str
    name: str
    weight: float  # percent of the scored content
    tasks: tuple[ExamTask, ...] = ()
    loc: Loc = field(default=Loc(""), compare=False)


@dataclass(frozen=True, slots=True)
class Exam:
    """An exam blueprint: its domains and task statements, mapped to the pack's knowledge."""

    id: str
    code: str
    name: str
    status: ExamState
    retired: dt.date | None
    default: bool
    questions: int
    duration_fact: str  # a fact id ("" when unknown); the fact holds the minutes and the source
    passing_score: int  # on the scaled 100-1000 score
    domains: tuple[ExamDomain, ...]
    source: Source
    checked: dt.date
    note: str = ""
    loc: Loc = field(default=Loc(""), compare=False)

    def tasks(self) -> tuple[ExamTask, ...]:
        return tuple(t for d in self.domains for t in d.tasks)

    def domain_of(self, task_id: str) -> ExamDomain | None:
        """The domain a task statement belongs to."""
        for d in self.domains:
            if any(t.id == task_id for t in d.tasks):
                return d
        return None

    def task(self, task_id: str) -> ExamTask | None:
        for t in self.tasks():
            if t.id == task_id:
                return t
        return None


@dataclass(frozen=True, slots=True, eq=False)
class Pack:
    """A loaded and checked knowledge pack."""

    id: str
    title: str
    version: str
    as_of: dt.date
    schema: int
    path: str
    description: str = ""
    existing_customer: Condition | None = None
    services: Mapping[str, Service] = field(default_factory=dict)
    facts: Mapping[str, Fact] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    questions: Mapping[str, Question] = field(default_factory=dict)
    areas: tuple[Area, ...] = ()
    quiz: tuple[QuizItem, ...] = ()
    exams: Mapping[str, Exam] = field(default_factory=dict)
    # Old question id -> new id (pack.yaml ``renamed:``): projects made before migrate.
    renamed: Mapping[str, str] = field(default_factory=dict)

    def default_exam(self) -> Exam | None:
        """The exam marked ``default`` (else the first current one), or None without exams."""
        for e in self.exams.values():
            if e.default:
                return e
        return next((e for e in self.exams.values() if e.status == "current"), None)

    def exam(self, code_or_id: str) -> Exam | None:
        """The exam with this id or code, case-insensitively (``MLA-C01`` finds ``mla-c01``)."""
        key = code_or_id.strip().lower()
        for e in self.exams.values():
            if key in (e.id.lower(), e.code.lower()):
                return e
        return None

    def area(self, area_id: str) -> Area:
        for a in self.areas:
            if a.id == area_id:
                return a
        raise KeyError(area_id)

    def option(self, area_id: str, option_id: str) -> Option:
        for o in self.area(area_id).options:
            if o.id == option_id:
                return o
        raise KeyError(f"{area_id}.{option_id}")
