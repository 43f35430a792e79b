"""Benchmark of the core: pack loading and the live answer-to-recommendation path.

Run: python tests/benchmarks/bench_core.py
Prints a table; targets: shipped pack load <= 30 ms, 10k-service pack <= 1 s,
recommend + layout <= 5 ms median on the shipped pack. Loads are timed in full (as
``validate`` does) and from the pack cache (as recommend, export and quiz do), in a cache
folder of its own.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from assistant.core.decide.engine import recommend
from assistant.core.decide.lint import sample_answers
from assistant.core.io.paths import default_pack_dir
from assistant.core.pack.loader import load_pack


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Best CPU time of ``fn`` over ``repeat`` runs, in milliseconds.

    CPU time rather than wall time, and the best rather than the median (as timeit
    advises), so other work on a shared machine skews it least.
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return min(times)


def generated_pack(folder: Path, services: int) -> Path:
    shutil.copy(Path(__file__).parents[1] / "data" / "mini" / "pack.yaml", folder / "pack.yaml")
    lines = ["services:"]
    for i in range(services):
        lines += [
            f"  - id: svc-{i}",
            f"    name: Service {i}",
            "    category: compute",
            f"    summary: Generated service number {i}.",
            "    use_cases: [Benchmarking]",
            "    status: available",
        ]
    lines.append("facts:")
    for i in range(services):
        lines += [
            f"  - id: fact.{i}",
            f"    about: svc-{i}",
            f"    statement: Service {i} has a limit.",
            f"    value: {i}",
            "    unit: MB",
            "    source: {title: Generated, url: 'https://example.com/'}",
            "    checked: 2026-11-28",
        ]
    lines.append("relations:")
    lines += [f"  - {{from: svc-{i}, kind: feeds, to: svc-{i + 1}}}" for i in range(services - 1)]
    (folder / "generated.yaml").write_text("\n".join(lines) + "\n")
    for name in ("deploy.yaml", "services.yaml"):
        shutil.copy(Path(__file__).parents[1] / "data" / "mini" / name, folder / name)
    return folder


def cached_ms(folder: Path, repeat: int) -> float:
    """Best CPU time of a load from the pack cache (a first load fills it), in ms."""
    load_pack(folder, cache=True)
    return timed(lambda: load_pack(folder, cache=True), repeat)


def main() -> None:
    rows: list[tuple[str, float, str]] = []
    shipped = default_pack_dir()
    rows.append(("load + validate shipped pack", timed(lambda: load_pack(shipped), 10), "<= 30 ms"))
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # never the user's cache
        rows.append(("... from the pack cache", cached_ms(shipped, 10), "<= 30 ms"))
        big = generated_pack(Path(tmp), 10_000)
        rows.append(
            ("load + validate 10,000-service pack", timed(lambda: load_pack(big), 3), "<= 1000 ms")
        )
        rows.append(("... from the pack cache", cached_ms(big, 3), "<= 1000 ms"))
    pack = load_pack(shipped)
    rng = random.Random(1)
    answer_sets = [sample_answers(pack, rng) for _ in range(1000)]
    per_call = []
    for answers in answer_sets:
        start = time.process_time()
        recommend(pack, answers, find_open_questions=False)
        per_call.append((time.process_time() - start) * 1000)
    rows.append(("recommend + layout, median of 1,000", statistics.median(per_call), "<= 5 ms"))
    with_open = []
    for answers in answer_sets[:200]:
        start = time.process_time()
        recommend(pack, answers)
        with_open.append((time.process_time() - start) * 1000)
    rows.append(("... plus open questions, median of 200", statistics.median(with_open), "-"))
    empty = timed(lambda: recommend(pack, {}), 20)
    rows.append(("recommend with no answers (all open)", empty, "-"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure (CPU time; loads: best run)':<{width}}  {'ms':>9}  target")
    for name, ms, target in rows:
        print(f"{name:<{width}}  {ms:9.2f}  {target}")


if __name__ == "__main__":
    main()
