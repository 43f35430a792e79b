"""Check-mode rules for SageMaker AI: endpoint configs, endpoints, models and jobs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..pack import model as m
from .check_judge import Judge, as_list, get, num

__all__ = [
    "endpoint",
    "endpoint_config",
    "exclusion",
    "gpu_image",
    "model",
    "training_job",
    "transform_job",
]


# --- SageMaker hosting -------------------------------------------------------------------------


def endpoint_config(j: Judge, d: Mapping[str, Any]) -> None:
    variants = as_list(d.get("ProductionVariants"))
    _variant_count(j, variants, "ProductionVariants")
    _weights(j, variants, "InitialVariantWeight")
    serverless = False
    for i, v in enumerate(variants):
        path = f"ProductionVariants[{i}]"
        if v.get("AcceleratorType"):
            _elastic_inference(j, f"{path}.AcceleratorType", v["AcceleratorType"])
        if isinstance(v.get("ServerlessConfig"), Mapping):
            serverless = True
            _serverless(j, v["ServerlessConfig"], f"{path}.ServerlessConfig", len(variants))
        else:
            _instance_count(j, v.get("InitialInstanceCount"), f"{path}.InitialInstanceCount")
    if serverless:
        _serverless_exclusions(j, d)


def endpoint(j: Judge, d: Mapping[str, Any]) -> None:
    if d.get("EndpointStatus") == "Failed":
        j.add(
            "error",
            "EndpointStatus",
            "Failed",
            "InService",
            f"The endpoint failed: {d.get('FailureReason') or 'no reason given'}.",
            "Fix the cause named in FailureReason, then update the endpoint.",
        )
    variants = as_list(d.get("ProductionVariants"))
    _variant_count(j, variants, "ProductionVariants")
    _weights(j, variants, "CurrentWeight")
    serverless = False
    for i, v in enumerate(variants):
        path = f"ProductionVariants[{i}]"
        config = v.get("CurrentServerlessConfig")
        if isinstance(config, Mapping):
            serverless = True
            _serverless(j, config, f"{path}.CurrentServerlessConfig", len(variants))
        else:
            _instance_count(j, v.get("CurrentInstanceCount"), f"{path}.CurrentInstanceCount")
    if serverless and get(d, "DataCaptureConfig.EnableCapture") is True:
        exclusion(j, "DataCaptureConfig.EnableCapture", "data capture")


def _variant_count(j: Judge, variants: list[Any], field: str) -> None:
    fact = j.fact("variants.max_per_endpoint")
    if fact is None:
        return
    if not variants:
        j.add(
            "error",
            field,
            "0 variants",
            f"1-{fact.value_text()}",
            "An endpoint needs at least one production variant.",
            "Add a production variant.",
            (fact.id,),
        )
    j.at_most(
        fact.id,
        field,
        len(variants),
        f"{len(variants)} production variants are more than an endpoint can hold.",
        "Split the variants over two endpoints, or retire the ones that lost their test.",
    )


def _weights(j: Judge, variants: list[Any], key: str) -> None:
    if len(variants) < 2 or j.fact("variants.traffic_share") is None:
        return
    weights = [num(v.get(key)) for v in variants]
    known = [w for w in weights if w is not None]
    if len(known) == len(weights) and sum(known) == 0:
        j.add(
            "error",
            f"ProductionVariants[*].{key}",
            "all 0",
            "share = weight / sum of weights",
            "Every variant has weight 0, so no variant receives traffic.",
            "Give the variant that should serve a weight above 0.",
            ("variants.traffic_share",),
        )
        return
    for i, w in enumerate(weights):
        if w == 0:
            j.add(
                "info",
                f"ProductionVariants[{i}].{key}",
                0,
                "share = weight / sum of weights",
                f"Variant {variants[i].get('VariantName', i)} has weight 0 and receives no traffic"
                " unless a request names it with TargetVariant.",
                "Raise its weight when it should take a share, or remove it.",
                ("variants.traffic_share", "variants.target_variant"),
            )


def _instance_count(j: Judge, count: object, field: str) -> None:
    fact = j.fact("hosting.two_instances")
    n = num(count)
    if fact is None or n is None or num(fact.value) is None:
        return
    if n < (num(fact.value) or 0):
        j.add(
            "warning",
            field,
            count,
            f"at least {fact.value_text()} recommended",
            "A single instance cannot spread over Availability Zones: one failure stops the"
            " endpoint.",
            f"Run at least {fact.value_text()} (autoscaling MinCapacity too).",
            (fact.id,),
        )


def _elastic_inference(j: Judge, field: str, value: object) -> None:
    j.add(
        "warning",
        field,
        value,
        "Elastic Inference: no longer available",
        "The variant asks for an Elastic Inference accelerator, which AWS no longer offers;"
        " the AcceleratorType field is no longer supported.",
        "Remove AcceleratorType; serve from a GPU instance (ml.g*), an Inferentia instance"
        " (ml.inf*), or a CPU instance sized for the model.",
        ("elastic_inference.status",),
    )


def _serverless(j: Judge, config: Mapping[str, Any], path: str, n_variants: int) -> None:
    memory = j.fact("serverless.memory_mb")
    size = config.get("MemorySizeInMB")
    if memory is not None and isinstance(memory.value, tuple) and size is not None:
        allowed = [num(v) for v in memory.value]
        if num(size) not in allowed:
            lo, hi = m.format_value(memory.value[0]), m.format_value(memory.value[-1])
            step = m.format_value(memory.value[1] - memory.value[0])  # type: ignore[operator]
            j.add(
                "error",
                f"{path}.MemorySizeInMB",
                size,
                f"{lo}-{hi} MB in {step} MB steps",
                f"Serverless memory {m.format_value(size)} MB is not one of the sizes AWS offers.",
                f"Pick one of {m.format_value(memory.value)} MB.",
                (memory.id,),
            )
    for key in ("MaxConcurrency", "ProvisionedConcurrency"):
        j.at_most(
            "serverless.max_concurrency",
            f"{path}.{key}",
            config.get(key),
            f"{key} is above what one serverless endpoint allows.",
            "Lower it, or move to instance-based real-time hosting with autoscaling.",
        )
    if n_variants > 1:
        exclusion(j, path, "multiple production variants")


def _serverless_exclusions(j: Judge, d: Mapping[str, Any]) -> None:
    if get(d, "DataCaptureConfig.EnableCapture") is True:
        exclusion(j, "DataCaptureConfig.EnableCapture", "data capture")
    if d.get("VpcConfig"):
        exclusion(j, "VpcConfig", "VPC configuration")
    if d.get("EnableNetworkIsolation") is True:
        exclusion(j, "EnableNetworkIsolation", "network isolation")


def exclusion(j: Judge, field: str, feature: str) -> None:
    j.add(
        "error",
        field,
        feature,
        "serverless inference excludes it",
        f"Serverless Inference does not support {feature}.",
        f"Drop {feature}, or host on instances (real-time) where it is supported.",
        ("serverless.exclusions",),
    )


def model(j: Judge, d: Mapping[str, Any]) -> None:
    containers = as_list(d.get("Containers"))
    j.at_most(
        "mce.max_containers",
        "Containers",
        len(containers),
        f"{len(containers)} containers are more than one model can hold.",
        "Merge steps into fewer containers, or split the model in two.",
    )
    mme = [i for i, c in enumerate(containers) if c.get("Mode") == "MultiModel"]
    fact = j.fact("mme.with_pipeline")
    if fact is not None and len(containers) > 1 and len(mme) > (num(fact.value) or 1):
        j.add(
            "error",
            f"Containers[{mme[1]}].Mode",
            f"{len(mme)} MultiModel containers",
            f"at most {fact.value_text()}",
            "A serial inference pipeline may hold only one multi-model container.",
            "Keep one MultiModel container; make the others SingleModel.",
            (fact.id,),
        )


# --- jobs ----------------------------------------------------------------------------------------

_BINARY_TYPES = tuple(
    [
        "image/",
        "audio/",
        "video/",
        "application/x-image",
        "application/octet-stream",
        "application/pdf",
        "application/x-npy",
        "application/x-recordio",
    ]
)


def transform_job(j: Judge, d: Mapping[str, Any]) -> None:
    payload = d.get("MaxPayloadInMB")
    j.at_most(
        "batch.max_payload_mb",
        "MaxPayloadInMB",
        payload,
        "MaxPayloadInMB is above the batch transform limit.",
        "Lower MaxPayloadInMB; split the input into smaller records or files.",
    )
    concurrency = num(d.get("MaxConcurrentTransforms"))
    size = num(payload)
    if concurrency and size:
        j.at_most(
            "batch.concurrency_x_payload_max",
            "MaxConcurrentTransforms",
            concurrency * size,
            f"MaxConcurrentTransforms x MaxPayloadInMB = {m.format_value(concurrency * size)} MB"
            " is above the limit.",
            "Lower MaxConcurrentTransforms or MaxPayloadInMB so that their product fits.",
        )
    split = get(d, "TransformInput.SplitType") or "None"
    content = str(get(d, "TransformInput.ContentType") or "").lower()
    if d.get("BatchStrategy") and split == "None" and j.fact("batch.strategy") is not None:
        j.add(
            "error",
            "BatchStrategy",
            d["BatchStrategy"],
            "needs SplitType other than None",
            "BatchStrategy only works when the input is split into records.",
            "Set TransformInput.SplitType (Line for text records), or remove BatchStrategy.",
            ("batch.strategy",),
        )
    binary = content.startswith(_BINARY_TYPES)
    if binary and split == "Line" and j.fact("batch.split_binary") is not None:
        j.add(
            "error",
            "TransformInput.SplitType",
            f"Line for {content}",
            "binary input: SplitType None (or RecordIO/TFRecord for record files)",
            "Splitting binary input at newline bytes cuts files such as images apart.",
            "Set SplitType None (one object per request); drop BatchStrategy and"
            " AssembleWith Line.",
            ("batch.split_binary",),
        )
    _join(j, d, content)
    _client_config(j, d.get("ModelClientConfig"))
    _concurrency_vs_vcpus(j, concurrency, str(get(d, "TransformResources.InstanceType") or ""))


def _concurrency_vs_vcpus(j: Judge, concurrency: float | None, instance: str) -> None:
    """A note when more parallel requests go to an instance than the pack says it has vCPUs."""
    family_size = instance.removeprefix("ml.").replace(".", "_")
    vcpus = j.fact(f"instances.{family_size}_vcpus")
    limit = num(vcpus.value) if vcpus is not None else None
    if concurrency is None or limit is None or vcpus is None or concurrency <= limit:
        return
    j.add(
        "info",
        "MaxConcurrentTransforms",
        m.format_value(concurrency),
        f"{vcpus.value_text()} on {instance}",
        f"{m.format_value(concurrency)} parallel requests per instance are more than the"
        f" {vcpus.value_text()} of {instance}; unless the container runs that many workers,"
        " the extra requests wait.",
        "Match MaxConcurrentTransforms to the container's workers (often one per vCPU).",
        (vcpus.id, "batch.max_concurrent_transforms"),
    )


def _join(j: Judge, d: Mapping[str, Any], content: str) -> None:
    fact = j.fact("batch.join_formats")
    if fact is None or get(d, "DataProcessing.JoinSource") != "Input" or not content:
        return
    formats = [str(v) for v in fact.value] if isinstance(fact.value, tuple) else []
    if not any(content.startswith(f) for f in formats):
        j.add(
            "error",
            "DataProcessing.JoinSource",
            f"Input for {content}",
            f"content types {m.format_value(fact.value)}",
            f"Results can only be joined to JSON or CSV input, not to {content}.",
            "Set JoinSource None and keep the input's S3 key to match results to inputs.",
            (fact.id,),
        )


def _client_config(j: Judge, config: object) -> None:
    if not isinstance(config, Mapping):
        return
    j.at_most(
        "batch.invocation_timeout_s",
        "ModelClientConfig.InvocationsTimeoutInSeconds",
        config.get("InvocationsTimeoutInSeconds"),
        "The per-request timeout is above the batch transform limit.",
        "Lower the timeout; process smaller payloads per request.",
    )


def training_job(j: Judge, d: Mapping[str, Any]) -> None:
    j.at_most(
        "training.max_runtime_s",
        "StoppingCondition.MaxRuntimeInSeconds",
        get(d, "StoppingCondition.MaxRuntimeInSeconds"),
        "The training job may run longer than SageMaker AI allows.",
        "Lower MaxRuntimeInSeconds; checkpoint and resume in a new job for longer training.",
    )
    image = str(get(d, "AlgorithmSpecification.TrainingImage") or "")
    instance = str(get(d, "ResourceConfig.InstanceType") or "")
    gpu_image(j, image, instance, "ResourceConfig.InstanceType")
    for key in ("DebugHookConfig", "DebugRuleConfigurations", "ProfilerConfig"):
        if d.get(key):
            j.service_in_use("debugger", key, j._resource)
            break


def gpu_image(j: Judge, image: str, instance: str, field: str) -> None:
    tags = j.fact("dlc.device_tag")
    families = j.fact("instances.gpu_families")
    if tags is None or families is None or not image or not instance:
        return
    gpu_tag = f"-{m.format_value(tags.value[0] if isinstance(tags.value, tuple) else tags.value)}"
    prefixes = (
        tuple(str(v) + "" for v in families.value) if isinstance(families.value, tuple) else ()
    )
    tag = image.rsplit(":", 1)[-1] if ":" in image else ""
    if gpu_tag in f"-{tag}" and not instance.startswith(prefixes):
        j.add(
            "error",
            field,
            f"{instance} for {image.rsplit('/', 1)[-1]}",
            f"a GPU image needs a GPU instance ({', '.join(p + '*' for p in prefixes)})",
            f"The container image is a GPU build, but {instance} has no NVIDIA GPU.",
            "Use a GPU instance type, or the -cpu- build of the image.",
            (tags.id, families.id),
        )
