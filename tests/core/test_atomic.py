"""The one atomic writer, for each way a target can be hostile."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.io import atomic
from assistant.core.io.atomic import (
    WriteRefusedError,
    atomic_write_bytes,
    atomic_write_text,
    backup_path,
    clean_stale_temporaries,
    is_temporary,
)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_temporary(p)]


@pytest.fixture
def readonly_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder nobody may write in. Root ignores the mode bits, so as root the folder
    answers as the kernel does for everyone else: EACCES on creating a file."""
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "plan.yaml").write_text("old\n")
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        real_mkstemp = tempfile.mkstemp

        def mkstemp(*args: object, dir: object = None, **kw: object) -> tuple[int, str]:
            if dir is not None and Path(str(dir)) == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            return real_mkstemp(*args, dir=dir, **kw)  # type: ignore[call-overload, no-any-return]

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    yield folder
    folder.chmod(0o755)


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    atomic_write_text(target, "one\n")
    atomic_write_text(target, "two\n")
    assert target.read_text() == "two\n"
    assert _temporaries(tmp_path) == []


def test_symlink_is_kept_and_its_target_updated(tmp_path: Path) -> None:
    real = tmp_path / "store" / "plan.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "plan.yaml"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert _temporaries(tmp_path) == [] and _temporaries(real.parent) == []


def test_relative_symlink_chain(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("old\n")
    (tmp_path / "one.yaml").symlink_to("real.yaml")
    (tmp_path / "two.yaml").symlink_to("one.yaml")
    atomic_write_text(tmp_path / "two.yaml", "new\n")
    assert (tmp_path / "two.yaml").is_symlink() and (tmp_path / "one.yaml").is_symlink()
    assert (tmp_path / "real.yaml").read_text() == "new\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_dev_full_is_refused_and_left_intact() -> None:
    before = os.stat("/dev/full")
    with pytest.raises(WriteRefusedError, match="is a device") as info:
        atomic_write_bytes("/dev/full", b"x")
    assert info.value.filename == "/dev/full" and "only regular files" in info.value.strerror
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


def test_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "null.yaml"
    link.symlink_to("/dev/null")
    with pytest.raises(WriteRefusedError, match="device"):
        atomic_write_text(link, "x")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"


def test_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefusedError, match="FIFO"):
        atomic_write_text(fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _temporaries(tmp_path) == []


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "plan.yaml"
    folder.mkdir()
    (folder / "inside").write_text("keep")
    with pytest.raises(WriteRefusedError, match="is a folder"):
        atomic_write_text(folder, "x")
    assert (folder / "inside").read_text() == "keep"
    assert _temporaries(tmp_path) == []


def test_read_only_folder_fails_cleanly(readonly_dir: Path) -> None:
    with pytest.raises(PermissionError) as info:
        atomic_write_text(readonly_dir / "plan.yaml", "new\n")
    assert info.value.strerror == "Permission denied"
    assert (readonly_dir / "plan.yaml").read_text() == "old\n"
    assert _temporaries(readonly_dir) == []


@pytest.mark.parametrize("fails", ["write", "fsync", "replace"])
def test_temporary_removed_on_every_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fails: str
) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old\n")

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if fails == "write":
        monkeypatch.setattr(atomic.os, "fdopen", lambda *a, **k: _FailingFile())
    else:
        monkeypatch.setattr(atomic.os, fails, boom)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(target, "new\n")
    assert target.read_text() == "old\n"
    assert _temporaries(tmp_path) == []


class _FailingFile:
    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_keyboard_interrupt_also_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_a: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(tmp_path / "a.yaml", "x")
    assert _temporaries(tmp_path) == []


def test_previous_version_kept_as_tilde(tmp_path: Path) -> None:
    target = tmp_path / "plan.archassist.yaml"
    atomic_write_text(target, "v1\n", backup=True)
    assert not backup_path(target).exists()  # nothing to keep yet
    atomic_write_text(target, "v2\n", backup=True)
    atomic_write_text(target, "v3\n", backup=True)
    assert target.read_text() == "v3\n"
    assert (tmp_path / "plan.archassist.yaml~").read_text() == "v2\n"
    assert _temporaries(tmp_path) == []


def test_mode_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("x")
    target.chmod(0o600)
    atomic_write_text(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_stale_temporaries_of_dead_writers_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".plan.yaml.{dead_pid}.abc{atomic.TEMP_SUFFIX}"
    stale.write_bytes(b"half a fi")
    mine = tmp_path / f".plan.yaml.{os.getpid()}.abc{atomic.TEMP_SUFFIX}"
    mine.write_bytes(b"being written")
    other = tmp_path / f".other.yaml.{dead_pid}.abc{atomic.TEMP_SUFFIX}"
    other.write_bytes(b"another file's")
    atomic_write_text(target, "x")
    assert not stale.exists()
    assert mine.exists()  # a live writer's file is never touched
    assert other.exists()  # only temporaries of the name being written
    assert clean_stale_temporaries(tmp_path / "other.yaml") == [other]


def test_stale_backup_temporaries_are_cleaned_too(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("v1")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".plan.yaml~.{int(dead.stdout)}.bak{atomic.TEMP_SUFFIX}"
    stale.write_text("v0")
    atomic_write_text(target, "v2", backup=True)
    assert _temporaries(tmp_path) == []
    assert backup_path(target).read_text() == "v1"


def test_a_folder_is_cleaned_of_dead_writers_temporaries(tmp_path: Path) -> None:
    from assistant.core.io.atomic import clean_stale_folder

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)
    stale = [
        tmp_path / f".a.archassist.yaml.{pid}.x1y2{atomic.TEMP_SUFFIX}",
        tmp_path / f".b.json.{pid}.q{atomic.TEMP_SUFFIX}",
        tmp_path / f".c~.{pid}.bak{atomic.TEMP_SUFFIX}",
    ]
    live = tmp_path / f".d.json.{os.getpid()}.q{atomic.TEMP_SUFFIX}"
    other = tmp_path / ".e.json.tmp"
    for p in [*stale, live, other]:
        p.write_text("x")
    assert sorted(clean_stale_folder(tmp_path)) == sorted(stale)
    assert live.exists() and other.exists()
