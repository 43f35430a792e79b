"""Every option is checked by the parser: exit 2, one line naming the option, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_runner import run

from assistant.cli import main

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


@pytest.mark.parametrize("size", ["100000x100000", "0x0", "99x900", "1400x8193", "abc", "-5x5"])
def test_screenshot_size_out_of_range_exits_2_before_rendering(tmp_path: Path, size: str) -> None:
    out = tmp_path / "s.png"
    r = run("screenshot", "--size", size, "-o", str(out))
    assert r.returncode == 2
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith("archassist screenshot: argument --size: ")
    assert not out.exists()


def _one_line(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as info:
        main(list(argv))
    assert info.value.code == 2
    err = capsys.readouterr().err
    (line,) = err.strip().splitlines()
    assert "Traceback" not in err
    return line


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["quiz", "--count", "0"], "argument --count: 0: must be a whole number from 1 to 10000"),
        (["quiz", "--count", "many"], "argument --count: many: must be a whole number"),
        (["quiz", "--count", "1" * 400], "must be a whole number from 1 to 10000"),
        (["quiz", "--seed", "-1"], "argument --seed: -1: must be a whole number"),
        (["export", "--format", "gif", "-o", "x.gif"], "argument --format: invalid choice"),
        (["export", "--format", "png", "--scale", "inf", "-o", "x.png"], "--scale: inf:"),
        (["export", "--format", "png", "--scale", "0", "-o", "x.png"], "from 1 to 4"),
        (["export", "--format", "png", "--width", "0", "-o", "x.png"], "--width: 0:"),
        (["export", "--format", "pdf", "--page", "a9", "-o", "x.pdf"], "--page: invalid choice"),
        (["recommend", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    ],
)
def test_bad_values_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert expected in _one_line(capsys, *argv)


def test_output_paths(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    line = _one_line(capsys, "quiz", "--anki", str(folder))
    assert f"argument --anki: {folder} is a folder" in line
    line = _one_line(capsys, "export", "--format", "svg", "-o", str(tmp_path / "no" / "x.svg"))
    assert f"the folder {tmp_path / 'no'} does not exist" in line
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    assert "not a regular file" in _one_line(capsys, "export", "--format", "svg", "-o", str(fifo))
    if Path("/dev/full").exists():
        assert "not a regular file" in _one_line(
            capsys, "screenshot", "--size", "800x600", "-o", "/dev/full"
        )
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    real_access = os.access
    if real_access(locked, os.W_OK):  # root ignores mode bits: answer as for anyone else
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
        )
    line = _one_line(capsys, "export", "--format", "svg", "-o", str(locked / "x.svg"))
    assert f"the folder {locked} is not writable" in line
    locked.chmod(0o755)


def test_good_values_pass(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    r = run("--pack", str(MINI), "quiz", "--count", "3", "--seed", "1", "--anki", str(out))
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    link = tmp_path / "link.svg"
    (tmp_path / "real.svg").write_text("old")
    link.symlink_to(tmp_path / "real.svg")
    r = run("--pack", str(MINI), "export", "--format", "svg", "-o", str(link))
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and (tmp_path / "real.svg").read_text().startswith("<?xml")
