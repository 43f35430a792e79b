"""The wheel, not the checkout: build it, install it into a fresh venv, run it elsewhere.

The wheel is built from a copy of the sources (so the checkout gets no build/ folder and the
file list is proven complete) without build isolation, so the test runs offline. The fresh
venv gets the wheel alone; its dependencies (PySide6, PyYAML, ...) come from this test's own
environment through a path file, which adds their folder without running its .pth hooks: the
editable install of the checkout stays invisible, and `import assistant` must find the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.install

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("assistant", "knowledge", "resources", "setup.py", "pyproject.toml", "MANIFEST.in")
EXAMPLE = "ab-test-ranking-model.archassist.yaml"


def _run(args: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False, **kw
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh venv's archassist script, a work folder outside checkout and venv)."""
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, src / name)
    shutil.copy2(ROOT / "README.md", src / "README.md")
    dist = base / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    built = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), "."], src)
    assert built.returncode == 0, built.stderr
    wheel = next(dist.glob("archassist-*.whl"))

    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    purelib = Path(
        _run(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base
        ).stdout.strip()
    )
    # pip --python installs into the fresh venv, scripts pointing at its interpreter
    done = _run([*pip, "--python", str(py), "install", "--no-deps", str(wheel)], base)
    assert done.returncode == 0, done.stderr
    (purelib / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = base / "elsewhere"
    work.mkdir()
    return env_dir / "bin" / "archassist", work


def test_the_wheel_is_what_runs(installed: tuple[Path, Path]) -> None:
    script, work = installed
    py = script.parent / "python"
    where = _run([str(py), "-c", "import assistant; print(assistant.__file__)"], work)
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(script.parents[1])
    data = _run(
        [str(py), "-c", "from assistant.core.io import paths; print(paths.root_dir())"], work
    )
    assert Path(data.stdout.strip()) == Path(where.stdout.strip()).parent / "data"


def test_validate_recommend_export_from_another_folder(installed: tuple[Path, Path]) -> None:
    script, work = installed
    example = ROOT / "knowledge" / "aws-ml" / "examples" / EXAMPLE
    shutil.copy2(example, work / EXAMPLE)
    valid = _run([str(script), "validate"], work)
    assert valid.returncode == 0, valid.stderr
    assert "valid" in valid.stdout
    rec = _run([str(script), "recommend", "--answers", EXAMPLE, "--json"], work)
    assert rec.returncode == 0, rec.stderr
    assert '"diagram"' in rec.stdout
    for fmt in ("svg", "png"):
        out = work / f"plan.{fmt}"
        done = _run(
            [str(script), "export", "--answers", EXAMPLE, "--format", fmt, "-o", out.name], work
        )
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 1000
    svg = (work / "plan.svg").read_text(encoding="utf-8")
    assert "<path" in svg and 'href="file:' not in svg  # icons embedded from the wheel
    assert (work / "plan.png").read_bytes().startswith(b"\x89PNG")
