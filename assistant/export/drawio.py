"""An editable draw.io document (uncompressed ``mxfile`` XML) from a laid-out diagram.

* every node is a vertex: the aws4 ``resourceIcon`` (or, for names draw.io has as a shape of
  their own, that shape) when the node has a draw.io name (``Node.drawio ==
  "mxgraph.aws4.<name>"``) that the current aws4 palette holds
  (``resources/drawio/aws4-names.txt``); a labelled rectangle in the category colours when
  the name is unknown (an old palette name would draw an empty box); our own icon embedded
  as an image (a ``data:`` URI, so the file stays self-contained) when there is no name;
* the title is a text cell at the top left, as in the other exports;
* every group is a container vertex (``container=1``); its children have the group
  as ``parent`` and coordinates relative to it, so moving a group moves its members;
* every edge is an ``edge="1"`` cell with ``edgeStyle=orthogonalEdgeStyle``, the
  label as its value and the layout's bends as waypoints.

Cells use ``html=1`` (draw.io's default), so a value is HTML: labels are HTML-escaped
first and the result XML-escaped, and ``<script>`` comes out as text.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from dataclasses import dataclass

from ..core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from ..core.io.paths import resource_path
from ..core.pack.model import Pack
from . import style as st
from .icons import icon_data_uri, icon_for
from .svg import (
    MARGIN,
    canvas_rect,
    edge_label_box,
    edge_route,
    group_depths,
    node_parts,
    xml_escape,
)

__all__ = ["aws4_names", "drawio_xml", "edge_style", "group_cell_style", "node_cell_style"]

_AWS4 = re.compile(r"^mxgraph\.aws4\.([A-Za-z0-9_]+)$")
_TITLE_HEIGHT = 28.0


@functools.cache
def aws4_names() -> dict[str, frozenset[str]]:
    """The aws4 palette's names by kind: ``resIcon`` (drawn inside a resourceIcon square) and
    ``shape`` (a shape of its own), from ``resources/drawio/aws4-names.txt``.

    >>> names = aws4_names()
    >>> "sagemaker" in names["resIcon"], "sagemaker_model" in names["shape"]
    (True, True)
    """
    kinds: dict[str, set[str]] = {"resIcon": set(), "shape": set()}
    current: set[str] | None = None
    for line in resource_path("drawio", "aws4-names.txt").read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = kinds[line[1:-1]]
        elif current is not None:
            current.add(line)
    return {k: frozenset(v) for k, v in kinds.items()}


def node_cell_style(node: Node) -> str:
    """The draw.io style of a node: the aws4 icon when draw.io knows the name, a labelled
    rectangle when it does not, our own icon as an image when the node names none; the label
    below the icon, or beside it in a top-down layout."""
    style = _icon_cell_style(node)
    if node.label_side == "right":
        style = style.replace(
            "verticalLabelPosition=bottom;verticalAlign=top;align=center;",
            "labelPosition=right;verticalLabelPosition=middle;align=left;verticalAlign=middle;",
        )
    return style


def _icon_cell_style(node: Node) -> str:
    match = _AWS4.match(node.drawio or "")
    names = aws4_names()
    colour = st.category_colour(node.category)
    if match and match.group(1) in names["shape"] and match.group(1) not in names["resIcon"]:
        return (
            "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;"
            f"fillColor={colour};strokeColor=none;dashed=0;verticalLabelPosition=bottom;"
            "verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;"
            f"pointerEvents=1;shape={node.drawio};"
        )
    if match and match.group(1) not in names["resIcon"]:
        return (
            "rounded=1;whiteSpace=wrap;html=1;fontSize=12;fontColor=#232F3E;"
            f"fillColor={st.category_tint(node.category)};strokeColor={colour};"
        )
    if match:
        return (
            "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;"
            f"fillColor={st.category_colour(node.category)};strokeColor=#ffffff;dashed=0;"
            "verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;"
            f"fontStyle=0;aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon={node.drawio};"
        )
    return (
        "sketch=0;outlineConnect=0;fontColor=#232F3E;verticalLabelPosition=bottom;"
        "verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;"
        f"shape=image;imageAspect=0;image={icon_data_uri(icon_for(node))};"
    )


def group_cell_style(group: Group, depth: int) -> str:
    """A container in the same colours as the SVG export, title top-left."""
    gs = st.group_style(group.style, depth)
    dashed = "dashed=1;dashPattern=6 4;" if gs.dashed else "dashed=0;"
    return (
        "rounded=0;whiteSpace=wrap;html=1;container=1;collapsible=0;recursiveResize=0;"
        f"pointerEvents=0;fillColor={gs.fill};strokeColor={gs.stroke};{dashed}"
        f"fontColor={gs.text};fontSize=12;fontStyle=1;verticalAlign=top;align=left;"
        "spacingLeft=8;spacingTop=2;"
    )


def edge_style() -> str:
    return (
        "edgeStyle=orthogonalEdgeStyle;rounded=1;orthogonalLoop=1;jettySize=auto;html=1;"
        f"endArrow=block;endFill=1;strokeColor={st.EDGE_COLOUR};strokeWidth=1.5;"
        f"fontColor={st.MUTED_TEXT};fontSize=11;labelBackgroundColor=#FFFFFF;"
        "labelBorderColor=#D5DBDB;"
    )


def _value(text: str) -> str:
    """A label as a draw.io ``value`` attribute: HTML-escaped (html=1), then XML-escaped."""
    return xml_escape(html.escape(text, quote=True).replace("\n", "<br>"))


def _cell_ids(diagram: Diagram) -> tuple[dict[str, str], dict[str, str]]:
    used: set[str] = {"0", "1"}
    nodes: dict[str, str] = {}
    groups: dict[str, str] = {}

    def make(prefix: str, raw: str) -> str:
        base = prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", raw)
        out, i = base, 2
        while out in used:
            out, i = f"{base}-{i}", i + 1
        used.add(out)
        return out

    for g in diagram.groups:
        groups[g.id] = make("group-", g.id)
    for n in diagram.nodes:
        nodes[n.id] = make("node-", n.id)
    return nodes, groups


def _geometry(r: Rect, origin: tuple[float, float]) -> str:
    return (
        f'<mxGeometry x="{r.x - origin[0]:g}" y="{r.y - origin[1]:g}" width="{r.w:g}"'
        f' height="{r.h:g}" as="geometry"/>'
    )


def _round(r: Rect) -> Rect:
    return Rect(round(r.x, 1), round(r.y, 1), round(r.w, 1), round(r.h, 1))


def drawio_xml(diagram: Diagram, pack: Pack | None = None, *, name: str = "") -> str:
    """The diagram as an uncompressed ``.drawio`` document.

    Args:
        diagram: a laid-out diagram.
        pack: unused today; accepted so every exporter has the same signature.
        name: the page name (default: the diagram title).
    """
    del pack
    canvas = canvas_rect(diagram)
    # shift everything so the canvas starts at (0, 0) on draw.io's page
    ox, oy = canvas.x, canvas.y
    node_ids, group_ids = _cell_ids(diagram)
    depths = group_depths(diagram)
    known_groups = {g.id: g for g in diagram.groups}

    def origin_of(group_id: str | None) -> tuple[float, float]:
        if group_id is None or group_id not in known_groups:
            return (ox, oy)
        r = known_groups[group_id].rect
        if r is None:
            raise ValueError(f"group '{group_id}' has no geometry: lay the diagram out first")
        return (r.x, r.y)

    def parent_of(group_id: str | None) -> str:
        return group_ids.get(group_id or "", "1")

    cells: list[str] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>']
    for g in sorted(diagram.groups, key=lambda g: depths[g.id]):
        if g.rect is None:
            raise ValueError(f"group '{g.id}' has no geometry: lay the diagram out first")
        cells.append(
            f'<mxCell id="{group_ids[g.id]}" value="{_value(g.label)}"'
            f' style="{xml_escape(group_cell_style(g, depths[g.id]))}" vertex="1"'
            f' parent="{parent_of(g.parent)}">'
            f"{_geometry(_round(g.rect), origin_of(g.parent))}</mxCell>"
        )
    for n in diagram.nodes:
        cells.append(
            f'<mxCell id="{node_ids[n.id]}" value="{_value(n.label)}"'
            f' style="{xml_escape(node_cell_style(n))}" vertex="1"'
            f' parent="{parent_of(n.group)}">'
            f"{_geometry(_round(_cell_box(n)), origin_of(n.group))}</mxCell>"
        )
    if diagram.title:
        # where the SVG export writes it: the top-left of the canvas, inside the margin
        width = st.text_width(diagram.title, st.TITLE_SIZE, bold=True) + 8
        cells.append(
            f'<mxCell id="title" value="{_value(diagram.title)}" style="text;html=1;'
            f"fontSize={st.TITLE_SIZE:g};fontStyle=1;fontColor={st.TEXT_COLOUR};align=left;"
            f'verticalAlign=middle;whiteSpace=nowrap;" vertex="1" parent="1">'
            f'<mxGeometry x="{MARGIN:g}" y="{MARGIN - 4:g}" width="{width:.0f}"'
            f' height="{_TITLE_HEIGHT:g}" as="geometry"/></mxCell>'
        )
    nodes = {n.id: n for n in diagram.nodes}
    for i, e in enumerate(diagram.edges):
        if e.source not in node_ids or e.target not in node_ids:
            continue
        cells.append(_edge_cell(diagram, e, i, (ox, oy), node_ids, nodes))
    page = xml_escape(name or diagram.title or "Architecture")
    body = "\n        ".join(cells)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mxfile host="archassist" agent="archassist" type="device">\n'
        f'  <diagram id="archassist-diagram" name="{page}">\n'
        f'    <mxGraphModel dx="{canvas.w:g}" dy="{canvas.h:g}" grid="1" gridSize="10"'
        ' guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1"'
        f' pageWidth="{max(850, round(canvas.w)):d}" pageHeight="{max(1100, round(canvas.h)):d}"'
        ' math="0" shadow="0">\n'
        "      <root>\n"
        f"        {body}\n"
        "      </root>\n"
        "    </mxGraphModel>\n"
        "  </diagram>\n"
        "</mxfile>\n"
    )


def _cell_box(node: Node) -> Rect:
    """The box of a node's cell: its icon, or the whole node box for a labelled rectangle."""
    style = node_cell_style(node)
    if style.startswith("rounded=1;") and node.rect is not None:
        return node.rect
    return node_parts(node).icon


