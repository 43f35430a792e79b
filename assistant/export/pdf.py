"""The diagram as a one-page vector PDF, written in pure Python (zlib, no Qt).

It draws what :func:`assistant.export.svg.diagram_svg` draws, from the same geometry and
style functions (:func:`~assistant.export.svg.canvas_rect`, ``node_parts``, ``edge_route``,
``group_title``, :mod:`assistant.export.style`, ...), in the same order and colours, at
1 SVG px = 0.75 pt:

* text is real PDF text in the base-14 fonts Helvetica and Helvetica-Bold
  (WinAnsiEncoding), so a reader can select, search and copy it; the style module's
  text widths are Helvetica's, so every box fits its text as in the SVG;
* each icon used is one Form XObject converted from its SVG (:mod:`.pdf_icons`);
* the output is deterministic (no dates): two exports of one project are byte-identical
  (not so the Qt fallback below: Qt writes the time and a random document id into it).

Text that WinAnsiEncoding cannot hold (a Japanese title, an arrow sign ...) has no glyph in
the base-14 fonts, and an icon outside the SVG subset :mod:`.pdf_icons` reads cannot be
converted: in either case the whole diagram is drawn through Qt instead
(:func:`assistant.export.raster.diagram_pdf`, which embeds the system's fonts), so no user
ever gets missing glyphs or icons.

>>> from assistant.core.diagram.scene import Diagram, Node, Rect
>>> d = Diagram(nodes=(Node("a", "Amazon S3", icon="s3", rect=Rect(0, 0, 120, 96)),),
...             title="Demo", bounds=Rect(0, 0, 120, 96))
>>> data = diagram_pdf(d)
>>> data[:8], data.rstrip()[-5:], data == diagram_pdf(d)
(b'%PDF-1.4', b'%%EOF', True)
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from ..core.diagram import sizes as lay
from ..core.diagram.scene import Diagram, Edge, Group, Node, Point, Rect
from ..core.diagram.sizes import PAGES
from ..core.pack.model import Pack
from . import style as st
from .icons import icon_for
from .pdf_icons import IconConversionError, IconForm, icon_form
from .pdf_paths import pdf_number, rect_ops
from .svg import (
    ARROW_LENGTH,
    MARGIN,
    arrowhead_points,
    canvas_rect,
    edge_label_box,
    edge_route,
    group_depths,
    group_title,
    node_parts,
    rounded_bends,
    shorten_end,
)

__all__ = [
    "MAX_PAGE_PT",
    "PAPER_POINTS",
    "PDF_MARGIN_PT",
    "PT_PER_PX",
    "diagram_pdf",
    "winansi_text",
]

PT_PER_PX = 0.75  # a CSS px at 96 dpi, in PostScript points
PDF_MARGIN_PT = 12.0 / 25.4 * 72  # 12 mm around a diagram on a paper page
# The largest page side Acrobat opens, in points (PDF Reference 1.6, appendix C, "Implementation
# limits": 14,400 x 14,400 units, 200 inches): a fitted page of a larger diagram is scaled down.
MAX_PAGE_PT = 14_400
# Paper sizes in points, portrait, as Qt's QPageSize gives them (the Qt fallback uses those).
PAPER_POINTS = {"a4": (595, 842), "letter": (612, 792), "a3": (842, 1191), "legal": (612, 1008)}


# dropped, as the SVG's renderers show them: control characters, and the soft hyphen (U+00AD,
# unseen on a line that does not break there, but a visible hyphen glyph at WinAnsi 0xAD)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\xad]")


def winansi_text(text: str) -> bytes | None:
    """``text`` in WinAnsiEncoding (what the base-14 fonts draw), or None when a character
    has no code there. Control characters and soft hyphens are dropped and white space is
    one space, as an SVG renderer shows them.

    >>> winansi_text("Café – 5 €"), winansi_text("データ"), winansi_text("a → b")
    (b'Caf\\xe9 \\x96 5 \\x80', None, None)
    >>> winansi_text("Data\\xadset")
    b'Dataset'
    """
    clean = " ".join(_CONTROL.sub("", text).split())
    try:
        data = clean.encode("cp1252")
    except UnicodeEncodeError:
        return None
    # cp1252 leaves five codes unassigned: encode() never produces them, so every byte
    # here has a Helvetica glyph.
    return data


def _width(data: bytes, size: float) -> float:
    return sum(st.HELVETICA_WINANSI[b - 32] for b in data if b >= 32) * size / 1000


def _literal(data: bytes) -> bytes:
    """A PDF literal string: parentheses and backslashes escaped, other bytes kept."""
    return b"(" + re.sub(rb"([()\\])", rb"\\\1", data).replace(b"\r", b"\\r") + b")"


def _info_string(text: str) -> bytes:
    """A text string for the document information: ASCII literal, else UTF-16BE with a BOM."""
    if text.isascii() and text.isprintable():
        return _literal(text.encode("ascii"))
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{pdf_number(r)} {pdf_number(g)} {pdf_number(b)}"


_n = pdf_number


# --- the drawing, in diagram units (y down) -------------------------------------------------


class _Page:
    """The content stream of the page, drawn in diagram units with y pointing down."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self.icons: dict[str, tuple[str, IconForm]] = {}  # icon name -> (resource name, form)
        self.fonts: set[str] = set()

    def text(
        self, x: float, y: float, data: bytes, size: float, colour: str, *, bold: bool = False
    ) -> None:
        font = "F2" if bold else "F1"
        self.fonts.add(font)
        # the page is flipped (y down): the text matrix flips the glyphs back upright
        self.ops.append(
            f"{_rgb(colour)} rg BT /{font} {_n(size)} Tf 1 0 0 -1 {_n(x)} {_n(y)} Tm "
            + _literal(data).decode("latin-1")
            + " Tj ET"
        )

    def rect(
        self,
        r: Rect,
        radius: float,
        *,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 1.0,
        dash: str = "",
    ) -> None:
        ops = []
        if fill is not None:
            ops.append(f"{_rgb(fill)} rg")
        if stroke is not None:
            ops.append(f"{_rgb(stroke)} RG {_n(width)} w 0 J 0 j [{dash}] 0 d")
        ops.extend(rect_ops(r.x, r.y, r.w, r.h, radius, radius))
        ops.append("B" if fill is not None and stroke is not None else "f" if fill else "S")
        self.ops.append("\n".join(ops))

    def icon(self, name: str, box: Rect) -> None:
        if name not in self.icons:
            self.icons[name] = (f"I{len(self.icons)}", icon_form(name))
        resource, form = self.icons[name]
        x0, y0, x1, y1 = form.bbox
        vw, vh = x1 - x0, y1 - y0
        scale = min(box.w / vw, box.h / vh) if vw and vh else 1.0
        e, f = box.x - scale * x0, box.y - scale * y0
        self.ops.append(f"q {_n(scale, 5)} 0 0 {_n(scale, 5)} {_n(e)} {_n(f)} cm /{resource} Do Q")


