"""How much room the Plan workspace gives the diagram: a table over every example project.

    python tests/benchmarks/bench_plan_view.py [--size 1400x900]

For each example, opened in a window of ``--size`` with the default dock layout: the
diagram view's size, its share of the window's area (issue 12 asks for >= 60 %), and the
zoom at which "Fit" shows the whole diagram (the issue measured half the examples at 60 %
or less in the old 1056 x 378 strip), and the same with Diagram Only (F11).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from assistant.core.io.paths import default_pack_dir
    from assistant.core.pack.loader import load_pack
    from assistant.core.project import load_project
    from assistant.gui.app import make_application
    from assistant.gui.mainwindow import MainWindow

    app = make_application()
    QStandardPaths.setTestModeEnabled(True)  # never the user's settings
    pack = load_pack(default_pack_dir())
    window = MainWindow(pack, persistent=False)
    window.resize(width, height)
    window.show()
    QApplication.processEvents()
    plan, view = window.plan, window.plan.view
    share = view.width() * view.height() / (window.width() * window.height())
    rows = []
    for path in sorted((default_pack_dir() / "examples").glob("*.archassist.yaml")):
        window.document.load(load_project(path, pack), None)
        QApplication.processEvents()
        view.fit()
        docked = view.zoom()
        plan.set_diagram_only(True)
        QApplication.processEvents()
        view.fit()
        alone = view.zoom()
        plan.set_diagram_only(False)
        QApplication.processEvents()
        rows.append((path.name.removesuffix(".archassist.yaml"), docked, alone))
    name_width = max(len(r[0]) for r in rows)
    print(
        f"Plan workspace at {width}x{height}: diagram view {view.width()}x{view.height()} px, "
        f"{share:.0%} of the window (target >= 60 %)"
    )
    print(f"{'example':<{name_width}}  fit zoom  diagram only")
    for name, docked, alone in rows:
        print(f"{name:<{name_width}}  {docked:>7.0%}  {alone:>12.0%}")
    zooms = [r[1] for r in rows]
    at_most_60 = sum(1 for z in zooms if z <= 0.6)
    print(
        f"median fit zoom {statistics.median(zooms):.0%}; {at_most_60} of {len(rows)} "
        f"at 60 % or less"
    )
    window.document.undo_stack.setClean()
    window.close()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
