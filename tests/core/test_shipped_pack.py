"""Invariants of the shipped knowledge pack (knowledge/aws-ml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.core.decide.engine import recommend
from assistant.core.pack.loader import load_pack
from assistant.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PACK_DIR = ROOT / "knowledge" / "aws-ml"
EXAMPLES = PACK_DIR / "examples"
EXPECTED = yaml.safe_load((Path(__file__).parent / "expected_examples.yaml").read_text())

# The "Corrections to the notes" table of the project's FACTS.md: every row whose notes column
# says something, mapped to the fact that must carry the notes' statement (exam_notes).
CORRECTIONS = {
    "Inference pipeline length (2-5 vs 2-15)": "pipeline.max_containers",
    "MME + serial inference pipeline": "mme.with_pipeline",
    "MME + GPU": "mme.gpu",
    "Elastic Inference": "elastic_inference.status",
    "Amazon Translate languages (55 vs 75)": "translate.languages",
    "Kinesis Data Analytics renamed": "kda.renamed",
    "Kinesis Data Firehose renamed": "firehose.name",
    "Kinesis Data Streams capacity modes": "kds.capacity_modes",
    "Amazon Forecast closed": "forecast.closed",
    "Amazon Fraud Detector closed": "fraud_detector.closed",
    "Comprehend topic modeling closed": "comprehend.topic_modeling_closed",
    "Comprehend Medical is a separate service": "comprehend_medical.separate",
    "SageMaker Experiments (Studio Classic)": "experiments.studio_classic",
    "Ground Truth workforce types": "gt.workforce_types",
    "A2I task types": "a2i.task_types",
    "SageMaker Edge Manager discontinued": "edge_manager.discontinued",
    "Service name SageMaker AI": "sagemaker.name",
}


@pytest.fixture(scope="module")
def pack():
    return load_pack(PACK_DIR)


def test_every_fact_has_source_and_checked_date(pack) -> None:
    for fact in pack.facts.values():
        assert fact.source.title.strip(), fact.id
        assert fact.source.url.startswith("https://"), fact.id
        assert fact.checked is not None, fact.id


def test_every_service_has_category_status_and_use_case(pack) -> None:
    for service in pack.services.values():
        assert service.category, service.id
        assert service.status.state in {"available", "closed", "discontinued"}, service.id
        assert service.use_cases and all(u.strip() for u in service.use_cases), service.id


def test_closed_and_discontinued_services_say_since_and_source(pack) -> None:
    gone = [s for s in pack.services.values() if s.status.state != "available"]
    assert {s.id for s in gone} >= {"forecast", "fraud-detector", "elastic-inference"}
    for service in gone:
        # a date, or (never a guessed one) a note that AWS gives none
        assert service.status.since is not None or "no date" in service.status.note, service.id
        assert service.status.note, service.id
        assert service.status.source is not None, service.id
        if service.status.state == "closed" and "knows no AWS successor" not in service.status.note:
            # closed services stay usable for existing customers: name what AWS suggests instead
            # (never a guessed one: where AWS names none, the note says the pack knows none)
            assert service.status.suggest, service.id
            for other in service.status.suggest:
                assert pack.services[other].status.state == "available", (service.id, other)


@pytest.mark.parametrize("topic", sorted(CORRECTIONS))
def test_exam_note_corrections_are_flagged(pack, topic: str) -> None:
    fact = pack.facts[CORRECTIONS[topic]]
    assert fact.exam_notes is not None, topic
    assert fact.exam_notes.statement.strip(), topic


def test_exam_note_values_differ_from_today(pack) -> None:
    for fact in pack.facts.values():
        if fact.exam_notes is not None and fact.exam_notes.value is not None:
            assert fact.exam_notes.value != fact.value, fact.id


def test_numbers_the_rules_rely_on(pack) -> None:
    # the values from the project's checked facts; a change here must be a deliberate one
    expected = {
        "realtime.max_payload_mb": 6,
        "realtime.timeout_s": 60,
        "serverless.max_payload_mb": 4,
        "serverless.max_concurrency": 200,
        "async.max_invocation_timeout_s": 3600,
        "batch.max_payload_mb": 100,
        "batch.concurrency_x_payload_max": 100,
        "pipeline.max_containers": 15,
        "mce.max_containers": 15,
        "variants.max_per_endpoint": 10,
        "translate.languages": 75,
        "firehose.lambda_timeout_min": 5,
        "firehose.lambda_payload_mb": 6,
    }
    for fid, value in expected.items():
        assert pack.facts[fid].value == value, fid
    assert pack.facts["pipeline.max_containers"].exam_notes.value == 5
    assert pack.facts["translate.languages"].exam_notes.value == 55


def test_every_area_is_covered_by_an_example() -> None:
    covered = {area for choices in EXPECTED.values() for area in choices}
    assert covered >= {
        "ai_service",
        "ingestion",
        "transformation",
        "labeling",
        "training",
        "deployment",
        "hosting",
        "scaling",
        "review",
    }
    assert len(EXPECTED) >= 14
    shipped = {p.name for p in EXAMPLES.glob("*.archassist.yaml")}
    assert shipped == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gets_expected_recommendation(pack, name: str) -> None:
    project = load_project(EXAMPLES / name, pack)
    rec = recommend(pack, project.answers, find_open_questions=False)
    chosen = {a.id: (a.chosen.id if a.chosen else None) for a in rec.areas}
    for area, option in EXPECTED[name].items():
        assert chosen.get(area) == option, f"{name}: {area}"
    assert not rec.ignored_answers, f"{name}: answers not relevant: {rec.ignored_answers}"


def test_ruled_out_options_show_the_deciding_fact(pack) -> None:
    rec = recommend(
        pack,
        {"task": "custom-prediction", "aws_account": "new", "payload_mb": 5.0},
        find_open_questions=False,
    )
    deployment = next(a for a in rec.areas if a.id == "deployment")
    serverless = next(alt for alt in deployment.alternatives if alt.id == "serverless")
    assert serverless.status == "ruled_out"
    text = " ".join(r.text for r in serverless.reasons)
    assert "5" in text and "4 MB" in text
    assert any("serverless.max_payload_mb" in r.facts for r in serverless.reasons)
