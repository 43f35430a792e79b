"""What the knowledge says about a term: a service or a fact, with values and sources."""

from __future__ import annotations

from dataclasses import dataclass

from ..pack import model as m
from ..pack.graph import build_graph, search

__all__ = ["Explanation", "explain", "explain_text"]


@dataclass(frozen=True, slots=True)
class Explanation:
    term: str
    service: m.Service | None
    facts: tuple[m.Fact, ...]
    relations: tuple[tuple[str, str, str, str], ...] = ()
    options: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other matches, as "kind:id"


def explain(pack: m.Pack, term: str) -> Explanation | None:
    """The best match for ``term``: a service with its facts, or the matching facts."""
    matches = search(pack, term)
    if not matches:
        return None
    graph = build_graph(pack)
    best = matches[0]
    if best.kind == "service":
        service = pack.services[best.id]
        facts = graph.facts_about(service.id)
        facts += [
            f
            for f in (pack.facts[x.id] for x in matches if x.kind == "fact" and x.score >= 50)
            if f not in facts
        ]
        return Explanation(
            term,
            service,
            tuple(facts),
            tuple(graph.neighbours(service.id)),
            tuple(graph.options_using(service.id)),
            tuple(f"{x.kind}:{x.id}" for x in matches[1:8] if x.kind == "service"),
        )
    top = [pack.facts[x.id] for x in matches if x.kind == "fact"][:12]
    return Explanation(term, None, tuple(top), (), (), ())


def _fact_lines(f: m.Fact) -> list[str]:
    lines = [f"- {f.statement}"]
    if f.value is not None:
        lines.append(f"    value: {f.value_text()}")
    if f.exam_notes is not None:
        notes_value = (
            f" ({m.format_value(f.exam_notes.value, f.unit)})"
            if f.exam_notes.value is not None
            else ""
        )
        lines.append(f"    exam notes differ: {f.exam_notes.statement}{notes_value}")
    lines.append(f"    source: {f.source.title} <{f.source.url}> (checked {f.checked.isoformat()})")
    lines.append(f"    id: {f.id}")
    return lines


def explain_text(e: Explanation) -> str:
    out: list[str] = []
    s = e.service
    if s is not None:
        out.append(f"{s.name} [{s.id}] ({s.category})")
        st = s.status
        if st.state != "available":
            what = "DISCONTINUED" if st.state == "discontinued" else "CLOSED TO NEW CUSTOMERS"
            since = f" since {st.since.isoformat()}" if st.since else ""
            out.append(f"status: {what}{since}. {st.note}".rstrip())
            if st.suggest:
                out.append(f"AWS suggests instead: {', '.join(st.suggest)}")
        out.append("")
        out.append(s.summary)
        out.append("")
        out.append("Use cases:")
        out.extend(f"- {u}" for u in s.use_cases)
        if s.url:
            out.append(f"Docs: {s.url}")
        if e.relations:
            out.append("")
            out.append("Relations:")
            out.extend(
                f"- {a} {k.replace('_', ' ')} {b}{f' ({lbl})' if lbl else ''}"
                for a, k, b, lbl in e.relations
            )
        if e.options:
            out.append("")
            out.append(f"Recommended by the options: {', '.join(e.options)}")
    else:
        out.append(f"Facts matching '{e.term}':")
    if e.facts:
        out.append("")
        out.append("Facts:")
        for f in e.facts:
            out.extend(_fact_lines(f))
    if e.also:
        out.append("")
        out.append(f"See also: {', '.join(x.split(':', 1)[1] for x in e.also)}")
    return "\n".join(out)
