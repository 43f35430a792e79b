"""Sizes of the drawn parts: node boxes (icon + wrapped label), group titles, text.

The layout and every renderer read these, so a label wraps the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.diagram.scene import Group, Rect

__all__ = [
    "DIRECTIONS",
    "GROUP_PADDING",
    "ICON_SIZE",
    "ICON_TOP",
    "LABEL_PADDING",
    "MARGIN",
    "NODE_HEIGHT",
    "NODE_LABEL_GAP",
    "NODE_LABEL_INSET",
    "NODE_WIDTH",
    "PAGES",
    "SIDE_LABEL_GAP",
    "SIDE_LABEL_WIDTH",
    "TITLE_GAP",
    "TITLE_INSET_X",
    "TITLE_INSET_Y",
    "LayoutError",
    "Measure",
    "estimate_text_size",
    "icon_rect",
    "node_label_lines",
    "node_size",
    "side_node_size",
    "title_rect",
    "wrap_label",
]

DIRECTIONS = ("auto", "lr", "tb")
"""How a diagram may be laid out: ``auto`` wraps a long left-to-right flow into rows, ``lr``
keeps one row, ``tb`` runs top down (labels beside the icons)."""
PAGES = ("fit", "a4", "letter", "a3", "legal")
"""PDF pages: ``fit`` (the page is the diagram's size) or a paper size."""

Measure = Callable[[str], tuple[float, float]]
"""Returns the (width, height) in px of a single line of text."""

NODE_WIDTH = 120.0
"""Minimum width of a node box; a node whose label needs more is widened."""
NODE_HEIGHT = 96.0
"""Minimum height of a node box: the icon with up to two label lines below it."""
ICON_SIZE = 48.0
"""Side of the square icon, centred horizontally at the top of the node box."""
ICON_TOP = 8.0
"""Distance from the top of the node box to the top of the icon."""
NODE_LABEL_GAP = 4.0
"""Distance from the bottom of the icon to the first label line."""
NODE_LABEL_INSET = 4.0
"""Horizontal room kept between a node's label text and the sides of its box."""
GROUP_PADDING = 16.0
"""Distance from a group's left, right and bottom border to its members."""
TITLE_INSET_X = 10.0
"""Distance from a group's left border to its title text."""
TITLE_INSET_Y = 6.0
"""Distance from a group's top border to its title text."""
TITLE_GAP = 10.0
"""Distance from the bottom of a group's title text to its members."""
LABEL_PADDING = 2.0
"""Room around an edge label's text inside its ``label_rect``."""
MARGIN = 24.0
"""Empty border around the drawing."""
SIDE_LABEL_GAP = 8.0
"""Distance from the icon to a label drawn on its right (top-down layouts)."""
SIDE_LABEL_WIDTH = 150.0
"""Width a label on the right of its icon wraps at."""


class LayoutError(ValueError):
    """The diagram cannot be laid out: unknown ids, duplicate ids, a cycle of groups."""


def estimate_text_size(text: str) -> tuple[float, float]:
    """A deterministic stand-in for font metrics: 7 px per character, 14 px high.

    >>> estimate_text_size("HTTPS")
    (35.0, 14.0)
    >>> estimate_text_size("")
    (0.0, 14.0)
    """
    return (7.0 * len(text), 14.0)


def wrap_label(
    text: str, max_width: float, measure: Measure = estimate_text_size
) -> tuple[str, ...]:
    """Split a label into at most two lines, breaking between words.

    The text stays on one line when it fits ``max_width`` (or is a single word); otherwise it
    is split where the wider of the two lines is narrowest, which may still exceed
    ``max_width`` (the node then grows). Explicit newlines are kept as given.

    >>> wrap_label("Amazon S3", 112)
    ('Amazon S3',)
    >>> wrap_label("SageMaker real-time endpoint", 112)
    ('SageMaker', 'real-time endpoint')
    """
    if "\n" in text:
        return tuple(text.split("\n"))
    words = text.split()
    if len(words) < 2 or measure(text)[0] <= max_width:
        return (text,)
    best: tuple[float, int] | None = None
    for i in range(1, len(words)):
        widest = max(measure(" ".join(words[:i]))[0], measure(" ".join(words[i:]))[0])
        if best is None or widest < best[0]:
            best = (widest, i)
    assert best is not None
    return (" ".join(words[: best[1]]), " ".join(words[best[1] :]))


def node_label_lines(label: str, measure: Measure = estimate_text_size) -> tuple[str, ...]:
    """The lines a node's label is drawn in, below its icon.

    >>> node_label_lines("Kinesis Data Firehose delivery stream")
    ('Kinesis Data Firehose', 'delivery stream')
    """
    return wrap_label(label, NODE_WIDTH - 2 * NODE_LABEL_INSET, measure)


def node_size(label: str, measure: Measure = estimate_text_size) -> tuple[float, float]:
    """The (width, height) of a node box: an icon with the wrapped label below it.

    >>> node_size("Amazon S3")
    (120.0, 96.0)
    >>> node_size("AmazonSageMakerModelRegistry")
    (204.0, 96.0)
    """
    lines = node_label_lines(label, measure)
    sizes = [measure(line) for line in lines]
    text_w = max(w for w, _ in sizes)
    text_h = sum(h for _, h in sizes)
    width = max(NODE_WIDTH, text_w + 2 * NODE_LABEL_INSET)
    height = max(NODE_HEIGHT, ICON_TOP + ICON_SIZE + NODE_LABEL_GAP + text_h + 6)
    return (width, height)


def side_node_size(label: str, measure: Measure = estimate_text_size) -> tuple[float, float]:
    """The (width, height) of a node box with the label to the right of the icon (top-down
    layouts).

    >>> side_node_size("Amazon S3")
    (123.0, 64.0)
    """
    lines = wrap_label(label, SIDE_LABEL_WIDTH, measure)
    sizes = [measure(line) for line in lines]
    text_w = max(w for w, _ in sizes)
    text_h = sum(h for _, h in sizes)
    return (ICON_SIZE + SIDE_LABEL_GAP + text_w + NODE_LABEL_INSET, max(ICON_SIZE + 16, text_h + 8))


def icon_rect(node_box: Rect, label_side: str = "below") -> Rect:
    """Where the icon goes in a laid-out node box: centred at its top, or at its left middle
    when the label is to the right. Edges end on its sides.

    >>> icon_rect(Rect(0, 0, 120, 96))
    Rect(x=36.0, y=8.0, w=48.0, h=48.0)
    >>> icon_rect(Rect(0.0, 0, 123, 64), "right")
    Rect(x=0.0, y=8.0, w=48.0, h=48.0)
    """
    if label_side == "right":
        return Rect(node_box.x, node_box.y + (node_box.h - ICON_SIZE) / 2, ICON_SIZE, ICON_SIZE)
    return Rect(
        node_box.x + (node_box.w - ICON_SIZE) / 2, node_box.y + ICON_TOP, ICON_SIZE, ICON_SIZE
    )


def title_rect(group: Group, measure: Measure = estimate_text_size) -> Rect:
    """Where a laid-out group's title text goes: the top-left corner inside its box.

    >>> title_rect(Group("vpc", "VPC", rect=Rect(0, 0, 200, 100)))
    Rect(x=10.0, y=6.0, w=21.0, h=14.0)
    """
    if group.rect is None:
        raise LayoutError(f"group {group.id!r} has not been laid out")
    w, h = measure(group.label)
    return Rect(group.rect.x + TITLE_INSET_X, group.rect.y + TITLE_INSET_Y, w, h)
