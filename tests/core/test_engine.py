"""The decision engine on the mini pack: choices, reasons, partial answers, determinism."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.decide.engine import recommend
from assistant.core.pack.answers import normalize_answers
from assistant.core.pack.model import Pack

EXAMPLES = Path(__file__).resolve().parents[2] / "knowledge" / "aws-ml" / "examples"


def deploy(pack: Pack, **answers: object):  # type: ignore[no-untyped-def]
    return recommend(pack, normalize_answers(pack, answers)).area("deploy")


def test_spiky_traffic_goes_serverless(mini_pack: Pack) -> None:
    area = deploy(mini_pack, traffic="spiky")
    assert area.chosen is not None and area.chosen.id == "serverless"
    assert "Idle periods" in area.reasons[0].text
    assert [c.key for c in area.config] == ["MemorySizeInMB"]


def test_ruled_out_option_cites_the_deciding_fact(mini_pack: Pack) -> None:
    area = deploy(mini_pack, traffic="spiky", payload_mb=5)
    assert area.chosen is not None and area.chosen.id == "realtime"
    serverless = next(a for a in area.alternatives if a.id == "serverless")
    assert serverless.status == "ruled_out"
    reason = serverless.reasons[0]
    assert reason.text == "A 5 MB request exceeds the 4 MB serverless limit."
    assert reason.facts == ("serverless.max_payload_mb",)
    assert reason.questions == ("payload_mb",)
    assert reason.sources[0].url.startswith("https://docs.aws.amazon.com/")
    # the deciding fact comes first: serverless, which the answers favour, is out on a limit
    assert "best option left" in area.reasons[0].text
    assert area.reasons[0].facts == ("serverless.max_payload_mb",)


def test_closed_service_is_never_recommended_to_a_new_account(mini_pack: Pack) -> None:
    area = deploy(mini_pack, traffic="spiky", account="new")
    legacy = next(a for a in area.alternatives if a.id == "legacy")
    assert legacy.status == "ruled_out"
    assert "closed to new customers since 2025-11-07" in legacy.reasons[0].text
    existing = deploy(mini_pack, account="existing")
    assert existing.chosen is not None and existing.chosen.id == "legacy"
    assert any(w.kind == "closed" for w in existing.warnings)


def test_exam_note_differences_are_warned(mini_pack: Pack) -> None:
    area = deploy(mini_pack, traffic="steady")
    notes = [w for w in area.warnings if w.kind == "exam_notes"]
    assert notes and notes[0].facts == ("pipeline.max",)
    assert "2 to 5" in notes[0].text and "2 to 15" in notes[0].text


def test_partial_answers_list_open_questions(mini_pack: Pack) -> None:
    rec = recommend(mini_pack, normalize_answers(mini_pack, {"payload_mb": 1.0}))
    assert rec.area("deploy").chosen is not None
    assert set(rec.open_questions) == {"account", "traffic"}
    done = recommend(
        mini_pack, normalize_answers(mini_pack, {"traffic": "steady", "account": "new"})
    )
    assert done.open_questions == ()


def test_unknown_condition_does_not_rule_out(mini_pack: Pack) -> None:
    area = deploy(mini_pack, traffic="spiky")
    assert area.chosen is not None and area.chosen.id == "serverless"  # payload unknown


def test_diagram_uses_config_and_groups(mini_pack: Pack) -> None:
    rec = recommend(mini_pack, normalize_answers(mini_pack, {"traffic": "spiky"}))
    labels = {n.id: n.label for n in rec.diagram.nodes}
    assert labels["model"] == "Serverless model (2048 MB)"
    steady = recommend(mini_pack, normalize_answers(mini_pack, {"traffic": "steady"}))
    assert [g.label for g in steady.diagram.groups] == ["SageMaker endpoint"]
    assert steady.diagram.node("model").group == "ep"
    assert all(n.rect is not None for n in steady.diagram.nodes)


_PACKS: list[Pack] = []


def _mini() -> Pack:
    if not _PACKS:
        from pathlib import Path

        from assistant.core.pack.loader import load_pack

        _PACKS.append(load_pack(Path(__file__).parents[1] / "data" / "mini"))
    return _PACKS[0]


answer_sets = st.fixed_dictionaries(
    {},
    optional={
        "account": st.sampled_from(["new", "existing"]),
        "payload_mb": st.floats(min_value=0, max_value=1000, allow_nan=False),
        "traffic": st.sampled_from(["steady", "spiky"]),
        "gpu": st.booleans(),
    },
)


@settings(max_examples=150, deadline=None)
@given(answer_sets)
def test_random_answers_never_crash_and_are_deterministic(raw: dict[str, object]) -> None:
    pack = _mini()
    answers = normalize_answers(pack, raw)
    first = recommend(pack, answers)
    assert first == recommend(pack, answers)
    if answers:
        assert first.area("deploy").chosen is not None
    else:
        assert first.areas == () and first.diagram.nodes == ()


def test_open_questions_resume_matches_a_full_decision(shipped_pack: Pack) -> None:
    """Probing resumes from the area of the probed question; it must agree with full passes."""
    import random

    from assistant.core.decide import engine
    from assistant.core.decide.lint import sample_answers

    rng = random.Random(5)
    for i in range(60):
        answers = sample_answers(shipped_pack, rng)
        if i % 2:
            answers = dict(list(answers.items())[: rng.randint(0, 6)])
        snapshots: list[engine.Snapshot] = []
        base = engine.decide_areas(shipped_pack, answers, snapshots=snapshots)
        fast = engine._open_questions(shipped_pack, base, snapshots)
        expected: dict[str, list[str]] = {}
        for qid in base.relevant:
            if qid in base.effective:
                continue
            changed = set()
            for value in engine.probe_values(shipped_pack, shipped_pack.questions[qid]):
                trial = engine.decide_areas(shipped_pack, {**base.effective, qid: value})
                changed |= {
                    a for a, o in trial.chosen.items() if o is not None and o != base.chosen.get(a)
                }
            for area in sorted(changed):
                expected.setdefault(area, []).append(qid)
        assert fast == expected


def test_without_an_existing_customer_question_closed_services_stay_closed(
    mini_pack: Pack,
) -> None:
    from dataclasses import replace

    pack = replace(mini_pack, existing_customer=None)
    area = recommend(pack, {"traffic": "spiky"}).area("deploy")
    assert next(a for a in area.alternatives if a.id == "legacy").status == "ruled_out"


def test_exam_notes_of_a_closed_service_show_only_when_the_workload_wanted_it(
    shipped_pack: Pack,
) -> None:
    """Fraud Detector's history matters to a fraud workload, not to every custom model."""

    def notes(task: str) -> set[str]:
        answers = normalize_answers(shipped_pack, {"task": task, "aws_account": "new"})
        area = recommend(shipped_pack, answers).area("ai_service")
        return {f for w in area.warnings if w.kind == "exam_notes" for f in w.facts}

    assert "fraud_detector.closed" in notes("fraud-detection")
    assert "fraud_detector.closed" not in notes("custom-prediction")
    assert "sagemaker.name" in notes("custom-prediction")


