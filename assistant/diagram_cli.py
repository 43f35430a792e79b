"""The diagram options of ``archassist export``: direction, PDF page and PNG width.

``cli.py`` registers them in one line; nothing heavy is imported until an export runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import replace
from typing import TypeVar

from .cli_args import MAX_SIDE_PX, MIN_SIDE_PX, bounded_int
from .core.diagram.scene import Diagram
from .core.diagram.sizes import DIRECTIONS, PAGES

__all__ = ["add_diagram_options", "with_direction"]

_T = TypeVar("_T")


def add_diagram_options(parser: argparse.ArgumentParser) -> None:
    """``--direction``, ``--page`` and ``--width`` on an export command."""
    parser.add_argument(
        "--direction",
        choices=DIRECTIONS,
        default="auto",
        help="diagram layout: auto (default: left to right, in rows that fit a page), lr (one row)"
        " or tb (top down)",
    )
    parser.add_argument(
        "--page",
        choices=PAGES,
        default="fit",
        type=str.lower,
        help="PDF page: fit (default: the page fits the diagram) or a paper size",
    )
    parser.add_argument(
        "--width",
        type=bounded_int(MIN_SIDE_PX, MAX_SIDE_PX),
        metavar="PX",
        help=f"PNG width in pixels ({MIN_SIDE_PX} to {MAX_SIDE_PX})",
    )


def with_direction(
    rec: _T, direction: str, pins: Mapping[str, tuple[float, float]] | None = None
) -> _T:
    """``rec`` (anything with a laid-out ``diagram``) laid out again in ``direction``; the
    recommendation engine lays out in ``auto``, so that one is returned as it is."""
    diagram: Diagram = getattr(rec, "diagram")  # noqa: B009 - any frozen dataclass with one
    if direction == "auto":
        return rec
    from .core.diagram.layout import layout

    return replace(rec, diagram=layout(diagram, pins, direction=direction))  # type: ignore[type-var]
