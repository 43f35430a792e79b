"""The reliability fuzz at scale: 10,000 inputs (2,500 a target), counted, as a table.

    python tests/benchmarks/fuzz_10k.py            # 2,500 a target
    python tests/benchmarks/fuzz_10k.py --per 250  # quicker

Each target runs in its own child process, so a crash (a signal such as SIGSEGV, which
no Python handler can catch) is counted instead of ending the run. A case that escapes as
an exception is a traceback; the first three of each target are printed. Exit status 1
if any traceback or crash was seen. The same cases as tests/reliability/test_fuzz.py,
which runs 500 of them in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RELIABILITY = HERE.parent / "reliability"


def child(name: str, per: int) -> None:
    """Run ``per`` cases of one target; print one JSON line of counts."""
    sys.path.insert(0, str(RELIABILITY))
    from fuzz_cases import TARGETS, scratch
    from hypothesis import HealthCheck, given, settings

    strategy, run = TARGETS[name]
    counts: dict[str, Any] = {"ok": 0, "refused": 0, "tracebacks": 0, "examples": []}

    @settings(
        max_examples=per,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy())
    def one(case: Any) -> None:
        with scratch() as folder:
            try:
                counts[run(case, folder)] += 1
            except Exception:
                counts["tracebacks"] += 1
                if len(counts["examples"]) < 3:
                    counts["examples"].append(f"{case!r:.200}\n{traceback.format_exc(limit=3)}")

    one()
    print(json.dumps(counts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per", type=int, default=2500, help="cases per target (default 2500)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.per)
        return 0

    sys.path.insert(0, str(RELIABILITY))
    from fuzz_cases import TARGETS

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    rows = []
    bad = 0
    for name in TARGETS:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name, "--per", str(args.per)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        took = time.perf_counter() - start
        crash = ""
        counts = {"ok": 0, "refused": 0, "tracebacks": 0, "examples": []}
        if proc.returncode < 0:
            crash = signal.Signals(-proc.returncode).name
        elif proc.returncode != 0:
            crash = f"exit {proc.returncode}"
        else:
            counts = json.loads(proc.stdout.strip().splitlines()[-1])
        if crash:
            print(f"--- {name}: child died ({crash})\n{proc.stderr[-2000:]}")
        for example in counts["examples"]:
            print(f"--- {name}: traceback\n{example}")
        cases = counts["ok"] + counts["refused"] + counts["tracebacks"]
        rows.append(
            (
                name,
                cases,
                counts["ok"],
                counts["refused"],
                counts["tracebacks"],
                1 if crash else 0,
                took,
            )
        )
        bad += counts["tracebacks"] + (1 if crash else 0)

    head = ("target", "cases", "accepted", "refused", "tracebacks", "crashes", "seconds")
    print(f"{head[0]:<16}" + "".join(f"{h:>11}" for h in head[1:]))
    for r in rows:
        print(f"{r[0]:<16}" + "".join(f"{v:>11}" for v in r[1:6]) + f"{r[6]:>11.1f}")
    total = [sum(r[i] for r in rows) for i in range(1, 6)]
    print(f"{'total':<16}" + "".join(f"{v:>11}" for v in total))
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