def _rounded_ops(points: tuple[Point, ...]) -> list[str]:
    """The edge polyline with its bends rounded as svg.py rounds them
    (:func:`~assistant.export.svg.rounded_bends`), each quadratic bend as the equal cubic."""
    start, bends, end = rounded_bends(points)
    ops = [f"{_n(start[0])} {_n(start[1])} m"]
    for (ax, ay), (x1, y1), (bx, by) in bends:
        c1 = (ax + 2 / 3 * (x1 - ax), ay + 2 / 3 * (y1 - ay))
        c2 = (bx + 2 / 3 * (x1 - bx), by + 2 / 3 * (y1 - by))
        ops.append(f"{_n(ax)} {_n(ay)} l")
        ops.append(" ".join(_n(v) for v in (*c1, *c2, bx, by)) + " c")
    ops.append(f"{_n(end[0])} {_n(end[1])} l")
    return ops


def _group(page: _Page, group: Group, depth: int) -> None:
    gs = st.group_style(group.style, depth)
    assert group.rect is not None  # group_depths/canvas_rect have checked the geometry
    dash = "6 4" if gs.dashed else ""
    page.rect(group.rect, 3, fill=gs.fill, stroke=gs.stroke, width=1.25, dash=dash)


def _group_title(page: _Page, group: Group, depth: int, texts: dict[str, bytes]) -> None:
    found = group_title(group, depth)
    if found is None or group.rect is None:
        return
    title, plate = found
    gs = st.group_style(group.style, depth)
    page.rect(plate, 2, fill=gs.fill)
    x, y = group.rect.x + lay.TITLE_INSET_X, group.rect.y + lay.TITLE_INSET_Y + 10.5
    page.text(x, y, texts[title], st.GROUP_TITLE_SIZE, gs.text, bold=True)


