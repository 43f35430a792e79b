"""What the knowledge says about a term: a service or a fact, with values and sources."""

from __future__ import annotations

from dataclasses import dataclass

from ..pack import model as m
from ..pack.graph import Match, build_graph, is_strong, nearest, search

__all__ = ["Explanation", "explain", "explain_text", "nearest_text"]


@dataclass(frozen=True, slots=True)
class Explanation:
    term: str
    service: m.Service | None
    facts: tuple[m.Fact, ...]
    relations: tuple[tuple[str, str, str, str], ...] = ()
    options: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other matches, as "kind:id"
    exam_tasks: tuple[str, ...] = ()  # "MLA-C01 mla-4.1 Monitor model inference"


def _exam_tasks(pack: m.Pack, service: str | None, facts: tuple[m.Fact, ...]) -> tuple[str, ...]:
    """The task statements of the pack's current exams that list the service or the facts."""
    fact_ids = {f.id for f in facts}
    out = []
    for exam in pack.exams.values():
        if exam.status != "current":
            continue
        for t in exam.tasks():
            if (service is not None and service in t.services) or (
                service is None and fact_ids & set(t.facts)
            ):
                out.append(f"{exam.code} {t.id} {t.name}")
    return tuple(out)


def explain(pack: m.Pack, term: str) -> Explanation | None:
    """The best match for ``term``: a service with its facts, or the matching facts.

    Only entries *about* the term count (its name, an alias, an id or a search term);
    an entry that merely mentions it in a summary or statement is not an answer, so
    the result is None and :func:`~assistant.core.pack.graph.nearest` says what is close.
    """
    matches = [x for x in search(pack, term) if is_strong(x)]
    if not matches:
        return None
    graph = build_graph(pack)
    best = matches[0]
    if best.kind == "service":
        service = pack.services[best.id]
        facts = graph.facts_about(service.id)
        facts += [
            f for f in (pack.facts[x.id] for x in matches if x.kind == "fact") if f not in facts
        ]
        return Explanation(
            term,
            service,
            tuple(facts),
            tuple(graph.neighbours(service.id)),
            tuple(graph.options_using(service.id)),
            tuple(f"{x.kind}:{x.id}" for x in matches[1:8] if x.kind == "service"),
            _exam_tasks(pack, service.id, ()),
        )
    top = tuple(pack.facts[x.id] for x in matches if x.kind == "fact")[:12]
    return Explanation(term, None, top, (), (), (), _exam_tasks(pack, None, top))


def nearest_text(pack: m.Pack, term: str) -> str:
    """The message for a term nothing in the pack is about, with the nearest real entries.

    >>> from assistant.core.pack.model import Pack
    >>> import datetime as dt
    >>> nearest_text(Pack("p", "P", "1", dt.date(2026, 1, 1), 1, "."), "zzzz")
    "nothing in p matches 'zzzz', and nothing comes close; try a service name such as 'Firehose'"
    """
    close = nearest(pack, term)
    if not close:
        return (
            f"nothing in {pack.id} matches '{term}', and nothing comes close;"
            " try a service name such as 'Firehose'"
        )
    lines = [f"nothing in {pack.id} matches '{term}'. Nearest entries:"]
    lines.extend(f"  {_label(x)}" for x in close)
    return "\n".join(lines)


def _label(x: Match) -> str:
    title = x.title if len(x.title) <= 90 else x.title[:87] + "..."
    return f"{x.kind} {x.id}: {title}"


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
    if e.exam_tasks:
        out.append("")
        out.append("Exam task statements:")
        out.extend(f"- {t}" for t in e.exam_tasks)
    if e.also:
        out.append("")
        out.append(f"See also: {', '.join(x.split(':', 1)[1] for x in e.also)}")
    return "\n".join(out)
