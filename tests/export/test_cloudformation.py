"""CloudFormation export: every example's template passes cfn-lint with no error or warning."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.export import export
from assistant.export.cloudformation import cfn_template, cloudformation_yaml
from assistant.export.infra import infra_plan, resolve

from .infra_examples import (
    ACCOUNT,
    example_projects,
    example_recs,
    fake_values,
    plan_recs,
    two_paths,
)

pytest.importorskip("cfnlint")

_LINT = "import sys; from cfnlint.runner import main; sys.exit(main())"


def _cfn_lint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    """cfn-lint over ``files`` in one run (its start-up costs more than a template)."""
    return subprocess.run(
        [sys.executable, "-c", _LINT, "--format", "parseable", "--", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_every_example_passes_cfn_lint(tmp_path: Path) -> None:
    files = []
    projects = example_projects()
    for name, (rec, pack) in plan_recs().items():
        out = tmp_path / f"{name}.yaml"
        export(rec, pack, "cloudformation", out, project=projects.get(name))
        files.append(out)
    rec, pack, project = two_paths()
    export(rec, pack, "cloudformation", tmp_path / "two-paths.yaml", project=project)
    files.append(tmp_path / "two-paths.yaml")
    # a broken copy proves the lint runs and reports: it must be the only file named
    broken = tmp_path / "zz-broken.yaml"
    data = yaml.safe_load(files[0].read_text())
    first = next(iter(data["Resources"].values()))
    first.setdefault("Properties", {})["NoSuchProperty"] = 1
    broken.write_text(yaml.safe_dump(data))
    result = _cfn_lint([*files, broken])
    named = {Path(line.split(":")[0]).name for line in result.stdout.splitlines() if line}
    assert named == {"zz-broken.yaml"}, result.stdout + result.stderr


def _by_type(template: dict, cfn_type: str) -> list[dict]:  # type: ignore[type-arg]
    return [r for r in template["Resources"].values() if r["Type"] == cfn_type]


def test_templates_hold_the_plan() -> None:
    recs = example_recs()
    ab = cfn_template(infra_plan(*recs["ab-test-ranking-model"]))
    (config,) = _by_type(ab, "AWS::SageMaker::EndpointConfig")
    weights = [v["InitialVariantWeight"] for v in config["Properties"]["ProductionVariants"]]
    assert weights == [80, 20]
    assert len(_by_type(ab, "AWS::SageMaker::Model")) == 2
    assert _by_type(ab, "AWS::KinesisFirehose::DeliveryStream")
    (policy,) = _by_type(ab, "AWS::ApplicationAutoScaling::ScalingPolicy")
    assert policy["Properties"]["ScalingTargetId"] == {"Ref": "ScalableTarget"}
    assert {"ExecutionRoleArn", "ImageUri", "NamePrefix"} <= set(ab["Parameters"])

    serverless = cfn_template(infra_plan(*recs["intermittent-image-classifier"]))
    (config,) = _by_type(serverless, "AWS::SageMaker::EndpointConfig")
    (variant,) = config["Properties"]["ProductionVariants"]
    assert variant["ServerlessConfig"] == {"MemorySizeInMB": 2048, "MaxConcurrency": 10}
    assert "InstanceType" not in variant and "DataCaptureConfig" not in config["Properties"]

    asynchronous = cfn_template(infra_plan(*recs["video-inspection-async"]))
    (config,) = _by_type(asynchronous, "AWS::SageMaker::EndpointConfig")
    assert "AsyncInferenceConfig" in config["Properties"]
    (target,) = _by_type(asynchronous, "AWS::ApplicationAutoScaling::ScalableTarget")
    assert target["Properties"]["MinCapacity"] == 0
    assert "DataCaptureConfig" in config["Properties"]

    pipeline = cfn_template(infra_plan(*recs["feature-pipeline-endpoint"]))
    (model,) = _by_type(pipeline, "AWS::SageMaker::Model")
    assert [c["ContainerHostname"] for c in model["Properties"]["Containers"]] == [
        "preprocess",
        "model",
        "postprocess",
    ]


def test_inference_components_hold_the_model() -> None:
    template = cfn_template(infra_plan(*plan_recs()["inference-components"]))
    (config,) = _by_type(template, "AWS::SageMaker::EndpointConfig")
    (variant,) = config["Properties"]["ProductionVariants"]
    assert "ModelName" not in variant and variant["ManagedInstanceScaling"]["MinInstanceCount"] == 0
    (component,) = _by_type(template, "AWS::SageMaker::InferenceComponent")
    assert component["Properties"]["Specification"]["ModelName"] == {
        "Fn::Sub": "${NamePrefix}-model"
    }
    (target,) = _by_type(template, "AWS::ApplicationAutoScaling::ScalableTarget")
    assert target["Properties"]["ScalableDimension"] == (
        "sagemaker:inference-component:DesiredCopyCount"
    )
    assert target["Properties"]["MinCapacity"] == 0 and target["DependsOn"] == "InferenceComponent"


def test_every_path_of_a_project_is_in_one_template() -> None:
    rec, pack, project = two_paths()
    template = yaml.safe_load(cloudformation_yaml(rec, pack, project))
    resources = template["Resources"]
    assert {"ApiModel", "ApiEndpoint", "ApiScalingPolicy", "NightlyModel"} <= set(resources)
    assert resources["NightlyModel"]["Properties"]["ModelName"] == {
        "Fn::Sub": "${NamePrefix}-nightly-model"
    }
    assert "NightlyTransformJobRequest" in template["Outputs"]
    assert {"ApiImageUri", "NightlyImageUri", "ApiScalingTargetValue"} <= set(
        template["Parameters"]
    )


def test_transform_job_is_a_documented_output() -> None:
    rec, pack = example_recs()["nightly-churn-batch"]
    plan = infra_plan(rec, pack)
    template = cfn_template(plan)
    output = template["Outputs"]["TransformJobRequest"]
    assert "create-transform-job" in output["Description"]
    filled = re.sub(r"\$\{NamePrefix\}", "churn", output["Value"]["Fn::Sub"])
    request = json.loads(filled)
    assert request["ModelName"] == "churn-model"
    assert request["BatchStrategy"] == "MultiRecord" and request["MaxPayloadInMB"] == 6
    assert request == resolve(plan.jobs[0][1].params, fake_values(plan) | {"NamePrefix": "churn"})


def test_api_only_plans_say_there_is_nothing_to_create() -> None:
    rec, pack = example_recs()["image-moderation"]
    template = yaml.safe_load(cloudformation_yaml(rec, pack))
    assert template["Resources"] == {
        "NothingToCreate": {"Type": "AWS::CloudFormation::WaitConditionHandle"}
    }
    assert "Rekognition" in template["Description"]


def test_no_account_id_in_any_template() -> None:
    projects = example_projects()
    for name, (rec, pack) in example_recs().items():
        text = cloudformation_yaml(rec, pack, projects[name])
        assert ACCOUNT not in text and not re.search(r"(?<!\d)\d{12}(?!\d)", text)