def _edge(page: _Page, diagram: Diagram, edge: Edge) -> None:
    pts = edge_route(diagram, edge)
    line = shorten_end(pts, ARROW_LENGTH - 1)
    colour = _rgb(st.EDGE_COLOUR)
    page.ops.append(f"{colour} RG 1.5 w 1 J 1 j [] 0 d\n" + "\n".join(_rounded_ops(line)) + "\nS")
    triangle = arrowhead_points(pts)
    if triangle:
        (ax, ay), (bx, by), (cx, cy) = triangle
        page.ops.append(
            f"{colour} rg {_n(ax)} {_n(ay)} m {_n(bx)} {_n(by)} l {_n(cx)} {_n(cy)} l h f"
        )


def _edge_label(page: _Page, diagram: Diagram, edge: Edge, texts: dict[str, bytes]) -> None:
    box = edge_label_box(edge, edge_route(diagram, edge))
    if box is None:
        return
    page.rect(box, 4, fill="#FFFFFF", stroke="#D5DBDB", width=0.75)
    data = texts[edge.label]
    cx, cy = box.center
    size = st.EDGE_LABEL_SIZE
    page.text(cx - _width(data, size) / 2, cy + size * 0.35, data, size, st.MUTED_TEXT)


def _node(page: _Page, node: Node, texts: dict[str, bytes]) -> None:
    parts = node_parts(node)
    page.icon(icon_for(node), parts.icon)
    size = st.NODE_LABEL_SIZE
    for line, baseline in zip(parts.lines, parts.baselines, strict=True):
        data = texts[line]
        x = parts.text_x - (_width(data, size) / 2 if parts.anchor == "middle" else 0)
        page.text(x, baseline, data, size, st.TEXT_COLOUR)


def _drawn_texts(diagram: Diagram) -> list[str]:
    """Every string the drawing shows (not the tooltips, which a PDF has no place for)."""
    depths = group_depths(diagram)
    texts = [diagram.title] if diagram.title else []
    for group in diagram.groups:
        found = group_title(group, depths[group.id])
        if found is not None:
            texts.append(found[0])
    for node in diagram.nodes:
        texts.extend(node_parts(node).lines)
    texts.extend(edge.label for edge in diagram.edges if edge.label)
    return texts


def _draw(diagram: Diagram, canvas: Rect, texts: dict[str, bytes]) -> _Page:
    """The drawing in svg.py's order: background, title, groups, edges, group titles,
    nodes, edge labels."""
    page = _Page()
    depths = group_depths(diagram)
    page.rect(canvas, 0, fill="#FFFFFF")
    if diagram.title:
        x, y = canvas.x + MARGIN, canvas.y + MARGIN + st.TITLE_SIZE * 0.8
        page.text(x, y, texts[diagram.title], st.TITLE_SIZE, st.TEXT_COLOUR, bold=True)
    for group in sorted(diagram.groups, key=lambda g: depths[g.id]):
        _group(page, group, depths[group.id])
    for edge in diagram.edges:
        _edge(page, diagram, edge)
    for group in diagram.groups:
        _group_title(page, group, depths[group.id], texts)
    for node in diagram.nodes:
        _node(page, node, texts)
    for edge in diagram.edges:
        _edge_label(page, diagram, edge, texts)
    return page


# --- the file --------------------------------------------------------------------------------


def _placement(canvas: Rect, page: str) -> tuple[float, float, float, float, float]:
    """(page width, page height, scale pt per px, x, y of the canvas's top-left in points
    from the page's top-left)."""
    if page == "fit":
        k = min(PT_PER_PX, MAX_PAGE_PT / canvas.w, MAX_PAGE_PT / canvas.h)
        return canvas.w * k, canvas.h * k, k, 0.0, 0.0
    short, long_ = PAPER_POINTS[page]
    width, height = (long_, short) if canvas.w > canvas.h else (short, long_)
    area_w, area_h = width - 2 * PDF_MARGIN_PT, height - 2 * PDF_MARGIN_PT
    # 1 px = 0.75 pt at most; smaller when the paper is too small for the diagram.
    k = min(PT_PER_PX, area_w / canvas.w, area_h / canvas.h)
    x = PDF_MARGIN_PT + (area_w - canvas.w * k) / 2
    y = PDF_MARGIN_PT + (area_h - canvas.h * k) / 2
    return width, height, k, x, y


def _stream(header: str, content: bytes) -> bytes:
    packed = zlib.compress(content, 6)
    return (
        f"<< {header} /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode("ascii")
        + packed
        + b"\nendstream"
    )


