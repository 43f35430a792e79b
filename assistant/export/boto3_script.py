"""A runnable Python script that makes the plan's boto3 calls, in the template's order.

The calls come from :func:`assistant.export.infra.infra_plan`, like the CloudFormation
template's resources. Names, roles and images are command-line options of the script (the
template's parameters); options without a default are required. A transform job is started
only with ``--run-jobs``. The script waits for the endpoint to be in service before it
registers the autoscaling target (Application Auto Scaling needs a live variant).

>>> py_value(Sub("${NamePrefix}-model"))
'f"{args.NamePrefix}-model"'
>>> py_value(Sub("${ImageUri}"))
'args.ImageUri'
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import __version__
from ..core.decide.engine import Recommendation
from ..core.pack.model import Pack
from .infra import (
    COMPONENT_WAITER,
    Call,
    InfraPlan,
    Optional,
    Param,
    Sub,
    infra_plan,
    param_names,
)

__all__ = ["boto3_script", "plan_calls", "py_value"]

_IND = "    "


def py_value(value: Any, depth: int = 0) -> str:
    """``value`` as Python source; parameters read from the parsed options ``args``."""
    pad, inner = _IND * depth, _IND * (depth + 1)
    if isinstance(value, Sub):
        names = value.names()
        if len(names) == 1 and value.template == "${" + names[0] + "}":
            return f"args.{names[0]}"
        body = ""
        for literal, name in re.findall(r"([^$]*)(?:\$\{(\w+)\})?", value.template):
            esc = literal.replace("\\", "\\\\").replace('"', '\\"')
            body += esc.replace("{", "{{").replace("}", "}}")
            body += "{args." + name + "}" if name else ""
        return f'f"{body}"'
    if isinstance(value, Optional):
        return f"({py_value(value.value, depth)} if args.{value.param} else None)"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = "".join(
            f"{inner}{json.dumps(k)}: {py_value(v, depth + 1)},\n" for k, v in value.items()
        )
        return "{\n" + items + pad + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = "".join(f"{inner}{py_value(v, depth + 1)},\n" for v in value)
        return "[\n" + items + pad + "]"
    if isinstance(value, str):
        return json.dumps(value)  # a valid Python literal in double quotes
    return repr(value)


def plan_calls(plan: InfraPlan) -> list[tuple[Call, bool]]:
    """Every call in order, and whether it is a job (run only with ``--run-jobs``)."""
    out = [(call, False) for res in plan.resources for call in res.calls]
    out += [(call, True) for _, call, _ in plan.jobs]
    return out


def _option(p: Param) -> str:
    flag = "--" + re.sub(r"(?<!^)(?=[A-Z])", "-", p.name).lower()
    kind = {"Number": "\n        type=float,", "Integer": "\n        type=int,"}.get(p.kind, "")
    need = "required=True" if p.default is None else f"default={json.dumps(p.default)}"
    return (
        f"    parser.add_argument(\n        {json.dumps(flag)},\n        dest={json.dumps(p.name)},"
        f"{kind}\n        {need},\n        help={json.dumps(p.description)},\n    )"
    )


_MAIN = '''

def _prune(value):
    """Leave out the optional settings whose option was not given."""
    if isinstance(value, dict):
        return {{k: _prune(v) for k, v in value.items() if v is not None}}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _wait_for_component(client, InferenceComponentName, delay=30, attempts=60):
    """Poll until the inference component is in service (botocore has no waiter for it)."""
    for _ in range(attempts):
        found = client.describe_inference_component(InferenceComponentName=InferenceComponentName)
        status = found["InferenceComponentStatus"]
        if status == "InService":
            return
        if status == "Failed":
            raise SystemExit(f"{{InferenceComponentName}}: {{found.get('FailureReason', status)}}")
        time.sleep(delay)
    raise SystemExit(f"{{InferenceComponentName}}: not in service after {{delay * attempts}} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
{options}
    parser.add_argument("--profile", help="AWS profile (default: the standard credential chain)")
    parser.add_argument("--region", help="AWS region (default: the profile's)")
    parser.add_argument("--run-jobs", action="store_true", help="also start the batch jobs")
    args = parser.parse_args(argv)
    session = boto3.Session(profile_name=args.profile, region_name=args.region)
    clients = {{}}
    for service, method, params, waiter, is_job in calls(args):
        if is_job and not args.run_jobs:
            print(f"skipped {{service}}.{{method}} (use --run-jobs)")
            continue
        if service not in clients:
            clients[service] = session.client(service)
        client = clients[service]
        print(f"{{service}}.{{method}}", flush=True)
        getattr(client, method)(**_prune(params))
        if waiter and waiter[0] == {component!r}:
            _wait_for_component(client, **waiter[1])
        elif waiter:
            client.get_waiter(waiter[0]).wait(**_prune(waiter[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''


def boto3_script(rec: Recommendation, pack: Pack, project: Any = None) -> str:
    """The script for ``rec`` (for every path of ``project``) as Python source text."""
    plan = infra_plan(rec, pack, project)
    calls = plan_calls(plan)
    used: set[str] = set()
    lines = []
    for call, is_job in calls:
        used |= param_names(call.params)
        waiter = "None"
        if call.waiter:
            waiter = py_value(list(call.waiter), 3).replace("[", "(", 1)[:-1] + ")"
        lines.append(
            f"{_IND}{_IND}(\n{_IND * 3}{json.dumps(call.service)},\n"
            f"{_IND * 3}{json.dumps(call.method)},\n"
            f"{_IND * 3}{py_value(call.params, 3)},\n{_IND * 3}{waiter},\n"
            f"{_IND * 3}{is_job!r},\n{_IND * 2}),\n"
        )
    what = ", ".join(dict.fromkeys(c.operation for c, _ in calls)) or "nothing"
    doc = [
        '"""',
        f"{plan.title}: the boto3 calls of the plan.",
        "",
        f"Written by archassist {__version__} ({plan.description}).",
        f"Calls: {what}.",
    ]
    if plan.api_only:
        doc.append(f"The plan calls {', '.join(plan.api_only)} through its API: nothing to create.")
    doc += [*plan.notes, "Run with --help for the options.", '"""']
    options = "\n".join(_option(p) for p in plan.params if p.name in used)
    text = "\n".join(doc[1:-1]).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return (
        "#!/usr/bin/env python3\n"
        + doc[0]
        + text
        + '\n"""'
        + "\n\nimport argparse\nimport sys\nimport time\n\nimport boto3\n\n\n"
        + "def calls(args):\n"
        + f'{_IND}"""Each call in order: (service, method, parameters, waiter, is a job)."""\n'
        + f"{_IND}return [\n"
        + "".join(lines)
        + f"{_IND}]\n"
        + _MAIN.format(options=options or "    pass", component=COMPONENT_WAITER)
    )
