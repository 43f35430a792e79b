"""Exams as data: the ``exams`` section, its checks, and the shipped MLA-C01 / MLS-C01 files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core.errors import PackError
from assistant.core.pack import model as m
from assistant.core.pack.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
SHIPPED = ROOT / "knowledge" / "aws-ml"

# two exams over the mini pack: a current default one and a retired one
EXAM = (ROOT / "tests" / "data" / "demo_exams.yaml").read_text()


def pack_with(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(MINI, root)
    (root / "exams.yaml").write_text(text)
    return root


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(PackError) as err:
        load_pack(pack_with(tmp_path, text))
    return [str(p) for p in err.value.problems]


def test_exams_load_into_the_model(tmp_path: Path) -> None:
    pack = load_pack(pack_with(tmp_path, EXAM))
    exam = pack.exams["demo-c01"]
    assert isinstance(exam, m.Exam)
    assert (exam.code, exam.status, exam.default, exam.questions) == (
        "DEMO-C01",
        "current",
        True,
        65,
    )
    assert [d.weight for d in exam.domains] == [60, 40]
    assert [t.id for t in exam.tasks()] == ["demo-1.1", "demo-1.2", "demo-2.1"]
    assert exam.task("demo-1.1").services == ("hosting", "serverless")  # type: ignore[union-attr]
    assert exam.domain_of("demo-2.1").id == "demo-2"  # type: ignore[union-attr]
    assert exam.domain_of("nope") is None
    old = pack.exams["old-c01"]
    assert old.status == "retired" and str(old.retired) == "2026-03-31" and not old.default


def test_default_exam_and_lookup_by_code(tmp_path: Path) -> None:
    pack = load_pack(pack_with(tmp_path, EXAM))
    assert pack.default_exam() is pack.exams["demo-c01"]
    assert pack.exam("demo-c01") is pack.exam("DEMO-C01") is pack.exam(" demo-C01 ")
    assert pack.exam("MLA-C01") is None


def test_a_pack_without_exams_still_loads() -> None:
    pack = load_pack(MINI)
    assert dict(pack.exams) == {}
    assert pack.default_exam() is None


def test_unknown_service_and_fact_references_are_errors(tmp_path: Path) -> None:
    text = EXAM.replace("services: [hosting, serverless]", "services: [hosting, feature-stor]")
    text = text.replace("facts: [serverless.max_payload_mb]", "facts: [no.such_fact]")
    found = problems(tmp_path, text)
    assert any("unknown service 'feature-stor'" in p for p in found), found
    assert any("unknown fact 'no.such_fact'" in p for p in found), found
    # each problem names the file and the line:col of the bad reference
    assert all("exams.yaml:" in p for p in found), found


def test_weights_must_add_up_to_100(tmp_path: Path) -> None:
    found = problems(tmp_path, EXAM.replace("weight: 40", "weight: 30"))
    assert any("add up to 90, not 100" in p for p in found), found


def test_task_ids_are_unique_within_an_exam(tmp_path: Path) -> None:
    found = problems(tmp_path, EXAM.replace("id: demo-1.2", "id: demo-1.1"))
    assert any("duplicate id 'demo-1.1' in exam 'demo-c01'" in p for p in found), found


def test_only_one_default_and_it_is_current(tmp_path: Path) -> None:
    text = EXAM.replace("status: retired\n", "status: retired\n    default: true\n")
    found = problems(tmp_path, text)
    assert any("second default" in p for p in found), found
    assert any("must be current, not retired" in p for p in found), found


def test_a_retired_exam_needs_its_date_or_says_none_is_known(tmp_path: Path) -> None:
    found = problems(tmp_path, EXAM.replace("    retired: 2026-03-31\n", ""))
    assert any("needs 'retired'" in p for p in found), found
    text = EXAM.replace("    retired: 2026-03-31\n", "    note: AWS gives no date.\n")
    assert load_pack(pack_with(tmp_path / "b", text)).exams["old-c01"].retired is None


def test_unknown_keys_and_bad_counts_are_reported(tmp_path: Path) -> None:
    text = EXAM.replace("questions: 65", "questions: 6.5\n    colour: red")
    found = problems(tmp_path, text)
    assert any("unknown key 'colour' in exam" in p for p in found), found
    assert any("'questions' must be a whole number" in p for p in found), found


# --- the shipped pack ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> m.Pack:
    return load_pack(SHIPPED)


def test_mla_c01_is_the_default_and_follows_the_blueprint(shipped: m.Pack) -> None:
    exam = shipped.default_exam()
    assert exam is not None and exam.code == "MLA-C01" and exam.status == "current"
    # EXAM.md: 65 questions, pass at 720, four domains weighted 28/26/22/24, 12 task statements
    assert (exam.questions, exam.passing_score) == (65, 720)
    assert [d.weight for d in exam.domains] == [28, 26, 22, 24]
    assert [t.id for t in exam.tasks()] == [
        f"mla-{d}.{t}" for d in range(1, 5) for t in range(1, 4)
    ]
    duration = shipped.facts[exam.duration_fact]
    assert (duration.value, duration.unit) == (130, "minutes")
    # the duration is not in the exam guide: the fact must say its source is weak
    assert "third-party" in duration.statement.lower()


def test_mls_c01_stays_as_a_retired_exam(shipped: m.Pack) -> None:
    old = shipped.exam("MLS-C01")
    assert old is not None and old.status == "retired" and not old.default
    assert [d.weight for d in old.domains] == [20, 24, 36, 20]
    assert old.passing_score == 750


def test_every_mla_task_has_services_and_facts(shipped: m.Pack) -> None:
    exam = shipped.exam("MLA-C01")
    assert exam is not None
    for task in exam.tasks():
        assert task.services and task.facts, task.id


BLUEPRINT_SERVICES = [
    "feature-store", "data-wrangler", "clarify", "model-monitor", "model-registry", "debugger",
    "sagemaker-pipelines", "jumpstart", "bedrock", "codepipeline", "codebuild", "cloudformation",
    "step-functions", "eventbridge", "cloudwatch", "cloudtrail", "iam", "kms", "vpc-endpoints",
    "cost-allocation-tags", "training-input-modes", "spot-training", "distributed-training",
    "network-isolation",
]  # fmt: skip


def test_the_blueprint_services_are_in_the_pack_and_mapped(shipped: m.Pack) -> None:
    exam = shipped.exam("MLA-C01")
    assert exam is not None
    mapped = {s for t in exam.tasks() for s in t.services}
    for sid in BLUEPRINT_SERVICES:
        assert sid in shipped.services, sid
        assert sid in mapped, sid
