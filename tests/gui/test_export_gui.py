"""File > Export: the file dialog and the PNG options are monkeypatched; the exporters are
assistant.export's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from assistant.gui.png_options import PngOptionsDialog, png_pixel_size


@pytest.mark.parametrize(
    ("fmt", "head"),
    [("svg", b"<"), ("png", b"\x89PNG"), ("pdf", b"%PDF"), ("drawio", b"<"), ("mermaid", b"")],
)
def test_export_from_menu(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str, head: bytes
) -> None:
    window.document.set_answer("traffic", "spiky")
    out = tmp_path / "sub" / f"diagram.{fmt}"
    out.parent.mkdir()
    seen: list[str] = []

    def ask(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        seen.append(start)
        return (str(out), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    monkeypatch.setattr(PngOptionsDialog, "ask", staticmethod(lambda _p, _d, s, t: (s, t)))
    window.export_actions[fmt].trigger()
    assert out.is_file() and out.stat().st_size > 0
    assert out.read_bytes().startswith(head)
    assert QSettings().value("lastExportDir") == str(out.parent)
    window.export_actions[fmt].trigger()
    assert seen[1].startswith(str(out.parent))  # remembers the last folder


def test_cancelled_export_writes_nothing(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert window.export_dialog("svg") is False
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("scale", "transparent"), [(1.0, False), (3.0, True), (4.0, False)])
def test_png_options(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, scale: float, transparent: bool
) -> None:
    window.document.set_answer("traffic", "spiky")
    out = tmp_path / "diagram.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    offered: list[tuple[float, bool]] = []

    def choose(_parent: object, _diagram: object, s: float, t: bool) -> tuple[float, bool]:
        offered.append((s, t))
        return scale, transparent

    monkeypatch.setattr(PngOptionsDialog, "ask", staticmethod(choose))
    assert window.export_dialog("png")
    image = QImage(str(out))
    w, h = png_pixel_size(window.document.rec.diagram, scale)
    assert (image.width(), image.height()) == (w, h)
    corner = image.pixelColor(0, 0)
    if transparent:
        assert image.hasAlphaChannel() and corner.alpha() == 0
    else:
        assert corner.alpha() == 255 and corner.lightness() == 255
    assert window.export_dialog("png")
    assert offered == [(2.0, False), (scale, transparent)]  # 2x on white, then as last time
    assert window.export_dialog("svg")  # other formats leave the PNG options alone
    assert window.export_dialog("png")
    assert offered[-1] == (scale, transparent)


def test_cancelled_png_options_write_nothing(
    window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "diagram.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    monkeypatch.setattr(PngOptionsDialog, "ask", staticmethod(lambda *a: None))
    assert window.export_dialog("png") is False
    assert not out.exists()
    assert QSettings().value("export/pngScale") is None


def test_png_options_dialog(qtbot: Any, window: Any) -> None:
    diagram = window.document.rec.diagram
    dialog = PngOptionsDialog(diagram, scale=3.0, transparent=True)
    qtbot.addWidget(dialog)
    assert dialog.options() == (3.0, True)
    w, h = png_pixel_size(diagram, 3.0)
    assert f"{w} \u00d7 {h} pixels" in dialog.scale_box.currentText()
    dialog.scale_box.setCurrentIndex(0)
    dialog.white.setChecked(True)
    assert dialog.options() == (1.0, False)
    assert [dialog.scale_box.itemData(i) for i in range(dialog.scale_box.count())] == [
        1.0,
        2.0,
        3.0,
        4.0,
    ]


def test_junk_png_settings_fall_back_to_2x_on_white(window: Any) -> None:
    QSettings().setValue("export/pngScale", "huge")
    QSettings().setValue("export/pngTransparent", "false")
    assert window._png_options() == (2.0, False)
    QSettings().setValue("export/pngScale", "3")
    QSettings().setValue("export/pngTransparent", "true")
    assert window._png_options() == (3.0, True)


def test_file_export_offers_every_cli_format(window: Any) -> None:
    from assistant.core.vocab import EXPORT_FORMATS

    assert list(window.export_actions) == list(EXPORT_FORMATS)
    texts = [a.text() for a in window.export_actions.values()]
    assert "CloudFormation template\u2026" in texts and "boto3 script\u2026" in texts


@pytest.mark.parametrize("fmt", ["cloudformation", "boto3"])
def test_export_template_and_script_from_the_gui(
    make_window: Any, shipped_pack: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fmt: str
) -> None:
    from assistant.core.project import load_project

    window = make_window(shipped_pack)
    path = next(p for p in window.example_files() if p.name.startswith("realtime-fraud-api"))
    window.document.load(load_project(path, shipped_pack), path)
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, _title: str, start: str, flt: str) -> tuple[str, str]:
        asked.append((start, flt))
        return (str(tmp_path / "plan"), "")  # no suffix typed: the format's own is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    window.export_actions[fmt].trigger()
    suffix = ".yaml" if fmt == "cloudformation" else ".py"
    out = tmp_path / f"plan{suffix}"
    assert out.is_file()
    assert asked[0][0].endswith(suffix) and f"(*{suffix})" in asked[0][1]
    text = out.read_text(encoding="utf-8")
    if fmt == "cloudformation":
        assert "\nAWSTemplateFormatVersion:" in text and "AWS::SageMaker::Endpoint" in text
    else:
        compile(text, str(out), "exec")  # a Python script, as the CLI writes it
        assert "boto3" in text
