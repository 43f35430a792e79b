"""Check mode: judge a design or the JSON the AWS CLI prints for a resource.

``check_document(pack, data, name=...)`` takes one parsed document and returns
:class:`Finding` values: each broken limit (``error``), risky setting or retired
service (``warning``) and note (``info``), with the limit, the value found, the pack
facts and their sources, and the fix. Every limit is a fact of the knowledge pack;
this module holds no numbers of its own.

>>> detect_kind({"EndpointConfigName": "e", "ProductionVariants": []})
'describe-endpoint-config'
>>> detect_kind({"resources": []})
'design'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Loc, PackError
from ..io.yamlio import MAX_FILE_BYTES, loads
from ..pack import model as m
from . import check_rules as sm
from . import check_streams as rules
from .check_judge import Finding, Judge

__all__ = ["KINDS", "DocumentError", "Finding", "check_document", "detect_kind", "read_document"]


class DocumentError(Exception):
    """The document cannot be judged; the message names the place (``file:line:col``)."""


# kind -> (the keys that identify it, the checker, the field holding its name)
_Checker = Callable[[Judge, Mapping[str, Any]], None]


@dataclass(frozen=True, slots=True)
class _Kind:
    keys: tuple[str, ...]
    check: _Checker
    name_field: str
    wrapper: str = ""  # the top-level key the AWS CLI wraps the resource in


_KINDS: dict[str, _Kind] = {
    "describe-endpoint": _Kind(("EndpointName", "EndpointStatus"), sm.endpoint, "EndpointName"),
    "describe-endpoint-config": _Kind(
        ("EndpointConfigName", "ProductionVariants"), sm.endpoint_config, "EndpointConfigName"
    ),
    "describe-transform-job": _Kind(
        ("TransformJobName", "TransformInput"), sm.transform_job, "TransformJobName"
    ),
    "describe-training-job": _Kind(
        ("TrainingJobName", "AlgorithmSpecification"), sm.training_job, "TrainingJobName"
    ),
    "describe-model": _Kind(("ModelName", "ModelArn"), sm.model, "ModelName"),
    "describe-stream": _Kind(
        ("StreamDescription",), rules.kinesis_stream, "StreamName", "StreamDescription"
    ),
    "describe-stream-summary": _Kind(
        ("StreamDescriptionSummary",),
        rules.kinesis_stream,
        "StreamName",
        "StreamDescriptionSummary",
    ),
    "describe-delivery-stream": _Kind(
        ("DeliveryStreamDescription",),
        rules.delivery_stream,
        "DeliveryStreamName",
        "DeliveryStreamDescription",
    ),
    "get-function-configuration": _Kind(
        ("FunctionName", "Runtime"), rules.lambda_function, "FunctionName"
    ),
    "get-function": _Kind(
        ("Configuration",), rules.lambda_function, "FunctionName", "Configuration"
    ),
}
KINDS: tuple[str, ...] = (*_KINDS, "project", "design")

# the short resource types a design file may use, and the AWS document kind each maps to
DESIGN_TYPES: dict[str, str] = {
    "endpoint-config": "describe-endpoint-config",
    "endpoint": "describe-endpoint",
    "realtime-endpoint": "describe-endpoint-config",
    "serverless-endpoint": "describe-endpoint-config",
    "async-endpoint": "describe-endpoint-config",
    "transform-job": "describe-transform-job",
    "batch-transform": "describe-transform-job",
    "training-job": "describe-training-job",
    "model": "describe-model",
    "kinesis-stream": "describe-stream",
    "firehose": "describe-delivery-stream",
    "lambda": "get-function-configuration",
}


def _place(data: object, name: str) -> Loc:
    loc = getattr(data, "loc", None)
    return loc if isinstance(loc, Loc) else Loc(name, 1, 1)


_DESIGN_TOP = ("title", "notes", "services", "resources")


def _loc_of(data: object, key: str, name: str) -> Loc:
    loc_of = getattr(data, "loc_of", None)
    return loc_of(key) if callable(loc_of) else _place(data, name)


def detect_kind(data: object) -> str:
    """Which document ``data`` is: an AWS CLI output kind, ``project`` or ``design``.

    Raises:
        DocumentError: not a mapping, or no kind this module knows.
    """
    if not isinstance(data, Mapping):
        raise DocumentError(
            f"{_place(data, '<document>')}: expected a mapping (a JSON object), found"
            f" {type(data).__name__ if data is not None else 'nothing'}"
        )
    if "archassist" in data:
        return "project"
    if "resources" in data:
        return "design"
    for kind, spec in _KINDS.items():
        if all(k in data for k in spec.keys):
            return kind
    return ""


def check_document(pack: m.Pack, data: object, *, name: str) -> tuple[Finding, ...]:
    """Judge one parsed document (AWS CLI describe-*/get-* JSON, a design YAML, or a project).

    Raises:
        DocumentError: the document is not one of :data:`KINDS`; the message names the
            place and lists the kinds that can be checked.
    """
    kind = detect_kind(data)
    assert isinstance(data, Mapping)  # detect_kind raised otherwise
    if not kind:
        keys = ", ".join(list(data)[:6]) or "none"
        raise DocumentError(
            f"{_place(data, name)}: not a document archassist can check (top-level keys: {keys})."
            f" It reads AWS CLI output of {', '.join(_KINDS)}, a design file with 'resources:'"
            " or an archassist project."
        )
    judge = Judge(pack)
    if kind == "project":
        rules.project(judge, data, name)
    elif kind == "design":
        _design(judge, data, name)
    else:
        _aws(judge, kind, data, name)
    return judge.result()


def _aws(judge: Judge, kind: str, data: Mapping[str, Any], name: str) -> None:
    spec = _KINDS[kind]
    body = data[spec.wrapper] if spec.wrapper else data
    if not isinstance(body, Mapping):
        raise DocumentError(f"{_place(body, name)}: '{spec.wrapper}' must be a mapping")
    _judge_body(judge, kind, body, name, f"{spec.wrapper}." if spec.wrapper else "")


def _judge_body(judge: Judge, kind: str, body: Mapping[str, Any], name: str, prefix: str) -> None:
    spec = _KINDS[kind]
    resource = str(body.get(spec.name_field) or name)
    with judge.resource(resource, prefix):
        spec.check(judge, body)


def _design(judge: Judge, data: Mapping[str, Any], name: str) -> None:
    for key in data:
        if key not in _DESIGN_TOP:
            raise DocumentError(
                f"{_loc_of(data, key, name)}: unknown key '{key}' in a design"
                f" (allowed: {', '.join(_DESIGN_TOP)})"
            )
    resources = data.get("resources")
    if not isinstance(resources, list):
        raise DocumentError(f"{_place(resources, name)}: 'resources' must be a list")
    for sid in _strings(data.get("services")):
        judge.service_in_use(sid, "services", name)
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, Mapping):
            raise DocumentError(f"{_place(res, name)}: {where} must be a mapping")
        rtype = res.get("type")
        if rtype not in DESIGN_TYPES:
            raise DocumentError(
                f"{_loc_of(res, 'type', name)}: {where}.type {rtype!r} is not known"
                f" (known: {', '.join(DESIGN_TYPES)})"
            )
        for key in res:
            if key not in rules.DESIGN_KEYS:
                raise DocumentError(
                    f"{_loc_of(res, key, name)}: unknown key '{key}' in {where}"
                    f" (allowed: {', '.join(sorted(rules.DESIGN_KEYS))})"
                )
        label = str(res.get("name") or f"{name}:{where}")
        for sid in _strings(res.get("services")):
            judge.service_in_use(sid, f"{where}.services", label)
        with judge.resource(label, f"{where}."):
            rules.design_resource(judge, str(rtype), res)
        aws = res.get("aws")
        if aws is not None:
            if not isinstance(aws, Mapping):
                raise DocumentError(f"{_place(aws, name)}: {where}.aws must be a mapping")
            _judge_body(judge, DESIGN_TYPES[str(rtype)], aws, label, f"{where}.aws.")


def _strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def read_document(path: Path, shown: str) -> Any:
    """Parse ``path`` as JSON or YAML; raise :class:`DocumentError` naming the first problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(f"{shown}:1:1: file is {size} bytes; the limit is {MAX_FILE_BYTES}")
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{shown}:0:0: cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{shown}:1:1: not UTF-8 text: {exc.reason}") from None
    if not text.strip():
        raise DocumentError(f"{shown}:1:1: the file is empty (expected JSON or YAML)")
    is_json = path.suffix.lower() == ".json" or text.lstrip()[:1] in "{["
    if is_json:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(
                f"{shown}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}"
            ) from None
        except RecursionError:
            raise DocumentError(f"{shown}:1:1: malformed JSON: nested too deeply") from None
    try:
        # JSON is YAML too: the YAML reading keeps the places of keys for later messages
        return loads(text, shown)
    except PackError as exc:
        if is_json:
            return data
        first = exc.problems[0]
        raise DocumentError(str(first)) from None
