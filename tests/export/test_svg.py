"""The SVG export: well-formed, self-contained, every text escaped."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from assistant.core.diagram.scene import Diagram, Edge, Node, Rect
from assistant.export.svg import canvas_rect, diagram_svg, node_parts

from .export_samples import HOSTILE

SVG = "{http://www.w3.org/2000/svg}"
HREF_ATTRS = ("href", "{http://www.w3.org/1999/xlink}href")


def _texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def _check_self_contained(root: ET.Element) -> None:
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "image", "foreignObject", "style", "a"), tag
        for key, value in el.attrib.items():
            if key in HREF_ATTRS:
                assert value.startswith("#"), f"external href {value!r}"
            assert not key.startswith("on"), key
            assert "url(" not in value or re.fullmatch(r".*url\(#[^)]+\).*", value), value


def test_svg_parses_and_is_self_contained(hostile: Diagram) -> None:
    text = diagram_svg(hostile)
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    _check_self_contained(root)
    # icons are inlined: one <g> of shapes per node, no links to files
    assert "resources/icons" not in text and ".svg" not in text.replace("<svg", "")
    for node in hostile.nodes:
        assert root.find(f".//{SVG}g[@id='node-{node.id}']") is not None


def test_hostile_label_comes_out_as_text(hostile: Diagram) -> None:
    text = diagram_svg(hostile)
    assert "<script" not in text
    root = ET.fromstring(text)
    texts = _texts(root)
    assert HOSTILE in texts  # the edge label, in one piece
    assert f"Title {HOSTILE}" in texts
    assert not list(root.iter(f"{SVG}script"))


def test_mini_recommendation_svg(mini_rec, mini_pack) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(diagram_svg(mini_rec.diagram, mini_pack))
    _check_self_contained(root)
    texts = _texts(root)
    for node in mini_rec.diagram.nodes:
        assert " ".join(node_parts(node).lines) in " ".join(texts)
    for group in mini_rec.diagram.groups:
        assert group.label in texts
    assert "HTTPS" in texts
    # the white background is there unless asked otherwise
    assert root.find(f"{SVG}rect[@id='background']") is not None
    transparent = ET.fromstring(diagram_svg(mini_rec.diagram, transparent=True))
    assert transparent.find(f"{SVG}rect[@id='background']") is None


def test_canvas_covers_everything_drawn(showcase: Diagram) -> None:
    canvas = canvas_rect(showcase)
    root = ET.fromstring(diagram_svg(showcase))
    assert root.get("viewBox") == " ".join(
        f"{v:.2f}".rstrip("0").rstrip(".") for v in (canvas.x, canvas.y, canvas.w, canvas.h)
    )
    for node in showcase.nodes:
        parts = node_parts(node)
        assert parts.label_box is not None
        for r in (node.rect, parts.label_box):
            assert r is not None and canvas.contains(r)


def test_icon_ids_are_unique_and_prefixed(showcase: Diagram) -> None:
    root = ET.fromstring(diagram_svg(showcase))
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_unlaid_diagram_is_refused() -> None:
    with pytest.raises(ValueError, match="lay the diagram out"):
        diagram_svg(Diagram(nodes=(Node("a", "A"),)))


def test_edge_without_route_or_label_rect_still_draws() -> None:
    d = Diagram(
        nodes=(
            Node("a", "A", rect=Rect(0, 0, 64, 64)),
            Node("b", "B", rect=Rect(200, 100, 64, 64)),
        ),
        edges=(Edge("a", "b", "x"),),
    )
    root = ET.fromstring(diagram_svg(d))
    assert root.find(f".//{SVG}g[@id='edge-a-b']/{SVG}path") is not None
    assert "x" in _texts(root)


def test_pure_python_exporters_do_not_import_qt() -> None:
    code = (
        "import sys, assistant.export, assistant.export.svg, assistant.export.drawio,"
        " assistant.export.mermaid, assistant.export.report;"
        " assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