def _file(objects: Iterable[bytes]) -> bytes:
    """Objects 1..n in order, the cross-reference table and the trailer (object 1 is the
    catalog, the last one the document information)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += b"".join(f"{offset:010d} 00000 n \n".encode("ascii") for offset in offsets)
    # the file identifier: any bytes will do; two checksums of the body, not an MD5, since
    # hashlib (OpenSSL) takes longer to import than this whole file takes to write
    digest = f"{zlib.crc32(out):08X}{zlib.adler32(out):08X}"
    out += (
        f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R /Info {len(offsets)} 0 R"
        f" /ID [<{digest}> <{digest}>] >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode("ascii")
    return bytes(out)


def _document(page: _Page, size: tuple[float, float], cm: str, title: str) -> bytes:
    content = ("q\n" + cm + "\n" + "\n".join(page.ops) + "\nQ\n").encode("latin-1")
    fonts = {"F1": "Helvetica", "F2": "Helvetica-Bold"}
    first_icon = 5 + len(page.fonts)
    font_refs = {font: 5 + i for i, font in enumerate(sorted(page.fonts))}
    icon_refs = " ".join(
        f"/{res} {first_icon + i} 0 R" for i, (res, _) in enumerate(page.icons.values())
    )
    font_dict = " ".join(f"/{font} {ref} 0 R" for font, ref in font_refs.items())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_n(size[0], 2)} {_n(size[1], 2)}]"
            f" /Resources << /Font << {font_dict} >> /XObject << {icon_refs} >> >>"
            " /Contents 4 0 R >>"
        ).encode("ascii"),
        _stream("", content),
    ]
    objects += [
        f"<< /Type /Font /Subtype /Type1 /BaseFont /{fonts[font]}"
        " /Encoding /WinAnsiEncoding >>".encode("ascii")
        for font in sorted(page.fonts)
    ]
    for _, form in page.icons.values():
        states = " ".join(f"/{n} << /ca {_n(fa)} /CA {_n(sa)} >>" for n, fa, sa in form.states)
        bbox = " ".join(_n(v) for v in form.bbox)
        header = (
            f"/Type /XObject /Subtype /Form /BBox [{bbox}]"
            f" /Resources << /ExtGState << {states} >> >>"
        )
        objects.append(_stream(header, form.content))
    objects.append(
        b"<< /Title " + _info_string(title) + b" /Producer (archassist) /Creator (archassist) >>"
    )
    return _file(objects)


def diagram_pdf(
    diagram: Diagram,
    pack: Pack | None = None,
    *,
    page: str = "fit",
    title: str = "",
) -> bytes:
    """The diagram as a one-page vector PDF (bytes), identical for identical input (unless
    drawn through Qt, whose file carries its creation time).

    ``page="fit"`` (default) makes the page the size of the diagram at 1 px = 0.75 pt (96 dpi),
    so 12 px text is 9 pt (scaled down only past :data:`MAX_PAGE_PT`). A paper size (``a4``,
    ``letter``, ``a3``, ``legal``, any case) fits the diagram inside 12 mm margins, centred,
    landscape when the diagram is wider than tall, only ever scaled down: a big diagram on A4
    gets smaller text than on a fitted page.
    ``title`` is the document's title (default: the diagram's).

    Drawn through Qt instead when a text has no WinAnsiEncoding code or an icon cannot be
    converted (see the module docstring); ``pack`` is only used then (node tooltips).

    Raises:
        ValueError: unknown ``page``, or the diagram has not been laid out.
    """
    key = page.lower()
    if key not in PAGES:
        raise ValueError(f"unknown page size '{page}' (valid: {', '.join(PAGES)})")
    encoded = {text: winansi_text(text) for text in _drawn_texts(diagram)}
    texts = {text: data for text, data in encoded.items() if data is not None}
    canvas = canvas_rect(diagram)
    if len(texts) < len(encoded):
        return _qt_pdf(diagram, pack, key, title)
    try:
        drawing = _draw(diagram, canvas, texts)
    except IconConversionError:
        return _qt_pdf(diagram, pack, key, title)
    width, height, k, x, y = _placement(canvas, key)
    # diagram units -> points, y down: (px, py) -> (x + k (px - cx), height - y - k (py - cy))
    e, f = x - k * canvas.x, height - y + k * canvas.y
    cm = f"{_n(k, 6)} 0 0 {_n(-k, 6)} {_n(e, 4)} {_n(f, 4)} cm"
    return _document(drawing, (width, height), cm, title or diagram.title or "Architecture diagram")


def _qt_pdf(diagram: Diagram, pack: Pack | None, page: str, title: str) -> bytes:
    from .raster import diagram_pdf as qt_pdf

    return qt_pdf(diagram, pack, page=page, title=title)
