"""`archassist check` end to end: exit codes 0/1/2, places in messages, --json, --help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run

ROOT = Path(__file__).resolve().parents[2]


SERVERLESS = {
    "EndpointConfigName": "scoring",
    "EndpointConfigArn": "arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/scoring",
    "ProductionVariants": [
        {
            "VariantName": "AllTraffic",
            "ModelName": "m",
            "ServerlessConfig": {"MemorySizeInMB": 6144, "MaxConcurrency": 200},
        }
    ],
}


def test_sound_config_exits_0(tmp_path: Path) -> None:
    (tmp_path / "cfg.json").write_text(json.dumps(SERVERLESS, indent=2))
    proc = run("check", "cfg.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "cfg.json: describe-endpoint-config: sound" in proc.stdout


def test_findings_exit_1_and_json(tmp_path: Path) -> None:
    doc = json.loads(json.dumps(SERVERLESS))
    doc["ProductionVariants"][0]["ServerlessConfig"]["MemorySizeInMB"] = 7168
    (tmp_path / "cfg.json").write_text(json.dumps(doc))
    proc = run("check", "cfg.json", cwd=tmp_path)
    assert proc.returncode == 1
    assert "ProductionVariants[0].ServerlessConfig.MemorySizeInMB" in proc.stdout
    assert "found 7168; limit 1024-6144 MB in 1024 MB steps" in proc.stdout
    out = json.loads(run("check", "cfg.json", "--json", cwd=tmp_path).stdout)
    assert out["kind"] == "describe-endpoint-config" and out["sound"] is False
    (finding,) = out["findings"]
    assert finding["severity"] == "error" and finding["facts"] == ["serverless.memory_mb"]
    assert finding["sources"][0]["url"].startswith("https://docs.aws.amazon.com/")


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        (
            '{"EndpointConfigName": "x",\n  "ProductionVariants": [',
            "bad.json:2:26",
            "malformed JSON",
        ),
        ('{"EndpointConfigName": "x" "y"}', "bad.json:1:28", "malformed JSON"),
        ("", "bad.json:1:1", "empty"),
        ("   \n", "bad.json:1:1", "empty"),
        ('{"Something": {"Else": 1}}', "bad.json:1:1", "not a document archassist can check"),
        ("[1, 2]", "bad.json:1:1", "expected a mapping"),
    ],
)
def test_unreadable_exits_2_with_the_place(
    tmp_path: Path, text: str, place: str, message: str
) -> None:
    (tmp_path / "bad.json").write_text(text)
    proc = run("check", "bad.json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"archassist: {place}: "), proc.stderr
    assert message in proc.stderr


def test_design_yaml_place_and_findings(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text(
        "resources:\n  - {name: api, type: realtime-endpoint, payload_mb: 7}\n"
        "  - {name: x, type: rocket}\n"
    )
    proc = run("check", "d.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and "d.yaml:3:" in proc.stderr and "rocket" in proc.stderr
    (tmp_path / "d.yaml").write_text(
        "resources:\n  - {name: api, type: realtime-endpoint, payload_mb: 7}\n"
    )
    proc = run("check", "d.yaml", cwd=tmp_path)
    assert proc.returncode == 1 and "resources[0].payload_mb" in proc.stdout
    (tmp_path / "y.yaml").write_text("resources: [a\n")
    proc = run("check", "y.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("archassist: y.yaml:")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    proc = run("check", "nope.json", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.json" in proc.stderr


def test_help_shows_an_example(tmp_path: Path) -> None:
    out = run("check", "--help", cwd=tmp_path).stdout
    assert "aws sagemaker describe-endpoint-config" in out and "archassist check cfg.json" in out


def test_shipped_examples_check_without_traceback(tmp_path: Path) -> None:
    example = ROOT / "knowledge" / "aws-ml" / "examples" / "realtime-fraud-api.archassist.yaml"
    proc = run("check", str(example), cwd=tmp_path)
    assert proc.returncode in (0, 1) and ": project: " in proc.stdout


def test_recommend_prints_every_path_of_a_project(tmp_path: Path) -> None:
    example = ROOT / "knowledge" / "aws-ml" / "examples" / "api-and-nightly-batch.archassist.yaml"
    proc = run("recommend", "--answers", str(example), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "#### Path: api" in proc.stdout and "#### Path: nightly" in proc.stdout
    out = json.loads(run("recommend", "--answers", str(example), "--json", cwd=tmp_path).stdout)
    assert [p["name"] for p in out["paths"]] == ["api", "nightly"]
    assert (
        out["paths"][1]["areas"][0]["id"] == "ai_service"
        and "model-artifacts" in out["shared_nodes"]
    )
    assert "score" not in json.dumps(out["paths"][0]["areas"])


def test_export_of_a_project_with_paths_draws_every_path(tmp_path: Path) -> None:
    example = ROOT / "knowledge" / "aws-ml" / "examples" / "api-and-nightly-batch.archassist.yaml"
    proc = run(
        "export", "--answers", str(example), "--format", "mermaid", "-o", "d.mmd", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "d.mmd").read_text()
    assert "Path: api" in text and "Path: nightly" in text
