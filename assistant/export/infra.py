"""What a plan asks AWS to create: the one description both infrastructure exports render.

:func:`infra_plan` reads the chosen options and their configuration (each value carries the
API call and parameter path it belongs to, for example ``CreateEndpointConfig`` /
``ProductionVariants[0].InstanceType``) and returns an :class:`InfraPlan`: template
parameters (names, roles, images, the values a user must choose), resources with their
API request (for the boto3 script) and their CloudFormation properties (for the
template), and requests CloudFormation has no resource for (a batch transform job). The
types are in :mod:`.infra_types` and re-exported here.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.decide.engine import Recommendation
from ..core.pack.model import Pack
from .infra_types import (
    COMPONENT_WAITER,
    Call,
    InfraPlan,
    Optional,
    Param,
    Resource,
    Sub,
    param_names,
    resolve,
    set_path,
)

__all__ = [
    "COMPONENT_WAITER",
    "Call",
    "InfraPlan",
    "Optional",
    "Param",
    "Resource",
    "Sub",
    "infra_plan",
    "param_names",
    "resolve",
    "set_path",
    "slug",
]


def _requests(rec: Recommendation) -> dict[str, dict[str, Any]]:
    """The plan's configuration as partial API requests, keyed by API name."""
    out: dict[str, dict[str, Any]] = {}
    for area in rec.areas:
        for c in area.config:
            if c.api and c.path:
                value = list(c.value) if isinstance(c.value, tuple) else c.value
                set_path(out.setdefault(c.api, {}), c.path, value)
    return out


def _config(rec: Recommendation, area_id: str) -> dict[str, Any]:
    for area in rec.areas:
        if area.id == area_id:
            return {c.key: c.value for c in area.config}
    return {}


def _chosen(rec: Recommendation) -> dict[str, str]:
    return {a.id: a.chosen.id for a in rec.areas if a.chosen is not None}


