"""The CLI end to end, as a user runs it: a subprocess, exit codes, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run

MINI = str(Path(__file__).parents[1] / "data" / "mini")


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("archassist ")
    out = run("--help").stdout
    for command in (
        "validate",
        "questions",
        "recommend",
        "export",
        "explain",
        "quiz",
        "screenshot",
    ):
        assert command in out


def test_console_script_is_installed() -> None:
    # The install puts the script beside the interpreter (a venv's bin/ need not be on PATH).
    folder = Path(sys.executable).parent
    exe = next(
        (folder / n for n in ("archassist", "archassist.exe") if (folder / n).exists()), None
    )
    assert exe is not None, f"no archassist console script in {folder}: pip install -e ."
    done = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("archassist "), done.stderr


def test_validate_ok_and_broken(tmp_path: Path) -> None:
    ok = run("validate", MINI)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    (broken / "deploy.yaml").write_text(
        (broken / "deploy.yaml")
        .read_text()
        .replace("{answer: gpu, eq: true}", "{answer: gpux, eq: true}")
    )
    (broken / "services.yaml").write_text(
        (broken / "services.yaml").read_text().replace("category: client", "category: clients")
    )
    bad = run("validate", str(broken))
    assert bad.returncode == 1
    lines = bad.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(":" in line.split(" ")[0] for line in lines)
    assert any("deploy.yaml:" in line and "unknown question 'gpux'" in line for line in lines)


def test_recommend_json_has_choice_reasons_and_diagram() -> None:
    proc = run("--pack", MINI, "recommend", "-a", "payload_mb=5", "-a", "traffic=spiky", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    area = data["areas"][0]
    assert area["chosen"]["id"] == "realtime"
    ruled = {a["id"]: a for a in area["alternatives"]}["serverless"]
    assert ruled["status"] == "ruled_out"
    assert ruled["reasons"][0]["facts"] == ["serverless.max_payload_mb"]
    assert ruled["reasons"][0]["sources"][0]["url"].startswith("https://")
    assert {n["id"] for n in data["diagram"]["nodes"]} == {"client", "model"}
    assert data["diagram"]["edges"][0]["label"] == "HTTPS"


def test_recommend_with_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("traffic: spiky\n")
    proc = run("--pack", MINI, "recommend", "--answers", str(answers))
    assert proc.returncode == 0
    assert "Serverless endpoint" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-a", "traffik=steady"), "unknown question 'traffik'"),
        (("-a", "traffic=bursty"), "valid: steady, spiky"),
        (("-a", "payload_mb=lots"), "takes a number"),
        (("-a", "payload_mb=5000"), "at most 1000 MB"),
        (("-a", "gpu=maybe"), "yes/no"),
        (("-a", "novalue"), "expected ID=VALUE"),
        (("--answers", "/nonexistent/a.yaml"), "cannot read"),
    ],
)
def test_bad_input_exits_2_with_the_reason(args: tuple[str, ...], message: str) -> None:
    proc = run("--pack", MINI, "recommend", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) <= 2


def test_malformed_answers_file_exits_2_naming_its_place(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("traffic: spiky\npayload_mb: [1,\n")
    proc = run("--pack", MINI, "recommend", "--answers", str(answers))
    assert proc.returncode == 2
    first = proc.stderr.strip().splitlines()[0]
    assert f"{answers}:" in first and "Traceback" not in proc.stderr


def test_unknown_question_lists_the_valid_ones() -> None:
    proc = run("--pack", MINI, "recommend", "-a", "nope=1")
    assert "valid questions: account, gpu, payload_mb, traffic" in proc.stderr


def test_usage_error_exits_2() -> None:
    assert run("recommend", "--frobnicate").returncode == 2
    assert run("export", "--format", "bmp", "-o", "x").returncode == 2


def test_questions_lists_relevant_with_open_marker() -> None:
    proc = run("--pack", MINI, "questions", "--json", "-a", "traffic=steady")
    data = json.loads(proc.stdout)
    ids = [q["id"] for q in data["questions"]]
    assert ids == ["account", "payload_mb", "traffic", "gpu"]
    assert data["questions"][2]["answer"] == "steady"
    assert "account" in data["open"]


def test_explain() -> None:
    proc = run("--pack", MINI, "explain", "serverless")
    assert proc.returncode == 0
    assert "Serverless payloads are at most 4 MB." in proc.stdout
    assert "source: Serverless inference <https://" in proc.stdout
    missing = run("--pack", MINI, "explain", "zzzz")
    assert missing.returncode == 1 and "nothing in mini matches 'zzzz'" in missing.stderr


def test_bad_pack_reports_locations(tmp_path: Path) -> None:
    proc = run("--pack", str(tmp_path), "recommend")
    assert proc.returncode == 2  # a pack that cannot be read is bad input; validate answers 1
    assert "no pack.yaml" in proc.stderr
