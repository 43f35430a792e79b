"""From what was read to a plan: one inference path per endpoint or job family.

Each path's answers are what the deployed settings say about the workload, and only that:
a serverless variant says the traffic is intermittent and needs no GPU; an asynchronous
config says callers wait seconds to minutes; two weighted variants say an A/B split with the
second variant's share; a serial inference pipeline says how many steps; a scalable target
says the most instances allowed. Questions the account cannot answer (payload size, latency
in seconds, ...) stay open, and each path says where each answer came from.

Streams and delivery streams are shared by all paths (the account does not link them to an
endpoint): they give the ingestion answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .reading import AccountData

__all__ = ["AccountPlan", "ImportedPath", "account_plan", "job_family"]

_GPU_FAMILIES = ("ml.g", "ml.p")  # NVIDIA GPU instance families (Inferentia is ml.inf)


@dataclass
class ImportedPath:
    name: str
    kind: str  # realtime | serverless | async | batch | training
    answers: dict[str, Any] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)  # ARNs (or names) it was made from
    why: list[str] = field(default_factory=list)  # where each answer came from


@dataclass
class AccountPlan:
    shared: dict[str, Any] = field(default_factory=dict)
    shared_why: list[str] = field(default_factory=list)
    paths: list[ImportedPath] = field(default_factory=list)


def job_family(name: str) -> str:
    """A job name without its run suffix (date, time, counter or random id).

    >>> job_family("churn-scoring-2024-05-01-02-00-13-123")
    'churn-scoring'
    >>> job_family("nightly-7f3a9c1b")
    'nightly'
    >>> job_family("train")
    'train'
    """
    base = re.sub(r"(-(\d+|[0-9a-f]{8,}))+$", "", name)
    return base or name


def _base(path: ImportedPath) -> None:
    path.answers.update(task="custom-prediction", aws_account="existing-with-access")
    path.why.append("task, aws_account: the account runs SageMaker AI resources")


def _instances(variants: Iterable[dict[str, Any]]) -> str:
    return next((str(v.get("InstanceType", "")) for v in variants if v.get("InstanceType")), "")


def _endpoint_path(data: AccountData, ep: dict[str, Any]) -> ImportedPath:
    config = data.endpoint_configs.get(str(ep.get("EndpointConfigName", ""))) or {}
    variants = list(config.get("ProductionVariants") or ep.get("ProductionVariants") or [])
    shadows = list(config.get("ShadowProductionVariants") or [])
    arn = str(ep.get("EndpointArn", ep.get("EndpointName", "")))
    a: dict[str, Any] = {}
    path = ImportedPath(f"endpoint {ep.get('EndpointName', '')}", "realtime", a, [arn])
    _base(path)
    if config.get("EndpointConfigArn"):
        path.resources.append(str(config["EndpointConfigArn"]))
    serverless = [v["ServerlessConfig"] for v in variants if v.get("ServerlessConfig")]
    if serverless:
        path.kind = "serverless"
        a.update(latency="interactive", traffic="intermittent", gpu=False, vpc_required=False)
        a["peak_concurrency"] = int(serverless[0].get("MaxConcurrency", 1))
        path.why.append(
            "latency, traffic, gpu, vpc_required, peak_concurrency: a serverless variant"
            " (no GPU, no VPC; MaxConcurrency)"
        )
    elif config.get("AsyncInferenceConfig"):
        path.kind = "async"
        a.update(latency="near-realtime", traffic="intermittent")
        path.why.append("latency, traffic: an asynchronous inference config (queued requests)")
    else:
        a.update(latency="interactive", traffic="steady")
        path.why.append("latency, traffic: a real-time endpoint on instances")
    a["dataset_upfront"] = False
    itype = _instances(variants)
    if itype:
        a["gpu"] = itype.startswith(_GPU_FAMILIES)
        path.why.append(f"gpu: instance type {itype}")
    _hosting(data, path, variants, shadows)
    _scaling(data, path, str(ep.get("EndpointName", "")), variants)
    _components(data, path, str(ep.get("EndpointName", "")), variants)
    return path


def _components(
    data: AccountData, path: ImportedPath, endpoint: str, variants: list[dict[str, Any]]
) -> None:
    """Inference components on the endpoint: how many models, and the fewest copies kept."""
    found = [c for c in data.inference_components if c.get("EndpointName") == endpoint]
    if not found:
        return
    a = path.answers
    a["model_count"] = len(found)
    copies = []
    for c in found:
        name = str(c.get("InferenceComponentName", ""))
        path.resources.append(str(c.get("InferenceComponentArn", name)))
        target = next(
            (
                t
                for t in data.scalable_targets
                if t.get("ResourceId") == f"inference-component/{name}"
            ),
            None,
        )
        runtime = c.get("RuntimeConfig") or {}
        copies.append(
            int(target["MinCapacity"])
            if target is not None
            else int(runtime.get("CurrentCopyCount", runtime.get("DesiredCopyCount", 1)))
        )
    a["min_copies"] = min(copies)
    path.why.append(
        "model_count, min_copies: the endpoint's inference components (their scalable"
        " targets' MinCapacity, else their copy count)"
    )
    managed = (variants[0].get("ManagedInstanceScaling") or {}) if variants else {}
    if managed.get("MaxInstanceCount"):
        a["max_instances"] = int(managed["MaxInstanceCount"])
        path.why.append("max_instances: the variant's managed instance scaling maximum")


def _hosting(
    data: AccountData,
    path: ImportedPath,
    variants: list[dict[str, Any]],
    shadows: list[dict[str, Any]],
) -> None:
    a = path.answers
    model = data.models.get(str(variants[0].get("ModelName", ""))) if variants else None
    model = model or {}
    if model.get("ModelArn"):
        path.resources.append(str(model["ModelArn"]))
    if model.get("VpcConfig") or model.get("EnableNetworkIsolation"):
        a["vpc_required"] = True
        path.why.append("vpc_required: the model runs in a VPC or with network isolation")
    elif path.kind != "serverless":
        a["vpc_required"] = False
    containers = list(model.get("Containers") or [])
    mode = str((model.get("InferenceExecutionConfig") or {}).get("Mode", "Serial"))
    primary = model.get("PrimaryContainer") or {}
    a.update(model_count=1, pipeline_steps=1)
    if primary.get("Mode") == "MultiModel":
        a.update(model_count=2, same_framework=True, rarely_used_models=True)
        path.why.append(
            "model_count, same_framework, rarely_used_models: a multi-model container (the"
            " models under its S3 prefix were not counted: 2 stands for 'more than one')"
        )
    elif len(containers) > 1 and mode == "Direct":
        a.update(model_count=len(containers), same_framework=False)
        path.why.append("model_count, same_framework: a multi-container model in Direct mode")
    elif len(containers) > 1:
        a["pipeline_steps"] = len(containers)
        path.why.append("pipeline_steps: a serial inference pipeline of that many containers")
    if shadows:
        a["rollout_test"] = "shadow"
        path.why.append("rollout_test: a shadow variant")
    elif len(variants) > 1:
        weights = [
            float(v.get("CurrentWeight", v.get("InitialVariantWeight", 1.0))) for v in variants
        ]
        a["rollout_test"] = "ab-split"
        a["new_version_share"] = round(100 * weights[-1] / (sum(weights) or 1))
        path.why.append("rollout_test, new_version_share: weighted production variants")
    else:
        a["rollout_test"] = "none"


def _scaling(
    data: AccountData, path: ImportedPath, endpoint: str, variants: list[dict[str, Any]]
) -> None:
    prefix = f"endpoint/{endpoint}/variant/"
    for target in data.scalable_targets:
        if str(target.get("ResourceId", "")).startswith(prefix):
            if path.kind in ("realtime", "async"):
                path.answers["max_instances"] = int(target.get("MaxCapacity", 1))
                path.why.append("max_instances: the scalable target's MaxCapacity")
            path.resources.append(str(target["ResourceId"]))
            return
    if variants and path.kind in ("realtime", "async"):
        count = variants[0].get("CurrentInstanceCount") or variants[0].get("InitialInstanceCount")
        if count:
            path.answers["max_instances"] = int(count)
            path.why.append("max_instances: no autoscaling; the variant's instance count")


def _transform_paths(data: AccountData) -> list[ImportedPath]:
    families: dict[str, list[dict[str, Any]]] = {}
    for job in data.transform_jobs:
        families.setdefault(job_family(str(job.get("TransformJobName", ""))), []).append(job)
    out = []
    for family, jobs in sorted(families.items()):
        a: dict[str, Any] = {}
        path = ImportedPath(f"transform jobs {family}", "batch", a)
        _base(path)
        a.update(latency="offline", traffic="periodic-bulk", dataset_upfront=True)
        path.why.append("latency, traffic, dataset_upfront: batch transform jobs over data in S3")
        itype = str((jobs[0].get("TransformResources") or {}).get("InstanceType", ""))
        if itype:
            a["gpu"] = itype.startswith(_GPU_FAMILIES)
            path.why.append(f"gpu: instance type {itype}")
        a["vpc_required"] = False
        path.resources += [str(j.get("TransformJobArn", j.get("TransformJobName"))) for j in jobs]
        out.append(path)
    return out


def _ingestion(data: AccountData, plan: AccountPlan) -> None:
    if data.video_streams:
        plan.shared["data_arrival"] = "video"
        plan.shared_why.append("data_arrival: Kinesis video streams")
    elif data.streams:
        plan.shared.update(data_arrival="events", event_latency="subsecond")
        plan.shared["stream_consumers"] = (
            max(int(s.get("ConsumerCount", 0) or 0) for s in data.streams) or 1
        )
        modes = {
            str((s.get("StreamModeDetails") or {}).get("StreamMode", "")) for s in data.streams
        }
        plan.shared["traffic_predictable"] = "ON_DEMAND" not in modes
        plan.shared_why.append(
            "data_arrival, event_latency, stream_consumers, traffic_predictable: Kinesis data"
            " streams (their consumers and capacity mode)"
        )
    elif data.delivery_streams:
        plan.shared.update(data_arrival="events", event_latency="minutes", stream_consumers=1)
        plan.shared_why.append(
            "data_arrival, event_latency, stream_consumers: a Firehose delivery stream"
            " (buffered delivery, one destination)"
        )
        lambda_transform = any(
            (d.get("Destinations") or [{}])[0]
            .get("ExtendedS3DestinationDescription", {})
            .get("ProcessingConfiguration", {})
            .get("Enabled")
            for d in data.delivery_streams
        )
        if lambda_transform:
            plan.shared["prep_work"] = "per-record"
            plan.shared_why.append("prep_work: the delivery stream transforms records with Lambda")


def account_plan(data: AccountData) -> AccountPlan:
    """The paths (endpoints, transform job families) and shared answers of ``data``."""
    plan = AccountPlan()
    _ingestion(data, plan)
    plan.paths = [_endpoint_path(data, ep) for ep in data.endpoints]
    plan.paths += _transform_paths(data)
    return plan