def _logical(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", text) if w) or "X"


def slug(text: str) -> str:
    """A name prefix for resources: lower-case letters, digits and hyphens.

    >>> slug("A/B test of a new ranking model")
    'a-b-test-of-a-new'
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > 24:
            break
        out = f"{out}-{w}" if out else w
    return out or "archassist"


class _Builder:
    """Collects parameters and resources; ``path`` names one path of several (its resources
    and parameters then carry the path's name, so paths never collide)."""

    def __init__(self, rec: Recommendation, path: str = "") -> None:
        self.lp = _logical(path) if path else ""  # logical-id and parameter prefix
        self.np = f"{slug(path)}-" if path else ""  # resource-name prefix
        self.rec = rec
        self.params: dict[str, Param] = {}
        self.resources: list[Resource] = []
        self.jobs: list[tuple[str, Call, str]] = []
        self.notes: list[str] = []

    def param(
        self, name: str, description: str, default: str | None = None, kind: str = "String"
    ) -> Sub:
        self.params.setdefault(name, Param(name, description, default, kind))
        return Sub("${" + name + "}")

    def name(self, suffix: str) -> Sub:
        return Sub("${NamePrefix}-" + self.np + suffix)

    def lid(self, logical: str) -> str:
        return self.lp + logical

    def role(self) -> Sub:
        return self.param(
            "ExecutionRoleArn", "IAM role SageMaker AI assumes to read the model and images"
        )

    # -- SageMaker -------------------------------------------------------------------
    def model(self, request: dict[str, Any], variant: str, first: bool) -> Resource:
        logical = self.lid("Model" if first else f"Model{_logical(variant)}")
        label = self.lp + ("" if first else _logical(variant))
        props: dict[str, Any] = {"ModelName": self.name("model" if first else f"model-{variant}")}
        props["ExecutionRoleArn"] = self.role()
        containers = request.get("Containers")
        if containers:
            props["Containers"] = [
                {
                    **c,
                    "Image": self.param(
                        f"{label}{_logical(c.get('ContainerHostname', str(i)))}ImageUri",
                        f"Container image of '{c.get('ContainerHostname', i)}'"
                        + (f" in variant '{variant}'" if label else ""),
                    ),
                }
                for i, c in enumerate(containers)
            ]
        else:
            primary = dict(request.get("PrimaryContainer") or {})
            primary["Image"] = self.param(
                f"{label}ImageUri",
                "Inference container image (ECR URI)"
                + (f" of variant '{variant}'" if label else ""),
            )
            if "ModelDataUrl" not in primary:
                name = f"{label}ModelDataUrl"
                self.param(
                    name,
                    "S3 URI of the model artifact (model.tar.gz); empty when the image holds it"
                    + (f" (variant '{variant}')" if label else ""),
                    "",
                )
                primary["ModelDataUrl"] = Optional(name, Sub("${" + name + "}"))
            props["PrimaryContainer"] = primary
        if request.get("InferenceExecutionConfig"):
            props["InferenceExecutionConfig"] = request["InferenceExecutionConfig"]
        res = Resource(
            logical, "AWS::SageMaker::Model", props, (Call("sagemaker", "CreateModel", props),)
        )
        self.resources.append(res)
        return res

    def variants(self, key: str, request: dict[str, Any], serverless: bool) -> list[dict[str, Any]]:
        """The variants under ``key``; later variants take the first one's instance type."""
        first = (request.get("ProductionVariants") or [{}])[0]
        out = []
        for i, v in enumerate(request.get(key) or []):
            variant = {"VariantName": "AllTraffic" if i == 0 else f"variant-{i + 1}", **v}
            if serverless:
                variant.pop("InstanceType", None)
                variant.pop("InitialInstanceCount", None)
            else:
                variant.setdefault(
                    "InstanceType",
                    first.get("InstanceType")
                    or self.param(self.lid("InstanceType"), "Instance type of the endpoint"),
                )
                variant.setdefault("InitialInstanceCount", 1)
            variant.setdefault("InitialVariantWeight", 1.0)
            out.append(variant)
        return out

    def endpoint(self, requests: dict[str, dict[str, Any]], kind: str) -> None:
        ec = dict(requests.get("CreateEndpointConfig") or {})
        ec.setdefault("ProductionVariants", [{}])
        serverless = kind == "serverless"
        variants = self.variants("ProductionVariants", ec, serverless)
        shadows = self.variants("ShadowProductionVariants", ec, serverless)
        components = "CreateInferenceComponent" in requests
        served = variants[:1] if components else variants + shadows
        models = [
            self.model(requests.get("CreateModel") or {}, v["VariantName"], i == 0)
            for i, v in enumerate(served)
        ]
        props: dict[str, Any] = {"EndpointConfigName": self.name("config")}
        if components:  # the models live in inference components, not in the variants
            props["ExecutionRoleArn"] = self.role()
            for v in variants:
                v.pop("InitialVariantWeight", None)
                if "ManagedInstanceScaling" in v:
                    v["ManagedInstanceScaling"] = {
                        "Status": "ENABLED",
                        **v["ManagedInstanceScaling"],
                        "MaxInstanceCount": self.param(
                            self.lid("MaxInstanceCount"),
                            "Most instances the endpoint may grow to",
                            None,
                            "Integer",
                        ),
                    }
        else:
            for v, mres in zip(served, models, strict=True):
                v["ModelName"] = mres.properties["ModelName"]
        props["ProductionVariants"] = variants
        if shadows:
            props["ShadowProductionVariants"] = shadows
        if kind == "async" and ec.get("AsyncInferenceConfig"):
            props["AsyncInferenceConfig"] = ec["AsyncInferenceConfig"]
        if kind != "serverless":  # serverless endpoints cannot capture data (FACTS.md)
            uri = self.param(
                "DataCaptureS3Uri",
                "S3 URI for captured requests and responses; empty: no data capture",
                "",
            )
            capture = {
                "EnableCapture": True,
                "InitialSamplingPercentage": 100,
                "DestinationS3Uri": uri,
                "CaptureOptions": [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}],
            }
            props["DataCaptureConfig"] = Optional("DataCaptureS3Uri", capture)
        deps = tuple(r.logical_id for r in models)
        self.resources.append(
            Resource(
                self.lid("EndpointConfig"),
                "AWS::SageMaker::EndpointConfig",
                props,
                (Call("sagemaker", "CreateEndpointConfig", props),),
                deps,
            )
        )
        ep = {
            "EndpointName": self.name("endpoint"),
            "EndpointConfigName": props["EndpointConfigName"],
        }
        wait = ("endpoint_in_service", {"EndpointName": ep["EndpointName"]})
        self.resources.append(
            Resource(
                self.lid("Endpoint"),
                "AWS::SageMaker::Endpoint",
                ep,
                (Call("sagemaker", "CreateEndpoint", ep, wait),),
                (self.lid("EndpointConfig"),),
            )
        )
        if components:
            self.component(requests["CreateInferenceComponent"], models[0], variants[0])
        self.scaling(requests, variants[0]["VariantName"])

    def component(self, request: dict[str, Any], model: Resource, variant: dict[str, Any]) -> None:
        """One inference component holding the model (copy it for each further model)."""
        needs = {
            "MinMemoryRequiredInMb": self.param(
                self.lid("ComponentMemoryMb"),
                "Memory reserved for each copy of the model, in MB",
                None,
                "Integer",
            ),
            "NumberOfCpuCoresRequired": self.param(
                self.lid("ComponentCpuCores"),
                "CPU cores reserved for each copy of the model",
                None,
                "Number",
            ),
        }
        props = {
            "InferenceComponentName": self.name("component"),
            "EndpointName": self.name("endpoint"),
            "VariantName": variant["VariantName"],
            "Specification": {
                "ModelName": model.properties["ModelName"],
                "ComputeResourceRequirements": needs,
            },
            "RuntimeConfig": dict(request.get("RuntimeConfig") or {"CopyCount": 1}),
        }
        wait = (COMPONENT_WAITER, {"InferenceComponentName": props["InferenceComponentName"]})
        self.resources.append(
            Resource(
                self.lid("InferenceComponent"),
                "AWS::SageMaker::InferenceComponent",
                props,
                (Call("sagemaker", "CreateInferenceComponent", props, wait),),
                (self.lid("Endpoint"), model.logical_id),
            )
        )
        self.notes.append(
            "One inference component holds the model; copy it for each further model."
        )

    def scaling(self, requests: dict[str, dict[str, Any]], variant: str) -> None:
        target = dict(requests.get("RegisterScalableTarget") or {})
        policy = dict(requests.get("PutScalingPolicy") or {})
        if not target:
            return
        scaled = self.lid("Endpoint")
        if str(target.get("ScalableDimension", "")).startswith("sagemaker:inference-component"):
            target["ResourceId"] = Sub("inference-component/" + self.name("component").template)
            scaled = self.lid("InferenceComponent")
        else:
            endpoint = self.name("endpoint").template
            target["ResourceId"] = Sub(f"endpoint/{endpoint}/variant/{variant}")
        self.resources.append(
            Resource(
                self.lid("ScalableTarget"),
                "AWS::ApplicationAutoScaling::ScalableTarget",
                target,
                (Call("application-autoscaling", "RegisterScalableTarget", target),),
                (scaled,),
            )
        )
        if not policy:
            return
        tt = dict(policy.get("TargetTrackingScalingPolicyConfiguration") or {})
        custom = tt.get("CustomizedMetricSpecification")
        if custom:
            tt["CustomizedMetricSpecification"] = {
                "Namespace": "AWS/SageMaker",
                "Dimensions": [{"Name": "EndpointName", "Value": self.name("endpoint")}],
                "Statistic": "Average",
                **custom,
            }
            described = f"the target of {custom.get('MetricName', 'the metric')}"
        else:
            per = "copy" if target["ResourceId"].template.startswith("inference-") else "instance"
            described = f"invocations per {per} to aim for (find it with a load test)"
        tt["TargetValue"] = self.param(
            self.lid("ScalingTargetValue"), described[:1].upper() + described[1:], None, "Number"
        )
        api = {
            "PolicyName": self.name("scaling"),
            "ServiceNamespace": target["ServiceNamespace"],
            "ResourceId": target["ResourceId"],
            "ScalableDimension": target["ScalableDimension"],
            "PolicyType": policy.get("PolicyType", "TargetTrackingScaling"),
            "TargetTrackingScalingPolicyConfiguration": tt,
        }
        cfn = {
            "PolicyName": api["PolicyName"],
            "PolicyType": api["PolicyType"],
            "ScalingTargetId": {"Ref": self.lid("ScalableTarget")},
            "TargetTrackingScalingPolicyConfiguration": tt,
        }
        self.resources.append(
            Resource(
                self.lid("ScalingPolicy"),
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                cfn,
                (Call("application-autoscaling", "PutScalingPolicy", api),),
                (self.lid("ScalableTarget"),),
            )
        )

    def transform(self, requests: dict[str, dict[str, Any]]) -> None:
        model = self.model(requests.get("CreateModel") or {}, "AllTraffic", True)
        job = dict(requests.get("CreateTransformJob") or {})
        job = {
            "TransformJobName": self.name("transform"),
            "ModelName": model.properties["ModelName"],
            **job,
        }
        description = (
            "CreateTransformJob request (CloudFormation has no transform job resource: a job"
            " runs once). Start it with: aws sagemaker create-transform-job --cli-input-json"
            " '<this value>'"
        )
        self.jobs.append(
            (
                self.lid("TransformJobRequest"),
                Call("sagemaker", "CreateTransformJob", job),
                description,
            )
        )

    # -- streams ----------------------------------------------------------------------
    def ingestion(self, chosen: dict[str, str]) -> None:
        ingest = chosen.get("ingestion")
        if ingest == "kinesis-data-streams":
            cfg = _config(self.rec, "ingestion")
            mode = str(cfg.get("StreamMode", "ON_DEMAND"))
            props: dict[str, Any] = {
                "Name": self.name("events"),
                "StreamModeDetails": {"StreamMode": mode},
            }
            api: dict[str, Any] = {
                "StreamName": props["Name"],
                "StreamModeDetails": {"StreamMode": mode},
            }
            if mode == "PROVISIONED":
                props["ShardCount"] = api["ShardCount"] = self.param(
                    "ShardCount", "Number of shards of the stream", None, "Integer"
                )
            calls = [
                Call(
                    "kinesis", "CreateStream", api, ("stream_exists", {"StreamName": props["Name"]})
                )
            ]
            if "RetentionHours" in cfg:
                props["RetentionPeriodHours"] = cfg["RetentionHours"]
                if int(str(cfg["RetentionHours"])) > 24:  # 24 h is the default, no call needed
                    calls.append(
                        Call(
                            "kinesis",
                            "IncreaseStreamRetentionPeriod",
                            {
                                "StreamName": props["Name"],
                                "RetentionPeriodHours": cfg["RetentionHours"],
                            },
                        )
                    )
            self.resources.append(
                Resource("EventStream", "AWS::Kinesis::Stream", props, tuple(calls))
            )
        elif ingest == "kinesis-video-streams":
            props = {"Name": self.name("video")}
            self.resources.append(
                Resource(
                    "VideoStream",
                    "AWS::KinesisVideo::Stream",
                    props,
                    (Call("kinesisvideo", "CreateStream", {"StreamName": props["Name"]}),),
                )
            )
        elif ingest == "firehose":
            self.firehose(chosen.get("transformation") == "firehose-lambda")

    def firehose(self, with_lambda: bool) -> None:
        s3: dict[str, Any] = {
            "BucketARN": self.param("DeliveryBucketArn", "ARN of the S3 bucket Firehose writes to"),
            "RoleARN": self.param("FirehoseRoleArn", "IAM role Firehose assumes to write to S3"),
        }
        if with_lambda:
            s3["ProcessingConfiguration"] = {
                "Enabled": True,
                "Processors": [
                    {
                        "Type": "Lambda",
                        "Parameters": [
                            {
                                "ParameterName": "LambdaArn",
                                "ParameterValue": self.param(
                                    "TransformFunctionArn",
                                    "ARN of the Lambda function that transforms each record",
                                ),
                            }
                        ],
                    }
                ],
            }
        props = {
            "DeliveryStreamName": self.name("delivery"),
            "DeliveryStreamType": "DirectPut",
            "ExtendedS3DestinationConfiguration": s3,
        }
        self.resources.append(
            Resource(
                "DeliveryStream",
                "AWS::KinesisFirehose::DeliveryStream",
                props,
                (Call("firehose", "CreateDeliveryStream", props),),
            )
        )


def _build(rec: Recommendation, path: str, title: str) -> _Builder:
    b = _Builder(rec, path)
    b.param("NamePrefix", "Prefix of every resource name", slug(title))
    chosen = _chosen(rec)
    requests = _requests(rec)
    b.ingestion(chosen)
    kind = chosen.get("deployment")
    if kind in ("realtime", "serverless", "async"):
        b.endpoint(requests, kind)
    elif kind == "batch":
        b.transform(requests)
    return b


def _api_only(rec: Recommendation, pack: Pack) -> list[str]:
    return [
        pack.services[a.chosen.service].name
        for a in rec.areas
        if a.id == "ai_service"
        and a.chosen is not None
        and a.chosen.service
        and a.chosen.service in pack.services
        and a.chosen.id != "sagemaker-custom"
    ]


def infra_plan(rec: Recommendation, pack: Pack, project: Any = None) -> InfraPlan:
    """What ``rec`` asks AWS to create, for the CloudFormation and boto3 exports.

    When ``project`` holds several inference paths, every path is decided and all of them
    go into one plan; each path's resources and parameters carry its name, and what the
    paths share (the same stream) is made once.
    """
    title = rec.diagram.title or getattr(project, "title", "") or "archassist plan"
    paths = tuple(getattr(project, "paths", ()) or ())
    if len(paths) > 1:
        from ..core.decide.engine import recommend

        shared = dict(project.answers)
        named = [(p.name, recommend(pack, {**shared, **p.answers})) for p in paths]
    else:
        named = [("", rec)]
    params: dict[str, Param] = {}
    resources: dict[str, Resource] = {}
    jobs: list[tuple[str, Call, str]] = []
    notes: dict[str, None] = {}
    api_only: dict[str, None] = {}
    for name, path_rec in named:
        b = _build(path_rec, name, title)
        for param in b.params.values():
            params.setdefault(param.name, param)
        for res in b.resources:
            resources.setdefault(res.logical_id, res)
        jobs += b.jobs
        notes.update(dict.fromkeys(b.notes))
        api_only.update(dict.fromkeys(_api_only(path_rec, pack)))
    return InfraPlan(
        title=title,
        description=f"{title} (generated by archassist from pack {rec.pack_id} {rec.pack_version})",
        params=tuple(params.values()),
        resources=tuple(resources.values()),
        jobs=tuple(jobs),
        api_only=tuple(api_only),
        notes=tuple(notes),
    )
