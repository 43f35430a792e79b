"""Check-mode rules for streams, Lambda functions, design resources and projects."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..pack import model as m
from .check_judge import Judge, Severity, as_list, get, num
from .check_rules import exclusion, gpu_image

__all__ = [
    "DESIGN_KEYS",
    "delivery_stream",
    "design_resource",
    "kinesis_stream",
    "lambda_function",
    "project",
]


# --- streaming and functions ----------------------------------------------------------------------


def kinesis_stream(j: Judge, d: Mapping[str, Any]) -> None:
    if d.get("EncryptionType", "NONE") == "NONE" and j.fact("kds.encryption") is not None:
        j.add(
            "warning",
            "EncryptionType",
            d.get("EncryptionType", "not set"),
            "KMS",
            "The stream keeps its records unencrypted at rest.",
            "Turn on server-side encryption: aws kinesis start-stream-encryption"
            " --encryption-type KMS --key-id alias/aws/kinesis.",
            ("kds.encryption",),
        )
    j.at_most(
        "kds.retention_hours",
        "RetentionPeriodHours",
        d.get("RetentionPeriodHours"),
        "The retention period is longer than a stream can keep records.",
        "Lower the retention; archive older records to S3 with Firehose.",
    )
    fact = j.fact("kds.max_record_mib")
    size = num(d.get("MaxRecordSizeInKiB"))
    if fact is not None and isinstance(fact.value, tuple) and size is not None:
        high = num(fact.value[-1]) or 0
        if size > high * 1024:  # the fact is in MiB, the field in KiB
            j.add(
                "error",
                "MaxRecordSizeInKiB",
                d["MaxRecordSizeInKiB"],
                f"at most {m.format_value(fact.value[-1])} MiB ({m.format_value(high * 1024)} KiB)",
                "The maximum record size is above what a stream allows.",
                "Keep records smaller; put large objects in S3 and send their keys.",
                (fact.id,),
            )


def delivery_stream(j: Judge, d: Mapping[str, Any]) -> None:
    sse = get(d, "DeliveryStreamEncryptionConfiguration.Status") or "DISABLED"
    if (
        d.get("DeliveryStreamType", "DirectPut") == "DirectPut"
        and sse == "DISABLED"
        and j.fact("firehose.encryption") is not None
    ):
        j.add(
            "warning",
            "DeliveryStreamEncryptionConfiguration.Status",
            sse,
            "ENABLED",
            "Records wait in the Firehose stream unencrypted at rest.",
            "aws firehose start-delivery-stream-encryption --delivery-stream-name NAME.",
            ("firehose.encryption",),
        )
    for i, dest in enumerate(as_list(d.get("Destinations"))):
        for kind in ("ExtendedS3DestinationDescription", "S3DestinationDescription"):
            desc = dest.get(kind)
            if not isinstance(desc, Mapping):
                continue
            path = f"Destinations[{i}].{kind}"
            hints = desc.get("BufferingHints")
            if isinstance(hints, Mapping):
                j.within(
                    "firehose.buffer_size_mib",
                    f"{path}.BufferingHints.SizeInMBs",
                    hints.get("SizeInMBs"),
                    "The buffer size",
                )
                j.within(
                    "firehose.buffer_interval_s",
                    f"{path}.BufferingHints.IntervalInSeconds",
                    hints.get("IntervalInSeconds"),
                    "The buffer interval",
                )
            _processors(j, desc.get("ProcessingConfiguration"), f"{path}.ProcessingConfiguration")


def _processors(j: Judge, config: object, path: str) -> None:
    if not isinstance(config, Mapping) or config.get("Enabled") is False:
        return
    for i, proc in enumerate(as_list(config.get("Processors"))):
        for k, param in enumerate(as_list(proc.get("Parameters"))):
            field = f"{path}.Processors[{i}].Parameters[{k}]"
            if param.get("ParameterName") == "BufferSizeInMBs":
                j.within(
                    "firehose.lambda_buffer",
                    field,
                    param.get("ParameterValue"),
                    "The Lambda buffer size",
                )
            elif param.get("ParameterName") == "BufferIntervalInSeconds":
                j.within(
                    "firehose.buffer_interval_s",
                    field,
                    param.get("ParameterValue"),
                    "The Lambda buffer interval",
                )


def lambda_function(j: Judge, d: Mapping[str, Any]) -> None:
    j.at_most(
        "lambda.max_timeout_s",
        "Timeout",
        d.get("Timeout"),
        "The timeout is above the longest a Lambda invocation can run.",
        "Lower the timeout; move longer work to a SageMaker async endpoint or a job.",
    )
    j.at_most(
        "lambda.max_memory_mb",
        "MemorySize",
        d.get("MemorySize"),
        "The memory size is above what a Lambda function can use.",
        "Lower MemorySize.",
    )
    fact = j.fact("lambda.deprecated_runtimes")
    runtime = d.get("Runtime")
    if fact is not None and isinstance(fact.value, tuple) and runtime in fact.value:
        j.add(
            "warning",
            "Runtime",
            runtime,
            "a supported runtime",
            f"The runtime {runtime} is deprecated: it gets no security patches, and AWS blocks"
            " creating and then updating functions that use it.",
            "Move the function to the newest runtime of its language and test it.",
            (fact.id,),
        )


# --- designs and projects -----------------------------------------------------------------------

# resource type -> (field, fact) pairs compared with at_most
_DESIGN_LIMITS: dict[str, tuple[tuple[str, str], ...]] = {
    "realtime-endpoint": (
        ("payload_mb", "realtime.max_payload_mb"),
        ("timeout_s", "realtime.timeout_s"),
    ),
    "endpoint-config": (
        ("payload_mb", "realtime.max_payload_mb"),
        ("timeout_s", "realtime.timeout_s"),
    ),
    "serverless-endpoint": (
        ("payload_mb", "serverless.max_payload_mb"),
        ("timeout_s", "serverless.timeout_s"),
    ),
    "async-endpoint": (
        ("payload_mb", "async.max_payload_mb"),
        ("timeout_s", "async.max_invocation_timeout_s"),
    ),
    "batch-transform": (("record_mb", "batch.max_payload_mb"),),
    "transform-job": (("record_mb", "batch.max_payload_mb"),),
    "lambda": (("payload_mb", "lambda.sync_payload_mb"), ("timeout_s", "lambda.max_timeout_s")),
    "firehose": (("record_kib", "firehose.max_record_kib"),),
    "training-job": (("max_runtime_s", "training.max_runtime_s"),),
}
DESIGN_KEYS = frozenset(
    [
        "name",
        "type",
        "services",
        "aws",
        "notes",
        "payload_mb",
        "timeout_s",
        "record_mb",
        "record_kib",
        "max_runtime_s",
        "instance_type",
        "image",
        "gpu",
    ]
)
_FIXES = {
    "payload_mb": "Send the payload through S3 (asynchronous inference or batch transform).",
    "timeout_s": "Use asynchronous inference or a job for long processing.",
    "record_mb": "Split records, or use asynchronous inference for very large single inputs.",
    "record_kib": "Keep records small: put large objects in S3 and send their keys.",
    "max_runtime_s": "Checkpoint and continue in a new job.",
}


def design_resource(j: Judge, rtype: str, res: Mapping[str, Any]) -> None:
    for key, fact_id in _DESIGN_LIMITS.get(rtype, ()):
        if key in res:
            j.at_most(
                fact_id,
                key,
                res[key],
                f"{key} {m.format_value(res[key])} is over the {rtype} limit.",
                _FIXES[key],
            )
    if rtype == "serverless-endpoint" and res.get("gpu") is True:
        exclusion(j, "gpu", "GPUs")
    if res.get("image") and res.get("instance_type"):
        gpu_image(j, str(res["image"]), str(res["instance_type"]), "instance_type")


def project(j: Judge, data: Mapping[str, Any], name: str) -> None:
    """A project, each path decided as the app would: closed services, dead ends, conflicts."""
    from .engine import recommend

    shared = _answers(j, data.get("answers"), name, "answers.")
    paths = [p for p in as_list(data.get("paths")) if isinstance(p.get("name"), str | int)]
    named = [("", shared)] if not paths else []
    for i, p in enumerate(paths):
        own = _answers(j, p.get("answers"), name, f"paths[{i}].answers.")
        named.append((str(p["name"]), {**shared, **own}))
    kinds: dict[str, Severity] = {
        "closed": "warning",
        "discontinued": "warning",
        "no_option": "error",
        "conflict": "info",
    }
    for path_name, answers in named:
        rec = recommend(j.pack, answers, find_open_questions=False, lay_out=False)
        where = f"{name} (path {path_name})" if path_name else name
        for res in rec.areas:
            with j.resource(where, f"{res.id}."):
                for w in res.warnings:
                    if w.kind in kinds:
                        j.add(
                            kinds[w.kind],
                            res.chosen.id if res.chosen else "",
                            res.chosen.title if res.chosen else "nothing",
                            "available to this account" if w.kind != "conflict" else "-",
                            w.text,
                            "Change the answers that lead here, or plan the replacement."
                            if w.kind != "conflict"
                            else "Check that the answer that decided is the one that matters.",
                            w.facts,
                            w.sources,
                        )


def _answers(j: Judge, raw: object, name: str, prefix: str) -> dict[str, Any]:
    from ..pack.answers import answer_problems

    raw = raw if isinstance(raw, Mapping) else {}
    good, bad = answer_problems(j.pack, raw)
    with j.resource(name, prefix):
        for qid, why in bad:
            j.add(
                "warning",
                qid,
                raw.get(qid),
                "a valid answer",
                f"Answer dropped: {why}.",
                "Answer the question again in the app.",
            )
    return dict(good)
