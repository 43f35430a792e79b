"""SVG path data and basic shapes as PDF path operators, for :mod:`assistant.export.pdf_icons`
and :mod:`assistant.export.pdf`.

Every path command is read (``M m L l H h V v C c S s Q q T t A a Z z``): quadratic curves
become the equal cubics and elliptical arcs cubic Beziers of at most 90 degrees each.
Anything else raises :class:`IconConversionError`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

__all__ = ["IconConversionError", "ellipse_ops", "path_ops", "pdf_number", "rect_ops"]

KAPPA = 0.5522847498  # control-point distance of a quarter circle drawn with one cubic


class IconConversionError(ValueError):
    """An icon uses an SVG element, attribute, value or path command outside the subset."""


def pdf_number(value: float, places: int = 3) -> str:
    """A number for a content stream: at most ``places`` decimals, no trailing zeros.

    >>> pdf_number(1.5), pdf_number(2.0), pdf_number(-0.0001), pdf_number(1 / 3)
    ('1.5', '2', '0', '0.333')
    """
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "", "-") else text


_f = pdf_number


# --- paths -----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s*,?\s*(?:([A-Za-z])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def _skip(d: str, pos: int) -> int:
    while pos < len(d) and d[pos] in " \t\r\n,":
        pos += 1
    return pos


def _arguments(d: str, pos: int, command: str, where: str) -> tuple[list[float], int]:
    """The numbers of one ``command`` from ``pos`` on, and the position after them."""
    args: list[float] = []
    for i in range(_ARGS[command.upper()]):
        pos = _skip(d, pos)
        if command.upper() == "A" and i in (3, 4) and pos < len(d) and d[pos] in "01":
            args.append(float(d[pos]))  # a flag: one digit, maybe without a separator
            pos += 1
            continue
        m = _TOKEN.match(d, pos)
        if m is None or m.group(2) is None:
            raise IconConversionError(f"{where}: path command '{command}' lacks numbers")
        args.append(float(m.group(2)))
        pos = m.end()
    return args, pos


def _path_tokens(d: str, where: str) -> Iterator[tuple[str, list[float]]]:
    """(command, arguments) pairs; repeated argument groups come as repeated commands
    (a moveto's extra pairs as linetos), arc flags read as single digits."""
    pos, command = _skip(d, 0), ""
    while pos < len(d):
        if d[pos].isalpha():
            command = d[pos]
            pos += 1
            if command.upper() not in _ARGS:
                raise IconConversionError(f"{where}: path command '{command}' is not supported")
        elif not command or command.upper() == "Z":
            raise IconConversionError(f"{where}: path data '{d[pos : pos + 12]}' has no command")
        if command.upper() == "Z":
            yield command, []
        else:
            args, pos = _arguments(d, pos, command, where)
            yield command, args
            command = {"M": "L", "m": "l"}.get(command, command)
        pos = _skip(d, pos)


def _arc(
    start: tuple[float, float], args: list[float]
) -> list[tuple[float, float, float, float, float, float]]:
    """An SVG elliptical arc (endpoint form) as cubic Beziers (SVG 1.1 appendix F.6)."""
    (x1, y1), (rx, ry, phi_deg, large, sweep, x2, y2) = start, args
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0 or (x1, y1) == (x2, y2):
        return [] if (x1, y1) == (x2, y2) else [(x1, y1, x2, y2, x2, y2)]
    phi = math.radians(phi_deg % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    xp, yp = cos * dx + sin * dy, -sin * dx + cos * dy
    lam = (xp / rx) ** 2 + (yp / ry) ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp
    den = rx * rx * yp * yp + ry * ry * xp * xp
    coef = math.sqrt(max(num, 0.0) / den) if den else 0.0
    if large == sweep:
        coef = -coef
    cxp, cyp = coef * rx * yp / ry, -coef * ry * xp / rx
    cx = cos * cxp - sin * cyp + (x1 + x2) / 2
    cy = sin * cxp + cos * cyp + (y1 + y2) / 2
    theta1 = math.atan2((yp - cyp) / ry, (xp - cxp) / rx)
    theta2 = math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx)
    delta = theta2 - theta1
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    count = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / count
    alpha = 4 / 3 * math.tan(step / 4)
    out = []

    def point(t: float) -> tuple[float, float, float, float]:
        ct, st = math.cos(t), math.sin(t)
        px = cx + rx * ct * cos - ry * st * sin
        py = cy + rx * ct * sin + ry * st * cos
        tx = -rx * st * cos - ry * ct * sin  # derivative
        ty = -rx * st * sin + ry * ct * cos
        return px, py, tx, ty

    t = theta1
    for i in range(count):
        p0x, p0y, d0x, d0y = point(t)
        p1x, p1y, d1x, d1y = point(t + step)
        if i == count - 1:
            p1x, p1y = x2, y2
        out.append(
            (
                p0x + alpha * d0x,
                p0y + alpha * d0y,
                p1x - alpha * d1x,
                p1y - alpha * d1y,
                p1x,
                p1y,
            )
        )
        t += step
    return out


def path_ops(d: str, where: str = "path") -> list[str]:
    """PDF path construction operators (``m l c h``) for SVG path data ``d``.

    >>> path_ops("M1 2 h3 v4 Q 5 5 6 6 z")
    ['1 2 m', '4 2 l', '4 6 l', '4.667 5.333 5.333 5.333 6 6 c', 'h']
    """
    ops: list[str] = []
    cur = start = (0.0, 0.0)
    last_cubic: tuple[float, float] | None = None  # second control point of the last C/S
    last_quad: tuple[float, float] | None = None  # control point of the last Q/T

    def cubic(c1: tuple[float, float], c2: tuple[float, float], end: tuple[float, float]) -> None:
        ops.append(" ".join(_f(v) for v in (*c1, *c2, *end)) + " c")

    for command, args in _path_tokens(d, where):
        kind, rel = command.upper(), command.islower()
        ox, oy = cur if rel else (0.0, 0.0)
        cubic_ctrl: tuple[float, float] | None = None
        quad_ctrl: tuple[float, float] | None = None
        if kind == "Z":
            ops.append("h")
            cur = start
        elif kind == "M":
            cur = start = (ox + args[0], oy + args[1])
            ops.append(f"{_f(cur[0])} {_f(cur[1])} m")
        elif kind in "LHV":
            if kind == "L":
                cur = (ox + args[0], oy + args[1])
            elif kind == "H":
                cur = ((cur[0] if rel else 0.0) + args[0], cur[1])
            else:
                cur = (cur[0], (cur[1] if rel else 0.0) + args[0])
            ops.append(f"{_f(cur[0])} {_f(cur[1])} l")
        elif kind in "CS":
            if kind == "C":
                c1 = (ox + args[0], oy + args[1])
                rest = args[2:]
            else:
                c1 = (2 * cur[0] - last_cubic[0], 2 * cur[1] - last_cubic[1]) if last_cubic else cur
                rest = args
            c2, end = (ox + rest[0], oy + rest[1]), (ox + rest[2], oy + rest[3])
            cubic(c1, c2, end)
            cur, cubic_ctrl = end, c2
        elif kind in "QT":
            if kind == "Q":
                q = (ox + args[0], oy + args[1])
                end = (ox + args[2], oy + args[3])
            else:
                q = (2 * cur[0] - last_quad[0], 2 * cur[1] - last_quad[1]) if last_quad else cur
                end = (ox + args[0], oy + args[1])
            c1 = (cur[0] + 2 / 3 * (q[0] - cur[0]), cur[1] + 2 / 3 * (q[1] - cur[1]))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            cubic(c1, c2, end)
            cur, quad_ctrl = end, q
        else:  # A
            end = (ox + args[5], oy + args[6])
            for seg in _arc(cur, [*args[:5], *end]):
                cubic(seg[0:2], seg[2:4], seg[4:6])
            cur = end
        last_cubic, last_quad = cubic_ctrl, quad_ctrl
    return ops


# --- shapes ----------------------------------------------------------------------------------


def ellipse_ops(cx: float, cy: float, rx: float, ry: float) -> list[str]:
    """A closed ellipse as four cubic Beziers."""
    kx, ky = rx * KAPPA, ry * KAPPA
    pts = [
        (cx + rx, cy),
        (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
    ]
    ops = [f"{_f(pts[0][0])} {_f(pts[0][1])} m"]
    ops += [" ".join(_f(v) for v in seg) + " c" for seg in pts[1:]]
    return [*ops, "h"]


def rect_ops(x: float, y: float, w: float, h: float, rx: float = 0.0, ry: float = 0.0) -> list[str]:
    """A rectangle, its corners rounded by an ``rx`` x ``ry`` quarter ellipse when given."""
    rx, ry = min(max(rx, 0.0), w / 2), min(max(ry, 0.0), h / 2)
    if rx == 0 or ry == 0:
        return [f"{_f(x)} {_f(y)} {_f(w)} {_f(h)} re"]
    kx, ky = rx * (1 - KAPPA), ry * (1 - KAPPA)
    r, b = x + w, y + h
    segs = [
        ("l", (r - rx, y)),
        ("c", (r - kx, y, r, y + ky, r, y + ry)),
        ("l", (r, b - ry)),
        ("c", (r, b - ky, r - kx, b, r - rx, b)),
        ("l", (x + rx, b)),
        ("c", (x + kx, b, x, b - ky, x, b - ry)),
        ("l", (x, y + ry)),
        ("c", (x, y + ky, x + kx, y, x + rx, y)),
    ]
    ops = [f"{_f(x + rx)} {_f(y)} m"]
    ops += [" ".join(_f(v) for v in pts) + f" {op}" for op, pts in segs]
    return [*ops, "h"]
