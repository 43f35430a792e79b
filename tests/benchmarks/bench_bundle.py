"""Build the PyInstaller bundle, prove the frozen app runs, and measure it.

    python tests/benchmarks/bench_bundle.py            # build with build.spec, then check
    python tests/benchmarks/bench_bundle.py --no-build # check an existing dist/archassist

Checks (each must pass, else exit 1): ``--version``; ``validate`` of the bundled pack;
a headless ``export`` (SVG and PNG) of a shipped example; a ``screenshot`` of the Plan
window (offscreen). Measures the bundle size (target <= 120 MB) and the frozen start
(``--version``, median of 7; target <= 0.6 s). Too slow for the test suite, so it is a script.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "archassist"
EXE = DIST / ("archassist.exe" if sys.platform == "win32" else "archassist")
EXAMPLE = ROOT / "knowledge" / "aws-ml" / "examples" / "realtime-fraud-api.archassist.yaml"


def _size_mib(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([str(EXE), *args], capture_output=True, text=True, env=env, timeout=120)
    took = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"FAILED: archassist {' '.join(args)}\n{out.stdout}\n{out.stderr}")
    return took, out.stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    rows: list[tuple[str, str, str]] = []
    if not args.no_build:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "build.spec",
                "--noconfirm",
                "--log-level",
                "WARN",
            ],
            cwd=ROOT,
            check=True,
        )
        rows.append(("build (pyinstaller build.spec)", f"{time.perf_counter() - start:.0f} s", ""))
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    _run("--version")  # warm the file cache: we measure start, not the disk
    starts = [_run("--version")[0] for _ in range(7)]
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        validate, _ = _run("validate", "--no-lint")
        svg_s, _ = _run(
            "export", "--answers", str(EXAMPLE), "--format", "svg", "-o", str(t / "a.svg"), env=env
        )
        png_s, _ = _run(
            "export", "--answers", str(EXAMPLE), "--format", "png", "-o", str(t / "a.png"), env=env
        )
        shot_s, _ = _run("screenshot", "--answers", str(EXAMPLE), "-o", str(t / "s.png"), env=env)
        svg = (t / "a.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<") and "file:" not in svg, "SVG is not self-contained"
        assert (t / "a.png").read_bytes()[:4] == b"\x89PNG"
        assert (t / "s.png").read_bytes()[:4] == b"\x89PNG"
    size = _size_mib(DIST)
    start = statistics.median(starts)
    rows += [
        ("bundle size (dist/archassist)", f"{size:.1f} MiB", "<= 120 MB"),
        ("frozen start: archassist --version", f"{start:.3f} s median", "<= 0.6 s"),
        ("frozen validate (shipped pack)", f"{validate:.2f} s", ""),
        ("frozen headless export, SVG", f"{svg_s:.2f} s", ""),
        ("frozen headless export, PNG", f"{png_s:.2f} s", ""),
        ("frozen screenshot of the Plan window", f"{shot_s:.2f} s", ""),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"{'measure':<{w}}  {'value':>18}  target")
    for name, value, target in rows:
        print(f"{name:<{w}}  {value:>18}  {target}")
    print("smoke checks passed: --version, validate, export svg/png, screenshot")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
