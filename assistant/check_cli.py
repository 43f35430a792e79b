"""``archassist check FILE``: judge a design or the JSON the AWS CLI prints.

Reading the file (JSON or YAML, with the place of the first problem) and the exit
codes live here; the judging is :func:`assistant.core.decide.check.check_document`.
Exit 0: sound (nothing or only notes); 1: findings; 2: the file cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

__all__ = ["add_check_parser", "cmd_check"]

EXAMPLE = """\
examples:
  aws sagemaker describe-endpoint-config --endpoint-config-name scoring > cfg.json
  archassist check cfg.json
  archassist check design.yaml --json

  cfg.json (an excerpt):
    {"EndpointConfigName": "scoring",
     "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": "m",
       "ServerlessConfig": {"MemorySizeInMB": 7168, "MaxConcurrency": 20}}]}
  prints:
    error  scoring  ProductionVariants[0].ServerlessConfig.MemorySizeInMB
           found 7168; limit 1024-6144 MB in 1024 MB steps ...

  design.yaml lists resources by type (endpoint-config, realtime-endpoint,
  serverless-endpoint, async-endpoint, batch-transform, training-job, model,
  kinesis-stream, firehose, lambda) with payload_mb, timeout_s, record_mb,
  record_kib, instance_type, image, services: [...] and optionally `aws:`, the
  resource as the AWS CLI describes it:
    resources:
      - {name: api, type: realtime-endpoint, payload_mb: 8, timeout_s: 30}
      - {name: scorer, type: lambda, services: [elastic-inference]}

Reads AWS CLI JSON from describe-endpoint-config, describe-endpoint,
describe-transform-job, describe-training-job, describe-model, kinesis
describe-stream / describe-stream-summary, firehose describe-delivery-stream,
lambda get-function-configuration / get-function; an archassist project; a
design YAML. Exit 0: sound; 1: findings (errors or warnings); 2: the file
cannot be read (the message names the place).
"""


def add_check_parser(sub: Any) -> None:
    c = sub.add_parser(
        "check",
        help="judge a design (project/design YAML, or AWS CLI describe-* JSON)",
        description="Judge a design or an AWS resource against the limits in the knowledge pack.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("file", type=Path, metavar="FILE")
    c.add_argument("--json", action="store_true", help="findings as JSON")


def _text(findings: tuple[Any, ...], kind: str, shown: str) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    head = f"{shown}: {kind}: " + (", ".join(parts) if parts else "sound, no findings")
    lines = [head]
    for f in findings:
        lines.append(f"{f.severity:<8}{f.resource}  {f.field}")
        body = [f"found {f.found}; limit {f.limit}", f.text, f"fix: {f.fix}"]
        body += [f"source: {s.title} <{s.url}>" for s in f.sources]
        for b in body:
            lines.append(_fill(b))
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    from .core.decide.check import DocumentError, check_document, detect_kind, read_document
    from .core.errors import display_path
    from .core.io.paths import default_pack_dir
    from .core.pack.loader import load_pack

    shown = display_path(args.file)
    pack = load_pack(args.pack or default_pack_dir(), cache=True)
    try:
        data = read_document(args.file, shown)
        findings = check_document(pack, data, name=shown)
        kind = detect_kind(data)
    except DocumentError as exc:
        print(f"archassist: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {
            "file": shown,
            "kind": kind,
            "sound": not any(f.severity != "info" for f in findings),
            "findings": [asdict(f) for f in findings],
        }
        print(json.dumps(out, indent=2, default=str))
    else:
        print(_text(findings, kind, shown))
    return 1 if any(f.severity != "info" for f in findings) else 0


def _fill(text: str) -> str:
    # URLs stay whole so that terminals can open them
    return textwrap.fill(
        text,
        100,
        initial_indent=" " * 8,
        subsequent_indent=" " * 10,
        break_long_words=False,
        break_on_hyphens=False,
    )
