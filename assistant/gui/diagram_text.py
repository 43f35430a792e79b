"""The diagram in words, for screen readers and for copying into a document.

Pure Python (no Qt): the Plan workspace shows it in the "Diagram as text" tab.

>>> from assistant.core.diagram.scene import Diagram, Edge, Group, Node
>>> d = Diagram(nodes=(Node("c", "Client"), Node("m", "Model", group="ep")),
...             groups=(Group("ep", "SageMaker endpoint"),), edges=(Edge("c", "m", "HTTPS"),))
>>> print(diagram_text(d))
Diagram: 2 services, 1 group, 1 connection.
<BLANKLINE>
Services:
- Client
- Model, in SageMaker endpoint
<BLANKLINE>
Groups:
- SageMaker endpoint: contains Model
<BLANKLINE>
Connections:
- Client to Model, labelled "HTTPS"
"""

from __future__ import annotations

from ..core.diagram.scene import Diagram

__all__ = ["diagram_text"]


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def diagram_text(diagram: Diagram) -> str:
    """Describe nodes, nested groups and connections in sentences, in model order."""
    if not diagram.nodes:
        return "The diagram is empty: answer a question to see the architecture."
    lines = [f"{diagram.title}.", ""] if diagram.title else []
    lines += [
        f"Diagram: {_plural(len(diagram.nodes), 'service')}, "
        f"{_plural(len(diagram.groups), 'group')}, "
        f"{_plural(len(diagram.edges), 'connection')}.",
        "",
        "Services:",
        *_service_lines(diagram),
    ]
    if diagram.groups:
        lines += ["", "Groups:", *_group_lines(diagram)]
    if diagram.edges:
        lines += ["", "Connections:", *_edge_lines(diagram)]
    return "\n".join(lines)


def _service_lines(diagram: Diagram) -> list[str]:
    group_labels = {g.id: g.label for g in diagram.groups}
    lines = []
    for n in diagram.nodes:
        chain = [group_labels[g] for g in diagram.group_chain(n.group) if g in group_labels]
        where = f", in {' inside '.join(chain)}" if chain else ""
        pinned = " (placed by hand)" if n.pinned else ""
        lines.append(f"- {n.label}{where}{pinned}")
    return lines


def _group_lines(diagram: Diagram) -> list[str]:
    group_labels = {g.id: g.label for g in diagram.groups}
    lines = []
    for g in diagram.groups:
        members = [n.label for n in diagram.nodes if n.group == g.id]
        members += [f"the group {c.label}" for c in diagram.groups if c.parent == g.id]
        inside = f" (inside {group_labels[g.parent]})" if g.parent in group_labels else ""
        lines.append(f"- {g.label}{inside}: contains {', '.join(members) or 'nothing'}")
    return lines


def _edge_lines(diagram: Diagram) -> list[str]:
    labels = {n.id: n.label for n in diagram.nodes}
    lines = []
    for e in diagram.edges:
        label = f', labelled "{e.label}"' if e.label else ""
        lines.append(
            f"- {labels.get(e.source, e.source)} to {labels.get(e.target, e.target)}{label}"
        )
    return lines
