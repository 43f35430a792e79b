"""Read an account's ML deployment, read-only: only Describe*, List* and Get* calls.

:data:`READS` is the one list of what is read; the IAM policy (:mod:`.policy`) and the
read-only test are made from it. :func:`read_account` walks it with the clients a
:class:`Clients` gives (boto3 with botocore's standard retry mode), pages through every list,
keeps what it could read when a call is denied (the denial becomes a :class:`Denied` naming
the missing permission) and reports progress after each step; a ``cancelled`` callback stops
it between calls.

Nothing read is kept that could hold a secret: container and function ``Environment``
variables are dropped as they arrive, and error messages (which can name the caller's ARN)
are never kept, only the error code.

>>> sorted({r.iam_prefix for r in READS})
['application-autoscaling', 'firehose', 'kinesis', 'kinesisvideo', 'lambda', 'sagemaker']
>>> all(r.operation.startswith(("Describe", "List", "Get")) for r in READS)
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "READS",
    "AccountData",
    "Cancelled",
    "Clients",
    "Denied",
    "Read",
    "read_account",
    "scrub",
]


@dataclass(frozen=True, slots=True)
class Read:
    """One API operation the reader calls."""

    service: str  # boto3 client name
    operation: str  # API name
    iam_prefix: str  # IAM action prefix (the service's authorisation namespace)
    result_key: str = ""  # list operations: the key holding the items
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        return f"{self.iam_prefix}:{self.operation}"

    @property
    def method(self) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation).lower()


_SM = "sagemaker"
_AAS = "application-autoscaling"
READS: tuple[Read, ...] = (
    Read(_SM, "ListEndpoints", _SM, "Endpoints"),
    Read(_SM, "DescribeEndpoint", _SM),
    Read(_SM, "DescribeEndpointConfig", _SM),
    Read(_SM, "DescribeModel", _SM),
    Read(_SM, "ListInferenceComponents", _SM, "InferenceComponents"),
    Read(_SM, "DescribeInferenceComponent", _SM),
    Read(_SM, "ListTransformJobs", _SM, "TransformJobSummaries"),
    Read(_SM, "DescribeTransformJob", _SM),
    Read(_SM, "ListTrainingJobs", _SM, "TrainingJobSummaries"),
    Read(_SM, "DescribeTrainingJob", _SM),
    Read(_AAS, "DescribeScalableTargets", _AAS, "ScalableTargets", {"ServiceNamespace": _SM}),
    Read(_AAS, "DescribeScalingPolicies", _AAS, "ScalingPolicies", {"ServiceNamespace": _SM}),
    Read("kinesis", "ListStreams", "kinesis", "StreamNames"),
    Read("kinesis", "DescribeStreamSummary", "kinesis"),
    Read("firehose", "ListDeliveryStreams", "firehose", "DeliveryStreamNames"),
    Read("firehose", "DescribeDeliveryStream", "firehose"),
    Read("kinesisvideo", "ListStreams", "kinesisvideo", "StreamInfoList"),
    Read("lambda", "ListFunctions", "lambda", "Functions"),
)
_BY_OP = {(r.service, r.operation): r for r in READS}
_SERVICE_OF = {r.operation: r.service for r in READS if r.service != "kinesisvideo"}


class Clients(Protocol):
    def client(self, service: str) -> Any: ...


class Cancelled(Exception):
    """The reading was cancelled; what was read so far is in ``data``."""

    def __init__(self, data: AccountData) -> None:
        super().__init__("cancelled")
        self.data = data


@dataclass(frozen=True, slots=True)
class Denied:
    """A call that failed: ``permission`` is the IAM action, ``code`` the AWS error code."""

    permission: str
    code: str
    resource: str = ""


@dataclass
class AccountData:
    """What was read, as the AWS API returned it (minus secrets)."""

    endpoints: list[dict[str, Any]] = field(default_factory=list)  # DescribeEndpoint
    endpoint_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    inference_components: list[dict[str, Any]] = field(default_factory=list)
    transform_jobs: list[dict[str, Any]] = field(default_factory=list)
    training_jobs: list[dict[str, Any]] = field(default_factory=list)
    scalable_targets: list[dict[str, Any]] = field(default_factory=list)
    scaling_policies: list[dict[str, Any]] = field(default_factory=list)
    streams: list[dict[str, Any]] = field(default_factory=list)  # StreamDescriptionSummary
    delivery_streams: list[dict[str, Any]] = field(default_factory=list)
    video_streams: list[dict[str, Any]] = field(default_factory=list)  # StreamInfo
    functions: list[dict[str, Any]] = field(default_factory=list)
    denied: list[Denied] = field(default_factory=list)
    calls: int = 0  # calls made
    answered: int = 0  # calls that returned a result


_SECRET_KEYS = frozenset({"Environment", "ResponseMetadata"})


def _clean(value: Any) -> Any:
    """``value`` without environment variables (they can hold secrets) and metadata."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in _SECRET_KEYS}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


