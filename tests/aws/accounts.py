"""Build small accounts in moto: endpoints of each kind, transform jobs, streams."""

from __future__ import annotations

from typing import Any

import boto3

from .conftest import ACCOUNT, REGION

ROLE = f"arn:aws:iam::{ACCOUNT}:role/sagemaker-execution"
IMAGE = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/model:1"
TOKEN = "tok-SECRET-in-environment"


def client(service: str) -> Any:
    return boto3.client(service, region_name=REGION)


def model(name: str, **extra: Any) -> None:
    client("sagemaker").create_model(
        ModelName=name,
        ExecutionRoleArn=ROLE,
        PrimaryContainer={
            "Image": IMAGE,
            "ModelDataUrl": "s3://amzn-s3-demo-bucket/model.tar.gz",
            "Environment": {"API_TOKEN": TOKEN},
            **extra,
        },
    )


def endpoint(name: str, kind: str) -> None:
    """An endpoint named ``name``: realtime, serverless, async or multi-variant."""
    sm = client("sagemaker")
    model(f"{name}-model")
    variant: dict[str, Any] = {"VariantName": "AllTraffic", "ModelName": f"{name}-model"}
    config: dict[str, Any] = {}
    if kind == "serverless":
        variant["ServerlessConfig"] = {"MemorySizeInMB": 2048, "MaxConcurrency": 10}
    else:
        variant.update(InstanceType="ml.m5.xlarge", InitialInstanceCount=2)
    variants = [variant]
    if kind == "async":
        variant["InstanceType"] = "ml.g5.xlarge"
        config["AsyncInferenceConfig"] = {
            "OutputConfig": {"S3OutputPath": "s3://amzn-s3-demo-bucket/async-output/"}
        }
    if kind == "multi-variant":
        model(f"{name}-candidate")
        variant.update(VariantName="current", InitialVariantWeight=80)
        variants.append(
            {
                "VariantName": "candidate",
                "ModelName": f"{name}-candidate",
                "InstanceType": "ml.m5.xlarge",
                "InitialInstanceCount": 1,
                "InitialVariantWeight": 20,
            }
        )
    sm.create_endpoint_config(
        EndpointConfigName=f"{name}-config", ProductionVariants=variants, **config
    )
    sm.create_endpoint(EndpointName=name, EndpointConfigName=f"{name}-config")
    if kind in ("realtime", "async", "multi-variant"):
        client("application-autoscaling").register_scalable_target(
            ServiceNamespace="sagemaker",
            ResourceId=f"endpoint/{name}/variant/{variants[0]['VariantName']}",
            ScalableDimension="sagemaker:variant:DesiredInstanceCount",
            MinCapacity=0 if kind == "async" else 1,
            MaxCapacity=4,
        )


def transform_job(name: str, model_name: str) -> None:
    client("sagemaker").create_transform_job(
        TransformJobName=name,
        ModelName=model_name,
        TransformInput={
            "DataSource": {
                "S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://amzn-s3-demo-bucket/in/"}
            },
            "ContentType": "text/csv",
            "SplitType": "Line",
        },
        TransformOutput={"S3OutputPath": "s3://amzn-s3-demo-bucket/out/"},
        TransformResources={"InstanceType": "ml.m5.xlarge", "InstanceCount": 1},
    )


def lambda_function(name: str) -> None:
    iam = client("iam")
    role = iam.create_role(RoleName=f"{name}-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return event\n")
    client("lambda").create_function(
        FunctionName=name,
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": buf.getvalue()},
        Environment={"Variables": {"API_TOKEN": TOKEN}},
    )
