"""A CloudFormation template (YAML) of the plan: model, endpoint config, endpoint, autoscaling,
streams and delivery streams, with parameters for names, roles and images.

The resources come from :func:`assistant.export.infra.infra_plan`, the description the boto3
script renders too, so both create the same things. A transform job is no CloudFormation
resource (it runs once): its request is a documented output to start with the AWS CLI. A
plan that only calls an AI service's API has nothing to create; its template holds a single
``AWS::CloudFormation::WaitConditionHandle`` (CloudFormation's usual empty resource) and says
so in its description.

>>> cfn_value(Sub("${NamePrefix}"))
{'Ref': 'NamePrefix'}
>>> cfn_value(Sub("${NamePrefix}-model"))
{'Fn::Sub': '${NamePrefix}-model'}
"""

from __future__ import annotations

import json
from typing import Any

from ..core.decide.engine import Recommendation
from ..core.io.yamlio import dump
from ..core.pack.model import Pack
from .infra import InfraPlan, Optional, Sub, infra_plan, param_names

__all__ = ["cfn_template", "cfn_value", "cloudformation_yaml"]


def _condition(param: str) -> str:
    return f"Has{param}"


def cfn_value(value: Any) -> Any:
    """``value`` with parameter references written as CloudFormation intrinsic functions."""
    if isinstance(value, Sub):
        names = value.names()
        if len(names) == 1 and value.template == "${" + names[0] + "}":
            return {"Ref": names[0]}
        return {"Fn::Sub": value.template}
    if isinstance(value, Optional):
        return {
            "Fn::If": [_condition(value.param), cfn_value(value.value), {"Ref": "AWS::NoValue"}]
        }
    if isinstance(value, dict):
        return {k: cfn_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cfn_value(v) for v in value]
    return value


def _optionals(value: Any, found: set[str]) -> set[str]:
    if isinstance(value, Optional):
        found.add(value.param)
        _optionals(value.value, found)
    elif isinstance(value, dict):
        for v in value.values():
            _optionals(v, found)
    elif isinstance(value, list | tuple):
        for v in value:
            _optionals(v, found)
    return found


def _refs(value: Any, found: set[str]) -> set[str]:
    if isinstance(value, dict):
        if set(value) == {"Ref"}:
            found.add(value["Ref"])
        for v in value.values():
            _refs(v, found)
    elif isinstance(value, list):
        for v in value:
            _refs(v, found)
    return found


def _job_json(params: Any) -> str:
    """The request as JSON for ``--cli-input-json``, ``${...}`` left for ``Fn::Sub``."""

    def plain(v: Any) -> Any:
        if isinstance(v, Sub):
            return v.template
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(params), separators=(",", ":"))


def _resources(plan: InfraPlan) -> tuple[dict[str, Any], set[str], set[str]]:
    """The Resources section, the parameters made optional, and the parameters used."""
    resources: dict[str, Any] = {}
    optional: set[str] = set()
    used: set[str] = set()
    for res in plan.resources:
        props = cfn_value(res.properties)
        optional |= _optionals(res.properties, set())
        refs = _refs(props, set())
        used |= refs | param_names(res.properties)
        body: dict[str, Any] = {"Type": res.cfn_type, "Properties": props}
        # DependsOn only where no Ref already orders the two (cfn-lint W3005)
        depends = [d for d in res.depends_on if d not in refs]
        if depends:
            body["DependsOn"] = depends if len(depends) > 1 else depends[0]
        resources[res.logical_id] = body
    return resources, optional, used


def _outputs(plan: InfraPlan) -> tuple[dict[str, Any], set[str]]:
    """The Outputs section (job requests, the endpoint name) and the parameters used."""
    outputs: dict[str, Any] = {}
    used: set[str] = set()
    for name, call, description in plan.jobs:
        used |= param_names(call.params)
        outputs[name] = {"Description": description, "Value": {"Fn::Sub": _job_json(call.params)}}
    for res in plan.resources:
        if res.cfn_type == "AWS::SageMaker::Endpoint":
            outputs[f"{res.logical_id}Name"] = {
                "Description": "Name of the SageMaker AI endpoint",
                "Value": {"Fn::GetAtt": [res.logical_id, "EndpointName"]},
            }
    return outputs, used


def _parameters(plan: InfraPlan, used: set[str]) -> dict[str, Any]:
    return {
        p.name: {
            "Type": "Number" if p.kind in ("Number", "Integer") else "String",
            "Description": p.description,
            **({"Default": p.default} if p.default is not None else {}),
        }
        for p in plan.params
        if p.name in used
    }


def cfn_template(plan: InfraPlan) -> dict[str, Any]:
    """The template as plain data (dicts, lists, scalars)."""
    template: dict[str, Any] = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": plan.description,
    }
    meta: dict[str, Any] = {}
    if plan.api_only:
        meta["ApiOnlyServices"] = list(plan.api_only)
    if plan.notes:
        meta["Notes"] = list(plan.notes)
    if meta:
        template["Metadata"] = {"archassist": meta}
    resources, optional, used = _resources(plan)
    outputs, used_by_outputs = _outputs(plan)
    if not resources:
        template["Description"] += (
            f". Nothing to create: the plan calls {', '.join(plan.api_only)} through its API"
            if plan.api_only
            else ". Nothing to create"
        )
        resources["NothingToCreate"] = {"Type": "AWS::CloudFormation::WaitConditionHandle"}
    params = _parameters(plan, used | used_by_outputs)
    if params:
        template["Parameters"] = params
    if optional:
        template["Conditions"] = {
            _condition(p): {"Fn::Not": [{"Fn::Equals": [{"Ref": p}, ""]}]} for p in sorted(optional)
        }
    template["Resources"] = resources
    if outputs:
        template["Outputs"] = outputs
    return template


def cloudformation_yaml(rec: Recommendation, pack: Pack, project: Any = None) -> str:
    """The CloudFormation template of ``rec`` (of every path of ``project``) as YAML text."""
    plan = infra_plan(rec, pack, project)
    header = [
        f"# {plan.title}",
        "# CloudFormation template written by archassist. Deploy with:",
        "#   aws cloudformation deploy --template-file THIS.yaml --stack-name NAME \\",
        "#     --parameter-overrides Key=Value ...",
    ]
    return "\n".join(header) + "\n" + dump(cfn_template(plan))
