"""File > Check a Design: findings beside archassist's own recommendation; bad files said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from assistant.gui.check_view import CheckDialog

EXAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "aws-ml" / "examples"


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_file_menu_checks_an_endpoint_config(
    make_window: Any, shipped_pack: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = {
        "EndpointConfigName": "scoring",
        "ProductionVariants": [
            {
                "VariantName": "AllTraffic",
                "ModelName": "m",
                "ServerlessConfig": {"MemorySizeInMB": 7168, "MaxConcurrency": 5},
            }
        ],
    }
    f = tmp_path / "cfg.json"
    f.write_text(json.dumps(config))
    choose(monkeypatch, f)
    w = make_window(shipped_pack)
    assert "Check a Design" in w.check_design_action.text().replace("&", "")
    dialog = w.check_design()
    assert isinstance(dialog, CheckDialog)
    view = dialog.findings_view
    assert view.tree.topLevelItemCount() == 1
    item = view.tree.topLevelItem(0)
    assert item.text(2) == "ProductionVariants[0].ServerlessConfig.MemorySizeInMB"
    assert item.text(4) == "1024-6144 MB in 1024 MB steps"
    assert "Pick one of" in view.detail.toPlainText()
    assert "1 error" in view.summary.text()
    assert "is a resource as AWS describes it" in dialog.plan.toPlainText()
    dialog.close()


def test_a_project_shows_its_own_plan_per_path(qtbot: Any, shipped_pack: Any) -> None:
    dialog = CheckDialog(shipped_pack)
    qtbot.addWidget(dialog)
    dialog.check_file(EXAMPLES / "forecast-migration.archassist.yaml")
    text = dialog.plan.toPlainText()
    assert "Path: current" in text and "Path: target" in text
    assert "Amazon Forecast" in text and "SageMaker Canvas" in text
    assert dialog.findings_view.tree.topLevelItem(0).text(0) == "⚠ warning"


def test_an_unreadable_file_is_said_with_its_place(
    make_window: Any,
    shipped_pack: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    dialogs: Any,
) -> None:
    f = tmp_path / "cut.json"
    f.write_text('{"EndpointConfigName": "x",')
    choose(monkeypatch, f)
    w = make_window(shipped_pack)
    assert w.check_design() is None
    (message,) = dialogs.texts("warning")
    assert "cut.json:1:" in message and "malformed JSON" in message
