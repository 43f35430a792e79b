"""Document-grade diagrams for every shipped example project, measured on the exported files.

From the layout, in each direction: no edge through a group title or another edge's label,
each label beside its own line. From the SVG: every edge end within 1.5 px of its icon,
width:height between 0.5 and 2.5, the smallest text >= 11.5 px when the drawing is scaled to
1,200 px wide, one group per node and per edge with ids and titles, text as text, icons
inlined. From the PDF (read back with pypdf): every word >= 7 pt.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.core.decide.engine import Recommendation, recommend
from assistant.core.diagram.layout import layout
from assistant.core.diagram.quality import clearance_problems
from assistant.core.pack import model as m
from assistant.core.pack.answers import normalize_answers
from assistant.core.project import load_project
from assistant.export import export_bytes
from assistant.export.icons import icon_for, load_icon
from assistant.paths_cli import paths_recommendation

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = sorted((Path(__file__).parents[2] / "knowledge/aws-ml/examples").glob("*.yaml"))
TRANSFORM = re.compile(r"translate\(([-\d.]+) ([-\d.]+)\) scale\(([-\d.e]+)\)")


def _rec(pack: m.Pack, path: Path) -> Recommendation:
    """What ``archassist export`` draws: for a project with paths, the diagram of them all."""
    project = load_project(path, pack)
    answers = normalize_answers(pack, dict(project.answers), str(path))
    if project.paths:
        rec: Recommendation = paths_recommendation(pack, answers, project)
        return rec
    return recommend(pack, answers, project.pins, title=project.title)


def _svg_id(raw: str) -> str:
    """An id as the SVG writes it (a path's node ids hold a dot)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", raw)


def _distance(p: tuple[float, float], box: tuple[float, float, float, float]) -> float:
    """Distance from ``p`` to the outline of ``box`` (x0, y0, x1, y1), inside or out."""
    x, y = p
    x0, y0, x1, y1 = box
    dx, dy = max(x0 - x, 0.0, x - x1), max(y0 - y, 0.0, y - y1)
    if dx or dy:
        return math.hypot(dx, dy)
    return min(x - x0, x1 - x, y - y0, y1 - y)


def _icon_boxes(root: ET.Element, rec: Recommendation) -> dict[str, tuple[float, ...]]:
    boxes: dict[str, tuple[float, ...]] = {}
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for node in rec.diagram.nodes:
        group = groups.get(f"node-{_svg_id(node.id)}")
        assert group is not None, f"no <g id='node-{node.id}'>"
        assert group.find(f"{SVG}title") is not None, node.id
        inner = [g for g in group.findall(f"{SVG}g") if TRANSFORM.match(g.get("transform", ""))]
        assert len(inner) == 1 and len(inner[0]) > 0, f"{node.id}: icon not inlined"
        x, y, s = (float(v) for v in TRANSFORM.match(inner[0].get("transform", "")).groups())  # type: ignore[union-attr]
        _, _, vw, vh = load_icon(icon_for(node)).view_box
        boxes[node.id] = (x, y, x + vw * s, y + vh * s)
        texts = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        assert node.label.split()[0] in texts, f"{node.id}: label not drawn as text"
    return boxes


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_svg_is_document_grade(shipped_pack: m.Pack, path: Path) -> None:
    rec = _rec(shipped_pack, path)
    root = ET.fromstring(export_bytes(rec, shipped_pack, "svg"))
    boxes = _icon_boxes(root, rec)
    edge_groups = [
        g
        for g in root.iter(f"{SVG}g")
        if (g.get("id") or "").startswith("edge-") and g.find(f"{SVG}path") is not None
    ]
    assert len(edge_groups) == len(rec.diagram.edges)
    far: list[str] = []
    for edge, group in zip(rec.diagram.edges, edge_groups, strict=True):
        assert (group.get("id") or "").startswith(f"edge-{_svg_id(f'{edge.source}-{edge.target}')}")
        assert group.find(f"{SVG}title") is not None, edge.id
        path_d = group.find(f"{SVG}path").get("d", "")  # type: ignore[union-attr]
        start = tuple(float(v) for v in re.match(r"M([-\d.]+) ([-\d.]+)", path_d).groups())  # type: ignore[union-attr]
        tip = tuple(
            float(v) for v in group.find(f"{SVG}polygon").get("points", "").split()[0].split(",")
        )  # type: ignore[union-attr]
        for point, node_id in ((start, edge.source), (tip, edge.target)):
            d = abs(_distance(point, boxes[node_id]))  # type: ignore[arg-type]
            if d > 1.5:
                far.append(f"{edge.id} at {node_id}: {d:.1f} px")
    assert not far, far
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert 0.5 <= width / height <= 2.5, f"{width:.0f} x {height:.0f}"
    smallest = min(float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text"))
    assert smallest * 1200 / width >= 11.5, f"{smallest} px text in a {width:.0f} px drawing"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_edges_pass_no_title_or_label(shipped_pack: m.Pack, path: Path) -> None:
    """In every direction: no edge through a group's title or another edge's label, and each
    edge label nearer its own line than any other (what export draws is ``auto``)."""
    diagram = _rec(shipped_pack, path).diagram
    for direction in ("auto", "lr", "tb"):
        laid = diagram if direction == "auto" else layout(diagram, direction=direction)
        assert not clearance_problems(laid), (direction, clearance_problems(laid))


def _pdf_text_sizes(data: bytes) -> list[tuple[float, str]]:
    import io

    from pypdf import PdfReader

    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            # the text matrix times the current transformation: its vertical scale
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append((size * math.hypot(c, d), text.strip()))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name.split(".")[0])
def test_example_pdf_words_are_at_least_7_pt(shipped_pack: m.Pack, path: Path) -> None:
    rec = _rec(shipped_pack, path)
    sizes = _pdf_text_sizes(export_bytes(rec, shipped_pack, "pdf"))
    assert sizes, "no text in the PDF"
    small = [(round(s, 2), t) for s, t in sizes if s < 7.0]
    assert not small, small
