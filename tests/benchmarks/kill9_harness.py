"""kill -9 during save, autosave, export and review: nothing corrupt, nothing lost, no litter.

    python tests/benchmarks/kill9_harness.py                 # 200 saves, 50 autosaves,
                                                             # 50 exports, 100 reviews
    python tests/benchmarks/kill9_harness.py --scale 0.1     # a tenth of each, quicker

Each round starts a child that repeats one operation in a loop (a project with ~400 KB of
notes, so a kill often lands mid-write) and reports each completed operation on its stdout;
the harness kills it with SIGKILL after a random delay, then checks what is on disk:

- corrupt: the file does not load (project, autosave), is not a whole SVG (export), or the
  progress database fails its integrity check or has to be moved aside;
- lost: the file holds an older version than the last one the child reported as done, or
  the database holds fewer reviews than were reported;
- temporary files: the writer's own ``.NAME.*.archassist-tmp`` left in the folder, counted
  right after each kill and once more at the end, after one clean write (which removes
  temporaries of dead writers).

Prints a table; exit 1 on any corrupt or lost result or a temporary file left at the end.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"

CHILD = {
    "save": """
        from assistant.core.project import Project, save_project
        n = 0
        while True:
            n += 1
            notes = f"#{n}#" + "x" * 400_000
            save_project(TARGET, Project(answers={"traffic": "spiky"}, notes=notes), PACK)
            print(n, flush=True)
    """,
    "autosave": """
        from pathlib import Path
        from assistant.core.project import Project
        from assistant.gui.autosave import Autosave
        slot = Autosave(Path(TARGET).parent)
        print(slot.project_file, flush=True)
        n = 0
        while True:
            n += 1
            notes = f"#{n}#" + "x" * 400_000
            slot.write(Project(answers={"gpu": True}, notes=notes), PACK, None)
            print(n, flush=True)
    """,
    "export": """
        from assistant.core.decide.engine import recommend
        from assistant.export import export
        rec = recommend(PACK, {"traffic": "spiky", "payload_mb": 2})
        n = 0
        while True:
            n += 1
            export(rec, PACK, "svg", TARGET)
            print(n, flush=True)
    """,
    "review": """
        from assistant.core.study.progress import Progress
        n = 0
        with Progress(TARGET, fuzz=False) as progress:
            while True:
                n += 1
                progress.review(f"item-{n % 17}", n % 3 != 0)
                print(n, flush=True)
    """,
}

# How long a child may run before the kill: a few of its operations (an export is slower).
DELAY_S = {"save": 0.3, "autosave": 0.3, "export": 1.5, "review": 1.0}

PRELUDE = """
import sys
from assistant.core.pack.loader import load_pack
PACK = load_pack({mini!r})
TARGET = {target!r}
print("ready", flush=True)
"""


def _temporaries(folder: Path) -> list[Path]:
    from assistant.core.io.atomic import is_temporary

    return [p for p in folder.rglob("*") if is_temporary(p)]


def _check(kind: str, target: Path, done: int, pack: object) -> tuple[bool, bool]:
    """(corrupt, lost) for what is on disk after a kill, given ``done`` reported writes."""
    if kind in ("save", "autosave"):
        from assistant.core.errors import UserInputError
        from assistant.core.project import load_project

        if not target.exists():
            return False, done > 0
        try:
            project = load_project(target, pack)  # type: ignore[arg-type]
        except UserInputError:
            return True, False
        head, _, rest = project.notes.partition("#")[2].partition("#")
        if not head.isdigit() or len(rest) != 400_000:
            return True, False
        return False, int(head) < done
    if kind == "export":
        import xml.etree.ElementTree as ET

        if not target.exists():
            return False, done > 0
        try:
            ET.parse(target)
        except ET.ParseError:
            return True, False
        return False, False
    from assistant.core.study.progress import Progress

    with Progress(target, fuzz=False) as progress:
        corrupt = progress.notice is not None or progress.moved_to is not None
        count = progress.review_count()
    return corrupt, count < done


def run_kind(kind: str, rounds: int, folder: Path, rng: random.Random) -> dict[str, float]:
    from assistant.core.pack.loader import load_pack

    pack = load_pack(MINI)
    names = {"save": "plan.archassist.yaml", "autosave": "slot", "export": "plan.svg"}
    target = folder / kind / names.get(kind, "progress.sqlite3")
    target.parent.mkdir(parents=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    stats = {"rounds": 0, "corrupt": 0, "lost": 0, "tmp_after_kill": 0, "writes": 0}
    reviews_done = 0
    for _ in range(rounds):
        code = PRELUDE.format(mini=str(MINI), target=str(target)) + textwrap.dedent(CHILD[kind])
        proc = subprocess.Popen(
            [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != b"ready":
            raise SystemExit(f"{kind}: the child did not start: {proc.stderr.read().decode()}")
        check_file = target
        if kind == "autosave":
            check_file = Path(proc.stdout.readline().decode().strip())
        time.sleep(rng.uniform(0.0, DELAY_S[kind]))
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=60)
        done_lines = [int(x) for x in out.split() if x.isdigit()]
        done = done_lines[-1] if done_lines else 0
        stats["writes"] += done
        if kind == "review":
            reviews_done += done
            corrupt, lost = _check(kind, target, reviews_done, pack)
        else:
            corrupt, lost = _check(kind, check_file, done, pack)
        stats["rounds"] += 1
        stats["corrupt"] += corrupt
        stats["lost"] += lost
        stats["tmp_after_kill"] += len(_temporaries(target.parent))
    # one clean write, as the next session's first save or autosave would do
    if kind == "save":
        from assistant.core.project import Project, save_project

        save_project(target, Project(answers={"traffic": "steady"}), pack)
    elif kind == "export":
        from assistant.core.io.atomic import clean_stale_temporaries

        clean_stale_temporaries(target)
    elif kind == "autosave":  # the next session's Autosave cleans its folder on start
        from assistant.core.io.atomic import clean_stale_folder

        clean_stale_folder(target.parent)
    stats["tmp_at_end"] = len(_temporaries(target.parent))
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the rounds to run")
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    plan = {"save": 200, "autosave": 50, "export": 50, "review": 100}
    rng = random.Random(args.seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="archassist-kill9-") as tmp:
        for kind, rounds in plan.items():
            start = time.perf_counter()
            stats = run_kind(kind, max(1, round(rounds * args.scale)), Path(tmp), rng)
            rows.append((kind, stats, time.perf_counter() - start))
    cols = ("rounds", "writes", "corrupt", "lost", "tmp_after_kill", "tmp_at_end")
    print(f"{'kill -9 during':<16}" + "".join(f"{c:>16}" for c in cols) + f"{'seconds':>10}")
    bad = 0
    for kind, stats, took in rows:
        print(f"{kind:<16}" + "".join(f"{int(stats[c]):>16}" for c in cols) + f"{took:>10.1f}")
        bad += int(stats["corrupt"] + stats["lost"] + stats["tmp_at_end"])
    print("writes: operations the child reported complete before it was killed, summed.")
    print("tmp_after_kill: temporaries seen right after each kill (summed over the rounds);")
    print("tmp_at_end: left after the next clean write, which removes dead writers' ones.")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
