"""The vocabulary of :mod:`assistant.export.infra`: parameters, resources, calls, the plan.

Values that depend on a template parameter are :class:`Sub` strings in CloudFormation's
``${Name}`` syntax (or :class:`Optional`, left out when the parameter is empty);
:func:`resolve` fills them in, :func:`param_names` lists the parameters a value uses.

>>> resolve({"A": Sub("${NamePrefix}-model")}, {"NamePrefix": "shop"})
{'A': 'shop-model'}
>>> set_path({}, "ProductionVariants[1].InstanceType", "ml.m5.xlarge")
{'ProductionVariants': [{}, {'InstanceType': 'ml.m5.xlarge'}]}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "COMPONENT_WAITER",
    "Call",
    "InfraPlan",
    "Optional",
    "Param",
    "Resource",
    "Sub",
    "param_names",
    "resolve",
    "set_path",
]


@dataclass(frozen=True, slots=True)
class Sub:
    """A string with ``${Param}`` references to template parameters."""

    template: str

    def names(self) -> list[str]:
        return re.findall(r"\$\{(\w+)\}", self.template)


@dataclass(frozen=True, slots=True)
class Optional:
    """``value`` only when parameter ``param`` is not empty (else the key is left out)."""

    param: str
    value: Any


@dataclass(frozen=True, slots=True)
class Param:
    name: str  # CloudFormation parameter name; the script's option is its kebab form
    description: str
    default: str | None = None  # None: the user must give it
    kind: str = "String"  # or "Number" (a float) or "Integer"


@dataclass(frozen=True, slots=True)
class Call:
    """One boto3 call: ``client(service).<method>(**params)``; ``waiter`` waits after it."""

    service: str
    operation: str  # API name, e.g. CreateEndpointConfig
    params: Mapping[str, Any]
    waiter: tuple[str, Mapping[str, Any]] | None = None

    @property
    def method(self) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", self.operation).lower()


@dataclass(frozen=True, slots=True)
class Resource:
    logical_id: str
    cfn_type: str
    properties: Mapping[str, Any]
    calls: tuple[Call, ...]
    depends_on: tuple[str, ...] = ()
    comment: str = ""


@dataclass(frozen=True, slots=True)
class InfraPlan:
    title: str
    description: str
    params: tuple[Param, ...]
    resources: tuple[Resource, ...]
    # Requests CloudFormation cannot make (a transform job runs once, it is no resource).
    jobs: tuple[tuple[str, Call, str], ...] = ()  # (output name, call, description)
    # Services the plan uses through their API only (nothing to create).
    api_only: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


# botocore has no waiter for inference components: the boto3 script polls for this one
COMPONENT_WAITER = "inference_component_in_service"

_INDEX = re.compile(r"^(\w+)\[(\d+)\]$")


def set_path(target: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set ``value`` at a dotted API path such as ``A.B[2].C`` inside ``target``."""
    node: Any = target
    parts = path.split(".")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        match = _INDEX.match(part)
        if match:
            key, idx = match.group(1), int(match.group(2))
            items = node.setdefault(key, [])
            while len(items) <= idx:
                items.append({})
            if last:
                items[idx] = value
            node = items[idx]
        elif last:
            node[part] = value
        else:
            node = node.setdefault(part, {})
    return target


def resolve(value: Any, values: Mapping[str, str]) -> Any:
    """``value`` with every :class:`Sub` filled in from ``values``.

    An :class:`Optional` whose parameter is empty is left out of its mapping.
    """
    if isinstance(value, Sub):
        whole = re.fullmatch(r"\$\{(\w+)\}", value.template)
        if whole:
            return values[whole.group(1)]
        return re.sub(r"\$\{(\w+)\}", lambda m: str(values[m.group(1)]), value.template)
    if isinstance(value, Optional):
        return resolve(value.value, values) if values.get(value.param) else _DROP
    if isinstance(value, Mapping):
        items = {k: resolve(v, values) for k, v in value.items()}
        return {k: v for k, v in items.items() if v is not _DROP}
    if isinstance(value, list | tuple):
        return [resolve(v, values) for v in value]
    return value


_DROP = object()


def param_names(value: Any) -> set[str]:
    """Every parameter ``value`` refers to (through :class:`Sub` or :class:`Optional`).

    >>> sorted(param_names({"A": [Sub("${X}-${Y}")], "B": Optional("Z", 1)}))
    ['X', 'Y', 'Z']
    """
    if isinstance(value, Sub):
        return set(value.names())
    if isinstance(value, Optional):
        return {value.param} | param_names(value.value)
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return set().union(*(param_names(v) for v in value)) if value else set()
    return set()
