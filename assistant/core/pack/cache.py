"""A cache of loaded packs, so a command does not parse and check the same YAML every time.

A pack that loaded with no problem is stored in the user's cache folder
(``$XDG_CACHE_HOME/archassist/packs`` or ``~/.cache/archassist/packs`` on Linux, the
platform's cache folder elsewhere), under a key that is the BLAKE2b hash of every pack file's
relative path and bytes, the archassist version and the Python version. Any change to any
file (one byte), another archassist or another Python gives another key, so a stale entry
is never read; it is pruned once the folder holds more than :data:`MAX_ENTRIES`.

The entries are pickles. Unpickling runs code named in the file, so this is acceptable only
for a file in the user's own cache folder that nobody else can have written (jedi and parso
cache their parse trees the same way): an entry is read only when it is a regular file owned
by the current user and not writable by group or others. Anything wrong with an entry -
missing, truncated, corrupt, another version, not a pack, refused for its owner or mode -
is a miss: the caller loads the pack normally and rewrites the entry. Each entry carries a
CRC-32 of its pickle, so a damaged byte is a miss too, never a pack with one wrong value.
The cache never raises and never prints; ``ARCHASSIST_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import pickle
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from ... import __version__
from ..io.atomic import atomic_write_bytes
from ..io.usercache import cache_enabled, cache_root, read_trusted, trusted
from .model import Pack

__all__ = [
    "MAX_ENTRIES",
    "cache_dir",
    "cache_enabled",
    "entry_path",
    "pack_key",
    "read_entry",
    "write_entry",
]

try:  # hashlib's BLAKE2 module alone: hashlib loads OpenSSL first (~5 ms of every command)
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python without it
    from hashlib import blake2b as _blake2b

MAX_ENTRIES = 16  # packs kept (an author editing a pack makes a new key per save)
_MAGIC = b"archassist-pack-cache\n"
_RUNTIME = f"archassist {__version__}; python {sys.version}"


def cache_dir() -> Path:
    """The folder of pack cache entries (it may not exist yet)."""
    return cache_root() / "packs"


def pack_key(root: Path, files: Sequence[Path], shown: str) -> str:
    """The BLAKE2b (256-bit) hash of the runtime, the pack folder, and each file's path and bytes.

    ``shown`` is the folder as the loader names it in places (``display_path``, which depends
    on the working directory); it and ``root`` are hashed, so a hit never reports the places
    of another folder. (A symbolic link inside the pack moved to another file with the same
    bytes would keep the old place names; the content is the same.)

    Raises:
        OSError: a file cannot be read (the loader then reports it).
    """
    h = _blake2b(_RUNTIME.encode(), digest_size=32)
    for text in (str(root), shown):
        h.update(b"\0" + text.encode("utf-8", "surrogateescape"))
    for f in files:
        data = f.read_bytes()
        rel = f.relative_to(root).as_posix().encode("utf-8", "surrogateescape")
        h.update(b"\0%s\0%d\0" % (rel, len(data)))
        h.update(data)
    return str(h.hexdigest())


def entry_path(key: str) -> Path:
    """Where the entry of ``key`` is kept."""
    return cache_dir() / f"{key}.pickle"


def _header(key: str, body: bytes) -> bytes:
    """An entry's second line: its key, the runtime, and a CRC-32 of the pickle, so that a
    flipped bit is a miss rather than a pack with one wrong value."""
    return f"{key} {_RUNTIME} crc32={zlib.crc32(body):08x}".encode()


def read_entry(key: str) -> Pack | None:
    """The cached pack of ``key``, or None on a miss or anything wrong with the entry."""
    data = read_trusted(entry_path(key))
    if data is None or not data.startswith(_MAGIC):
        return None
    header, _, body = data[len(_MAGIC) :].partition(b"\n")
    if header != _header(key, body):  # another key or runtime, or a damaged body
        return None
    try:
        pack = pickle.loads(body)  # a trusted file of the user's own cache (see above)
    except Exception:  # corrupt or truncated, or a class that no longer exists: a miss
        return None
    return pack if isinstance(pack, Pack) else None


class _Pickler(pickle.Pickler):
    """Dataclasses pickled as their constructor call: unpickling a frozen, slotted
    dataclass through ``__setstate__`` looks its fields up per object, which took two
    thirds of a hit; calling the class with its values is three times faster."""

    fields: ClassVar[dict[type, tuple[str, ...] | None]] = {}

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        names = self.fields.get(cls, ())
        if names == ():
            names = self.fields[cls] = _init_fields(cls)
        if names is None:
            return NotImplemented
        return cls, tuple(getattr(obj, n) for n in names)


def _init_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass that its ``__init__`` takes all of, in order."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    if any(not f.init or f.kw_only for f in fields):
        return None
    return tuple(f.name for f in fields)


def _dumps(pack: Pack) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(pack)
    return out.getvalue()


def write_entry(key: str, pack: Pack) -> None:
    """Store ``pack`` under ``key`` with the one atomic writer; failures are ignored."""
    folder = cache_dir()
    try:
        body = _dumps(pack)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = entry_path(key)
        with contextlib.suppress(FileNotFoundError):
            if not trusted(os.lstat(path)):  # a link, or a mode the writer would keep
                path.unlink()
        atomic_write_bytes(path, _MAGIC + _header(key, body) + b"\n" + body)
        _prune(folder)
    except Exception:  # a cache that cannot be written only costs the full load next time
        pass


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` most recently written entries."""
    entries = []
    for p in folder.glob("*.pickle"):
        with contextlib.suppress(OSError):
            entries.append((p.stat().st_mtime, p))
    entries.sort(reverse=True)
    for _, p in entries[MAX_ENTRIES:]:
        with contextlib.suppress(OSError):
            p.unlink()
