"""Write every export format for the hand-laid samples and the shipped examples into OUT.

Usage: python tests/export/realtools/gen.py OUT [EXAMPLE ...]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent))

from export_samples import hostile_diagram, showcase_diagram  # noqa: E402

from assistant.core.decide.engine import recommend  # noqa: E402
from assistant.core.errors import PackError  # noqa: E402
from assistant.core.io.atomic import atomic_write_bytes, atomic_write_text  # noqa: E402
from assistant.core.io.paths import default_pack_dir  # noqa: E402
from assistant.core.pack.answers import normalize_answers  # noqa: E402
from assistant.core.pack.loader import load_pack  # noqa: E402
from assistant.core.project import load_project  # noqa: E402
from assistant.export import (  # noqa: E402
    FORMATS,
    SUFFIXES,
    diagram_pdf,
    diagram_png,
    diagram_svg,
    drawio_xml,
    export,
    mermaid_text,
)
from assistant.paths_cli import paths_recommendation  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, diagram in (
        ("sample-showcase", showcase_diagram()),
        ("sample-hostile", hostile_diagram()),
    ):
        atomic_write_text(out / f"{name}.svg", diagram_svg(diagram))
        atomic_write_bytes(out / f"{name}.png", diagram_png(diagram, scale=1))
        atomic_write_bytes(out / f"{name}.pdf", diagram_pdf(diagram))
        atomic_write_text(out / f"{name}.drawio", drawio_xml(diagram))
        atomic_write_text(out / f"{name}.mmd", mermaid_text(diagram))
    atomic_write_bytes(
        out / "sample-hostile-transparent.png",
        diagram_png(hostile_diagram(), scale=2, transparent=True),
    )
    examples = sorted((ROOT / "knowledge/aws-ml/examples").glob("*.archassist.yaml"))
    wanted = set(sys.argv[2:])
    try:
        pack = load_pack(default_pack_dir())
    except PackError as exc:
        print(f"FAIL the shipped pack does not load: {exc.problems[0]}")
        return 1
    failed = 0
    for path in examples:
        name = path.name.removesuffix(".archassist.yaml")
        if wanted and name not in wanted:
            continue
        project = load_project(path, pack)
        answers = normalize_answers(pack, dict(project.answers), str(path))
        if project.paths:  # what `archassist export` draws: every path in one diagram
            rec = paths_recommendation(pack, answers, project)
        else:
            rec = recommend(pack, answers, project.pins, title=project.title)
        for fmt in FORMATS:
            try:
                export(rec, pack, fmt, out / f"{name}{SUFFIXES[fmt]}", scale=1, project=project)
            except Exception as exc:  # report every failure, then go on
                print(f"FAIL {name} {fmt}: {exc!r}")
                failed += 1
    print(f"wrote {len(list(out.iterdir()))} files to {out}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
