"""Autosave to the user data folder and recovery after a crash.

Each running window owns one autosave slot ``<id>.archassist.yaml`` + ``<id>.json`` (where
the project came from) guarded by a QLockFile. A slot whose lock is free on start belongs
to a session that did not close properly: its owner crashed or was killed.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QStandardPaths

from ..core.io.atomic import atomic_write_text, clean_stale_folder
from ..core.pack import model as m
from ..core.project import PROJECT_SUFFIX, Project, project_text

__all__ = ["Autosave", "Orphan", "autosave_dir"]


def autosave_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "autosave"


@dataclass(frozen=True, slots=True)
class Orphan:
    """The autosave of a session that ended without closing properly."""

    project_file: Path
    meta_file: Path
    original: Path | None
    saved_at: float

    def discard(self) -> None:
        for p in (self.project_file, self.meta_file):
            with contextlib.suppress(OSError):
                p.unlink()


class Autosave:
    """This session's autosave slot."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or autosave_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        clean_stale_folder(self.folder)  # half-written autosaves of killed sessions
        self.id = f"{os.getpid()}-{os.urandom(4).hex()}"  # 8 random hex digits
        self.project_file = self.folder / f"{self.id}{PROJECT_SUFFIX}"
        self.meta_file = self.folder / f"{self.id}.json"
        self._lock = QLockFile(str(self.folder / f"{self.id}.lock"))
        self._lock.tryLock(0)

    def write(self, project: Project, pack: m.Pack, original: Path | None) -> None:
        import json  # json and uuid were ~3.5 ms of the app's start, before any autosave

        atomic_write_text(self.project_file, project_text(project, pack))
        meta = {
            "original": str(original) if original else None,
            "saved_at": time.time(),
            "pack": pack.id,
        }
        atomic_write_text(self.meta_file, json.dumps(meta))

    def discard(self) -> None:
        """Forget the autosave (after a save, or when the user threw the changes away)."""
        for p in (self.project_file, self.meta_file):
            with contextlib.suppress(OSError):
                p.unlink()

    def close(self) -> None:
        """A clean end: no autosave left behind, lock released."""
        self.discard()
        self._lock.unlock()

    def simulate_crash(self) -> None:
        """Release the lock but leave the files, as a killed process would (for tests)."""
        self._lock.unlock()

    def orphans(self) -> list[Orphan]:
        """Autosaves of other sessions that are no longer running, newest first."""
        import json

        found: list[Orphan] = []
        for meta_file in self.folder.glob("*.json"):
            sid = meta_file.stem
            if sid == self.id:
                continue
            lock = QLockFile(str(self.folder / f"{sid}.lock"))
            if not lock.tryLock(0):
                continue  # another running window owns it
            lock.unlock()
            project_file = self.folder / f"{sid}{PROJECT_SUFFIX}"
            if not project_file.is_file():
                with contextlib.suppress(OSError):
                    meta_file.unlink()
                continue
            try:
                meta = json.loads(meta_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                meta = {}
            original = meta.get("original") if isinstance(meta, dict) else None
            saved = meta.get("saved_at") if isinstance(meta, dict) else None
            found.append(
                Orphan(
                    project_file,
                    meta_file,
                    Path(original) if isinstance(original, str) else None,
                    float(saved) if isinstance(saved, int | float) else meta_file.stat().st_mtime,
                )
            )
        return sorted(found, key=lambda o: o.saved_at, reverse=True)
