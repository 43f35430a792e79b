"""The shipped examples' recommendations, and fake parameter values, for the infrastructure
export tests (CloudFormation and boto3)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from assistant.export.infra import InfraPlan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "knowledge/aws-ml/examples").glob("*.archassist.yaml"))
ACCOUNT = "123456789012"


@cache
def example_projects() -> dict[str, Any]:
    """name -> project of every shipped example (several have inference paths)."""
    from assistant.core.io.paths import default_pack_dir
    from assistant.core.pack.loader import load_pack
    from assistant.core.project import load_project

    pack = load_pack(default_pack_dir())
    return {p.name.removesuffix(".archassist.yaml"): load_project(p, pack) for p in EXAMPLES}


@cache
def example_recs() -> dict[str, tuple[Any, Any]]:
    """name -> (recommendation, pack) for every shipped example (its shared answers)."""
    from assistant.core.decide.engine import recommend
    from assistant.core.io.paths import default_pack_dir
    from assistant.core.pack.loader import load_pack
    from assistant.core.project import load_project

    pack = load_pack(default_pack_dir())
    out = {}
    for path in EXAMPLES:
        project = load_project(path, pack)
        name = path.name.removesuffix(".archassist.yaml")
        out[name] = (recommend(pack, project.answers, project.pins, title=project.title), pack)
    return out


@cache
def plan_recs() -> dict[str, tuple[Any, Any]]:
    """The examples, and plans no example makes: inference components (min copies 0)."""
    from assistant.core.decide.engine import recommend

    recs = dict(example_recs())
    rec, pack = recs["fraud-model-on-containers"]
    answers = {**rec.answers, "min_copies": 0}
    ic = recommend(pack, answers, title="Inference components scaled to zero")
    hosting = next(a.chosen.id for a in ic.areas if a.id == "hosting" and a.chosen)
    assert hosting == "inference-components"
    recs["inference-components"] = (ic, pack)
    return recs


@cache
def two_paths() -> tuple[Any, Any, Any]:
    """(recommendation, pack, project) of a project with a real-time and a batch path."""
    from assistant.core.decide.engine import recommend
    from assistant.core.project import Project, ProjectPath

    rec, pack = example_recs()["fraud-model-on-containers"]
    batch = {"latency": "offline", "dataset_upfront": True, "traffic": "periodic-bulk"}
    project = Project(
        answers=dict(rec.answers),
        title="Scoring API and nightly batch",
        paths=(ProjectPath("api", {}), ProjectPath("nightly", batch)),
    )
    return recommend(pack, project.answers, title=project.title), pack, project


def fake_value(name: str, kind: str) -> Any:
    """A value of the right shape for parameter ``name`` (as a user would give it)."""
    if kind == "Number":
        return 70.0
    if name.endswith("MemoryMb"):
        return 2048
    if kind == "Integer":
        return 2
    if name.endswith("RoleArn"):
        return f"arn:aws:iam::{ACCOUNT}:role/archassist-test"
    if name.endswith("BucketArn"):
        return "arn:aws:s3:::amzn-s3-demo-bucket"
    if name.endswith("FunctionArn"):
        return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:transform"
    if name.endswith("ImageUri"):
        return f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/model:1"
    if name.endswith(("ModelDataUrl", "S3Uri")):
        return "s3://amzn-s3-demo-bucket/model.tar.gz"
    return "test"


def fake_values(plan: InfraPlan) -> dict[str, Any]:
    return {p.name: p.default or fake_value(p.name, p.kind) for p in plan.params}
