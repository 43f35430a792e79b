"""The pure-Python PDF writer: read back with pypdf and poppler; pages; Qt fallback."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from assistant.core.diagram.scene import Diagram, Edge, Node, Rect
from assistant.export import pdf as pdf_module
from assistant.export.pdf import MAX_PAGE_PT, diagram_pdf, winansi_text
from assistant.export.pdf_icons import IconConversionError
from assistant.export.svg import MARGIN, canvas_rect, diagram_svg

from .export_samples import HOSTILE

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
SVG = "{http://www.w3.org/2000/svg}"


def _read(data: bytes, caplog: pytest.LogCaptureFixture) -> PdfReader:
    """The PDF read strictly by pypdf, which logs its warnings (none allowed)."""
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        reader = PdfReader(io.BytesIO(data), strict=True)
        for page in reader.pages:
            page.extract_text()
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")]
    return reader


def _content(reader: PdfReader) -> str:
    return reader.pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]


def test_reads_back_with_text_fonts_and_metadata(
    showcase: Diagram, caplog: pytest.LogCaptureFixture
) -> None:
    reader = _read(diagram_pdf(showcase), caplog)
    assert len(reader.pages) == 1
    assert reader.metadata is not None
    assert reader.metadata.title == showcase.title
    assert reader.metadata.producer == "archassist"
    text = reader.pages[0].extract_text()
    for word in ("Real-time inference", "SageMaker endpoint", "Variant A (90%)", "model.tar.gz"):
        assert word in text
    fonts = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    assert sorted(f["/BaseFont"] for f in fonts.values()) == ["/Helvetica", "/Helvetica-Bold"]
    assert {f["/Encoding"] for f in fonts.values()} == {"/WinAnsiEncoding"}


def test_is_deterministic(showcase: Diagram) -> None:
    assert diagram_pdf(showcase) == diagram_pdf(showcase)
    assert diagram_pdf(showcase, page="a4") != diagram_pdf(showcase)


def test_draws_what_the_svg_draws(showcase: Diagram, caplog: pytest.LogCaptureFixture) -> None:
    content = _content(_read(diagram_pdf(showcase), caplog))
    svg = ET.fromstring(diagram_svg(showcase))
    # one icon form per icon used, drawn once per node
    assert content.count(" Do Q") == len(showcase.nodes)
    # the group frames: the dashed variant frames, 1.25 wide, in their stroke colour
    assert content.count("[6 4] 0 d") == sum(
        1 for r in svg.iter(f"{SVG}rect") if r.get("stroke-dasharray") == "6 4"
    )
    assert "0.004 0.659 0.553 RG 1.25 w" in content  # #01A88D, the endpoint/variant stroke
    # one arrowhead per edge, and every text of the SVG as a text-showing operator
    assert content.count(" l h f") == len(showcase.edges)
    shown = [t.text for t in svg.iter(f"{SVG}text")]
    assert content.count(" Tj ET") == len(shown)


def test_text_is_escaped_and_positioned(caplog: pytest.LogCaptureFixture) -> None:
    node = Node("n", "a (b) \\ c", icon="s3", rect=Rect(0, 0, 120, 96))
    diagram = Diagram(nodes=(node,), title=HOSTILE, bounds=Rect(0, 0, 120, 96))
    text = _read(diagram_pdf(diagram), caplog).pages[0].extract_text()
    assert HOSTILE in text and "a (b) \\ c" in text


def test_a_soft_hyphen_is_not_drawn(caplog: pytest.LogCaptureFixture) -> None:
    # WinAnsi 0xAD is a visible hyphen in Helvetica; the SVG's renderers show nothing for it
    node = Node("n", "Data\xadset – é", icon="s3", rect=Rect(0, 0, 120, 96))
    diagram = Diagram(nodes=(node,), bounds=Rect(0, 0, 120, 96))
    reader = _read(diagram_pdf(diagram), caplog)
    assert "(Dataset \x96 \xe9) Tj" in _content(reader)
    assert reader.pages[0].extract_text() == "Dataset – é"


def test_page_fit_and_paper_sizes(showcase: Diagram, caplog: pytest.LogCaptureFixture) -> None:
    canvas = canvas_rect(showcase)
    fit = _read(diagram_pdf(showcase), caplog).pages[0].mediabox
    assert float(fit.width) == pytest.approx(canvas.w * 0.75, abs=0.01)
    assert float(fit.height) == pytest.approx(canvas.h * 0.75, abs=0.01)
    # a wide diagram goes on landscape paper
    for page, size in (("A4", (842, 595)), ("letter", (792, 612)), ("a3", (1191, 842))):
        box = _read(diagram_pdf(showcase, page=page), caplog).pages[0].mediabox
        assert (float(box.width), float(box.height)) == size
    tall = replace(showcase, bounds=Rect(0, 0, 200, 3000))
    box = _read(diagram_pdf(tall, page="legal"), caplog).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 1008)
    with pytest.raises(ValueError, match="valid: fit, a4"):
        diagram_pdf(showcase, page="B9")


def test_a_fitted_page_stays_within_what_readers_open(
    showcase: Diagram, caplog: pytest.LogCaptureFixture
) -> None:
    huge = replace(showcase, bounds=Rect(0, 0, 600, 40_000))  # 30,000 pt at 0.75 pt per px
    box = _read(diagram_pdf(huge), caplog).pages[0].mediabox
    assert float(box.height) == pytest.approx(MAX_PAGE_PT, abs=0.01)
    canvas = canvas_rect(huge)
    assert float(box.width) == pytest.approx(canvas.w * MAX_PAGE_PT / canvas.h, abs=0.01)


def test_a_fitted_page_drawn_by_qt_stays_within_what_readers_open(showcase: Diagram) -> None:
    # a title outside WinAnsi sends the diagram to Qt's writer, which must keep the cap too
    huge = replace(showcase, bounds=Rect(0, 0, 600, 40_000), title="推論 → endpoint")
    reader = PdfReader(io.BytesIO(diagram_pdf(huge)))
    assert reader.metadata is not None and reader.metadata.producer != "archassist"
    box = reader.pages[0].mediabox
    assert float(box.height) <= MAX_PAGE_PT
    canvas = canvas_rect(huge)
    assert float(box.width) == pytest.approx(canvas.w * MAX_PAGE_PT / canvas.h, abs=1)


def test_empty_diagram(caplog: pytest.LogCaptureFixture) -> None:
    reader = _read(diagram_pdf(Diagram(bounds=Rect(0, 0, 0, 0))), caplog)
    assert reader.metadata is not None and reader.metadata.title == "Architecture diagram"


def test_unicode_metadata_title_without_fallback(
    showcase: Diagram, caplog: pytest.LogCaptureFixture
) -> None:
    # the title in the metadata is not drawn: any text is fine there
    reader = _read(diagram_pdf(showcase, title="推論 → endpoint"), caplog)
    assert reader.metadata is not None
    assert reader.metadata.title == "推論 → endpoint"
    assert reader.metadata.producer == "archassist"


def test_text_outside_winansi_is_drawn_by_qt(showcase: Diagram) -> None:
    assert winansi_text("Café – 5 €") is not None
    assert winansi_text("データ") is None and winansi_text("a → b") is None
    japanese = replace(showcase, title="リアルタイム推論")
    reader = PdfReader(io.BytesIO(diagram_pdf(japanese)))
    assert reader.metadata is not None
    assert reader.metadata.producer != "archassist"  # Qt wrote it, with embedded fonts
    assert reader.metadata.title == "リアルタイム推論"
    arrow = replace(showcase, edges=(replace(showcase.edges[0], label="a → b"),))
    assert PdfReader(io.BytesIO(diagram_pdf(arrow))).metadata.producer != "archassist"  # type: ignore[union-attr]


def test_an_icon_outside_the_subset_is_drawn_by_qt(
    showcase: Diagram, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str) -> None:
        raise IconConversionError(f"icon '{name}': element <text> is not supported")

    monkeypatch.setattr(pdf_module, "icon_form", refuse)
    data = diagram_pdf(showcase, page="a4")
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.producer != "archassist"
    assert sorted(round(float(v)) for v in reader.pages[0].mediabox[2:]) == [595, 842]


def test_edge_without_a_route_and_a_side_label(caplog: pytest.LogCaptureFixture) -> None:
    nodes = (
        Node("a", "Source", icon="s3", rect=Rect(0, 0, 64, 64)),
        Node("b", "Target beside", icon="lambda", rect=Rect(200, 100, 200, 64), label_side="right"),
    )
    diagram = Diagram(nodes=nodes, edges=(Edge("a", "b", "go"),), bounds=Rect(0, 0, 400, 200))
    text = _read(diagram_pdf(diagram), caplog).pages[0].extract_text()
    assert "Source" in text and "Target beside" in text and "go" in text


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")
def test_poppler_reads_words_where_the_svg_puts_them(showcase: Diagram, tmp_path: Path) -> None:
    path = tmp_path / "d.pdf"
    path.write_bytes(diagram_pdf(showcase))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert fonts.stderr == ""
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert sorted((r[0], r[3]) for r in rows) == [
        ("Helvetica", "WinAnsi"),
        ("Helvetica-Bold", "WinAnsi"),
    ]
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    assert html.stderr == ""
    root = ET.fromstring(html.stdout.replace("<!DOCTYPE", "<!--").replace('.dtd">', "-->"))
    words = [
        (w.text, float(w.get("xMin", 0)), float(w.get("yMax", 0)))
        for w in root.iter()
        if w.tag.endswith("word")
    ]
    texts = [w[0] for w in words]
    for word in ("Real-time", "AWS", "account", "HTTPS", "Lambda", "model.tar.gz", "(90%)"):
        assert word in texts
    # the title starts MARGIN px in from the canvas's left edge: 0.75 pt per px
    first = next(w for w in words if w[0] == "Real-time")
    assert first[1] == pytest.approx(MARGIN * 0.75, abs=0.6)


RENDERERS = all(shutil.which(tool) for tool in ("pdftoppm", "rsvg-convert"))


def _grey_blocks(path: Path) -> tuple[tuple[int, int], bytes]:
    """The image in grey, each 4 x 4 block averaged: anti-aliasing and font hinting differ
    between renderers, a shape in another place or colour does not."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_Grayscale8)
    small = image.scaled(
        image.width() // 4,
        image.height() // 4,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    w, stride, raw = small.width(), small.bytesPerLine(), bytes(small.constBits())
    return (w, small.height()), b"".join(
        raw[y * stride : y * stride + w] for y in range(small.height())
    )


@pytest.mark.skipif(not RENDERERS, reason="poppler-utils and librsvg2-bin not installed")
@pytest.mark.parametrize("sample", ["showcase", "hostile"])
def test_poppler_draws_it_as_librsvg_draws_the_svg(
    sample: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    diagram: Diagram = request.getfixturevalue(sample)
    (tmp_path / "d.pdf").write_bytes(diagram_pdf(diagram))
    (tmp_path / "d.svg").write_text(diagram_svg(diagram), encoding="utf-8")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "96", "-singlefile", "d.pdf", "pdf"], cwd=tmp_path, check=True
    )
    subprocess.run(["rsvg-convert", "d.svg", "-o", "svg.png"], cwd=tmp_path, check=True)
    (pdf_size, pdf), (svg_size, svg) = (
        _grey_blocks(tmp_path / "pdf.png"),
        _grey_blocks(tmp_path / "svg.png"),
    )
    assert pdf_size == svg_size
    # measured: 27-48 where the drawings agree; a node moved by 3 px or an edge label
    # left out gives 72-77
    worst = max(abs(a - b) for a, b in zip(pdf, svg, strict=True))
    assert worst < 60
