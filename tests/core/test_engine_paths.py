"""Projects with several inference paths: the file format, one decision per path, one diagram."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.decide.multipath import merge_diagrams, recommend_paths
from assistant.core.diagram.scene import Diagram, Edge, Node
from assistant.core.errors import UserInputError
from assistant.core.pack.model import Pack
from assistant.core.project import Project, ProjectPath, load_project, save_project

TWO_PATHS = """\
archassist: 1
title: Scoring API and nightly batch
answers:
  task: custom-prediction
  aws_account: new
  gpu: false
paths:
  - name: api
    answers: {latency: interactive, traffic: steady, payload_mb: 0.1}
  - name: nightly
    answers: {latency: offline, traffic: periodic-bulk, dataset_upfront: true}
"""


def test_a_project_with_paths_round_trips(shipped_pack: Pack, tmp_path: Path) -> None:
    f = tmp_path / "two.archassist.yaml"
    f.write_text(TWO_PATHS)
    project = load_project(f, shipped_pack)
    assert [p.name for p in project.paths] == ["api", "nightly"]
    assert project.answers["task"] == "custom-prediction"
    named = dict(project.path_answers())
    assert (
        named["api"]["latency"] == "interactive" and named["nightly"]["task"] == "custom-prediction"
    )
    save_project(f, project, shipped_pack)
    again = load_project(f, shipped_pack)
    assert again.paths == project.paths and again.answers == project.answers


def test_old_projects_open_unchanged(shipped_pack: Pack) -> None:
    examples = Path(__file__).resolve().parents[2] / "knowledge" / "aws-ml" / "examples"
    project = load_project(examples / "realtime-fraud-api.archassist.yaml", shipped_pack)
    assert project.paths == ()
    assert project.path_answers() == [("", dict(project.answers))]


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ("paths: {api: 1}", "'paths' must be a list"),
        ("paths:\n  - {answers: {}}", "paths[0] must be a mapping with a 'name'"),
        ("paths:\n  - {name: a}\n  - {name: a}", "paths[1]: the name 'a' is empty or used twice"),
        ("paths:\n  - {name: a, colour: red}", "paths[0]: unknown key 'colour'"),
        ("paths:\n  - {name: a, answers: [1]}", "paths[0].answers must be a mapping"),
    ],
)
def test_malformed_paths_name_the_place(
    shipped_pack: Pack, tmp_path: Path, paths: str, message: str
) -> None:
    f = tmp_path / "bad.archassist.yaml"
    f.write_text(f"archassist: 1\nanswers: {{}}\n{paths}\n")
    with pytest.raises(UserInputError) as info:
        load_project(f, shipped_pack)
    assert message in str(info.value)
    assert "bad.archassist.yaml:" in str(info.value)


def test_a_bad_path_answer_is_dropped_and_kept(shipped_pack: Pack, tmp_path: Path) -> None:
    f = tmp_path / "p.archassist.yaml"
    f.write_text(TWO_PATHS.replace("payload_mb: 0.1", "payload_mb: lots"))
    project = load_project(f, shipped_pack)
    assert "payload_mb" not in project.paths[0].answers
    assert project.dropped == {"api/payload_mb": "lots"}
    assert any("path 'api'" in m for m in project.messages)


def test_each_path_is_decided_on_its_own_answers(shipped_pack: Pack, tmp_path: Path) -> None:
    f = tmp_path / "two.archassist.yaml"
    f.write_text(TWO_PATHS)
    project = load_project(f, shipped_pack)
    plan = recommend_paths(shipped_pack, project.path_answers())
    assert plan.path("api").chosen["deployment"] == "realtime"
    assert plan.path("nightly").chosen["deployment"] == "batch"
    # one diagram: the training and the model artifacts once, each path's serving in its group
    ids = {n.id for n in plan.diagram.nodes}
    assert {"train", "model-artifacts"} <= set(plan.shared_nodes) <= ids
    assert {"api.model-a", "nightly.transform"} <= ids
    groups = {g.id: g.label for g in plan.diagram.groups}
    assert groups["path-api"] == "Path: api" and groups["path-nightly"] == "Path: nightly"
    assert all(n.rect is not None for n in plan.diagram.nodes)
    assert {(e.source, e.target) for e in plan.diagram.edges} >= {
        ("model-artifacts", "api.model-a"),
        ("model-artifacts", "nightly.transform"),
    }


def test_one_path_is_the_plain_recommendation(shipped_pack: Pack) -> None:
    answers = {"task": "custom-prediction", "aws_account": "new", "latency": "interactive"}
    plan = recommend_paths(shipped_pack, [("", answers)])
    assert plan.shared_nodes == () and not any(
        g.id.startswith("path-") for g in plan.diagram.groups
    )
    assert plan.paths[0].recommendation.diagram == plan.diagram


def test_merge_keeps_serving_per_path_even_when_drawn_alike() -> None:
    def d(*nodes: Node) -> Diagram:
        return Diagram(nodes=nodes, edges=(Edge(nodes[0].id, nodes[-1].id),))

    bucket = Node("data", "S3 data", "s3", category="storage")
    endpoint = Node("model-a", "Model", "sagemaker-model", category="sagemaker-deploy")
    merged, shared = merge_diagrams([("a", d(bucket, endpoint)), ("b", d(bucket, endpoint))])
    assert shared == ("data",)
    assert sorted(n.id for n in merged.nodes) == ["a.model-a", "b.model-a", "data"]
    assert {(e.source, e.target) for e in merged.edges} == {
        ("data", "a.model-a"),
        ("data", "b.model-a"),
    }


def test_project_paths_are_frozen_values() -> None:
    p = Project(paths=(ProjectPath("api", {"latency": "interactive"}),), answers={"task": "x"})
    assert p.path_answers() == [("api", {"task": "x", "latency": "interactive"})]
