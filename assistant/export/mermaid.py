"""Mermaid ``flowchart LR`` text with nested subgraphs, for Markdown docs and wikis.

Mermaid has no geometry: it lays the graph out itself, so only the structure
(groups, nodes, labelled edges) and the category colours are written.

>>> mermaid_label('say "hi" <b> & [x]')
'"say #quot;hi#quot; #lt;b#gt; #amp; [x]"'
>>> mermaid_id("n_", "end")
'n_end'
"""

from __future__ import annotations

import re

from ..core.diagram.scene import Diagram
from ..core.pack.model import Pack
from . import style as st

__all__ = ["mermaid_id", "mermaid_label", "mermaid_text"]

# Mermaid entity codes (``#name;``) are decoded after parsing, so a quoted label can
# hold any character; "#" itself must be coded too, or "#lt;" typed by a user would
# turn into "<".
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
}


def mermaid_label(text: str) -> str:
    """``text`` as a quoted Mermaid label, every special character entity-coded."""
    flat = " ".join(text.split())  # no newlines inside a statement
    return '"' + "".join(_ENTITIES.get(ch, ch) for ch in flat) + '"'


def mermaid_id(prefix: str, raw: str) -> str:
    """A Mermaid-safe identifier: letters, digits and underscores after ``prefix``.

    The prefix keeps ids clear of keywords such as ``end``, ``graph`` or ``style``.
    """
    return prefix + re.sub(r"[^A-Za-z0-9_]", "_", raw)


def _unique(ids: dict[str, str], prefix: str, raw: str, used: set[str]) -> str:
    base = mermaid_id(prefix, raw)
    out, i = base, 2
    while out in used:
        out, i = f"{base}_{i}", i + 1
    used.add(out)
    ids[raw] = out
    return out


def mermaid_text(diagram: Diagram, pack: Pack | None = None) -> str:
    """The diagram as Mermaid flowchart text, left to right or top down like the layout."""
    del pack
    used: set[str] = set()
    node_ids: dict[str, str] = {}
    group_ids: dict[str, str] = {}
    for g in diagram.groups:
        _unique(group_ids, "g_", g.id, used)
    for n in diagram.nodes:
        _unique(node_ids, "n_", n.id, used)
    known = {g.id for g in diagram.groups}
    children: dict[str | None, list[str]] = {}
    for g in diagram.groups:
        parent = g.parent if g.parent in known and g.parent != g.id else None
        children.setdefault(parent, []).append(g.id)
    members: dict[str | None, list[str]] = {}
    for n in diagram.nodes:
        members.setdefault(n.group if n.group in known else None, []).append(n.id)
    labels = {g.id: g.label for g in diagram.groups}
    flow = "TB" if any(n.label_side == "right" for n in diagram.nodes) else "LR"
    lines = [f"flowchart {flow}"]
    if diagram.title:
        lines.append(f"    %% {mermaid_label(diagram.title)[1:-1]}")
    nodes = {n.id: n for n in diagram.nodes}
    seen: set[str] = set()

    def emit(group_id: str | None, indent: int) -> None:
        pad = "    " * indent
        for nid in members.get(group_id, []):
            lines.append(f"{pad}{node_ids[nid]}[{mermaid_label(nodes[nid].label)}]")
        for gid in children.get(group_id, []):
            if gid in seen:  # a parent cycle in a hand-made diagram: draw each group once
                continue
            seen.add(gid)
            lines.append(f"{pad}subgraph {group_ids[gid]}[{mermaid_label(labels[gid])}]")
            lines.append(f"{pad}    direction {flow}")
            emit(gid, indent + 1)
            lines.append(f"{pad}end")

    emit(None, 1)
    for e in diagram.edges:
        if e.source not in node_ids or e.target not in node_ids:
            continue
        arrow = f"-->|{mermaid_label(e.label)}|" if e.label else "-->"
        lines.append(f"    {node_ids[e.source]} {arrow} {node_ids[e.target]}")
    lines += _styles(diagram, node_ids, group_ids)
    return "\n".join(lines) + "\n"


def _styles(diagram: Diagram, node_ids: dict[str, str], group_ids: dict[str, str]) -> list[str]:
    """Colours: one class per category, one style per group (as in the SVG export)."""
    lines: list[str] = []
    categories = sorted({n.category for n in diagram.nodes})
    for cat in categories:
        cls = mermaid_id("cat_", cat)
        lines.append(
            f"    classDef {cls} fill:{st.category_tint(cat)},stroke:{st.category_colour(cat)},"
            f"color:{st.TEXT_COLOUR},stroke-width:1.5px"
        )
        ids = ",".join(node_ids[n.id] for n in diagram.nodes if n.category == cat)
        lines.append(f"    class {ids} {cls}")
    depths = {g.id: len(diagram.group_chain(g.id)) - 1 for g in diagram.groups}
    for g in diagram.groups:
        gs = st.group_style(g.style, depths[g.id])
        dash = ",stroke-dasharray:6 4" if gs.dashed else ""
        lines.append(
            f"    style {group_ids[g.id]} fill:{gs.fill},stroke:{gs.stroke},color:{gs.text}{dash}"
        )
    return lines
