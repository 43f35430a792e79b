"""``archassist coverage --exam MLA-C01``: per task statement, the facts, services and quiz items
that cover it.

Exit codes: 0 every task statement has facts, services and quiz items; 1 at least one has
none of one of them (each gap is listed), or the pack or the exam code is unusable.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from .core.errors import UserInputError

if TYPE_CHECKING:  # the CLI imports this module for its parser: the study room only on use
    from .core.study.coverage import Coverage

__all__ = ["add_coverage_parser", "cmd_coverage", "coverage_text"]


def add_coverage_parser(sub: Any) -> None:
    """Register ``coverage`` on the CLI's subparsers."""
    c = sub.add_parser(
        "coverage",
        help="per exam task statement: facts, services and quiz items; exit 1 on a gap",
    )
    c.add_argument("--exam", help="exam code or id, e.g. MLA-C01 (default: the pack's default)")
    c.add_argument("--json", action="store_true", help="print the coverage as JSON")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def coverage_text(cov: Coverage) -> str:
    """A table of the coverage, per task statement and per domain, then the gaps."""
    exam = cov.exam
    lines = [f"{exam.code} - {exam.name} ({exam.status})", ""]
    lines.append(
        f"{'task':<9} {'statement':<52} {'facts':>5} {'untested':>8} {'services':>8} {'quiz':>5}"
    )
    for d in exam.domains:
        lines.append(f"{d.id}  {d.name} ({d.weight:g}%)")
        for t in (t for t in cov.tasks if t.domain.id == d.id):
            mark = "  <- no " + ", no ".join(t.gaps) if t.gaps else ""
            lines.append(
                f"{t.task.id:<9} {_cut(t.task.name, 52):<52} {len(t.facts):>5}"
                f" {len(t.untested):>8} {len(t.services):>8} {t.items:>5}{mark}"
            )
    total = sum(t.items for t in cov.tasks)
    lines.append("")
    shares = ", ".join(
        f"{d}: {n} ({100 * n / total:.0f}%)" if total else f"{d}: 0"
        for d, n in cov.domain_items().items()
    )
    lines.append(f"quiz items placed in {exam.code}: {total} - {shares}")
    gaps = cov.gaps
    if gaps:
        lines.append(f"{len(gaps)} of {len(cov.tasks)} task statements have a gap.")
    else:
        lines.append(f"all {len(cov.tasks)} task statements have facts, services and quiz items.")
    untested = sum(len(t.untested) for t in cov.tasks)
    if untested:
        lines.append(
            f"{untested} listed facts are tested by no quiz item yet"
            " ('untested'; --json lists them)."
        )
    return "\n".join(lines)


def _as_json(cov: Coverage) -> dict[str, Any]:
    return {
        "exam": cov.exam.code,
        "tasks": [
            {
                "id": t.task.id,
                "name": t.task.name,
                "domain": t.domain.id,
                "facts": list(t.facts),
                "services": list(t.services),
                "quiz_items": t.items,
                "question_types": dict(t.qtypes),
                "untested_facts": list(t.untested),
                "gaps": list(t.gaps),
            }
            for t in cov.tasks
        ],
        "domain_quiz_items": cov.domain_items(),
        "ok": not cov.gaps,
    }


def cmd_coverage(args: argparse.Namespace) -> int:
    """Run ``archassist coverage``."""
    from .core.io.paths import default_pack_dir
    from .core.pack.loader import load_pack
    from .core.study.coverage import coverage
    from .core.study.quiz import exam_items, exam_of

    pack = load_pack(args.pack or default_pack_dir(), cache=True)
    exam = exam_of(pack, args.exam)
    if exam is None:
        raise UserInputError(f"{pack.id} defines no exam; coverage needs an exams section")
    cov = coverage(pack, exam, exam_items(pack, exam))
    if args.json:
        print(json.dumps(_as_json(cov), indent=2))
    else:
        print(coverage_text(cov))
    return 1 if cov.gaps else 0
