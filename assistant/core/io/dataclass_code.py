"""Compiled dataclass methods kept between runs, as ``.pyc`` files keep a module's code.

:mod:`dataclasses` writes the source text of each class's ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` (and a frozen class's ``__setattr__`` and ``__delattr__``) and
compiles it when the class is defined. An ``archassist export`` defines ~55 dataclasses: ~320
compiles, ~45 ms of a ~200 ms command on Python 3.11, where the compile of small texts is
most of the cost (Python 3.13 builds the methods differently).

:func:`install` keeps the code objects those texts compile to in the user's cache folder,
keyed by the exact text. The classes are still made by :mod:`dataclasses`, from the same
text, into the same code (compiled as :mod:`dataclasses` compiles it), so they are the same
classes: fields, ``replace``, equality, hashing, repr, immutability and pickling do not
change (``tests/core/test_dataclass_code.py`` compares them). Only the compile is skipped
when the text was seen before.

The hook replaces ``dataclasses._create_fn``, the one function through which the module
compiles, with a copy of it that looks the text up first. That is a private function, so
it is replaced only where it is known (Python 3.11 and 3.12) and only after a probe shows
the copy builds the same function as the original; anywhere else :func:`install` does
nothing. The cache file is read as the pack cache reads its entries (a regular file of this
user that nobody else can write: it holds code), a CRC-32 of its body is checked, anything
wrong with it is a miss, it is
written only by :func:`save` and never raises. ``ARCHASSIST_NO_CACHE=1`` turns it off.
This module imports nothing of ours but :mod:`.usercache`, since it must run before the
first dataclass is made.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from types import CodeType

from .usercache import cache_enabled, cache_root, read_trusted, trusted

__all__ = ["MAX_ENTRIES", "cache_file", "install", "installed", "save", "uninstall"]

MAX_ENTRIES = 4000  # texts kept; past it a save keeps only this process's (old classes go)
_HEADER = f"archassist dataclass code; python {sys.version}\n".encode()
_MISSING = dataclasses.MISSING

# text -> its code, compiled here or unmarshalled when first asked for; the file's entries
# stay marshalled bytes until then (the app's classes cost an export nothing)
_codes: dict[str, CodeType | bytes] = {}
_used: set[str] = set()  # the texts this process compiled or looked up
_state: dict[str, object] = {}  # "original": dataclasses' own _create_fn while installed; "dirty"


def cache_file() -> Path:
    """Where the compiled methods are kept (one file per Python build)."""
    return cache_root() / "code" / f"dataclasses-{sys.implementation.cache_tag}.marshal"


def installed() -> bool:
    """True while :func:`install`'s hook is in place."""
    return "original" in _state


def install() -> bool:
    """Put the hook in place (once); False when caching is off or this Python is unknown."""
    if installed():
        return True
    original = getattr(dataclasses, "_create_fn", None)
    if not (cache_enabled() and sys.version_info[:2] in ((3, 11), (3, 12))):
        return False
    if original is None or not _same_as(original):
        return False
    _codes.update(_read(cache_file()))
    _state["original"] = original
    setattr(dataclasses, "_create_fn", _create_fn)  # noqa: B010 - a private name, see above
    return True


def uninstall() -> None:
    """Give :mod:`dataclasses` its own function back (the tests' clean-up)."""
    original = _state.pop("original", None)
    if original is not None:
        setattr(dataclasses, "_create_fn", original)  # noqa: B010
    _codes.clear()
    _used.clear()
    _state.pop("dirty", None)


def save() -> None:
    """Write the cache file if this process compiled a text it did not hold; never raises."""
    if not (installed() and _state.get("dirty")):
        return
    keep = _codes if len(_codes) <= MAX_ENTRIES else {t: _codes[t] for t in _used}
    path = cache_file()
    try:
        from .atomic import atomic_write_bytes

        body = marshal.dumps({t: _marshalled(c) for t, c in keep.items()})
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            if not trusted(os.lstat(path)):  # a link, or a mode the writer would keep
                path.unlink()
        except FileNotFoundError:
            pass
        atomic_write_bytes(path, _HEADER + _checksum(body) + body)
        _state["dirty"] = False
    except Exception:  # a cache that cannot be written only costs the compiles next time
        pass


def _marshalled(code: CodeType | bytes) -> bytes:
    return code if isinstance(code, bytes) else marshal.dumps(code)


def _checksum(body: bytes) -> bytes:
    """The line after the header: the body's CRC-32 in hex. A flipped bit in a code entry
    can still unmarshal, as code that is not the text's (an attribute named ``q`` for ``y``):
    the checksum makes a corrupt file a miss instead of a wrong class."""
    return b"%08x\n" % zlib.crc32(body)


def _read(path: Path) -> dict[str, CodeType | bytes]:
    data = read_trusted(path)
    if data is None or not data.startswith(_HEADER):
        return {}
    start = len(_HEADER) + 9
    body = data[start:]
    if data[len(_HEADER) : start] != _checksum(body):
        return {}
    try:
        table = marshal.loads(body)
    except Exception:  # truncated or corrupt: a miss
        return {}
    if not isinstance(table, dict):
        return {}
    return {t: c for t, c in table.items() if isinstance(t, str) and isinstance(c, bytes)}


def _create_fn(
    name: str,
    args: list[str],
    body: list[str],
    *,
    globals: dict[str, object] | None = None,  # dataclasses' own names
    locals: dict[str, object] | None = None,
    return_type: object = _MISSING,
) -> Callable[..., object]:
    # dataclasses._create_fn of Python 3.11 and 3.12, line for line, except that the text's
    # code is looked up before it is compiled.
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not _MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    arg_text = ",".join(args)
    body_text = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({arg_text}){return_annotation}:\n{body_text}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    code = _codes.get(txt)
    if isinstance(code, bytes):
        try:
            code = _codes[txt] = marshal.loads(code)
        except Exception:  # a corrupt entry: compiled below
            code = None
        if not isinstance(code, CodeType):
            code = None
    if code is None:
        # As exec(txt) in dataclasses compiles it: no __future__ flags of this module.
        code = _codes[txt] = compile(txt, "<string>", "exec", dont_inherit=True)
        _state["dirty"] = True
    _used.add(txt)
    ns: dict[str, object] = {}
    exec(code, vars(dataclasses) if globals is None else globals, ns)
    make: Callable[..., Callable[..., object]] = ns["__create_fn__"]  # type: ignore[assignment]
    return make(**locals)


def _same_as(original: Callable[..., Callable[..., object]]) -> bool:
    """True if the copy builds the function the original builds for a probe text."""
    probe = {
        "name": "__probe__",
        "args": ["self", "x", "y=_y"],
        "body": ["return (self, x, y)"],
        "return_type": int,
    }
    try:
        theirs = original(**probe, globals={}, locals={"_y": 1})
        ours = _create_fn(**probe, globals={}, locals={"_y": 1})  # type: ignore[arg-type]
    except Exception:
        return False
    finally:
        _codes.clear()
        _used.clear()
        _state.pop("dirty", None)
    return bool(
        theirs.__code__ == ours.__code__
        and theirs.__defaults__ == ours.__defaults__
        and theirs.__annotations__ == ours.__annotations__
        and theirs.__qualname__ == ours.__qualname__
    )
