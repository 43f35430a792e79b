"""Benchmark of quiz generation on the shipped pack (what opening the Study workspace costs).

Run: python tests/benchmarks/bench_quiz.py
Prints a table; target: the whole ``generate()`` <= 1 s CPU time, placing the items in the
default exam (MLA-C01) and picking a 65-question mock in the blueprint mix a few ms.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from assistant.core.io.paths import default_pack_dir
from assistant.core.pack.loader import load_pack
from assistant.core.study import quiz
from assistant.core.study.common import Ctx
from assistant.core.study.exam_tags import place, stratified
from assistant.core.study.scenario import scenario_items


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    """Median CPU time of ``fn`` in milliseconds (CPU time: other work does not skew it)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    def fresh_pack():  # type: ignore[no-untyped-def]
        return load_pack(default_pack_dir())  # a new object: generate() caches per pack

    packs = [fresh_pack() for _ in range(5)]
    it = iter(packs)
    rows = [
        ("generate(), whole shipped pack", timed(lambda: quiz.generate(next(it))), "<= 1000 ms"),
        ("  of which scenario items", timed(lambda: scenario_items(Ctx(packs[0]))), "-"),
        ("generate() again, same pack (cached)", timed(lambda: quiz.generate(packs[0])), "~0 ms"),
    ]
    exam = packs[0].default_exam()
    if exam is not None:
        items = quiz.generate(packs[0])
        placed = place(items, exam)
        rows += [
            (f"place() in {exam.code}", timed(lambda: place(items, exam)), "<= 50 ms"),
            (
                f"a {exam.questions}-question mock (stratified)",
                timed(lambda: stratified(placed, exam, exam.questions, random.Random(1))),
                "<= 10 ms",
            ),
        ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure (CPU time)':<{width}}  {'ms':>9}  target")
    for name, ms, target in rows:
        print(f"{name:<{width}}  {ms:9.2f}  {target}")
    items = quiz.generate(packs[0])
    print(f"\n{len(items)} items; by kind: {dict(Counter(i.kind for i in items).most_common())}")
    print(f"by topic: {dict(Counter(i.topic for i in items).most_common())}")
    print(f"by question type: {dict(Counter(i.qtype for i in items).most_common())}")
    if exam is not None:
        placed = place(items, exam)
        print(f"{exam.code}: {len(placed)} items; by domain:", end=" ")
        print(dict(sorted(Counter(i.exam_domain for i in placed).items())))


if __name__ == "__main__":
    main()
