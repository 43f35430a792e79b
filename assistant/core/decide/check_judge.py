"""What check mode returns (:class:`Finding`) and the :class:`Judge` its rules report to.

Each rule reads a limit from a pack fact (``judge.fact(id)``) and skips itself when
the pack does not hold that fact, so a smaller pack checks less but never guesses.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from ..pack import model as m

__all__ = ["Finding", "Judge", "Severity", "as_list", "get", "num"]

Severity = Literal["error", "warning", "info"]
_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Literal["error", "warning", "info"]  # error = a broken limit
    resource: str  # the resource's name or ARN, or the design file's path into the document
    field: str  # e.g. "ProductionVariants[0].ServerlessConfig.MemorySizeInMB"
    found: str  # the value found, as text
    limit: str  # the limit or rule, as text ("1024-6144 MB in 1024 MB steps")
    text: str  # one sentence a user can act on
    fix: str  # what to do
    facts: tuple[str, ...] = ()  # pack fact ids
    sources: tuple[m.Source, ...] = ()


class Judge:
    """Collects findings for one document; knows the current resource and field prefix."""

    def __init__(self, pack: m.Pack) -> None:
        self.pack = pack
        self.findings: list[Finding] = []
        self._resource = ""
        self._prefix = ""

    @contextmanager
    def resource(self, name: str, prefix: str = "") -> Iterator[None]:
        old = self._resource, self._prefix
        self._resource, self._prefix = name, prefix
        try:
            yield
        finally:
            self._resource, self._prefix = old

    def fact(self, fact_id: str) -> m.Fact | None:
        return self.pack.facts.get(fact_id)

    def add(
        self,
        severity: Severity,
        field: str,
        found: object,
        limit: str,
        text: str,
        fix: str,
        facts: tuple[str, ...] = (),
        sources: tuple[m.Source, ...] = (),
    ) -> None:
        srcs = dict.fromkeys(sources)
        for f in facts:
            if f in self.pack.facts:
                srcs[self.pack.facts[f].source] = None
        self.findings.append(
            Finding(
                severity,
                self._resource,
                self._prefix + field if field else self._prefix.rstrip("."),
                m.format_value(found) if not isinstance(found, str) else found,
                limit,
                text,
                fix,
                facts,
                tuple(srcs),
            )
        )

    def at_most(
        self, fact_id: str, field: str, found: object, text: str, fix: str, scale: float = 1
    ) -> None:
        """An error when the number ``found`` is over the fact's value (times ``scale``)."""
        fact = self.fact(fact_id)
        value = num(found)
        limit = num(fact.value) if fact is not None else None
        if fact is None or value is None or limit is None:
            return
        if value > limit * scale:
            self.add("error", field, found, f"at most {fact.value_text()}", text, fix, (fact_id,))

    def within(self, fact_id: str, field: str, found: object, what: str) -> None:
        """An error when ``found`` is outside the fact's ``[low, high]`` value."""
        fact = self.fact(fact_id)
        value = num(found)
        if fact is None or value is None or not isinstance(fact.value, tuple):
            return
        low, high = (num(v) for v in fact.value[:2])
        if low is None or high is None or low <= value <= high:
            return
        unit = f" {fact.unit}" if fact.unit else ""
        self.add(
            "error",
            field,
            found,
            f"{m.format_value(low)}-{m.format_value(high)}{unit}",
            f"{what} {m.format_value(found)}{unit} is outside the allowed range.",
            f"Set {field.rsplit('.', 1)[-1]} between {m.format_value(low)} and"
            f" {m.format_value(high)}.",
            (fact_id,),
        )

    def service_in_use(self, service_id: str, field: str, resource: str) -> None:
        """A warning for a closed or retired service, with what AWS suggests instead."""
        service = self.pack.services.get(service_id)
        if service is None or service.status.state == "available":
            return
        st = service.status
        since = f" since {st.since.isoformat()}" if st.since else ""
        what = "is discontinued" if st.state == "discontinued" else "is closed to new customers"
        names = [self.pack.services[s].name for s in st.suggest if s in self.pack.services]
        fix = (
            f"Move to {' or '.join(names)}."
            if names
            else "This pack knows no successor that AWS names: plan a replacement first."
        )
        if st.state == "closed":
            fix += " An existing account that already uses it may keep it."
        with self.resource(resource, ""):
            self.add(
                "warning",
                field,
                service.name,
                f"status: {st.state}{since}",
                f"{service.name} {what}{since}. {st.note}".strip(),
                fix,
                sources=(st.source,) if st.source else (),
            )

    def result(self) -> tuple[Finding, ...]:
        return tuple(sorted(self.findings, key=lambda f: _ORDER[f.severity]))


def num(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def get(data: Mapping[str, Any], path: str) -> Any:
    """``a.b.c`` inside nested mappings (None when a step is missing)."""
    cur: Any = data
    for part in path.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def as_list(value: object) -> list[Any]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []
