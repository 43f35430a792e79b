"""``archassist import`` in-process against moto: the project it writes, --json, --policy,
and the one-line message when boto3 is missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.aws import READS
from assistant.cli import main
from assistant.core.project import load_project

from . import accounts
from .conftest import ACCOUNT, SECRET


def test_policy_allows_exactly_the_reads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "--policy"]) == 0
    policy = json.loads(capsys.readouterr().out)
    (statement,) = policy["Statement"]
    assert statement["Effect"] == "Allow"
    assert sorted(statement["Action"]) == sorted({r.action for r in READS})
    assert all(a.split(":")[1].startswith(("Describe", "List", "Get")) for a in statement["Action"])


def test_import_writes_a_project_and_json(
    mocked: None, shipped_pack: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    accounts.endpoint("shop", "serverless")
    out = tmp_path / "shop.archassist.yaml"
    code = main(["import", "--region", "us-east-1", "-o", str(out), "--json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == (1 if any(f["severity"] == "error" for f in data["findings"]) else 0)
    assert [p["kind"] for p in data["paths"]] == ["serverless"]
    assert data["paths"][0]["answers"]["traffic"] == "intermittent"
    assert "[7/7] read" in captured.err  # the progress line
    project = load_project(out, shipped_pack)
    assert project.answers["traffic"] == "intermittent" and not project.messages
    assert "endpoint shop" in project.notes
    for text in (captured.out, captured.err, out.read_text()):
        assert SECRET not in text and ACCOUNT not in text


def test_without_output_or_json_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import"]) == 2
    assert "-o PROJECT" in capsys.readouterr().err


def test_missing_boto3_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)  # import boto3 raises ImportError
    assert main(["import", "-o", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ['archassist: boto3 is not installed: pip install "archassist[aws]"']
    assert not (tmp_path / "p.yaml").exists()


def test_unknown_profile_is_exit_2_without_traceback(
    aws_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--profile", "nope", "-o", str(tmp_path / "p.yaml")]) == 2
    err = capsys.readouterr().err
    assert "nope" in err and "Traceback" not in err and SECRET not in err


def test_an_unreachable_endpoint_is_one_message_and_exit_2(
    aws_env: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # nothing listens on port 9 (discard): every call fails to connect
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    out = tmp_path / "p.archassist.yaml"
    assert main(["import", "--region", "us-east-1", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "every call failed" in err and "EndpointConnectionError" in err
    assert "Traceback" not in err and not out.exists()
