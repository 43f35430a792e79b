"""File > Export: the file dialog is monkeypatched; the exporters are assistant.export's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

export_module = pytest.importorskip("assistant.export")
if not hasattr(export_module, "export"):
    pytest.skip("assistant.export.export() is not there yet", allow_module_level=True)


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
