"""The one place that writes files: atomically, so a crash never leaves half a file.

The writer respects what is already there:

- a symbolic link stays a link; the file it points to gets the new content;
- FIFOs, devices, sockets and folders are refused (:class:`WriteRefusedError`) before a
  byte is written, so a save to ``/dev/full`` leaves the device node alone;
- the new content goes to a temporary file beside the target, is flushed and fsynced, then
  renamed over the target, and the folder is fsynced so the rename survives a power cut;
- the temporary file is removed on every failure path; temporary files left by a process
  that was killed (``kill -9`` leaves no chance to clean) are removed by the next write of
  the same name, once their writer's process is gone;
- with ``backup=True`` the previous content is kept as ``NAME~``.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from pathlib import Path

__all__ = [
    "TEMP_SUFFIX",
    "WriteRefusedError",
    "atomic_write_bytes",
    "atomic_write_text",
    "backup_path",
    "clean_stale_folder",
    "clean_stale_temporaries",
    "is_temporary",
]

TEMP_SUFFIX = ".archassist-tmp"


class WriteRefusedError(OSError):
    """The target is not a regular file (or a link to one) and is left as it is."""


def backup_path(path: Path | str) -> Path:
    """Where the previous version of ``path`` is kept: ``NAME~`` beside it.

    >>> str(backup_path("/tmp/plan.archassist.yaml"))
    '/tmp/plan.archassist.yaml~'
    """
    p = Path(path)
    return p.with_name(p.name + "~")


def is_temporary(path: Path | str) -> bool:
    """Whether ``path`` is one of this writer's temporary files."""
    name = Path(path).name
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _resolve(path: Path) -> tuple[Path, os.stat_result | None]:
    """The real file to write (links followed) and its stat (None when it does not exist)."""
    real = Path(os.path.realpath(os.path.abspath(path)))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real, None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise WriteRefusedError(
            errno.EINVAL, f"is {kind}; only regular files are written", str(path)
        )
    return real, st


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def _remove_dead(pattern: str, folder: Path) -> list[Path]:
    """Remove this writer's temporaries matching ``pattern`` whose writing process is gone.

    Names are ``.NAME.PID.RANDOM`` or ``.NAME~.PID.bak`` plus :data:`TEMP_SUFFIX`.
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return removed
    for tmp in candidates:
        parts = tmp.name[: -len(TEMP_SUFFIX)].split(".")
        pid_text = parts[-2] if len(parts) >= 3 else ""
        if not pid_text.isdigit() or _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def clean_stale_temporaries(target: Path | str) -> list[Path]:
    """Remove temporary files of ``target`` left by writers that are no longer running.

    Returns the files removed. Temporary files of running writers are left alone.
    """
    real = Path(target)
    return _remove_dead(f".{glob.escape(real.name)}.*{TEMP_SUFFIX}", real.parent)


def clean_stale_folder(folder: Path | str) -> list[Path]:
    """Remove every temporary file of this writer in ``folder`` whose writer is gone.

    For folders only the app writes in (autosave), cleaned when a session starts; in
    the user's folders each write cleans the temporaries of its own file name.
    """
    return _remove_dead(f".*{TEMP_SUFFIX}", Path(folder))


def _fsync_folder(folder: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return  # some systems cannot open a folder; the rename itself is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _keep_backup(real: Path) -> None:
    """Make ``NAME~`` the current content of ``real``, atomically (a hard link when possible)."""
    backup = backup_path(real)
    with contextlib.suppress(FileNotFoundError):
        if _kind(os.lstat(backup).st_mode) is not None:
            return  # never replace a folder, FIFO or device named NAME~
    tmp = real.with_name(f".{backup.name}.{os.getpid()}.bak{TEMP_SUFFIX}")
    try:
        try:
            os.link(real, tmp)
        except OSError:
            tmp.write_bytes(real.read_bytes())
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(path: Path | str, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Either the old file or the complete new one exists at every moment. Missing parent
    folders are created.

    Raises:
        WriteRefusedError: ``path`` is (or links to) a folder, FIFO, device or socket.
        OSError: the folder cannot be written (read-only, full, ...); nothing is left behind.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_bytes(p, b"hello"); p.read_bytes()
    b'hello'
    >>> atomic_write_bytes(p, b"again", backup=True); backup_path(p).read_bytes()
    b'hello'
    """
    real, st = _resolve(Path(path))
    real.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temporaries(real)
    if backup:
        clean_stale_temporaries(backup_path(real))
    fd, tmp = tempfile.mkstemp(
        prefix=f".{real.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=real.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o644)
        if backup and st is not None:
            _keep_backup(real)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(real.parent)


def atomic_write_text(path: Path | str, text: str, *, backup: bool = False) -> None:
    """:func:`atomic_write_bytes` of ``text`` in UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)
