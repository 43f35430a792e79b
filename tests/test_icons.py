"""Sanity checks for the hand-drawn SVG icon set in resources/icons."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ICON_DIR = ROOT / "resources" / "icons"
APP_ICON = ROOT / "resources" / "app-icon.svg"

SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

EXPECTED = [
    "client",
    "user",
    "s3",
    "lambda",
    "api-gateway",
    "sns",
    "sqs",
    "cloudwatch",
    "dynamodb",
    "rds",
    "redshift",
    "ec2",
    "container",
    "kinesis-data-streams",
    "firehose",
    "kinesis-video-streams",
    "flink",
    "emr",
    "glue",
    "sagemaker",
    "sagemaker-endpoint",
    "sagemaker-model",
    "sagemaker-batch",
    "sagemaker-serverless",
    "sagemaker-async",
    "ground-truth",
    "studio",
    "notebook",
    "autopilot",
    "tuning",
    "neo",
    "a2i",
    "experiments",
    "mlflow",
    "canvas",
    "comprehend",
    "comprehend-medical",
    "lex",
    "polly",
    "textract",
    "translate",
    "transcribe",
    "forecast",
    "fraud-detector",
    "personalize",
    "rekognition",
    "connect",
    "bedrock",
    "generic",
]

ALL_SVGS = [*sorted(ICON_DIR.glob("*.svg")), APP_ICON]


def _ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def test_expected_icons_present():
    missing = [n for n in EXPECTED if not (ICON_DIR / f"{n}.svg").is_file()]
    assert not missing, f"missing icons: {missing}"
    assert (ICON_DIR / "LICENSE.txt").is_file()
    assert APP_ICON.is_file()


@pytest.mark.parametrize("path", ALL_SVGS, ids=_ids(ALL_SVGS))
def test_svg_is_self_contained(path: Path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    viewbox = root.get("viewBox")
    assert viewbox, "missing viewBox"
    assert len(viewbox.replace(",", " ").split()) == 4

    for el in root.iter():
        tag = el.tag.split("}")[-1]
        assert tag not in {"script", "foreignObject", "style"}, f"<{tag}> not allowed"
        for attr in ("href", XLINK_HREF):
            ref = el.get(attr)
            # only same-document fragment references (#id) are allowed
            assert ref is None or ref.startswith("#"), f"external reference {ref!r}"
        for name, value in el.attrib.items():
            assert not name.startswith("on"), f"event handler {name!r}"
            assert "url(" not in value or value.strip().startswith("url(#"), (
                f"external url in {name}"
            )
        assert el.get("class") is None, "CSS classes are not allowed"


@pytest.mark.parametrize("path", ALL_SVGS, ids=_ids(ALL_SVGS))
def test_svg_renders_with_qt(path: Path):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    pytest.importorskip("PySide6")
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), f"QSvgRenderer rejected {path.name}"
    assert not renderer.viewBoxF().isEmpty()


def test_every_sagemaker_service_has_its_own_icon(shipped_pack):  # type: ignore[no-untyped-def]
    """SageMaker features no longer share one icon; a service without a drawing of its own
    falls back to the generic icon in its category's colour, so the fallback still tells
    categories apart."""
    from assistant.core.diagram.scene import Node
    from assistant.export.icons import icon_for

    drawn: dict[str, list[str]] = {}
    for s in shipped_pack.services.values():
        node = Node(s.id, s.name, service=s.id, icon=s.icon, category=s.category)
        icon = icon_for(node)
        assert (ICON_DIR / f"{icon}.svg").is_file(), (s.id, icon)
        if s.category.startswith("sagemaker-") and s.id != "emr-notebooks":
            drawn.setdefault(icon, []).append(s.id)
    shared = {icon: ids for icon, ids in drawn.items() if len(ids) > 1}
    assert not shared, shared
    fills = set()
    for path in ICON_DIR.glob("generic-*.svg"):
        fills.add(ET.parse(path).getroot().find(f"{SVG_NS}rect").get("fill"))  # type: ignore[union-attr]
    assert len(fills) >= 6  # one colour per category family


# --- every service drawn, and every icon within what every renderer converts ---------------

# The elements and attributes an icon may use: exactly what the pure-Python PDF writer
# converts (besides svg.py, QtSvg and draw.io, which read more). No text, gradients, masks,
# clip paths, filters, transforms, images, styles, dash arrays.
_PAINT = {
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "fill-opacity",
    "stroke-opacity",
}
_SUBSET: dict[str, set[str]] = {
    "svg": {"viewBox", "width", "height", "version"},
    "title": set(),
    "g": _PAINT,
    "rect": {"x", "y", "width", "height", "rx", "ry", *_PAINT},
    "circle": {"cx", "cy", "r", *_PAINT},
    "ellipse": {"cx", "cy", "rx", "ry", *_PAINT},
    "line": {"x1", "y1", "x2", "y2", *_PAINT},
    "polyline": {"points", *_PAINT},
    "polygon": {"points", *_PAINT},
    "path": {"d", *_PAINT},
}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATH_DATA = re.compile(rf"^(?:[MLHVCSQTAZmlhvcsqtaz]|{_NUMBER}|[\s,])*$")

# Services drawn with a category's generic icon on purpose, each with the reason. Empty: every
# service of the shipped pack has a drawing (its own file, or the icon its pack entry names).
UNDRAWN: dict[str, str] = {}

# Services drawn with another file's icon, the one their pack entry names, and why: that icon is
# the service's own drawing, under the name of the thing it is. Any other service has
# resources/icons/<service id>.svg.
SHARED = {
    "client-app": "client",
    "end-user": "user",
    "managed-flink": "flink",
    "sagemaker-canvas": "canvas",
    "notebooks": "notebook",
    "amt": "tuning",
    "batch-transform": "sagemaker-batch",
}

# Services whose own icon keeps a colour other than their pack category's, and why.
OTHER_COLOUR = {
    "dynamodb": "a database: drawn in AWS's database colour, filed under storage in the pack",
    "rds": "a database: drawn in AWS's database colour, filed under storage in the pack",
    "documentdb": "a database: drawn in AWS's database colour, filed under storage in the pack",
    "elasticache": "a database: drawn in AWS's database colour, filed under storage in the pack",
    "neptune": "a database: drawn in AWS's database colour, filed under storage in the pack",
    "connect": "drawn in AWS's customer-engagement red, filed under integration in the pack",
}

ICONS = sorted(ICON_DIR.glob("*.svg"))


def _background(root: ET.Element) -> ET.Element:
    """The first shape after the title: the icon's background square."""
    return next(c for c in root if c.tag != f"{SVG_NS}title")


