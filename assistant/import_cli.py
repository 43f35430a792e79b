"""``archassist import``: read a live account (read-only), judge it, save it as a project.

Exit codes: 0 read and judged without findings of severity error, 1 error findings (a
denied call is one), 2 cannot start (boto3 missing, no credentials, no region, bad output
path). A progress line goes to stderr; ``--json`` prints the result on stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .core.errors import UserInputError

__all__ = ["add_import_parser", "cmd_import"]


def add_import_parser(sub: Any) -> None:
    """Register ``import`` on the CLI's subparsers."""
    i = sub.add_parser(
        "import",
        help="read-only: a live account's endpoints, jobs and streams, judged, as a project",
    )
    i.add_argument("--profile", help="AWS profile (default: the standard credential chain)")
    i.add_argument("--region", help="AWS region (default: the profile's or AWS_REGION)")
    i.add_argument("-o", "--output", type=Path, metavar="PROJECT", help="project file to write")
    i.add_argument("--json", action="store_true", help="print paths and findings as JSON")
    i.add_argument("--policy", action="store_true", help="print the IAM policy it needs and exit")
    i.add_argument("--keep-ids", action="store_true", help="keep account ids (default: removed)")


def _progress(done: int, total: int, what: str) -> None:
    line = f"[{done}/{total}] " + (f"reading {what}" if done < total else "read")
    if sys.stderr.isatty():  # one line, rewritten in place
        end = "\n" if done == total else ""
        print("\r" + line.ljust(72), end=end, file=sys.stderr, flush=True)
    else:  # a log or a pipe: a line per step
        print(line, file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    """Run ``archassist import``."""
    from .aws import import_account, open_session, policy_json, result_json
    from .core.io.paths import default_pack_dir
    from .core.pack.loader import load_pack
    from .core.project import save_project

    if args.policy:
        print(policy_json())
        return 0
    if args.output is None and not args.json:
        print("archassist import: give -o PROJECT (or --json)", file=sys.stderr)
        return 2
    try:
        session = open_session(args.profile, args.region)
    except UserInputError as exc:  # boto3 missing (MissingBoto3), no credentials or region
        print(f"archassist: {exc}", file=sys.stderr)
        return 2
    pack = load_pack(args.pack or default_pack_dir(), cache=True)
    try:
        result = import_account(
            session, pack, region=session.region, keep_ids=args.keep_ids, progress=_progress
        )
    except UserInputError as exc:  # every call failed: nothing to save
        print(f"archassist: {exc}", file=sys.stderr)
        return 2
    if args.output is not None:
        try:
            save_project(args.output, result.project, pack)
        except OSError as exc:
            print(f"archassist: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(result_json(result, pack), indent=2))
    else:
        for f in result.findings:
            print(f"{f.severity}: {f.resource} {f.field}: {f.text} {f.fix}")
        print(
            f"{len(result.plan.paths)} paths, {len(result.findings)} findings,"
            f" {len(result.data.denied)} calls failed"
            + (f"; saved {args.output}" if args.output else "")
        )
    for message in result.messages:
        print(message, file=sys.stderr)
    return 1 if any(f.severity == "error" for f in result.findings) else 0
