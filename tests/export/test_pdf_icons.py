"""The icons as PDF Form XObjects: every shipped icon converts, and anything outside the
supported SVG subset is refused by name (the PDF writer then falls back to Qt)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from assistant.core.io.paths import resource_path
from assistant.export.icons import Icon, load_icon
from assistant.export.pdf_icons import IconConversionError, convert_icon, icon_form
from assistant.export.pdf_paths import path_ops

ICONS = sorted(p.stem for p in resource_path("icons").glob("*.svg"))


def _icon(body: str, view_box: str = "0 0 64 64") -> Icon:
    root = ET.fromstring(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}">{body}</svg>'
    )
    return Icon("test", tuple(float(v) for v in view_box.split()), tuple(root))  # type: ignore[arg-type]


def _ops(body: str) -> list[str]:
    return convert_icon(_icon(body)).content.decode("ascii").splitlines()


@pytest.mark.parametrize("name", ICONS)
def test_every_shipped_icon_converts(name: str) -> None:
    icon = load_icon(name)
    assert icon.name == name, "the icon did not parse (load_icon fell back to generic)"
    form = convert_icon(icon)  # raises on any element, attribute or command outside the subset
    x0, y0, x1, y1 = form.bbox
    assert x1 > x0 and y1 > y0
    painted = [op for op in form.content.decode("ascii").split() if op in ("f", "f*", "S", "B")]
    assert painted, "nothing drawn"


def test_the_shipped_icons_are_many() -> None:
    # guards the parametrised test above from passing on an empty folder
    assert len(ICONS) >= 90 and "generic" in ICONS


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<text>x</text>", "element <text>"),
        ('<use href="#a"/>', "element <use>"),
        ('<rect width="4" height="4" style="fill:red"/>', "attribute style"),
        ('<rect width="4" height="4" fill="url(#g)"/>', "colour"),
        ('<rect width="4" height="4" fill="red"/>', "colour 'red'"),
        ('<path d="M0 0 B 1 1"/>', "path command 'B'"),
        ('<path d="0 0 L 1 1"/>', "has no command"),
        ('<path d="M0 0 L 1"/>', "lacks numbers"),
        ('<g transform="perspective(3)"><rect width="1" height="1"/></g>', "perspective"),
        ('<rect width="x" height="4"/>', "not a number"),
        ('<line x2="4" stroke-linecap="sharp" stroke="#000"/>', "'sharp'"),
        ('<polygon points="1 2 3"/>', "odd count"),
    ],
)
def test_outside_the_subset_is_refused_by_name(body: str, message: str) -> None:
    with pytest.raises(IconConversionError, match=re.escape(message)):
        convert_icon(_icon(body))


def test_styles_are_inherited_and_painted() -> None:
    ops = _ops(
        '<g fill="none" stroke="#FFFFFF" stroke-width="2" stroke-linecap="round"'
        ' stroke-linejoin="bevel" stroke-dasharray="4 3">'
        '<rect x="1" y="2" width="10" height="8"/>'
        '<circle cx="5" cy="5" r="2" fill="#0F0" stroke="none"/></g>'
        '<line x1="0" y1="0" x2="9" y2="9" stroke="#000" fill="#F00" stroke-dasharray="3"/>'
    )
    text = "\n".join(ops)
    # the rect: inherited white stroke, width 2, round cap, bevel join, the dash; not filled
    assert "1 1 1 RG\n2 w 1 J 2 j 4 M\n[4 3] 0 d\n1 2 10 8 re\nS" in text
    # the circle: its own fill, no stroke
    assert "0 1 0 rg\n7 5 m" in text and text.count("\nf\n") == 1
    # a line is never filled, and an odd dash list is repeated (SVG)
    assert "[3 3] 0 d\n0 0 m\n9 9 l\nS" in text


def test_opacity_becomes_graphics_states() -> None:
    form = convert_icon(
        _icon('<g opacity="0.5"><rect width="4" height="4" fill="#000" fill-opacity="0.5"/></g>')
    )
    assert form.states == (("A0", 0.25, 0.5),)
    assert b"/A0 gs" in form.content


def test_transforms_are_concatenated_in_order() -> None:
    ops = _ops(
        '<g transform="translate(10 20) rotate(90) scale(2)"><rect width="1" height="1"/></g>'
    )
    cms = [op for op in ops if op.endswith(" cm")]
    assert cms == ["1 0 0 1 10 20 cm", "0 1 -1 0 0 0 cm", "2 0 0 2 0 0 cm"]


def test_rounded_rect_takes_rx_for_ry() -> None:
    ops = _ops('<rect x="0" y="0" width="20" height="10" rx="4"/>')
    assert ops[2] == "4 0 m" and "20 6 l" in ops  # corner radius 4 on both axes


def _ends(ops: list[str]) -> list[tuple[float, float]]:
    return [tuple(float(v) for v in op.split()[-3:-1]) for op in ops if op[-1] in "mlc"]  # type: ignore[misc]


def test_path_commands_relative_and_reflected() -> None:
    ops = path_ops("m10 10 20 0 v5 h-5 c0 5 5 5 5 0 s5 -5 5 0 q2 2 4 0 t4 0 z M0 0 H3 V4")
    assert _ends(ops) == [
        (10, 10),
        (30, 10),  # implicit lineto after a moveto
        (30, 15),
        (25, 15),
        (30, 15),
        (35, 15),
        (39, 15),
        (43, 15),
        (0, 0),
        (3, 0),
        (3, 4),
    ]
    # s reflects the previous second control point (30, 20) about (30, 15) -> (30, 10)
    s_curve = ops[5].split()
    assert (float(s_curve[0]), float(s_curve[1])) == (30, 10)
    # t reflects the quadratic control (37, 17) about (39, 15) -> (41, 13): its first cubic
    # control point is 2/3 of the way there from (39, 15)
    t_curve = ops[7].split()
    assert (float(t_curve[0]), float(t_curve[1])) == pytest.approx((40.333, 13.667), abs=1e-3)
    assert ops[8] == "h"


@pytest.mark.parametrize(
    ("d", "end"),
    [
        ("M0 10 A10 10 0 0 1 20 10", (20, 10)),  # upper half circle, clockwise on screen
        ("M0 10 a10 10 0 1 0 20 0", (20, 10)),
        ("M0 10 a10 10 0 0020 0", (20, 10)),  # flags written without separators
        ("M0 0 A5 5 0 0 1 100 0", (100, 0)),  # radii too small: scaled up (SVG F.6.6)
    ],
)
def test_arcs_become_beziers_on_the_circle(d: str, end: tuple[float, float]) -> None:
    ops = path_ops(d)
    curves = [op for op in ops if op.endswith(" c")]
    assert curves and _ends(ops)[-1] == pytest.approx(end)
    x0, y0 = _ends(ops)[0]
    radius = math.dist((x0, y0), end) / 2
    centre = ((x0 + end[0]) / 2, (y0 + end[1]) / 2)
    for px, py in _ends(ops)[1:]:
        assert math.dist((px, py), centre) == pytest.approx(radius, abs=0.01)


def test_arc_sweep_picks_the_side() -> None:
    # from (0,10) to (20,10) around (10,10): sweep 1 passes above (y < 10), sweep 0 below
    above = path_ops("M0 10 A10 10 0 0 1 20 10")
    below = path_ops("M0 10 A10 10 0 0 0 20 10")
    assert min(float(v) for v in above[1].split()[1:6:2]) < 10
    assert max(float(v) for v in below[1].split()[1:6:2]) > 10


def test_icon_form_is_cached_and_falls_back_to_generic() -> None:
    assert icon_form("s3") is icon_form("s3")
    assert icon_form("no-such-icon").content == icon_form("generic").content
