"""Where the user's cache folder is, and whether caching is on (standard library only).

It imports nothing of ours.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

__all__ = ["cache_enabled", "cache_root", "read_trusted", "trusted"]


def cache_enabled() -> bool:
    """False when ``ARCHASSIST_NO_CACHE`` is set to anything but ``""`` or ``0``.

    >>> import os; os.environ["ARCHASSIST_NO_CACHE"] = "1"; cache_enabled()
    False
    >>> del os.environ["ARCHASSIST_NO_CACHE"]; cache_enabled()
    True
    """
    return os.environ.get("ARCHASSIST_NO_CACHE", "") in ("", "0")


def cache_root() -> Path:
    """archassist's folder in the platform's cache folder (it may not exist yet):
    ``$XDG_CACHE_HOME/archassist`` or ``~/.cache/archassist`` on Linux."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "archassist" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "archassist"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"  # XDG: relative is invalid
    return base / "archassist"


def trusted(st: os.stat_result) -> bool:
    """A regular file of this user that group and others cannot write."""
    if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)  # Windows has no owners in st_uid
    return getuid is None or st.st_uid == getuid()


def read_trusted(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is :func:`trusted` (not followed if a link), else None.

    Cache entries hold code (pickles, compiled functions): only a file of the user's own
    cache folder that nobody else can have written is read.
    """
    # O_NONBLOCK: a FIFO at the path would block the open (and the app's start) for ever;
    # opened without blocking, fstat finds it is no regular file (no effect on a file)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        try:
            if not trusted(os.fstat(fh.fileno())):
                return None
            return fh.read()
        except OSError:
            return None