_ACCOUNT = re.compile(r"(?<![0-9])[0-9]{12}(?![0-9])")


def scrub(value: Any) -> Any:
    """``value`` with every 12-digit account id replaced.

    >>> scrub({"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/x"})
    {'EndpointArn': 'arn:aws:sagemaker:us-east-1:<account-id>:endpoint/x'}
    """
    if isinstance(value, str):
        return _ACCOUNT.sub("<account-id>", value)
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


class _Reader:
    def __init__(
        self,
        clients: Clients,
        progress: Callable[[int, int, str], None] | None,
        cancelled: Callable[[], bool] | None,
        page_size: int | None = None,
    ) -> None:
        self.page_size = page_size
        self.clients = clients
        self.progress = progress or (lambda done, total, text: None)
        self.cancelled = cancelled or (lambda: False)
        self.data = AccountData()
        self._clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = self.clients.client(service)
        return self._clients[service]

    def _check(self) -> None:
        if self.cancelled():
            raise Cancelled(self.data)

    def _failed(self, read: Read, exc: Exception, resource: str = "") -> None:
        # the error code or the exception's class name, never its message (it can name
        # the caller's ARN or an endpoint URL with credentials in it)
        code = type(exc).__name__
        response = getattr(exc, "response", None)
        if isinstance(response, dict):
            code = str(response.get("Error", {}).get("Code") or code)
        self.data.denied.append(Denied(read.action, code, resource))

    def call(self, operation: str, resource: str = "", **kwargs: Any) -> dict[str, Any] | None:
        """One Describe/Get call; None when it failed (the failure is recorded)."""
        self._check()
        read = _BY_OP[_SERVICE_OF[operation], operation]
        self.data.calls += 1
        try:
            result = getattr(self.client(read.service), read.method)(**read.kwargs, **kwargs)
        except Exception as exc:  # every failure is a finding; the reading goes on
            self._failed(read, exc, resource)
            return None
        self.data.answered += 1
        cleaned: dict[str, Any] = _clean(result)
        return cleaned

    def listing(self, operation: str, service: str = "") -> Iterator[Any]:
        """Every item of a list operation, page after page."""
        self._check()
        read = _BY_OP[service or _SERVICE_OF[operation], operation]
        client = self.client(read.service)
        try:
            if client.can_paginate(read.method):
                paging = {"PageSize": self.page_size} if self.page_size else {}
                pages = client.get_paginator(read.method).paginate(
                    **read.kwargs, PaginationConfig=paging
                )
                for page in pages:
                    self._check()
                    self.data.calls += 1
                    self.data.answered += 1
                    yield from _clean(page.get(read.result_key, []))
            else:
                yield from self._manual_pages(client, read)
        except Cancelled:
            raise
        except Exception as exc:  # denied or failed: keep what the other calls read
            self._failed(read, exc)

    def _manual_pages(self, client: Any, read: Read) -> Iterator[Any]:
        # Firehose's ListDeliveryStreams has no paginator: it pages by the last name seen.
        kwargs: dict[str, Any] = dict(read.kwargs)
        if self.page_size:
            kwargs["Limit"] = self.page_size
        while True:
            self._check()
            self.data.calls += 1
            page = getattr(client, read.method)(**kwargs)
            self.data.answered += 1
            items = page.get(read.result_key, [])
            yield from items
            if not items or not page.get("HasMoreDeliveryStreams"):
                return
            kwargs["ExclusiveStartDeliveryStreamName"] = items[-1]

    # -- steps ------------------------------------------------------------------------
    def endpoints(self) -> None:
        for summary in self.listing("ListEndpoints"):
            ep = self.call(
                "DescribeEndpoint", summary["EndpointArn"], EndpointName=summary["EndpointName"]
            )
            if ep is None:
                continue
            self.data.endpoints.append(ep)
            name = ep.get("EndpointConfigName")
            if name and name not in self.data.endpoint_configs:
                config = self.call(
                    "DescribeEndpointConfig", ep["EndpointArn"], EndpointConfigName=name
                )
                if config is not None:
                    self.data.endpoint_configs[name] = config
                    self.models(config)

    def model(self, name: object, used_by: object) -> None:
        """DescribeModel for ``name`` once (several endpoints and jobs can share a model)."""
        if isinstance(name, str) and name and name not in self.data.models:
            model = self.call("DescribeModel", str(used_by or ""), ModelName=name)
            if model is not None:
                self.data.models[name] = model

    def models(self, config: dict[str, Any]) -> None:
        variants = config.get("ProductionVariants", []) + config.get("ShadowProductionVariants", [])
        for v in variants:
            self.model(v.get("ModelName"), config.get("EndpointConfigArn"))

    def inference_components(self) -> None:
        for s in self.listing("ListInferenceComponents"):
            ic = self.call(
                "DescribeInferenceComponent",
                s.get("InferenceComponentArn", ""),
                InferenceComponentName=s["InferenceComponentName"],
            )
            if ic is not None:
                self.data.inference_components.append(ic)
                spec = ic.get("Specification") or {}
                self.model(spec.get("ModelName"), ic.get("InferenceComponentArn"))

    def transform_jobs(self) -> None:
        for s in self.listing("ListTransformJobs"):
            job = self.call(
                "DescribeTransformJob",
                s.get("TransformJobArn", ""),
                TransformJobName=s["TransformJobName"],
            )
            if job is not None:
                self.data.transform_jobs.append(job)
                self.model(job.get("ModelName"), job.get("TransformJobArn"))

    def training_jobs(self) -> None:
        for s in self.listing("ListTrainingJobs"):
            job = self.call(
                "DescribeTrainingJob",
                s.get("TrainingJobArn", ""),
                TrainingJobName=s["TrainingJobName"],
            )
            if job is not None:
                job.pop("HyperParameters", None)  # free-form: may hold tokens
                self.data.training_jobs.append(job)

    def scaling(self) -> None:
        self.data.scalable_targets.extend(self.listing("DescribeScalableTargets"))
        self.data.scaling_policies.extend(self.listing("DescribeScalingPolicies"))

    def streams(self) -> None:
        for name in self.listing("ListStreams"):
            s = self.call("DescribeStreamSummary", name, StreamName=name)
            if s is not None:
                self.data.streams.append(s.get("StreamDescriptionSummary", {}))
        for name in self.listing("ListDeliveryStreams"):
            d = self.call("DescribeDeliveryStream", name, DeliveryStreamName=name)
            if d is not None:
                self.data.delivery_streams.append(d.get("DeliveryStreamDescription", {}))
        self.data.video_streams.extend(self.listing("ListStreams", "kinesisvideo"))

    def functions(self) -> None:
        self.data.functions.extend(self.listing("ListFunctions"))


STEPS: tuple[tuple[str, str], ...] = (
    ("endpoints", "SageMaker AI endpoints, endpoint configs and models"),
    ("inference_components", "inference components"),
    ("transform_jobs", "batch transform jobs"),
    ("training_jobs", "training jobs"),
    ("scaling", "autoscaling targets and policies"),
    ("streams", "Kinesis data and video streams, Firehose delivery streams"),
    ("functions", "Lambda functions"),
)


def read_account(
    clients: Clients,
    *,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    page_size: int | None = None,
) -> AccountData:
    """Read everything in :data:`READS` through ``clients``.

    Args:
        clients: gives a boto3 client per service name (a ``boto3.Session``).
        progress: called as ``progress(done, total, what)`` before each step and at the end.
        cancelled: polled before every call; when it returns True the reading stops.
        page_size: items per page of the list calls (default: the service's).

    Raises:
        Cancelled: ``cancelled()`` returned True; the exception carries the partial data.
    """
    reader = _Reader(clients, progress, cancelled, page_size)
    total = len(STEPS)
    for i, (step, what) in enumerate(STEPS):
        reader.progress(i, total, what)
        getattr(reader, step)()
    reader.progress(total, total, "done")
    return reader.data