# --- reasons people can act on (issue 11) ----------------------------------------------------


def test_an_empty_project_decides_nothing(shipped_pack: Pack) -> None:
    rec = recommend(shipped_pack, {})
    assert rec.areas == () and rec.diagram.nodes == () and rec.diagram.edges == ()
    assert rec.relevant_questions and rec.open_questions == rec.relevant_questions


def _example_recs(pack: Pack):  # type: ignore[no-untyped-def]
    from assistant.core.decide.multipath import recommend_paths
    from assistant.core.project import load_project

    for path in sorted(EXAMPLES.glob("*.archassist.yaml")):
        project = load_project(path, pack)
        for one in recommend_paths(pack, project.path_answers()).paths:
            yield f"{path.name} {one.name}".strip(), one.recommendation


def test_every_chosen_option_cites_a_question_or_a_fact(shipped_pack: Pack) -> None:
    missing = [
        f"{name}: {area.id}={area.chosen.id}"
        for name, rec in _example_recs(shipped_pack)
        for area in rec.areas
        if area.chosen is not None and not any(r.facts or r.questions for r in area.reasons)
    ]
    assert missing == []


def test_no_reason_shows_an_internal_score(shipped_pack: Pack) -> None:
    import re

    for name, rec in _example_recs(shipped_pack):
        texts = [r.text for a in rec.areas for r in a.reasons]
        texts += [r.text for a in rec.areas for alt in a.alternatives for r in alt.reasons]
        texts += [w.text for a in rec.areas for w in a.warnings]
        assert not [t for t in texts if re.search(r"\bscore\b", t)], name


def test_no_reason_names_a_service_the_workload_did_not_ask_for(shipped_pack: Pack) -> None:
    """An image task hears nothing about Amazon Fraud Detector or Forecast."""
    answers = normalize_answers(shipped_pack, {"task": "image-video", "aws_account": "new"})
    area = recommend(shipped_pack, answers).area("ai_service")
    text = " ".join(r.text for r in area.reasons) + " ".join(w.text for w in area.warnings)
    assert "Fraud Detector" not in text and "Forecast" not in text


def test_conflicting_answers_are_said_with_what_would_change_the_choice(
    shipped_pack: Pack,
) -> None:
    from assistant.core.project import load_project

    project = load_project(EXAMPLES / "intermittent-image-classifier.archassist.yaml", shipped_pack)
    area = recommend(shipped_pack, project.answers, find_open_questions=False).area("deployment")
    assert area.chosen is not None and area.chosen.id == "serverless"
    (conflict,) = [w for w in area.warnings if w.kind == "conflict"]
    assert conflict.text.startswith("Your answers pull two ways. For Real-time endpoint")
    assert "What decided for Serverless Inference endpoint" in conflict.text
    assert "would win if this answer changed" in conflict.text


