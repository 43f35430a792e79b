"""Export speed against mingrammer/diagrams on the same graph (a script; pytest does not
collect it).

For one example project it times, as whole processes (interpreter start included, median of
``--repeat`` runs): ``archassist export --format svg|png|pdf`` and a generated mingrammer/diagrams
script drawing the same nodes, nested clusters and labelled edges (``outformat`` svg|png|pdf,
Graphviz ``dot`` doing the layout). Each command runs once first (bytecode written, the pack
cache filled, as on an installed copy in use), then ``--repeat`` times. Prints one table row
per format with archassist using its pack cache and without it (``ARCHASSIST_NO_CACHE=1``: the
pack loaded in full) and both ratios archassist / diagrams (below 1.0 means archassist is
faster)::

    python tests/benchmarks/bench_export.py [--example ab-test-ranking-model] [--repeat 5]

mingrammer/diagrams is not a dependency of archassist: ``pip install diagrams`` and a Graphviz
``dot`` on the PATH (``apt-get install graphviz``) are needed for its column; without them the
script says so and times archassist alone. The machine's load shows in whole-process times, so
compare the two columns of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.core.decide.engine import recommend  # noqa: E402
from assistant.core.diagram.scene import Diagram  # noqa: E402
from assistant.core.pack.answers import normalize_answers  # noqa: E402
from assistant.core.pack.loader import load_pack  # noqa: E402
from assistant.core.project import load_project  # noqa: E402

FORMATS = ("svg", "png", "pdf")


def diagrams_script(diagram: Diagram, outformat: str, filename: str) -> str:
    """A mingrammer/diagrams program drawing ``diagram``: one generic AWS node per node (its
    label), clusters nested like the groups, edges with their labels, left to right."""
    lines = [
        "from diagrams import Cluster, Diagram, Edge",
        "from diagrams.aws.general import General",
        "",
        f"with Diagram({diagram.title or 'Architecture'!r}, filename={filename!r},"
        f" outformat={outformat!r}, show=False, direction='LR'):",
    ]
    children: dict[str | None, list[str]] = {}
    for g in diagram.groups:
        children.setdefault(g.parent, []).append(g.id)
    members: dict[str | None, list[str]] = {}
    for n in diagram.nodes:
        members.setdefault(n.group, []).append(n.id)
    labels = {g.id: g.label for g in diagram.groups}
    names = {n.id: f"n{i}" for i, n in enumerate(diagram.nodes)}
    node_labels = {n.id: n.label for n in diagram.nodes}

    def emit(group: str | None, indent: str) -> None:
        for node_id in members.get(group, []):
            lines.append(f"{indent}{names[node_id]} = General({node_labels[node_id]!r})")
        for child in children.get(group, []):
            lines.append(f"{indent}with Cluster({labels[child]!r}):")
            lines.append(f"{indent}    pass")
            emit(child, indent + "    ")

    emit(None, "    ")
    for e in diagram.edges:
        label = f"Edge(label={e.label!r})" if e.label else "Edge()"
        lines.append(f"    {names[e.source]} >> {label} >> {names[e.target]}")
    return "\n".join(lines) + "\n"


def _time(cmd: list[str], repeat: int, cwd: Path, env: dict[str, str]) -> float:
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default="ab-test-ranking-model")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    example = ROOT / "knowledge/aws-ml/examples" / f"{args.example}.archassist.yaml"
    pack = load_pack(ROOT / "knowledge/aws-ml")
    project = load_project(example, pack)
    answers = normalize_answers(pack, dict(project.answers), str(example))
    diagram = recommend(pack, answers, project.pins, title=project.title).diagram

    have_diagrams = importlib.util.find_spec("diagrams") is not None
    have_dot = shutil.which("dot") is not None
    print(
        f"example {args.example}: {len(diagram.nodes)} nodes, {len(diagram.groups)} groups,"
        f" {len(diagram.edges)} edges; whole process, median of {args.repeat} after a warm-up"
        " run; 'cached' loads the pack from the pack cache (as export does),"
        " 'full' with ARCHASSIST_NO_CACHE=1 (no pack cache)"
    )
    if not (have_diagrams and have_dot):
        missing = [x for x, ok in (("diagrams", have_diagrams), ("dot", have_dot)) if not ok]
        print(f"mingrammer/diagrams column skipped: {', '.join(missing)} not installed")
    print(f"{'format':<8}{'cached s':>10}{'full s':>8}{'diagrams s':>12}{'ratio':>7}{'full':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
            "XDG_CACHE_HOME": str(out / "cache"),  # never the user's pack cache
        }
        # An installed archassist (and diagrams) has its bytecode compiled: so does this run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for fmt in FORMATS:
            cmd = [sys.executable, "-m", "assistant.cli", "export", "--answers", str(example)]
            cmd += ["--format", fmt, "-o", str(out / f"ours.{fmt}")]
            ours = _time(cmd, args.repeat, ROOT, env)
            full = _time(cmd, args.repeat, ROOT, {**env, "ARCHASSIST_NO_CACHE": "1"})
            theirs = None
            if have_diagrams and have_dot:
                script = out / f"theirs_{fmt}.py"
                script.write_text(diagrams_script(diagram, fmt, str(out / f"theirs_{fmt}")))
                theirs = _time([sys.executable, str(script)], args.repeat, out, env)
            ratios = f"{ours / theirs:7.2f}{full / theirs:6.2f}" if theirs else f"{'-':>7}{'-':>6}"
            shown = f"{theirs:12.3f}" if theirs else f"{'-':>12}"
            print(f"{fmt:<8}{ours:10.3f}{full:8.3f}{shown}{ratios}")
        print(
            "\nwhere archassist's time goes"
            " (whole processes, median; each row includes the one above)"
        )
        for name, code in STAGES:
            took = _time([sys.executable, "-c", code], args.repeat, ROOT, env)
            print(f"  {name:<62}{took:8.3f} s")


# What an export process does before its own work, stage by stage (python -c CODE).
_STDLIB = "import argparse, dataclasses, typing, pickle, tempfile"
_MODEL = _STDLIB + "; import assistant.core.pack.model"
_EXPORT_IMPORTS = (
    _MODEL + "; import assistant.cli, assistant.core.decide.engine, assistant.core.project,"
    " assistant.core.pack.loader, assistant.core.diagram.layout, assistant.export.svg"
)
_PACK = (
    _EXPORT_IMPORTS + "; from assistant.core.io.paths import default_pack_dir;"
    " assistant.core.pack.loader.load_pack(default_pack_dir(), cache=True)"
)
STAGES = (
    ("interpreter and site (python -c pass)", "pass"),
    ("+ argparse, dataclasses (inspect), typing, pickle, tempfile", _STDLIB),
    ("+ the pack model's dataclasses", _MODEL),
    ("+ PyYAML through yamlio (the answers file)", _MODEL + "; import assistant.core.io.yamlio"),
    ("+ every module export --format svg imports", _EXPORT_IMPORTS),
    ("+ the pack from the pack cache", _PACK),
    ("+ PySide6 QtGui and QtSvg (png)", _PACK + "; import PySide6.QtGui, PySide6.QtSvg"),
)


if __name__ == "__main__":
    main()
