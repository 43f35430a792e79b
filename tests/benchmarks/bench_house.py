"""The speed of the house (issue 10), in one table: measure | result | target.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_house.py [--runs 3]

- shipped pack load and a generated 10,000-service pack load: best CPU time of a few runs
  (the loads of bench_core.py), in full (as ``validate``) and from the pack cache (as
  recommend, export and quiz; a cache folder of its own);
- recommendation text panel refresh: the panel rebuilt and laid out again
  (``RecommendationPanel.refresh(force=True)``, then a synchronous repaint) for every
  example project, all areas folded and all unfolded; median and worst; and the refresh
  after an answer with every area open (only the changed parts replaced; bench_panel.py);
- start-up: cold start to the first painted Plan window over a bare PySide6 window of the
  same size, fresh interpreters, median of ``--runs`` (bench_gui.py's measure);
- peak memory of the Plan window process (bench_gui.py's measure).

Timings on a shared machine vary; run it alone for numbers to quote.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_core import cached_ms, generated_pack, timed
from bench_gui import _spawn

from assistant.core.io.paths import default_pack_dir
from assistant.core.pack.loader import load_pack


def panel_refresh_ms() -> tuple[float, float, int]:
    """Median and worst wall time of a forced panel refresh + repaint, and the count."""
    from assistant.core.decide.engine import recommend
    from assistant.core.project import load_project
    from assistant.gui.app import make_application
    from assistant.gui.rec_panel import RecommendationPanel
    from assistant.gui.theme import LIGHT

    app = make_application()
    pack = load_pack(default_pack_dir())
    panel = RecommendationPanel(pack, LIGHT)
    panel.resize(420, 900)
    panel.show()
    app.processEvents()
    times = []
    for path in sorted((default_pack_dir() / "examples").glob("*.archassist.yaml")):
        project = load_project(path, pack)
        rec = recommend(pack, project.answers, project.pins)
        panel.show_recommendation(rec, compare=False)
        for unfold in (False, True):
            panel.set_all_expanded(unfold)
            for _ in range(3):
                start = time.perf_counter()
                panel.refresh(force=True)
                panel.viewport().repaint()
                times.append((time.perf_counter() - start) * 1000)
            app.processEvents()
    panel.close()
    return statistics.median(times), max(times), len(times)


def answer_refresh_ms() -> tuple[float, float, int]:
    """Median and worst refresh after an answer, every area open (bench_panel's measure)."""
    from bench_panel import _answer_ms

    from assistant.core.decide.engine import recommend
    from assistant.core.project import load_project
    from assistant.gui.app import make_application
    from assistant.gui.rec_panel import RecommendationPanel
    from assistant.gui.theme import LIGHT

    app = make_application()
    pack = load_pack(default_pack_dir())
    panel = RecommendationPanel(pack, LIGHT)
    panel.resize(400, 380)
    panel.show()
    app.processEvents()
    times = []
    for path in sorted((default_pack_dir() / "examples").glob("*.archassist.yaml")):
        project = load_project(path, pack)
        rec = recommend(pack, project.answers, project.pins)
        first = next(iter(project.answers), None)
        fewer = {k: v for k, v in project.answers.items() if k != first}
        before = recommend(pack, fewer, project.pins)
        opened = {a.id for a in rec.areas} | {a.id for a in before.areas}
        times.append(_answer_ms(panel, before, rec, 3, opened))
    panel.close()
    return statistics.median(times), max(times), len(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3, help="cold starts of each kind")
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []
    shipped = default_pack_dir()
    rows.append(
        (
            "shipped pack load (best CPU)",
            f"{timed(lambda: load_pack(shipped), 10):.1f} ms",
            "<= 30 ms",
        )
    )
    user_cache = os.environ.get("XDG_CACHE_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # never the user's cache
        rows.append(
            ("shipped pack load, from the cache", f"{cached_ms(shipped, 10):.1f} ms", "<= 30 ms")
        )
        big = generated_pack(Path(tmp), 10_000)
        rows.append(
            (
                "10,000-service pack load (best CPU)",
                f"{timed(lambda: load_pack(big), 3):.0f} ms",
                "<= 1000 ms",
            )
        )
        rows.append(
            ("10,000-service pack, from the cache", f"{cached_ms(big, 3):.0f} ms", "<= 1000 ms")
        )
    # the start-up children below start as a user's app does: with the user's caches
    if user_cache is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = user_cache
    median, worst, count = panel_refresh_ms()
    rows.append((f"panel whole refresh (folds), median of {count}", f"{median:.1f} ms", "<= 16 ms"))
    rows.append(("panel whole refresh (folds), worst", f"{worst:.1f} ms", "<= 16 ms"))
    median, worst, count = answer_refresh_ms()
    rows.append(
        (f"panel after an answer, all open, median of {count}", f"{median:.1f} ms", "<= 16 ms")
    )
    rows.append(("panel after an answer, all open, worst", f"{worst:.1f} ms", "<= 16 ms"))
    _spawn("plan", 0)  # warm-up: bytecode caches and the OS file cache
    bare = statistics.median(float(_spawn("bare", 0)["start_s"]) for _ in range(args.runs))
    plans = [_spawn("plan", 0) for _ in range(args.runs)]
    plan = statistics.median(float(p["start_s"]) for p in plans)
    rows.append(("start-up: bare PySide6 window", f"{bare * 1000:.0f} ms", "-"))
    rows.append(("start-up: painted Plan window", f"{plan * 1000:.0f} ms", "-"))
    rows.append(("start-up ratio (Plan / bare)", f"{plan / bare:.2f}x", "<= 2x"))
    peak = max(float(p["peak_mib"]) for p in plans)
    rows.append(("peak memory, Plan window process", f"{peak:.0f} MiB", "< 150 MiB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}} | {'result':>10} | target")
    for name, result, target in rows:
        print(f"{name:<{width}} | {result:>10} | {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
