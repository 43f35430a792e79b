"""File > Import from AWS Account: progress while reading (moto), Cancel, the new project."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from assistant.gui.import_dialog import ImportDialog

moto = pytest.importorskip("moto")


@pytest.fixture
def fake_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for var in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with moto.mock_aws():
        import boto3

        sm = boto3.client("sagemaker", region_name="us-east-1")
        sm.create_model(
            ModelName="m",
            ExecutionRoleArn="arn:aws:iam::123456789012:role/r",
            PrimaryContainer={"Image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/i:1"},
        )
        sm.create_endpoint_config(
            EndpointConfigName="c",
            ProductionVariants=[
                {
                    "VariantName": "AllTraffic",
                    "ModelName": "m",
                    "ServerlessConfig": {"MemorySizeInMB": 2048, "MaxConcurrency": 5},
                }
            ],
        )
        sm.create_endpoint(EndpointName="photos", EndpointConfigName="c")
        yield


def test_import_shows_progress_and_returns_the_project(
    qtbot: Any, shipped_pack: Any, fake_aws: None
) -> None:
    dialog = ImportDialog(shipped_pack)
    qtbot.addWidget(dialog)
    dialog.region.setText("us-east-1")
    seen: list[int] = []
    dialog.bar.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.start_button.click()
        assert dialog.running() and not dialog.start_button.isEnabled()
    assert seen == sorted(seen) and seen[-1] == dialog.bar.maximum() == 7
    assert dialog.result_ is not None and not dialog.running()
    (path,) = dialog.result_.plan.paths
    assert path.kind == "serverless"
    assert dialog.result_.project.answers["traffic"] == "intermittent"


class _Blocking:
    """Clients whose every call waits for the test to let it go."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.region = "eu-west-1"

    def client(self, _service: str) -> Any:
        outer = self

        class Client:
            def can_paginate(self, _method: str) -> bool:
                return False

            def __getattr__(self, _method: str) -> Any:
                def call(**_kw: Any) -> dict[str, Any]:
                    outer.entered.set()
                    outer.gate.wait(30)
                    return {}

                return call

        return Client()


def test_cancel_stops_the_reading(qtbot: Any, shipped_pack: Any) -> None:
    clients = _Blocking()
    dialog = ImportDialog(shipped_pack, session_factory=lambda _p, _r: clients)
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    qtbot.waitUntil(clients.entered.is_set, timeout=10_000)
    assert dialog.status.text().startswith("Reading SageMaker AI endpoints")
    with qtbot.waitSignal(dialog.rejected, timeout=10_000):
        dialog.cancel_button.click()
        assert "Cancelling" in dialog.status.text()
        clients.gate.set()  # the call in flight returns; the next one is never made
    assert dialog.result_ is None and not dialog.running()
    assert dialog.status.text() == "Cancelled; nothing was imported."


def test_failure_is_shown_and_the_form_comes_back(qtbot: Any, shipped_pack: Any) -> None:
    from assistant.core.errors import UserInputError

    def no_credentials(_p: object, _r: object) -> Any:
        raise UserInputError("AWS: no credentials found")

    dialog = ImportDialog(shipped_pack, session_factory=no_credentials)
    qtbot.addWidget(dialog)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.running(), timeout=10_000)
    assert dialog.status.text() == "AWS: no credentials found"
    assert dialog.start_button.isEnabled() and dialog.result() == 0


def test_file_menu_imports_into_a_new_project(
    window: Any, shipped_pack: Any, fake_aws: None, monkeypatch: pytest.MonkeyPatch, dialogs: Any
) -> None:
    from assistant.aws import import_account, open_session

    result = import_account(open_session(None, "us-east-1"), window.pack)

    def accept(self: ImportDialog) -> int:
        self.result_ = result
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportDialog, "exec", accept)
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_aws_action in file_menu.actions()
    window.import_aws_action.trigger()
    assert window.document.project.notes == result.project.notes
    assert window.document.path is None and window.document.is_modified()
    assert "1 inference paths" in dialogs.texts("information")[0]
