"""Sanity checks for the hand-drawn SVG icon set in resources/icons."""

from __future__ import annotations

import os
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