def _glyph(path: Path) -> str:
    """The icon's drawing without its title and background square, the background colour
    written as BG: two icons with the same glyph differ only in colour."""
    root = ET.parse(path).getroot()
    kids = [c for c in root if c.tag != f"{SVG_NS}title"]
    bg = kids[0].get("fill") or ""
    return "".join(ET.tostring(c, encoding="unicode") for c in kids[1:]).replace(bg, "BG")


@pytest.mark.parametrize("path", ICONS, ids=_ids(ICONS))
def test_icon_is_64_square_with_a_title_in_the_converted_subset(path: Path):
    root = ET.parse(path).getroot()
    assert root.get("viewBox") == "0 0 64 64"
    assert root.get("width", "64") == "64" and root.get("height", "64") == "64"
    title = root.find(f"{SVG_NS}title")
    assert title is not None and (title.text or "").strip(), "no <title>"
    bg = _background(root)
    assert bg.tag == f"{SVG_NS}rect", "the first shape is the background square"
    assert (bg.get("width"), bg.get("height"), bg.get("rx")) == ("64", "64", "8")
    for el in root.iter():
        assert el.tag.startswith(SVG_NS), el.tag
        tag = el.tag.removeprefix(SVG_NS)
        assert tag in _SUBSET, f"<{tag}> is outside the subset"
        extra = set(el.attrib) - _SUBSET[tag]
        assert not extra, f"<{tag}> uses {sorted(extra)}"
        if tag == "path":
            assert _PATH_DATA.match(el.get("d", "")), f"path data {el.get('d')!r}"


def test_the_subset_check_can_fail(tmp_path: Path):
    """The checks above reject a transform, a dash array, text and an unknown path command."""
    bad = {
        "transform": '<g transform="rotate(45)"><rect x="1" y="1" width="2" height="2"/></g>',
        "dash": '<path d="M1 1 L9 9" stroke-dasharray="2 2"/>',
        "text": "<text>KMS</text>",
        "command": '<path d="M1 1 R9 9"/>',
    }
    for name, body in bad.items():
        path = tmp_path / f"{name}.svg"
        path.write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
            '<title>x</title><rect x="0" y="0" width="64" height="64" rx="8" fill="#000"/>'
            f"{body}</svg>"
        )
        with pytest.raises(AssertionError):
            test_icon_is_64_square_with_a_title_in_the_converted_subset(path)


def test_no_two_icons_share_a_glyph():
    """Each icon is a drawing of its own; only the generic fallbacks share one glyph, in their
    category's colours, so that a service without a drawing still shows its category."""
    by_glyph: dict[str, list[str]] = {}
    for path in ICONS:
        by_glyph.setdefault(_glyph(path), []).append(path.stem)
    shared = [names for names in by_glyph.values() if len(names) > 1]
    assert all(n == "generic" or n.startswith("generic-") for names in shared for n in names), (
        shared
    )


def test_every_service_resolves_to_a_drawing_not_a_category_fallback(shipped_pack):  # type: ignore[no-untyped-def]
    from assistant.core.diagram.scene import Node
    from assistant.export.icons import icon_for

    fallback = {}
    for s in shipped_pack.services.values():
        icon = icon_for(Node(s.id, s.name, service=s.id, icon=s.icon, category=s.category))
        if icon == "generic" or icon.startswith("generic-"):
            fallback[s.id] = icon
    assert sorted(fallback) == sorted(UNDRAWN)


def test_every_service_has_a_file_of_its_own_or_a_reason(shipped_pack):  # type: ignore[no-untyped-def]
    from assistant.core.diagram.scene import Node
    from assistant.export.icons import icon_for

    drawn = {
        s.id: icon_for(Node(s.id, s.name, service=s.id, icon=s.icon, category=s.category))
        for s in shipped_pack.services.values()
    }
    assert {sid: icon for sid, icon in drawn.items() if icon != sid} == SHARED
    assert len(set(drawn.values())) == len(drawn), "two services drawn with one icon"


def test_a_service_icon_has_its_category_colour_and_name(shipped_pack):  # type: ignore[no-untyped-def]
    from assistant.export.style import category_colour

    wrong = {}
    for s in shipped_pack.services.values():
        path = ICON_DIR / f"{s.id}.svg"
        if not path.is_file() or s.id in OTHER_COLOUR:
            continue
        root = ET.parse(path).getroot()
        fill = _background(root).get("fill", "")
        if fill.upper() != category_colour(s.category).upper():
            wrong[s.id] = (fill, s.category)
    assert wrong == {}
    assert all((ICON_DIR / f"{sid}.svg").is_file() for sid in OTHER_COLOUR)
