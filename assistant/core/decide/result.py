"""What the engine returns: frozen values that the GUI, the CLI and the exports render."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..diagram.scene import Diagram
from ..pack import model as m

__all__ = [
    "Alternative",
    "AreaResult",
    "Choice",
    "ConfigValue",
    "Reason",
    "Recommendation",
    "Warning",
]


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence of explanation, with the answers and facts that decided it."""

    text: str
    facts: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    sources: tuple[m.Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Warning:
    """A warning on an area: a service's status, exam notes, a warn rule, no option, a conflict."""

    kind: Literal["closed", "discontinued", "exam_notes", "option", "no_option", "conflict"]
    text: str
    facts: tuple[str, ...] = ()
    sources: tuple[m.Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    """The option chosen for an area, with its score."""

    id: str
    title: str
    summary: str
    service: str | None
    score: float


@dataclass(frozen=True, slots=True)
class Alternative:
    """An option not chosen: viable, or ruled out, with the reasons."""

    id: str
    title: str
    status: Literal["viable", "ruled_out"]
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class ConfigValue:
    """A configuration value of the chosen option, resolved for the answers."""

    key: str
    value: m.Scalar | tuple[m.Scalar, ...]
    unit: str = ""
    api: str = ""
    path: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class AreaResult:
    """An area decided: choice, reasons, alternatives, warnings, config, open questions."""

    id: str
    title: str
    chosen: Choice | None
    reasons: tuple[Reason, ...]
    alternatives: tuple[Alternative, ...]
    warnings: tuple[Warning, ...]
    config: tuple[ConfigValue, ...]
    tradeoffs: tuple[str, ...] = ()
    open_questions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Recommendation:
    """What ``recommend`` returns: every applicable area decided, and the diagram."""

    pack_id: str
    pack_version: str
    answers: Mapping[str, m.AnswerValue]
    relevant_questions: tuple[str, ...]
    areas: tuple[AreaResult, ...]
    diagram: Diagram
    open_questions: tuple[str, ...] = ()
    ignored_answers: tuple[str, ...] = ()
    notes: Mapping[str, object] = field(default_factory=dict)

    def area(self, area_id: str) -> AreaResult:
        for a in self.areas:
            if a.id == area_id:
                return a
        raise KeyError(area_id)

    @property
    def chosen(self) -> dict[str, str]:
        return {a.id: a.chosen.id for a in self.areas if a.chosen is not None}