def test_closed_services_cite_the_account_question(shipped_pack: Pack) -> None:
    answers = normalize_answers(
        shipped_pack, {"task": "time-series-forecast", "aws_account": "new"}
    )
    area = recommend(shipped_pack, answers).area("ai_service")
    forecast = next(a for a in area.alternatives if a.id == "forecast")
    assert "aws_account" in forecast.reasons[0].questions


# --- the issue-11 examples: exact choices per path and the deciding reason -------------------


def _expected_reasons() -> dict[str, dict[str, dict[str, list[str]]]]:
    import yaml

    text = (Path(__file__).parent / "expected_reasons.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, dict[str, list[str]]]] = yaml.safe_load(text)
    return data


def _plan(pack: Pack, name: str):  # type: ignore[no-untyped-def]
    from assistant.core.decide.multipath import recommend_paths
    from assistant.core.project import load_project

    project = load_project(EXAMPLES / name, pack)
    assert not project.messages, project.messages
    return recommend_paths(pack, project.path_answers())


def test_at_least_twelve_issue_11_examples() -> None:
    names = _expected_reasons()
    assert len(names) >= 12
    assert all((EXAMPLES / n).is_file() for n in names)


def test_issue_11_examples_choose_exactly_and_say_why(shipped_pack: Pack) -> None:
    for name, paths in _expected_reasons().items():
        plan = _plan(shipped_pack, name)
        assert [p.name or "" for p in plan.paths] == list(paths) or len(paths) <= len(plan.paths)
        for path_name, areas in paths.items():
            rec = plan.path(path_name)
            assert not rec.ignored_answers, (name, path_name, rec.ignored_answers)
            for area_id, (option, phrase) in areas.items():
                area = rec.area(area_id)
                assert area.chosen is not None and area.chosen.id == option, (
                    name,
                    path_name,
                    area_id,
                )
                assert phrase in area.reasons[0].text, (
                    name,
                    path_name,
                    area_id,
                    area.reasons[0].text,
                )


def _config(rec, area_id: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {c.key: c.value for c in rec.area(area_id).config}


def test_binary_batch_is_not_split_by_lines(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "binary-image-batch.archassist.yaml").path("")
    config = _config(rec, "deployment")
    assert config["SplitType"] == "None" and config["AssembleWith"] == "None"
    assert config["JoinSource"] == "None" and "BatchStrategy" not in config
    assert config["MaxPayloadInMB"] == 20
    # one request per vCPU of the GPU instance, and 100 MB / 20 MB = 5 at most
    assert config["MaxConcurrentTransforms"] == 4


def test_csv_batch_splits_lines_and_joins(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "api-and-nightly-batch.archassist.yaml").path("nightly")
    config = _config(rec, "deployment")
    assert (config["SplitType"], config["BatchStrategy"], config["AssembleWith"]) == (
        "Line",
        "MultiRecord",
        "Line",
    )
    assert config["JoinSource"] == "Input" and config["ContentType"] == "text/csv"


def test_gpu_mixed_frameworks_get_triton(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "gpu-multi-framework-triton.archassist.yaml").path("")
    hosting = rec.area("hosting")
    assert _config(rec, "hosting")["Image"] == "sagemaker-tritonserver"
    assert any("Triton serves" in r.text for r in hosting.reasons)


def test_many_models_on_serverless_is_not_silent(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "many-models-intermittent.archassist.yaml").path("")
    (conflict,) = [w.text for w in rec.area("deployment").warnings if w.kind == "conflict"]
    assert "For Serverless Inference endpoint: Idle periods cost nothing" in conflict
    assert "4000 models need a serverless endpoint each" in conflict
    assert "would win if this answer changed: How many distinct models" in conflict


def test_closed_services_warn_where_an_account_keeps_them(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "existing-ground-truth-labeling.archassist.yaml").path("")
    assert next(w.kind for w in rec.area("labeling").warnings) == "closed"
    current = _plan(shipped_pack, "forecast-migration.archassist.yaml").path("current")
    assert any(w.kind == "closed" for w in current.area("ai_service").warnings)


def test_unknown_stream_volume_starts_on_demand(shipped_pack: Pack) -> None:
    rec = _plan(shipped_pack, "clickstream-on-demand.archassist.yaml").path("")
    assert _config(rec, "ingestion")["StreamMode"] == "ON_DEMAND"


def test_scaling_names_the_real_variant(shipped_pack: Pack) -> None:
    answers = normalize_answers(
        shipped_pack,
        {
            "task": "custom-prediction",
            "aws_account": "new",
            "latency": "interactive",
            "rollout_test": "shadow",
        },
    )
    rec = recommend(shipped_pack, answers, find_open_questions=False)
    assert rec.area("hosting").chosen.id == "shadow-variant"  # type: ignore[union-attr]
    config = {c.key: c.value for c in rec.area("scaling").config}
    assert config["ResourceId"] == "endpoint/my-endpoint/variant/production"
