"""The draw.io export: editable cells, containers, escaped values."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

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
    vertices = [c for c in cells if c.get("vertex") == "1"]
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
    assert sum(c.get("vertex") == "1" for c in cells) == len(d.nodes) + len(d.groups)
    assert sum(c.get("edge") == "1" for c in cells) == len(d.edges)
