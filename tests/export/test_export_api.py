"""export(): dispatch, atomic writes, errors; the icon sanitiser; an empty diagram."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assistant.core.diagram.scene import Diagram, Rect
from assistant.core.errors import UserInputError
from assistant.export import FORMATS, SUFFIXES, export, export_bytes
from assistant.export.drawio import drawio_xml
from assistant.export.icons import icon_markup, serialize
from assistant.export.mermaid import mermaid_text
from assistant.export.raster import diagram_pdf, diagram_png
from assistant.export.svg import diagram_svg


def test_every_format_writes_a_file(mini_rec, mini_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for fmt in FORMATS:
        out = tmp_path / f"a{SUFFIXES[fmt]}"
        export(mini_rec, mini_pack, fmt, out, scale=1)
        assert out.read_bytes() == export_bytes(mini_rec, mini_pack, fmt, scale=1) or fmt in (
            "md",
            "html",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"a{s}" for s in SUFFIXES.values())


def test_failed_export_keeps_the_old_file(mini_rec, mini_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "a.png"
    out.write_bytes(b"old")
    with pytest.raises(UserInputError, match="scale"):
        export(mini_rec, mini_pack, "png", out, scale=0)
    assert out.read_bytes() == b"old"
    with pytest.raises(UserInputError, match="valid: svg"):
        export(mini_rec, mini_pack, "gif", out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.png"]


def test_serialize_drops_unsafe_content() -> None:
    el = ET.fromstring(
        '<g xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' id="x" onclick="alert(1)"><script>alert(1)</script>'
        '<image xlink:href="file:///etc/passwd"/><use xlink:href="https://evil/x.svg#a"/>'
        '<rect id="r" fill="url(#grad)" stroke="url(https://evil/p)"/><use xlink:href="#r"/></g>'
    )
    out = serialize(el, "p-")
    assert "script" not in out and "image" not in out and "onclick" not in out
    assert "evil" not in out and "passwd" not in out
    assert 'id="p-x"' in out and 'fill="url(#p-grad)"' in out and 'xlink:href="#p-r"' in out


def test_icon_names_cannot_escape_the_icon_folder() -> None:
    assert icon_markup("../../etc/passwd", "n") == icon_markup("generic", "n")


def test_empty_diagram_exports_everywhere() -> None:
    empty = Diagram(bounds=Rect(0, 0, 0, 0))
    ET.fromstring(diagram_svg(empty))
    assert diagram_png(empty, scale=1).startswith(b"\x89PNG")
    assert diagram_pdf(empty).startswith(b"%PDF")
    ET.fromstring(drawio_xml(empty))
    assert mermaid_text(empty) == "flowchart LR\n"
