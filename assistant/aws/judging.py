"""Judge what was read with the engine's check mode; failed calls become findings.

Each resource goes to ``check_document`` in the JSON shape the AWS CLI prints for it, and
each finding is tied to the resource's ARN. A denied call becomes an ``error`` finding that
names the missing IAM permission (for example ``sagemaker:DescribeEndpoint``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..core.pack import model as m
from .reading import AccountData, Denied

__all__ = ["Finding", "denied_finding", "judge_account"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding, with the fields of ``assistant.core.decide.check.Finding``."""

    severity: Literal["error", "warning", "info"]
    resource: str
    field: str
    found: str
    limit: str
    text: str
    fix: str
    facts: tuple[str, ...] = ()
    sources: tuple[m.Source, ...] = ()


def denied_finding(d: Denied) -> Finding:
    """The finding for a call that failed."""
    denied = "AccessDenied" in d.code or d.code in ("UnauthorizedOperation", "Forbidden")
    if denied:
        text = f"Not allowed to call {d.permission}; what it reads is missing from the import."
        fix = f"Allow {d.permission} (see 'archassist import --policy')."
    else:
        text = f"{d.permission} failed ({d.code}); what it reads is missing from the import."
        fix = "Try again later, or check that the service is available in this region."
    return Finding(
        "error" if denied else "warning",
        d.resource or d.permission.split(":")[0],
        d.permission,
        d.code,
        "read-only access",
        text,
        fix,
    )


def _documents(data: AccountData) -> Iterator[tuple[str, dict[str, Any]]]:
    """(ARN, document in the AWS CLI's shape) for every resource read."""
    for ep in data.endpoints:
        yield str(ep.get("EndpointArn", ep.get("EndpointName"))), ep
    for config in data.endpoint_configs.values():
        yield str(config.get("EndpointConfigArn", config.get("EndpointConfigName"))), config
    for model in data.models.values():
        yield str(model.get("ModelArn", model.get("ModelName"))), model
    for job in data.transform_jobs:
        yield str(job.get("TransformJobArn", job.get("TransformJobName"))), job
    for job in data.training_jobs:
        yield str(job.get("TrainingJobArn", job.get("TrainingJobName"))), job
    for s in data.streams:
        yield str(s.get("StreamARN", s.get("StreamName"))), {"StreamDescriptionSummary": s}
    for d in data.delivery_streams:
        arn = str(d.get("DeliveryStreamARN", d.get("DeliveryStreamName")))
        yield arn, {"DeliveryStreamDescription": d}
    for f in data.functions:
        yield str(f.get("FunctionArn", f.get("FunctionName"))), f


def _check(pack: m.Pack, document: dict[str, Any], name: str) -> list[Finding]:
    """The one place that calls the engine's check mode (``core/decide/check``)."""
    from ..core.decide.check import DocumentError, check_document

    try:
        found = check_document(pack, document, name=name)
    except DocumentError:
        return []  # a shape check mode does not judge (yet): nothing to say
    return [
        Finding(f.severity, name, f.field, f.found, f.limit, f.text, f.fix, f.facts, f.sources)
        for f in found
    ]


def judge_account(pack: m.Pack, data: AccountData) -> tuple[Finding, ...]:
    """Findings for every resource in ``data`` (resource = its ARN) and every failed call."""
    out = [denied_finding(d) for d in data.denied]
    for arn, document in _documents(data):
        out += _check(pack, document, arn)
    order = {"error": 0, "warning": 1, "info": 2}
    return tuple(sorted(out, key=lambda f: (order[f.severity], f.resource, f.field)))