def _edge_cell(
    diagram: Diagram,
    e: Edge,
    i: int,
    origin: tuple[float, float],
    node_ids: dict[str, str],
    nodes: dict[str, Node],
) -> str:
    ox, oy = origin
    route = list(edge_route(diagram, e))
    exit_ = _port(_cell_box(nodes[e.source]), route[0], route[1])
    entry = _port(_cell_box(nodes[e.target]), route[-1], route[-2])
    bends = route[1:-1]
    # bends keep the layout's channels; the first and last one move with the clamped
    # ports so the segments next to the icons stay straight
    if bends:
        bends[0] = _align(bends[0], route[0], exit_.point)
        bends[-1] = _align(bends[-1], route[-1], entry.point)
    points = "".join(f'<mxPoint x="{x - ox:g}" y="{y - oy:g}"/>' for x, y in bends)
    points = f'<Array as="points">{points}</Array>' if points else ""
    label_offset = ""
    box = edge_label_box(e, tuple(route))
    if box is not None:
        # keep the label where the layout put it: an offset from the edge's midpoint
        mx, my = _midpoint((exit_.point, *bends, entry.point))
        cx, cy = box.center
        if abs(cx - mx) > 1 or abs(cy - my) > 1:
            label_offset = f'<mxPoint x="{cx - mx:g}" y="{cy - my:g}" as="offset"/>'
    style = (
        edge_style()
        + f"exitX={exit_.rx:g};exitY={exit_.ry:g};exitDx=0;exitDy=0;"
        + f"entryX={entry.rx:g};entryY={entry.ry:g};entryDx=0;entryDy=0;"
    )
    return (
        f'<mxCell id="edge-{i}" value="{_value(e.label)}" style="{xml_escape(style)}"'
        f' edge="1" parent="1" source="{node_ids[e.source]}" target="{node_ids[e.target]}">'
        f'<mxGeometry relative="1" as="geometry">{points}{label_offset}</mxGeometry></mxCell>'
    )


