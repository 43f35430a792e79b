"""Check mode on AWS CLI output shapes, at and just over each limit.

The documents are built from botocore's service models: ``aws_doc`` refuses a field
name the real output shape does not have, so the tests use the names the AWS CLI prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import botocore.session
import pytest

from assistant.core.decide.check import (
    DocumentError,
    Finding,
    check_document,
    detect_kind,
)

_SESSION = botocore.session.get_session()


def _assert_shape(shape: Any, value: Any, path: str) -> None:
    if isinstance(value, Mapping):
        assert shape.type_name in ("structure", "map"), f"{path} is a {shape.type_name}"
        if shape.type_name == "map":
            return
        for key, sub in value.items():
            assert key in shape.members, f"{path}.{key} is not in the botocore shape"
            _assert_shape(shape.members[key], sub, f"{path}.{key}")
    elif isinstance(value, list):
        assert shape.type_name == "list", f"{path} is a {shape.type_name}"
        for i, item in enumerate(value):
            _assert_shape(shape.member, item, f"{path}[{i}]")


def aws_doc(service: str, operation: str, **fields: Any) -> dict[str, Any]:
    """An output document of ``operation`` whose every key is checked against botocore."""
    shape = _SESSION.get_service_model(service).operation_model(operation).output_shape
    _assert_shape(shape, fields, operation)
    return fields


def findings_for(pack: Any, doc: object) -> list[Finding]:
    return list(check_document(pack, doc, name="doc.json"))


def fields(found: list[Finding], severity: str = "error") -> list[str]:
    return [f.field for f in found if f.severity == severity]


def endpoint_config(**variant: Any) -> dict[str, Any]:
    base = {"VariantName": "AllTraffic", "ModelName": "m", **variant}
    return aws_doc(
        "sagemaker",
        "DescribeEndpointConfig",
        EndpointConfigName="cfg",
        EndpointConfigArn="arn:aws:sagemaker:eu-west-1:1:endpoint-config/cfg",
        ProductionVariants=[base],
    )


@pytest.mark.parametrize(
    ("memory", "bad"),
    [(1024, False), (6144, False), (6145, True), (7168, True), (1536, True), (512, True)],
)
def test_serverless_memory(shipped_pack: Any, memory: int, bad: bool) -> None:
    doc = endpoint_config(ServerlessConfig={"MemorySizeInMB": memory, "MaxConcurrency": 5})
    found = findings_for(shipped_pack, doc)
    field = "ProductionVariants[0].ServerlessConfig.MemorySizeInMB"
    assert (field in fields(found)) is bad
    if bad:
        f = next(f for f in found if f.field == field)
        assert f.limit == "1024-6144 MB in 1024 MB steps"
        assert f.found == str(memory)
        assert f.facts == ("serverless.memory_mb",) and f.sources


@pytest.mark.parametrize(("value", "bad"), [(200, False), (201, True)])
def test_serverless_concurrency(shipped_pack: Any, value: int, bad: bool) -> None:
    doc = endpoint_config(
        ServerlessConfig={
            "MemorySizeInMB": 2048,
            "MaxConcurrency": value,
            "ProvisionedConcurrency": value,
        }
    )
    found = fields(findings_for(shipped_pack, doc))
    assert ("ProductionVariants[0].ServerlessConfig.MaxConcurrency" in found) is bad
    assert ("ProductionVariants[0].ServerlessConfig.ProvisionedConcurrency" in found) is bad


def test_serverless_exclusions(shipped_pack: Any) -> None:
    doc = endpoint_config(ServerlessConfig={"MemorySizeInMB": 2048, "MaxConcurrency": 5})
    doc["DataCaptureConfig"] = {"EnableCapture": True, "InitialSamplingPercentage": 10}
    doc["EnableNetworkIsolation"] = True
    aws_doc("sagemaker", "DescribeEndpointConfig", **doc)
    found = fields(findings_for(shipped_pack, doc))
    assert found == ["DataCaptureConfig.EnableCapture", "EnableNetworkIsolation"]


def test_variant_count_at_and_over(shipped_pack: Any) -> None:
    def doc(n: int) -> dict[str, Any]:
        variants = [
            {
                "VariantName": f"v{i}",
                "ModelName": "m",
                "InitialInstanceCount": 2,
                "InstanceType": "ml.m5.large",
                "InitialVariantWeight": 1.0,
            }
            for i in range(n)
        ]
        return aws_doc(
            "sagemaker",
            "DescribeEndpointConfig",
            EndpointConfigName="c",
            ProductionVariants=variants,
        )

    assert findings_for(shipped_pack, doc(10)) == []
    over = findings_for(shipped_pack, doc(11))
    assert fields(over) == ["ProductionVariants"] and over[0].limit == "at most 10 variants"
    assert fields(findings_for(shipped_pack, doc(0))) == ["ProductionVariants"]


def test_weights_and_single_instance(shipped_pack: Any) -> None:
    variants = [
        {
            "VariantName": "a",
            "ModelName": "m",
            "InitialInstanceCount": 1,
            "InstanceType": "ml.m5.large",
            "InitialVariantWeight": 0.0,
        },
        {
            "VariantName": "b",
            "ModelName": "m",
            "InitialInstanceCount": 2,
            "InstanceType": "ml.m5.large",
            "InitialVariantWeight": 0.0,
        },
    ]
    doc = aws_doc(
        "sagemaker", "DescribeEndpointConfig", EndpointConfigName="c", ProductionVariants=variants
    )
    found = findings_for(shipped_pack, doc)
    assert fields(found) == ["ProductionVariants[*].InitialVariantWeight"]
    assert fields(found, "warning") == ["ProductionVariants[0].InitialInstanceCount"]
    variants[1]["InitialVariantWeight"] = 1.0
    found = findings_for(shipped_pack, doc)
    assert fields(found) == [] and fields(found, "info") == [
        "ProductionVariants[0].InitialVariantWeight"
    ]


def test_elastic_inference_is_a_warning_with_a_replacement(shipped_pack: Any) -> None:
    doc = endpoint_config(
        InitialInstanceCount=2, InstanceType="ml.m5.large", AcceleratorType="ml.eia2.medium"
    )
    (f,) = findings_for(shipped_pack, doc)
    assert (f.severity, f.field) == ("warning", "ProductionVariants[0].AcceleratorType")
    assert "ml.g" in f.fix and f.facts == ("elastic_inference.status",)


def test_endpoint_failed_and_current_serverless(shipped_pack: Any) -> None:
    doc = aws_doc(
        "sagemaker",
        "DescribeEndpoint",
        EndpointName="ep",
        EndpointConfigName="c",
        EndpointStatus="Failed",
        FailureReason="image not found",
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "CurrentServerlessConfig": {"MemorySizeInMB": 3000, "MaxConcurrency": 1},
            }
        ],
    )
    assert detect_kind(doc) == "describe-endpoint"
    found = findings_for(shipped_pack, doc)
    assert fields(found) == [
        "EndpointStatus",
        "ProductionVariants[0].CurrentServerlessConfig.MemorySizeInMB",
    ]
    assert "image not found" in found[0].text


def transform(
    payload: int, concurrency: int, content: str = "text/csv", split: str = "Line", **extra: Any
) -> dict[str, Any]:
    return aws_doc(
        "sagemaker",
        "DescribeTransformJob",
        TransformJobName="t",
        ModelName="m",
        TransformJobStatus="Completed",
        MaxPayloadInMB=payload,
        MaxConcurrentTransforms=concurrency,
        TransformInput={
            "ContentType": content,
            "SplitType": split,
            "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in"}},
        },
        TransformOutput={"S3OutputPath": "s3://b/out"},
        TransformResources={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
        **extra,
    )


@pytest.mark.parametrize(
    ("payload", "concurrency", "expected"),
    [
        (100, 1, []),
        (101, 1, ["MaxPayloadInMB", "MaxConcurrentTransforms"]),
        (50, 2, []),
        (51, 2, ["MaxConcurrentTransforms"]),
    ],
)
def test_batch_payload_limits(
    shipped_pack: Any, payload: int, concurrency: int, expected: list[str]
) -> None:
    assert fields(findings_for(shipped_pack, transform(payload, concurrency))) == expected


def test_batch_binary_input_is_not_split_by_lines(shipped_pack: Any) -> None:
    doc = transform(
        20,
        1,
        "image/jpeg",
        "Line",
        BatchStrategy="MultiRecord",
        DataProcessing={"JoinSource": "Input"},
    )
    found = fields(findings_for(shipped_pack, doc))
    assert found == ["TransformInput.SplitType", "DataProcessing.JoinSource"]
    ok = transform(20, 1, "image/jpeg", "None", BatchStrategy="SingleRecord")
    assert fields(findings_for(shipped_pack, ok)) == ["BatchStrategy"]
    csv = transform(
        6,
        4,
        "text/csv",
        "Line",
        BatchStrategy="MultiRecord",
        DataProcessing={"JoinSource": "Input"},
    )
    assert findings_for(shipped_pack, csv) == []


@pytest.mark.parametrize(("timeout", "bad"), [(3600, False), (3601, True)])
def test_batch_invocation_timeout(shipped_pack: Any, timeout: int, bad: bool) -> None:
    doc = transform(6, 1, ModelClientConfig={"InvocationsTimeoutInSeconds": timeout})
    assert bool(fields(findings_for(shipped_pack, doc))) is bad


def training(runtime: int, image: str, instance: str, **extra: Any) -> dict[str, Any]:
    return aws_doc(
        "sagemaker",
        "DescribeTrainingJob",
        TrainingJobName="train",
        TrainingJobStatus="Completed",
        AlgorithmSpecification={"TrainingImage": image, "TrainingInputMode": "File"},
        ResourceConfig={"InstanceType": instance, "InstanceCount": 1, "VolumeSizeInGB": 30},
        StoppingCondition={"MaxRuntimeInSeconds": runtime},
        **extra,
    )


GPU_IMAGE = (
    "763104351884.dkr.ecr.eu-west-1.amazonaws.com/"
    "pytorch-training:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker"
)


def test_training_runtime_and_gpu_image(shipped_pack: Any) -> None:
    assert findings_for(shipped_pack, training(2419200, GPU_IMAGE, "ml.g5.xlarge")) == []
    found = findings_for(shipped_pack, training(2419201, GPU_IMAGE, "ml.m5.xlarge"))
    assert fields(found) == ["StoppingCondition.MaxRuntimeInSeconds", "ResourceConfig.InstanceType"]
    cpu = GPU_IMAGE.replace("-gpu-py311-cu121", "-cpu-py311")
    assert findings_for(shipped_pack, training(3600, cpu, "ml.m5.xlarge")) == []


def test_model_containers(shipped_pack: Any) -> None:
    def doc(n: int, mme: int = 0) -> dict[str, Any]:
        containers = [
            {"Image": f"img{i}", "Mode": "MultiModel" if i < mme else "SingleModel"}
            for i in range(n)
        ]
        return aws_doc(
            "sagemaker",
            "DescribeModel",
            ModelName="m",
            ModelArn="arn:aws:sagemaker:eu-west-1:1:model/m",
            Containers=containers,
        )

    assert findings_for(shipped_pack, doc(15)) == []
    assert fields(findings_for(shipped_pack, doc(16))) == ["Containers"]
    assert fields(findings_for(shipped_pack, doc(3, mme=2))) == ["Containers[1].Mode"]
    assert findings_for(shipped_pack, doc(3, mme=1)) == []


def test_kinesis_stream(shipped_pack: Any) -> None:
    summary = aws_doc(
        "kinesis",
        "DescribeStreamSummary",
        StreamDescriptionSummary={
            "StreamName": "clicks",
            "StreamStatus": "ACTIVE",
            "RetentionPeriodHours": 8760,
            "EncryptionType": "KMS",
            "MaxRecordSizeInKiB": 10240,
            "StreamModeDetails": {"StreamMode": "ON_DEMAND"},
        },
    )
    assert detect_kind(summary) == "describe-stream-summary"
    assert findings_for(shipped_pack, summary) == []
    body = summary["StreamDescriptionSummary"]
    body.update(RetentionPeriodHours=8761, EncryptionType="NONE", MaxRecordSizeInKiB=10241)
    found = findings_for(shipped_pack, summary)
    assert fields(found) == [
        "StreamDescriptionSummary.RetentionPeriodHours",
        "StreamDescriptionSummary.MaxRecordSizeInKiB",
    ]
    assert fields(found, "warning") == ["StreamDescriptionSummary.EncryptionType"]
    assert all(f.resource == "clicks" for f in found)
    stream = aws_doc(
        "kinesis",
        "DescribeStream",
        StreamDescription={"StreamName": "s", "StreamStatus": "ACTIVE", "EncryptionType": "NONE"},
    )
    assert detect_kind(stream) == "describe-stream"
    assert fields(findings_for(shipped_pack, stream), "warning") == [
        "StreamDescription.EncryptionType"
    ]


def firehose(size: int, interval: int, lam: str = "1", sse: str = "ENABLED") -> dict[str, Any]:
    return aws_doc(
        "firehose",
        "DescribeDeliveryStream",
        DeliveryStreamDescription={
            "DeliveryStreamName": "fh",
            "DeliveryStreamType": "DirectPut",
            "DeliveryStreamEncryptionConfiguration": {"Status": sse},
            "Destinations": [
                {
                    "DestinationId": "d",
                    "ExtendedS3DestinationDescription": {
                        "BucketARN": "arn:aws:s3:::b",
                        "RoleARN": "r",
                        "BufferingHints": {"SizeInMBs": size, "IntervalInSeconds": interval},
                        "ProcessingConfiguration": {
                            "Enabled": True,
                            "Processors": [
                                {
                                    "Type": "Lambda",
                                    "Parameters": [
                                        {"ParameterName": "BufferSizeInMBs", "ParameterValue": lam}
                                    ],
                                }
                            ],
                        },
                    },
                }
            ],
        },
    )


def test_firehose_buffers_and_encryption(shipped_pack: Any) -> None:
    assert findings_for(shipped_pack, firehose(128, 900, "3")) == []
    assert findings_for(shipped_pack, firehose(1, 0, "0.2")) == []
    found = findings_for(shipped_pack, firehose(129, 901, "3.1", "DISABLED"))
    base = "DeliveryStreamDescription.Destinations[0].ExtendedS3DestinationDescription."
    assert fields(found) == [
        base + "BufferingHints.SizeInMBs",
        base + "BufferingHints.IntervalInSeconds",
        base + "ProcessingConfiguration.Processors[0].Parameters[0]",
    ]
    assert found[0].limit == "1-128 MiB"
    assert fields(found, "warning") == [
        "DeliveryStreamDescription.DeliveryStreamEncryptionConfiguration.Status"
    ]


@pytest.mark.parametrize(
    ("timeout", "memory", "runtime", "errors", "warnings"),
    [
        (900, 10240, "python3.12", [], []),
        (901, 10241, "python3.8", ["Timeout", "MemorySize"], ["Runtime"]),
    ],
)
def test_lambda(
    shipped_pack: Any,
    timeout: int,
    memory: int,
    runtime: str,
    errors: list[str],
    warnings: list[str],
) -> None:
    doc = aws_doc(
        "lambda",
        "GetFunctionConfiguration",
        FunctionName="f",
        Runtime=runtime,
        Timeout=timeout,
        MemorySize=memory,
    )
    found = findings_for(shipped_pack, doc)
    assert fields(found) == errors and fields(found, "warning") == warnings
    wrapped = aws_doc("lambda", "GetFunction", Configuration=doc)
    assert fields(findings_for(shipped_pack, wrapped)) == [f"Configuration.{e}" for e in errors]


def test_design_limits_and_retired_services(shipped_pack: Any) -> None:
    design = {
        "resources": [
            {"name": "api", "type": "realtime-endpoint", "payload_mb": 6, "timeout_s": 60},
            {"name": "big", "type": "realtime-endpoint", "payload_mb": 6.5, "timeout_s": 61},
            {"name": "slow", "type": "async-endpoint", "payload_mb": 1024, "timeout_s": 3601},
            {"name": "fn", "type": "lambda", "payload_mb": 7, "services": ["elastic-inference"]},
            {"name": "sls", "type": "serverless-endpoint", "gpu": True, "payload_mb": 4},
            {"name": "job", "type": "batch-transform", "aws": transform(101, 1)},
        ]
    }
    found = findings_for(shipped_pack, design)
    by_resource = {(f.resource, f.field) for f in found}
    assert by_resource == {
        ("big", "resources[1].payload_mb"),
        ("big", "resources[1].timeout_s"),
        ("slow", "resources[2].timeout_s"),
        ("fn", "resources[3].payload_mb"),
        ("fn", "resources[3].services"),
        ("sls", "resources[4].gpu"),
        ("t", "resources[5].aws.MaxPayloadInMB"),
        ("t", "resources[5].aws.MaxConcurrentTransforms"),
    }
    retired = next(f for f in found if f.field.endswith("services"))
    assert retired.severity == "warning" and "discontinued" in retired.text


def test_design_problems_are_document_errors(shipped_pack: Any) -> None:
    with pytest.raises(DocumentError, match="type 'rocket' is not known"):
        check_document(shipped_pack, {"resources": [{"type": "rocket"}]}, name="d.yaml")
    with pytest.raises(DocumentError, match="unknown key 'payload'"):
        check_document(shipped_pack, {"resources": [{"type": "lambda", "payload": 1}]}, name="d")
    with pytest.raises(DocumentError, match=r"d\.json:1:1: not a document"):
        check_document(shipped_pack, {"Foo": 1}, name="d.json")
    with pytest.raises(DocumentError, match="expected a mapping"):
        check_document(shipped_pack, [1, 2], name="d.json")


def test_project_with_a_dead_end_is_reported(shipped_pack: Any) -> None:
    project = {"archassist": 1, "answers": {"no_such_question": 3}}
    found = findings_for(shipped_pack, project)
    assert [(f.severity, f.field) for f in found] == [("warning", "answers.no_such_question")]


def test_project_paths_are_each_checked(shipped_pack: Any) -> None:
    from pathlib import Path

    from assistant.core.io.yamlio import load_file

    examples = Path(__file__).resolve().parents[2] / "knowledge" / "aws-ml" / "examples"
    data = load_file(examples / "forecast-migration.archassist.yaml")
    found = findings_for(shipped_pack, data)
    assert [(f.severity, f.resource.endswith("(path current)")) for f in found] == [
        ("warning", True)
    ]
    assert "Amazon Forecast is closed to new customers" in found[0].text


@pytest.mark.parametrize(("concurrency", "note"), [(4, False), (5, True)])
def test_batch_concurrency_against_the_instance_vcpus(
    shipped_pack: Any, concurrency: int, note: bool
) -> None:
    found = findings_for(shipped_pack, transform(6, concurrency))  # on ml.m5.xlarge: 4 vCPUs
    assert fields(found) == []
    assert (fields(found, "info") == ["MaxConcurrentTransforms"]) is note
