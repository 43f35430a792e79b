"""The draw.io export: editable cells, containers, escaped values."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

from assistant.core.diagram.scene import Diagram
from assistant.export.drawio import drawio_xml

from .export_samples import HOSTILE


def _cells(text: str) -> list[ET.Element]:
    root = ET.fromstring(text)
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel")
    assert model is not None
    return list(model.iter("mxCell"))


def test_cell_and_edge_counts_match(hostile: Diagram) -> None:
    cells = _cells(drawio_xml(hostile))
    vertices = [c for c in cells if c.get("vertex") == "1" and c.get("id") != "title"]
    edges = [c for c in cells if c.get("edge") == "1"]
    assert len(vertices) == len(hostile.nodes) + len(hostile.groups)
    assert len(edges) == len(hostile.edges)
    ids = [c.get("id") for c in cells]
    assert len(ids) == len(set(ids))
    by_id = {c.get("id"): c for c in cells}
    for e in edges:
        assert e.get("source") in by_id and e.get("target") in by_id
        assert "edgeStyle=orthogonalEdgeStyle" in (e.get("style") or "")


def test_groups_are_containers_with_their_children(hostile: Diagram) -> None:
    by_id = {c.get("id"): c for c in _cells(drawio_xml(hostile))}
    for g in hostile.groups:
        cell = by_id[f"group-{g.id}"]
        assert "container=1" in (cell.get("style") or "")
        expected_parent = f"group-{g.parent}" if g.parent else "1"
        assert cell.get("parent") == expected_parent
    for n in hostile.nodes:
        cell = by_id[f"node-{n.id}"]
        assert cell.get("parent") == (f"group-{n.group}" if n.group else "1")
    # coordinates relative to the parent container
    inner, node_b = hostile.group("inner"), hostile.node("b")
    assert inner.rect is not None and node_b.rect is not None
    geo = by_id["node-b"].find("mxGeometry")
    assert geo is not None
    assert float(geo.get("x", "nan")) == node_b.rect.x - inner.rect.x


def test_aws4_style_and_generic_shape(hostile: Diagram) -> None:
    by_id = {c.get("id"): c for c in _cells(drawio_xml(hostile))}
    aws = by_id["node-b"].get("style") or ""
    assert "shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.sagemaker;" in aws
    assert "fillColor=#01A88D" in aws and "verticalLabelPosition=bottom" in aws
    generic = by_id["node-a"].get("style") or ""
    assert "shape=image" in generic and "image=data:image/svg+xml," in generic


def test_values_are_escaped_as_text(hostile: Diagram) -> None:
    text = drawio_xml(hostile)
    assert "<script" not in text
    by_id = {c.get("id"): c for c in _cells(text)}
    for cell in by_id.values():  # escaped twice: HTML (html=1), then XML
        assert "<" not in (cell.get("value") or "")
    # html=1: the value is HTML whose text is the label
    assert html.unescape(by_id["node-a"].get("value") or "") == HOSTILE
    edge = next(c for c in by_id.values() if c.get("edge") == "1")
    assert html.unescape(edge.get("value") or "") == HOSTILE


def test_mini_recommendation(mini_rec) -> None:  # type: ignore[no-untyped-def]
    cells = _cells(drawio_xml(mini_rec.diagram))
    d = mini_rec.diagram
    vertices = [c for c in cells if c.get("vertex") == "1" and c.get("id") != "title"]
    assert len(vertices) == len(d.nodes) + len(d.groups)
    assert sum(c.get("edge") == "1" for c in cells) == len(d.edges)


def test_title_is_a_text_cell(hostile: Diagram) -> None:
    cells = {c.get("id"): c for c in _cells(drawio_xml(hostile))}
    title = cells["title"]
    assert title.get("vertex") == "1" and title.get("style", "").startswith("text;")
    assert "Title &lt;script&gt;" in (title.get("value") or "")  # HTML-escaped, not markup


def test_shape_names_come_from_the_current_aws4_palette() -> None:
    from assistant.core.diagram.scene import Node, Rect
    from assistant.export.drawio import node_cell_style

    def node(name: str) -> Node:
        return Node("n", "Label", drawio=name, category="storage", rect=Rect(0, 0, 120, 96))

    assert "resIcon=mxgraph.aws4.s3;" in node_cell_style(node("mxgraph.aws4.s3"))
    # a shape of its own in the palette, not a resourceIcon
    model = node_cell_style(node("mxgraph.aws4.sagemaker_model"))
    assert "shape=mxgraph.aws4.sagemaker_model;" in model and "resIcon" not in model
    # unknown (e.g. an older palette's name): a labelled rectangle, never an empty icon
    old = node_cell_style(node("mxgraph.aws4.budgets"))
    assert old.startswith("rounded=1;") and "mxgraph" not in old


def test_every_shape_written_for_the_examples_is_in_the_palette(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    import re

    from assistant.core.decide.engine import recommend
    from assistant.core.pack.answers import normalize_answers
    from assistant.core.project import load_project
    from assistant.export.drawio import aws4_names

    names = aws4_names()
    examples = Path(__file__).parents[2] / "knowledge/aws-ml/examples"
    for path in sorted(examples.glob("*.yaml")):
        project = load_project(path, shipped_pack)
        answers = normalize_answers(shipped_pack, dict(project.answers), str(path))
        xml = drawio_xml(recommend(shipped_pack, answers, project.pins).diagram)
        for name in re.findall(r"resIcon=mxgraph\.aws4\.(\w+)", xml):
            assert name in names["resIcon"], (path.name, name)
        for name in re.findall(r"shape=mxgraph\.aws4\.(\w+)", xml):
            assert name in names["shape"] or name == "resourceIcon", (path.name, name)


def test_every_service_names_a_shape_of_the_current_palette(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    """Every drawio name in the pack is in today's aws4 palette. The examples' test above
    checks only what the exporter writes, and the exporter turns an unknown name into a
    labelled rectangle, so a wrong name in the pack (budgets for budgets_2) passed it."""
    from assistant.export.drawio import aws4_names

    names = aws4_names()
    known = names["resIcon"] | names["shape"]
    wrong = {
        s.id: s.drawio
        for s in shipped_pack.services.values()
        if s.drawio and s.drawio.removeprefix("mxgraph.aws4.") not in known
    }
    assert wrong == {}
