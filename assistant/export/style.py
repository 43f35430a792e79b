"""The look shared by every exporter: colours, group styles, fonts and text metrics.

Pure Python (no Qt): the SVG, draw.io and Mermaid writers all read these tables,
so a diagram looks the same in every format.

>>> category_colour("sagemaker-deploy")
'#01A88D'
>>> category_colour("no-such-category")
'#545B64'
>>> group_style("endpoint", 0).stroke
'#01A88D'
>>> text_width("Model", 12) < text_width("Model endpoint", 12)
True
>>> wrap_text("SageMaker real-time endpoint", 12, 110)  # 'SageMaker real-time' is 117 px
['SageMaker', 'real-time endpoint']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EDGE_COLOUR",
    "EDGE_LABEL_SIZE",
    "FONT_FAMILY",
    "GROUP_TITLE_SIZE",
    "HELVETICA_WINANSI",
    "ICON_SIZE",
    "MUTED_TEXT",
    "NODE_LABEL_SIZE",
    "TEXT_COLOUR",
    "TITLE_SIZE",
    "GroupStyle",
    "category_colour",
    "category_tint",
    "ellipsize",
    "group_style",
    "text_width",
    "wrap_text",
]

# A generic sans-serif stack: Helvetica/Arial where they exist; Liberation Sans and
# Nimbus Sans are metric-compatible on Linux, so text_width() below stays accurate.
FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'Nimbus Sans', 'DejaVu Sans', sans-serif"

TEXT_COLOUR = "#232F3E"  # AWS "squid ink"
MUTED_TEXT = "#545B64"
EDGE_COLOUR = "#545B64"
ICON_SIZE = 64.0
NODE_LABEL_SIZE = 12.0
EDGE_LABEL_SIZE = 12.0  # >= 11.5 px when a diagram of TARGET_WIDTH is shown 1,200 px wide
GROUP_TITLE_SIZE = 12.0
TITLE_SIZE = 18.0

# Category -> the AWS architecture-icon palette colour our icons are drawn in.
_CATEGORY_COLOURS = {
    "ingestion": "#8C4FFF",
    "transformation": "#8C4FFF",
    "analytics": "#8C4FFF",
    "ai-language": "#01A88D",
    "ai-vision": "#01A88D",
    "ai-data": "#01A88D",
    "sagemaker-build": "#01A88D",
    "sagemaker-train": "#01A88D",
    "sagemaker-deploy": "#01A88D",
    "compute": "#ED7100",
    "storage": "#7AA116",
    "database": "#C925D1",
    "integration": "#E7157B",
    "security": "#DD344C",
    "client": "#545B64",
    "generic": "#545B64",
}


def category_colour(category: str) -> str:
    """The colour of a service category (grey for unknown categories)."""
    return _CATEGORY_COLOURS.get(category, _CATEGORY_COLOURS["generic"])


def category_tint(category: str, amount: float = 0.88) -> str:
    """A light tint of the category colour, for fills behind text.

    >>> category_tint("storage")
    '#EFF4E3'
    """
    return _mix(category_colour(category), "#FFFFFF", amount)


def _mix(colour: str, other: str, amount: float) -> str:
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(x + (y - x) * amount) for x, y in zip(a, b, strict=True)]
    return "#" + "".join(f"{v:02X}" for v in mixed)


@dataclass(frozen=True, slots=True)
class GroupStyle:
    """How a group box is drawn: AWS-style thin coloured border, light fill, title top-left."""

    stroke: str
    fill: str
    text: str
    dashed: bool = False


# Named styles a knowledge pack may put on a group (FragmentGroup.style). Colours follow the
# AWS architecture group conventions (cloud, region, VPC, subnets, auto scaling, ...).
_NAMED_STYLES = {
    "aws-cloud": GroupStyle("#232F3E", "#FFFFFF", "#232F3E"),
    "cloud": GroupStyle("#232F3E", "#FFFFFF", "#232F3E"),
    "account": GroupStyle("#E7157B", "#FFFFFF", "#B0125E"),
    "region": GroupStyle("#00A4A6", "#FFFFFF", "#007A7C", dashed=True),
    "vpc": GroupStyle("#8C4FFF", "#FFFFFF", "#6B3BC7"),
    "subnet": GroupStyle("#00A4A6", "#E6F6F7", "#007A7C"),
    "private-subnet": GroupStyle("#00A4A6", "#E6F6F7", "#007A7C"),
    "public-subnet": GroupStyle("#7AA116", "#F2F6E8", "#5A7A0E"),
    "endpoint": GroupStyle("#01A88D", "#E6F6F3", "#017A66"),
    "sagemaker": GroupStyle("#01A88D", "#E6F6F3", "#017A66"),
    "variant": GroupStyle("#01A88D", "#FFFFFF", "#017A66", dashed=True),
    "pipeline": GroupStyle("#8C4FFF", "#F4EEFF", "#6B3BC7"),
    "container": GroupStyle("#ED7100", "#FDF1E6", "#A84F00"),
    "autoscaling": GroupStyle("#ED7100", "#FFFFFF", "#A84F00", dashed=True),
    "security": GroupStyle("#DD344C", "#FFFFFF", "#B0283B", dashed=True),
    "external": GroupStyle("#7D8998", "#FFFFFF", "#545B64", dashed=True),
    "generic": GroupStyle("#7D8998", "#F5F6F7", "#545B64", dashed=True),
}

# "default" groups alternate by nesting depth, like mingrammer/diagrams' clusters.
_DEPTH_STYLES = (
    GroupStyle("#147EBA", "#EEF6FC", "#0F5E8C"),
    GroupStyle("#7AA116", "#F3F8EA", "#5A7A0E"),
    GroupStyle("#8C4FFF", "#F5F0FF", "#6B3BC7"),
    GroupStyle("#ED7100", "#FEF5EC", "#A84F00"),
)


def group_style(style: str, depth: int) -> GroupStyle:
    """The look of a group with ``style`` at nesting ``depth`` (0 = outermost)."""
    named = _NAMED_STYLES.get(style.strip().lower().replace("_", "-"))
    if named is not None:
        return named
    return _DEPTH_STYLES[depth % len(_DEPTH_STYLES)]


# Helvetica advance widths (1/1000 em) of WinAnsiEncoding codes 32..255, from Adobe's core-14
# Helvetica.afm (0 for the five unused codes): the PDF writer centres its text with them.
# Text width is estimated from the printable ASCII part, never measured, so exporters stay
# free of Qt and deterministic.
HELVETICA_WINANSI = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
)  # fmt: skip
_WIDTHS = HELVETICA_WINANSI[: 127 - 32]  # printable ASCII 32..126


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width of ``text`` at font ``size`` px in the sans-serif stack.

    Slightly generous (5 %), so backgrounds sized with it never clip the text when
    a wider fallback font is used.
    """
    units = 0
    for ch in text:
        code = ord(ch)
        units += _WIDTHS[code - 32] if 32 <= code <= 126 else 600
    factor = 1.05 * (1.07 if bold else 1.0)
    return units * size / 1000 * factor


def wrap_text(text: str, size: float, max_width: float, *, max_lines: int = 3) -> list[str]:
    """Greedy word wrap to ``max_width``; the last line is shortened with an ellipsis."""
    words: list[str] = []
    for word in text.split():
        # a word wider than a line (a URL, an id) is cut into pieces rather than lost
        while text_width(word, size) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size) > max_width:
                cut -= 1
            words.append(word[:cut])
            word = word[cut:]
        words.append(word)
    if not words:
        return []
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [ellipsize(line, size, max_width) for line in lines]


def ellipsize(text: str, size: float, max_width: float, *, bold: bool = False) -> str:
    """``text`` cut to fit ``max_width``, ending in an ellipsis when cut.

    >>> ellipsize("A very long group title indeed", 12, 80)
    'A very long…'
    """
    if text_width(text, size, bold=bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold=bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
