"""Read an account, judge it and make a project of it: what ``archassist import`` and
File > Import from AWS account both run.

The project holds one inference path per endpoint or transform job family (``paths:``; an
account with one such path gives a plain project); the answers every path gives alike are
shared. The notes say where each answer came from and list the findings. Account ids are
replaced in everything kept unless ``keep_ids`` is set; no credential is ever read into the
result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.errors import UserInputError
from ..core.pack import model as m
from ..core.pack.answers import answer_problems
from ..core.project import Project, ProjectPath
from .inference_paths import AccountPlan, ImportedPath, account_plan
from .judging import Finding, judge_account
from .reading import AccountData, Clients, Denied, read_account, scrub

__all__ = ["ImportResult", "import_account", "path_answers", "result_json"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    project: Project
    plan: AccountPlan
    findings: tuple[Finding, ...]
    data: AccountData
    messages: tuple[str, ...] = ()  # answers the pack did not take, one sentence each


def _scrubbed(data: AccountData) -> AccountData:
    out = AccountData(calls=data.calls)
    out.denied = [Denied(d.permission, d.code, scrub(d.resource)) for d in data.denied]
    for name in (
        "endpoints",
        "inference_components",
        "transform_jobs",
        "training_jobs",
        "scalable_targets",
        "scaling_policies",
        "streams",
        "delivery_streams",
        "video_streams",
        "functions",
    ):
        setattr(out, name, scrub(getattr(data, name)))
    out.endpoint_configs = scrub(data.endpoint_configs)
    out.models = scrub(data.models)
    return out


def path_answers(
    plan: AccountPlan, path: ImportedPath, pack: m.Pack
) -> tuple[dict[str, Any], list[str]]:
    """The answers of ``path`` (with the shared ones) the pack accepts, and what it dropped."""
    good, bad = answer_problems(pack, {**plan.shared, **path.answers})
    return dict(good), [f"{path.name}: dropped answer '{q}': {why}" for q, why in bad]


def _notes(plan: AccountPlan, findings: tuple[Finding, ...], region: str, keep_ids: bool) -> str:
    lines = [f"Imported read-only from an AWS account ({region or 'default region'})."]
    if not keep_ids:
        lines.append("Account ids are replaced by <account-id>.")
    if plan.shared_why:
        lines.append("Shared answers: " + "; ".join(plan.shared_why))
    for i, path in enumerate(plan.paths, 1):
        answers = ", ".join(f"{k}={v}" for k, v in path.answers.items())
        lines.append(f"Path {i}: {path.name} ({path.kind}) - {answers}")
        lines.append("  from: " + ", ".join(path.resources))
        lines.append("  why: " + "; ".join(path.why))
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    lines.append(
        f"Findings: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes."
    )
    for f in findings:
        lines.append(f"- {f.severity}: {f.resource} {f.field}: {f.text}")
    return "\n".join(lines)


def import_account(
    clients: Clients,
    pack: m.Pack,
    *,
    region: str = "",
    keep_ids: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    page_size: int | None = None,
) -> ImportResult:
    """Read the account behind ``clients``, judge every resource, and make a project.

    Raises:
        reading.Cancelled: ``cancelled()`` returned True.
        UserInputError: every call failed (no network, wrong region or endpoint URL, no
            permission at all); nothing was read.
    """
    data = read_account(clients, progress=progress, cancelled=cancelled, page_size=page_size)
    if data.denied and not data.answered:
        first = data.denied[0]
        raise UserInputError(
            f"AWS: every call failed, the first {first.permission} ({first.code}); check the"
            " region, the network or AWS_ENDPOINT_URL, and the permissions"
            " ('archassist import --policy' prints them)"
        )
    if not keep_ids:
        data = _scrubbed(data)
    findings = judge_account(pack, data)
    plan = account_plan(data)
    answers, paths, messages = _project_answers(plan, pack)
    title = f"Imported: {plan.paths[0].name}" if len(plan.paths) == 1 else "Imported AWS account"
    project = Project(
        answers=answers,
        title=title,
        notes=_notes(plan, findings, region, keep_ids),
        pack_id=pack.id,
        pack_version=pack.version,
        paths=paths,
    )
    return ImportResult(project, plan, findings, data, tuple(messages))


def _project_answers(
    plan: AccountPlan, pack: m.Pack
) -> tuple[dict[str, Any], tuple[ProjectPath, ...], list[str]]:
    """Shared answers, one project path per imported path (none for a single one), messages.

    The shared answers are those every path gives alike; each path keeps the rest.
    """
    messages: list[str] = []
    combined = []
    for path in plan.paths:
        good, dropped = path_answers(plan, path, pack)
        combined.append(good)
        messages += dropped
    if not plan.paths:
        shared, bad = answer_problems(pack, dict(plan.shared))
        messages += [f"shared: dropped answer '{q}': {why}" for q, why in bad]
        return dict(shared), (), messages
    if len(combined) == 1:
        return combined[0], (), messages
    shared = {
        k: v for k, v in combined[0].items() if all(k in c and c[k] == v for c in combined[1:])
    }
    paths = tuple(
        ProjectPath(path.name, {k: v for k, v in answers.items() if k not in shared})
        for path, answers in zip(plan.paths, combined, strict=True)
    )
    return shared, paths, messages


def result_json(result: ImportResult, pack: m.Pack) -> dict[str, Any]:
    """The result as plain data for ``--json``."""
    paths = []
    for path in result.plan.paths:
        answers, _ = path_answers(result.plan, path, pack)
        paths.append(
            {
                "name": path.name,
                "kind": path.kind,
                "answers": answers,
                "resources": path.resources,
                "why": path.why,
            }
        )
    return {
        "shared_answers": result.plan.shared,
        "paths": paths,
        "findings": [
            {
                "severity": f.severity,
                "resource": f.resource,
                "field": f.field,
                "found": f.found,
                "limit": f.limit,
                "text": f.text,
                "fix": f.fix,
                "facts": list(f.facts),
                "sources": [{"title": s.title, "url": s.url} for s in f.sources],
            }
            for f in result.findings
        ],
        "denied": [d.permission for d in result.data.denied],
        "calls": result.data.calls,
        "answered": result.data.answered,
        "messages": list(result.messages),
    }