@dataclass(frozen=True, slots=True)
class _Port:
    """Where an edge meets an icon: relative (rx, ry) on its border, and that point."""

    rx: float
    ry: float
    point: Point


def _clamp(v: float) -> float:
    return round(min(max(v, 0.0), 1.0), 3)


def _port(icon: Rect, end: Point, nxt: Point) -> _Port:
    """The connection constraint for an edge end: the side the route leaves by, at the
    route's height (or x) clamped to the icon, so draw.io draws the same first segment."""
    if abs(end[1] - nxt[1]) < 0.01 and abs(end[0] - nxt[0]) >= 0.01:  # horizontal
        rx = 1.0 if nxt[0] >= end[0] else 0.0
        ry = _clamp((end[1] - icon.y) / icon.h) if icon.h else 0.5
    else:
        ry = 1.0 if nxt[1] >= end[1] else 0.0
        rx = _clamp((end[0] - icon.x) / icon.w) if icon.w else 0.5
    return _Port(rx, ry, (icon.x + rx * icon.w, icon.y + ry * icon.h))


def _align(bend: Point, end: Point, port: Point) -> Point:
    """``bend`` moved so that the segment from the port to it stays horizontal/vertical."""
    if abs(bend[1] - end[1]) < 0.01:
        return (bend[0], port[1])
    if abs(bend[0] - end[0]) < 0.01:
        return (port[0], bend[1])
    return bend


def _midpoint(points: tuple[Point, ...]) -> Point:
    """The point halfway along a polyline (where draw.io anchors an edge label)."""
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(points)]
    half = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if half <= length and length > 0:
            f = half / length
            return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)
        half -= length
    return points[-1]
