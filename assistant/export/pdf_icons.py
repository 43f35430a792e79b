"""The icons of ``resources/icons`` as PDF drawing operators, for :mod:`assistant.export.pdf`.

Each icon becomes the content of one Form XObject in the icon's own viewBox coordinates
(y down, as in the SVG: the page the form is drawn on is flipped the same way). Only the
SVG subset our icons are drawn in is understood, exactly:

* elements ``g``, ``rect`` (``rx``/``ry``), ``circle``, ``ellipse``, ``line``, ``polyline``,
  ``polygon`` and ``path`` (every command, ``M m L l H h V v C c S s Q q T t A a Z z``;
  arcs become cubic Beziers);
* presentation attributes ``fill``, ``stroke``, ``stroke-width``, ``stroke-linecap``,
  ``stroke-linejoin``, ``stroke-miterlimit``, ``stroke-dasharray``, ``stroke-dashoffset``,
  ``fill-rule``, ``opacity``, ``fill-opacity``, ``stroke-opacity`` (inherited through ``g``)
  and ``transform`` (``matrix translate scale rotate skewX skewY``);
* colours as ``#rgb``, ``#rrggbb``, ``none``, ``white`` or ``black``.

Anything else raises :class:`IconConversionError` (the PDF writer then draws the whole
diagram through Qt instead, and a test converts every shipped icon, so a new icon in an
unknown form is caught). ``opacity`` on an element or group is multiplied into its fill and
stroke opacity: exact for the non-overlapping shapes icons are made of.

>>> form = icon_form("s3")
>>> form.bbox
(0.0, 0.0, 64.0, 64.0)
>>> b" c\\n" in form.content and form.content.endswith(b"Q\\n")
True
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from .icons import Icon, load_icon
from .pdf_paths import IconConversionError, ellipse_ops, path_ops, pdf_number, rect_ops

__all__ = ["IconConversionError", "IconForm", "convert_icon", "icon_form"]


@dataclass(frozen=True, slots=True)
class IconForm:
    """One icon as a PDF Form XObject: its bounding box (x0, y0, x1, y1) in viewBox units,
    its content stream (uncompressed) and the opacity states it names (name, fill, stroke)."""

    name: str
    bbox: tuple[float, float, float, float]
    content: bytes
    states: tuple[tuple[str, float, float], ...]


@dataclass(frozen=True, slots=True)
class _Style:
    fill: tuple[float, float, float] | None = (0.0, 0.0, 0.0)
    stroke: tuple[float, float, float] | None = None
    width: float = 1.0
    cap: int = 0
    join: int = 0
    miter: float = 4.0
    dash: tuple[float, ...] = ()
    dash_offset: float = 0.0
    evenodd: bool = False
    opacity: float = 1.0
    fill_opacity: float = 1.0
    stroke_opacity: float = 1.0


_f = pdf_number

_NAMED = {"white": (1.0, 1.0, 1.0), "black": (0.0, 0.0, 0.0)}
_CAPS = {"butt": 0, "round": 1, "square": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}
_PRESENTATION = {
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "fill-rule",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
    "transform",
    "id",
}
_GEOMETRY = {
    "g": set(),
    "rect": {"x", "y", "width", "height", "rx", "ry"},
    "circle": {"cx", "cy", "r"},
    "ellipse": {"cx", "cy", "rx", "ry"},
    "line": {"x1", "y1", "x2", "y2"},
    "polyline": {"points"},
    "polygon": {"points"},
    "path": {"d"},
}


def _colour(value: str, where: str) -> tuple[float, float, float] | None:
    text = value.strip().lower()
    if text == "none":
        return None
    if text in _NAMED:
        return _NAMED[text]
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return tuple(int(c * 2, 16) / 255 for c in text[1:])  # type: ignore[return-value]
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return tuple(int(text[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    raise IconConversionError(f"{where}: colour '{value}' is not #rgb, #rrggbb, none, white, black")


def _number(value: str, where: str) -> float:
    try:
        number = float(value.strip().removesuffix("px"))
    except ValueError:
        raise IconConversionError(f"{where}: '{value}' is not a number") from None
    if not math.isfinite(number):
        raise IconConversionError(f"{where}: '{value}' is not a finite number")
    return number


def _unit(value: str, where: str) -> float:
    """An opacity, clamped to 0..1."""
    return min(max(_number(value, where), 0.0), 1.0)


def _pick(table: dict[str, int], value: str, where: str) -> int:
    if value.strip() not in table:
        raise IconConversionError(f"{where}: '{value}' is not one of {', '.join(table)}")
    return table[value.strip()]


def _dash(value: str, where: str) -> tuple[float, ...]:
    if value.strip() == "none":
        return ()
    parts = tuple(_number(v, where) for v in re.split(r"[\s,]+", value.strip()) if v)
    if any(p < 0 for p in parts) or not any(parts):
        return ()  # SVG: a negative or all-zero list draws a solid line
    return parts * 2 if len(parts) % 2 else parts


def _styled(style: _Style, el: ET.Element, where: str) -> _Style:
    """``style`` with the presentation attributes of ``el`` applied (inheritance)."""
    a = el.attrib
    changes: dict[str, object] = {}
    if "fill" in a:
        changes["fill"] = _colour(a["fill"], where)
    if "stroke" in a:
        changes["stroke"] = _colour(a["stroke"], where)
    if "stroke-width" in a:
        changes["width"] = _number(a["stroke-width"], where)
    if "stroke-linecap" in a:
        changes["cap"] = _pick(_CAPS, a["stroke-linecap"], where)
    if "stroke-linejoin" in a:
        changes["join"] = _pick(_JOINS, a["stroke-linejoin"], where)
    if "stroke-miterlimit" in a:
        changes["miter"] = max(_number(a["stroke-miterlimit"], where), 1.0)
    if "stroke-dasharray" in a:
        changes["dash"] = _dash(a["stroke-dasharray"], where)
    if "stroke-dashoffset" in a:
        changes["dash_offset"] = _number(a["stroke-dashoffset"], where)
    if "fill-rule" in a:
        changes["evenodd"] = _pick({"nonzero": 0, "evenodd": 1}, a["fill-rule"], where) == 1
    if "opacity" in a:
        changes["opacity"] = style.opacity * _unit(a["opacity"], where)
    if "fill-opacity" in a:
        changes["fill_opacity"] = _unit(a["fill-opacity"], where)
    if "stroke-opacity" in a:
        changes["stroke_opacity"] = _unit(a["stroke-opacity"], where)
    return replace(style, **changes) if changes else style  # type: ignore[arg-type]


# --- transforms ------------------------------------------------------------------------------

_TRANSFORM = re.compile(r"\s*,?\s*([A-Za-z]+)\s*\(([^)]*)\)")


def _transform_ops(value: str, where: str) -> list[str]:
    """``cm`` operators for an SVG transform list, in its order (the first is outermost)."""
    ops: list[str] = []
    pos = 0
    text = value.strip()
    while pos < len(text):
        m = _TRANSFORM.match(text, pos)
        if m is None:
            raise IconConversionError(f"{where}: cannot read transform '{value}'")
        pos = m.end()
        kind = m.group(1)
        args = [_number(v, where) for v in re.split(r"[\s,]+", m.group(2).strip()) if v]
        ops.extend(_one_transform(kind, args, where))
        while pos < len(text) and text[pos] in " ,\t\n":
            pos += 1
    return ops


def _matrix(a: float, b: float, c: float, d: float, e: float, f: float) -> str:
    return " ".join(_f(v, 5) for v in (a, b, c, d, e, f)) + " cm"


def _one_transform(kind: str, args: list[float], where: str) -> list[str]:
    counts = {
        "matrix": (6,),
        "translate": (1, 2),
        "scale": (1, 2),
        "rotate": (1, 3),
        "skewX": (1,),
        "skewY": (1,),
    }
    if kind not in counts or len(args) not in counts[kind]:
        raise IconConversionError(f"{where}: transform {kind}({args}) is not supported")
    if kind == "matrix":
        return [_matrix(*args)]
    if kind == "translate":
        return [_matrix(1, 0, 0, 1, args[0], args[1] if len(args) > 1 else 0.0)]
    if kind == "scale":
        return [_matrix(args[0], 0, 0, args[1] if len(args) > 1 else args[0], 0, 0)]
    if kind == "rotate":
        t = math.radians(args[0])
        rotation = _matrix(math.cos(t), math.sin(t), -math.sin(t), math.cos(t), 0, 0)
        if len(args) == 3:
            cx, cy = args[1], args[2]
            return [_matrix(1, 0, 0, 1, cx, cy), rotation, _matrix(1, 0, 0, 1, -cx, -cy)]
        return [rotation]
    tan = math.tan(math.radians(args[0]))
    return [_matrix(1, 0, tan, 1, 0, 0) if kind == "skewX" else _matrix(1, tan, 0, 1, 0, 0)]


def _points(value: str, where: str) -> list[tuple[float, float]]:
    nums = [_number(v, where) for v in re.split(r"[\s,]+", value.strip()) if v]
    if len(nums) % 2:
        raise IconConversionError(f"{where}: points '{value}' has an odd count of numbers")
    return list(zip(nums[0::2], nums[1::2], strict=True))


def _shape_ops(tag: str, a: dict[str, str], where: str) -> list[str]:
    def num(key: str, default: float = 0.0) -> float:
        return _number(a[key], f"{where} {key}") if key in a else default

    if tag == "rect":
        rx, ry = a.get("rx"), a.get("ry")
        rxv = num("rx") if rx is not None else (num("ry") if ry is not None else 0.0)
        ryv = num("ry") if ry is not None else rxv
        return rect_ops(num("x"), num("y"), num("width"), num("height"), rxv, ryv)
    if tag == "circle":
        return ellipse_ops(num("cx"), num("cy"), num("r"), num("r"))
    if tag == "ellipse":
        return ellipse_ops(num("cx"), num("cy"), num("rx"), num("ry"))
    if tag == "line":
        return [f"{_f(num('x1'))} {_f(num('y1'))} m", f"{_f(num('x2'))} {_f(num('y2'))} l"]
    if tag in ("polyline", "polygon"):
        pts = _points(a.get("points", ""), where)
        if not pts:
            return []
        ops = [f"{_f(pts[0][0])} {_f(pts[0][1])} m"]
        ops += [f"{_f(x)} {_f(y)} l" for x, y in pts[1:]]
        return [*ops, "h"] if tag == "polygon" else ops
    return path_ops(a.get("d", ""), where)


class _Writer:
    def __init__(self, icon: str) -> None:
        self.icon = icon
        self.ops: list[str] = []
        self.states: dict[tuple[float, float], str] = {}

    def state(self, fill: float, stroke: float) -> str:
        key = (round(fill, 3), round(stroke, 3))
        if key not in self.states:
            self.states[key] = f"A{len(self.states)}"
        return self.states[key]

    def element(self, el: ET.Element, style: _Style, index: str) -> None:
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else "?"
        where = f"icon '{self.icon}' <{tag}> #{index}"
        if tag not in _GEOMETRY:
            raise IconConversionError(f"{where}: element <{tag}> is not supported")
        unknown = set(el.attrib) - _PRESENTATION - _GEOMETRY[tag]
        if unknown:
            raise IconConversionError(f"{where}: attribute {sorted(unknown)[0]} is not supported")
        style = _styled(style, el, where)
        self.ops.append("q")
        if "transform" in el.attrib:
            self.ops.extend(_transform_ops(el.attrib["transform"], where))
        if tag == "g":
            for i, child in enumerate(el):
                self.element(child, style, f"{index}.{i}")
        else:
            self.paint(_shape_ops(tag, el.attrib, where), style, tag == "line")
        self.ops.append("Q")

    def paint(self, shape: list[str], s: _Style, stroke_only: bool) -> None:
        fill = None if stroke_only else s.fill
        stroke = s.stroke if s.width > 0 else None
        if not shape or (fill is None and stroke is None):
            return
        fa, sa = s.opacity * s.fill_opacity, s.opacity * s.stroke_opacity
        if (fill is not None and fa < 1) or (stroke is not None and sa < 1):
            self.ops.append(f"/{self.state(fa, sa)} gs")
        if fill is not None:
            self.ops.append(" ".join(_f(v) for v in fill) + " rg")
        if stroke is not None:
            self.ops.append(" ".join(_f(v) for v in stroke) + " RG")
            self.ops.append(f"{_f(s.width)} w {s.cap} J {s.join} j {_f(s.miter)} M")
            # always set: a form inherits the dash of the page where it is drawn
            self.ops.append(f"[{' '.join(_f(v) for v in s.dash)}] {_f(s.dash_offset)} d")
        self.ops.extend(shape)
        star = "*" if s.evenodd else ""
        if fill is not None and stroke is not None:
            self.ops.append("B" + star)
        elif fill is not None:
            self.ops.append("f" + star)
        else:
            self.ops.append("S")


@functools.lru_cache(maxsize=256)
def icon_form(name: str) -> IconForm:
    """The icon ``name`` (as :func:`assistant.export.icons.load_icon` reads it) as PDF operators.

    Raises:
        IconConversionError: the icon uses something outside the supported SVG subset.
    """
    return convert_icon(load_icon(name))


def convert_icon(icon: Icon) -> IconForm:
    """A sanitised icon as a Form XObject's content (see :func:`icon_form`).

    Raises:
        IconConversionError: the icon uses something outside the supported SVG subset.
    """
    writer = _Writer(icon.name)
    for i, child in enumerate(icon.children):
        writer.element(child, _Style(), str(i))
    x, y, w, h = icon.view_box
    states = tuple((n, fill, stroke) for (fill, stroke), n in writer.states.items())
    content = ("\n".join(writer.ops) + "\n").encode("ascii")
    return IconForm(icon.name, (x, y, x + w, y + h), content, states)
