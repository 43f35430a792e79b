"""Benchmark of decision engine 2 (issue 11): several paths, and check mode.

Run: python tests/benchmarks/bench_engine.py
Prints a table (best CPU time of N runs, after import and a warm-up call). Targets:
recommend on a 4-path project <= 16 ms; `check` of an endpoint config <= 50 ms after import.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from assistant.core.decide.check import check_document, read_document
from assistant.core.decide.engine import recommend
from assistant.core.decide.multipath import recommend_paths
from assistant.core.io.paths import default_pack_dir
from assistant.core.pack.loader import load_pack

SHARED = {"task": "custom-prediction", "aws_account": "new", "gpu": False}
PATHS = [
    ("api", {"latency": "interactive", "traffic": "steady", "payload_mb": 0.1}),
    ("nightly", {"latency": "offline", "traffic": "periodic-bulk", "dataset_upfront": True}),
    ("images", {"latency": "near-realtime", "payload_mb": 40.0, "processing_s": 300.0}),
    ("tenants", {"latency": "interactive", "traffic": "intermittent", "model_count": 800.0}),
]
CONFIG = {
    "EndpointConfigName": "scoring",
    "EndpointConfigArn": "arn:aws:sagemaker:eu-west-1:111122223333:endpoint-config/scoring",
    "ProductionVariants": [
        {
            "VariantName": f"v{i}",
            "ModelName": "m",
            "InitialInstanceCount": 1,
            "InstanceType": "ml.m5.xlarge",
            "InitialVariantWeight": 1.0,
            "AcceleratorType": "ml.eia2.medium" if i == 0 else None,
        }
        for i in range(3)
    ],
    "DataCaptureConfig": {"EnableCapture": True, "InitialSamplingPercentage": 10},
}


def timed(fn: Callable[[], object], repeat: int = 20) -> float:
    """Best CPU time of ``fn`` over ``repeat`` runs, in milliseconds (see bench_core)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, (time.process_time() - start) * 1000)
    return best


def main() -> None:
    import tempfile
    from pathlib import Path

    pack = load_pack(default_pack_dir())
    paths = [(name, {**SHARED, **own}) for name, own in PATHS]
    folder = Path(tempfile.mkdtemp())
    config_file = folder / "cfg.json"
    config_file.write_text(json.dumps(CONFIG, indent=2))

    def check_file() -> object:
        return check_document(pack, read_document(config_file, "cfg.json"), name="cfg.json")

    rows = [
        (
            "recommend, 1 path, no open questions",
            timed(lambda: recommend(pack, paths[0][1], find_open_questions=False)),
            None,
        ),
        (
            "recommend, 1 path, with open questions",
            timed(lambda: recommend(pack, paths[0][1]), 5),
            None,
        ),
        ("recommend_paths, 4 paths + one layout", timed(lambda: recommend_paths(pack, paths)), 16),
        ("check endpoint config (read + judge)", timed(check_file), 50),
    ]
    print(f"{'case':<44}{'best ms':>10}{'target':>10}")
    for name, ms, target in rows:
        goal = f"<= {target}" if target else ""
        flag = "" if target is None or ms <= target else "  over"
        print(f"{name:<44}{ms:>10.2f}{goal:>10}{flag}")


if __name__ == "__main__":
    main()
