"""boto3 export: calls checked against botocore's service models, the script run against moto,
and the round trip (what the script creates, imported, gives back the plan)."""

from __future__ import annotations

import contextlib
import io
import os
import runpy
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from assistant.export import export
from assistant.export.boto3_script import boto3_script, plan_calls
from assistant.export.infra import COMPONENT_WAITER, infra_plan, resolve

from .infra_examples import example_projects, example_recs, fake_values, plan_recs, two_paths

botocore_session = pytest.importorskip("botocore.session")
moto = pytest.importorskip("moto")


@cache
def _session() -> Any:
    return botocore_session.get_session()


@cache
def _service_model(service: str) -> Any:
    return _session().get_service_model(service)


@cache
def _waiters(service: str) -> list[str]:
    return list(_session().create_client(service, region_name="us-east-1").waiter_names)


def test_every_call_matches_botocore_service_models() -> None:
    from botocore.validate import ParamValidator

    validator = ParamValidator()
    checked = 0
    rec, pack, project = two_paths()
    projects = example_projects()
    plans = {n: infra_plan(r, p, projects.get(n)) for n, (r, p) in plan_recs().items()}
    plans["two-paths"] = infra_plan(rec, pack, project)
    for name, plan in plans.items():
        values = fake_values(plan)
        for call, _ in plan_calls(plan):
            model = _service_model(call.service)
            assert call.operation in model.operation_names, (name, call.operation)
            op = model.operation_model(call.operation)
            report = validator.validate(resolve(call.params, values), op.input_shape)
            assert not report.has_errors(), (name, call.operation, report.generate_report())
            checked += 1
            if call.waiter and call.waiter[0] != COMPONENT_WAITER:  # the script polls for it
                assert call.waiter[0] in _waiters(call.service)
    assert checked > 40


def test_validation_catches_a_wrong_parameter() -> None:
    """The check above can fail: a misspelt parameter is reported."""
    from botocore.validate import ParamValidator

    op = _service_model("sagemaker").operation_model("CreateEndpoint")
    report = ParamValidator().validate({"EndpointNam": "x"}, op.input_shape)
    assert report.has_errors()


def _options(plan: Any) -> list[str]:
    """Command-line options for the script's required parameters."""
    args = []
    values = fake_values(plan)
    for p in plan.params:
        if p.default is None:
            flag = "--" + "".join("-" + c.lower() if c.isupper() else c for c in p.name)[1:]
            args += [flag, str(values[p.name])]
    return args


@pytest.fixture
def moto_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    for var in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    # WORKAROUND: moto 5.2's own instance list lacks ml.g5 (see tests/aws/conftest.py)
    from moto.sagemaker import models as sm

    monkeypatch.setattr(sm.FakeEndpointConfig, "validate_instance_type", lambda self, t: None)
    with moto.mock_aws():
        yield


def _run_script(path: Path, plan: Any) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = runpy.run_path(str(path))["main"]([*_options(plan), "--run-jobs"])
    assert code == 0
    return out.getvalue()


# Areas the export creates, compared after the round trip. Transformation jobs (Glue, EMR,
# Flink) are not exported; moto 5.2 drops ShadowProductionVariants and a model's
# InferenceExecutionConfig, so those two hostings are checked on AWS-shaped JSON in
# tests/aws/test_inference_paths.py instead.
ROUND_TRIP = ("deployment", "hosting", "scaling", "ingestion")
MOTO_DROPS_HOSTING = {"shadow-credit-model", "mixed-framework-endpoint"}


def _chosen(rec: Any, areas: tuple[str, ...]) -> dict[str, str]:
    return {a.id: a.chosen.id for a in rec.areas if a.chosen is not None and a.id in areas}


@pytest.mark.parametrize(
    "name",
    [
        "ab-test-ranking-model",
        "feature-pipeline-endpoint",
        "intermittent-image-classifier",
        "mixed-framework-endpoint",
        "nightly-churn-batch",
        "per-tenant-models-mme",
        "realtime-fraud-api",
        "shadow-credit-model",
        "video-inspection-async",
    ],
)
def test_script_creates_the_resources_and_import_gives_the_plan_back(
    name: str, moto_env: None, tmp_path: Path
) -> None:
    import boto3

    from assistant.aws import import_account, open_session
    from assistant.aws.importer import path_answers
    from assistant.core.decide.engine import recommend

    rec, pack = example_recs()[name]
    plan = infra_plan(rec, pack)
    script = tmp_path / "create.py"
    export(rec, pack, "boto3", script)
    printed = _run_script(script, plan)
    assert printed.count("\n") == len(plan_calls(plan))
    sm = boto3.client("sagemaker", region_name="us-east-1")
    prefix = plan.params[0].default
    if any(r.cfn_type == "AWS::SageMaker::Endpoint" for r in plan.resources):
        ep = sm.describe_endpoint(EndpointName=f"{prefix}-endpoint")
        assert ep["EndpointStatus"] == "InService"
    if plan.jobs:
        sm.describe_transform_job(TransformJobName=f"{prefix}-transform")

    result = import_account(open_session(None, "us-east-1"), pack)
    (path,) = result.plan.paths
    answers, dropped = path_answers(result.plan, path, pack)
    assert not dropped
    areas = ROUND_TRIP
    if name in MOTO_DROPS_HOSTING:
        areas = tuple(a for a in ROUND_TRIP if a != "hosting")
    want = _chosen(rec, areas)
    if want.get("ingestion") in ("s3-upload",):
        want.pop("ingestion")  # nothing to create for uploads to S3
    got = _chosen(recommend(pack, answers), tuple(want))
    assert got == want


def test_script_without_required_options_stops_with_usage(tmp_path: Path) -> None:
    rec, pack = example_recs()["ab-test-ranking-model"]
    script = tmp_path / "s.py"
    script.write_text(boto3_script(rec, pack))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as info:
        runpy.run_path(str(script))["main"]([])
    assert info.value.code == 2 and "--execution-role-arn" in err.getvalue()
    assert os.access(script, os.R_OK)


def test_round_trip_of_a_project_with_two_paths(moto_env: None, tmp_path: Path) -> None:
    from assistant.aws import import_account, open_session
    from assistant.core.decide.engine import recommend

    rec, pack, project = two_paths()
    plan = infra_plan(rec, pack, project)
    script = tmp_path / "two.py"
    export(rec, pack, "boto3", script, project=project)
    _run_script(script, plan)
    imported = import_account(open_session(None, "us-east-1"), pack).project
    kinds = {}
    for name, answers in imported.path_answers():
        chosen = _chosen(recommend(pack, answers), ("deployment", "hosting", "scaling"))
        kinds[name.split()[0]] = chosen
    want = {
        name: _chosen(recommend(pack, answers), ("deployment", "hosting", "scaling"))
        for name, answers in project.path_answers()
    }
    assert kinds == {"endpoint": want["api"], "transform": want["nightly"]}
