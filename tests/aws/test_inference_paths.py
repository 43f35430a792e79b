"""From describe-* JSON (the shapes AWS returns) to paths: what each setting says."""

from __future__ import annotations

from typing import Any

from assistant.aws.importer import path_answers
from assistant.aws.inference_paths import account_plan
from assistant.aws.reading import AccountData
from assistant.core.decide.engine import recommend

ARN = "arn:aws:sagemaker:us-east-1:<account-id>:"


def _data(config: dict[str, Any], model: dict[str, Any]) -> AccountData:
    data = AccountData()
    data.endpoints.append(
        {"EndpointName": "e", "EndpointArn": ARN + "endpoint/e", "EndpointConfigName": "c"}
    )
    data.endpoint_configs["c"] = {
        "EndpointConfigName": "c",
        "EndpointConfigArn": ARN + "endpoint-config/c",
        **config,
    }
    data.models["m"] = {"ModelName": "m", "ModelArn": ARN + "model/m", **model}
    return data


def _hosting(pack: Any, data: AccountData) -> tuple[dict[str, Any], str]:
    plan = account_plan(data)
    answers, dropped = path_answers(plan, plan.paths[0], pack)
    assert not dropped
    rec = recommend(pack, answers)
    return answers, next(a.chosen.id for a in rec.areas if a.id == "hosting" and a.chosen)


VARIANT = {"VariantName": "production", "ModelName": "m", "InstanceType": "ml.m5.xlarge"}


def test_shadow_variant(shipped_pack: Any) -> None:
    config = {
        "ProductionVariants": [VARIANT],
        "ShadowProductionVariants": [{**VARIANT, "VariantName": "shadow"}],
    }
    answers, hosting = _hosting(shipped_pack, _data(config, {"PrimaryContainer": {}}))
    assert answers["rollout_test"] == "shadow" and hosting == "shadow-variant"


def test_multi_container_direct(shipped_pack: Any) -> None:
    model = {
        "Containers": [{"ContainerHostname": "a"}, {"ContainerHostname": "b"}],
        "InferenceExecutionConfig": {"Mode": "Direct"},
    }
    answers, hosting = _hosting(shipped_pack, _data({"ProductionVariants": [VARIANT]}, model))
    assert answers["model_count"] == 2 and hosting == "multi-container-direct"


def test_serial_pipeline_and_vpc(shipped_pack: Any) -> None:
    model = {
        "Containers": [{"ContainerHostname": h} for h in ("pre", "model", "post")],
        "VpcConfig": {"Subnets": ["subnet-1"], "SecurityGroupIds": ["sg-1"]},
    }
    answers, hosting = _hosting(shipped_pack, _data({"ProductionVariants": [VARIANT]}, model))
    assert answers["pipeline_steps"] == 3 and answers["vpc_required"] is True
    assert hosting == "inference-pipeline"


def test_multi_model(shipped_pack: Any) -> None:
    model = {"PrimaryContainer": {"Mode": "MultiModel", "ModelDataUrl": "s3://b/models/"}}
    answers, hosting = _hosting(shipped_pack, _data({"ProductionVariants": [VARIANT]}, model))
    assert answers["same_framework"] is True and hosting == "multi-model"


def test_an_empty_account_has_no_paths() -> None:
    assert account_plan(AccountData()).paths == []


def test_inference_components(shipped_pack: Any) -> None:
    variant = {"VariantName": "AllTraffic", "InstanceType": "ml.g5.xlarge"}
    variant["ManagedInstanceScaling"] = {"Status": "ENABLED", "MinInstanceCount": 0}
    data = _data({"ProductionVariants": [variant]}, {"PrimaryContainer": {}})
    data.inference_components.append(
        {
            "InferenceComponentName": "ic-a",
            "InferenceComponentArn": ARN + "inference-component/ic-a",
            "EndpointName": "e",
            "Specification": {"ModelName": "m"},
            "RuntimeConfig": {"DesiredCopyCount": 1, "CurrentCopyCount": 1},
        }
    )
    data.scalable_targets.append(
        {"ResourceId": "inference-component/ic-a", "MinCapacity": 0, "MaxCapacity": 4}
    )
    answers, hosting = _hosting(shipped_pack, data)
    assert answers["min_copies"] == 0 and answers["model_count"] == 1
    assert hosting == "inference-components"
