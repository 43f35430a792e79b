"""Changes on disk: the open project's file is watched, and claimed while it is open.

:class:`DiskGuard` remembers a hash of the file as this window last read or wrote it.
A QFileSystemWatcher notices changes; the hash tells another program's change from our
own save, and a save checks it again (a watcher can miss an event), so the window asks
before overwriting someone else's version. A QLockFile per open file in the app's data
folder (not beside the user's file) tells a second window, in this process or another
one, that the file is already open; a crashed owner's lock is stale and taken over.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import (
    QCryptographicHash,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    QStandardPaths,
    Signal,
)

__all__ = ["DiskGuard", "file_hash", "lock_dir", "sha256_hex"]


def lock_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "open"


def sha256_hex(data: bytes) -> str:
    """SHA-256 in hex, as hashlib's ``hexdigest()``: Qt's own, since importing hashlib
    loads OpenSSL (~4 ms of the app's start) and Qt is loaded anyway."""
    digest = QCryptographicHash.hash(data, QCryptographicHash.Algorithm.Sha256)
    return bytes(digest.toHex().data()).decode("ascii")


def file_hash(path: Path) -> str | None:
    """SHA-256 of the file's bytes; None when it cannot be read (gone, a folder, ...)."""
    try:
        return sha256_hex(path.read_bytes())
    except OSError:
        return None


class DiskGuard(QObject):
    """Watches and claims the one file a window has open.

    Args:
        locks: the folder for the "is open" claims, or None to claim nothing (a window
            that must leave no trace, such as the screenshot renderer's).
    """

    changed_on_disk = Signal(object)  # Path: another program changed or removed the file

    def __init__(self, locks: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locks = locks
        self.path: Path | None = None
        self.known_hash: str | None = None
        self._lock: QLockFile | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)

    def track(self, path: Path | None) -> str | None:
        """Follow ``path`` (None: nothing). Returns a warning when another window has it open."""
        self.release()
        self.path = path
        if path is None:
            return None
        self.known_hash = file_hash(path)
        self._watch()
        return self._claim(path)

    def saved(self) -> None:
        """This window just wrote the file: its content is the known one again."""
        if self.path is not None:
            self.known_hash = file_hash(self.path)
            self._watch()  # an atomic save replaces the file the watcher followed

    def changed_since_known(self) -> bool:
        """Whether the file on disk differs from what this window last read or wrote."""
        if self.path is None:
            return False
        now = file_hash(self.path)
        return now is not None and now != self.known_hash

    def release(self) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.path = None
        self.known_hash = None

    # --- internals ---

    def _watch(self) -> None:
        if self.path is None:
            return
        key = str(self.path)
        if key not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(key)

    def _claim(self, path: Path) -> str | None:
        if self.locks is None:
            return None
        with contextlib.suppress(OSError):
            self.locks.mkdir(parents=True, exist_ok=True)
        real = str(path.resolve())
        name = sha256_hex(real.encode("utf-8"))[:24]
        lock = QLockFile(str(self.locks / f"{name}.lock"))
        lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        if lock.tryLock(0):
            self._lock = lock
            return None
        info = lock.getLockInfo()  # PySide6: (pid, hostname, app name)
        pid = info[0] if isinstance(info, tuple) and info and info[0] else None
        who = f" (process {pid})" if pid else ""
        return (
            f"{path.name} is already open in another archassist window{who}. If both save, "
            "the later save replaces the other's changes; this window will ask before it "
            "overwrites a version it has not seen."
        )

    def _on_file_changed(self, changed: str) -> None:
        if self.path is None or changed != str(self.path):
            return
        self._watch()  # a replaced file drops out of the watch list
        if self.changed_since_known() or not self.path.exists():
            self.changed_on_disk.emit(self.path)
