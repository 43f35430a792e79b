"""The pack load cache: a hit returns the stored pack, anything wrong with an entry is a miss
that loads in full and rewrites it, and validate (like the default load) never reads it."""

from __future__ import annotations

import dataclasses
import os
import pickle
import zlib
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.errors import PackError
from assistant.core.pack import cache, loader
from assistant.core.pack.loader import load_pack


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("ARCHASSIST_NO_CACHE", raising=False)
    return folder / "archassist" / "packs"


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders loaded in full (not from the cache), in order."""
    seen: list[Path] = []
    real = loader._load

    def counting(root: Path, files: list[Path]):  # type: ignore[no-untyped-def]
        seen.append(root)
        return real(root, files)

    monkeypatch.setattr(loader, "_load", counting)
    return seen


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Pack compares by identity: compare its fields (records compare by value), and the
    places of the services, which records leave out of their equality."""
    fields = all(getattr(a, f.name) == getattr(b, f.name) for f in dataclasses.fields(a))
    locs = [s.loc for s in a.services.values()] == [s.loc for s in b.services.values()]
    return fields and locs


def test_hit_returns_the_stored_pack_without_a_full_load(
    mini_copy: Path, own_cache: Path, full_loads: list[Path]
) -> None:
    first = load_pack(mini_copy, cache=True)
    assert full_loads == [mini_copy] and len(_entries(own_cache)) == 1
    second = load_pack(mini_copy, cache=True)
    assert full_loads == [mini_copy]  # no second full load
    assert second is not first and _same(first, second)
    assert _same(second, load_pack(mini_copy))


def test_one_changed_byte_is_a_miss(
    mini_copy: Path, own_cache: Path, full_loads: list[Path]
) -> None:
    load_pack(mini_copy, cache=True)
    services = mini_copy / "services.yaml"
    text = services.read_bytes()
    assert text.count(b"summary: ") >= 1
    services.write_bytes(text.replace(b"summary: ", b"summary: X", 1))
    changed = load_pack(mini_copy, cache=True)
    assert len(full_loads) == 2
    assert any(s.summary.startswith("X") for s in changed.services.values())
    assert len(_entries(own_cache)) == 2


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "not a pack"])
def test_a_broken_entry_is_a_miss_and_is_rewritten(
    damage: str, mini_copy: Path, own_cache: Path, full_loads: list[Path]
) -> None:
    fresh = load_pack(mini_copy, cache=True)
    [entry] = _entries(own_cache)
    data = entry.read_bytes()
    broken = {
        "truncated": data[: len(data) // 2],
        "garbage": data[:100] + os.urandom(64),
        "empty": b"",
        "not a pack": _with_body(data, pickle.dumps("not a pack")),
    }[damage]
    entry.write_bytes(broken)
    again = load_pack(mini_copy, cache=True)
    assert len(full_loads) == 2 and _same(fresh, again)
    assert entry.read_bytes() == data  # rewritten whole
    load_pack(mini_copy, cache=True)
    assert len(full_loads) == 2  # and read back


def _with_body(entry: bytes, body: bytes) -> bytes:
    """``entry`` with another pickle in it, under a header whose CRC-32 matches that pickle."""
    magic, header, _ = entry.split(b"\n", 2)
    header = header.rsplit(b" crc32=", 1)[0] + b" crc32=%08x" % zlib.crc32(body)
    return magic + b"\n" + header + b"\n" + body


def test_a_flipped_bit_that_still_unpickles_is_a_miss(
    mini_copy: Path, own_cache: Path, full_loads: list[Path]
) -> None:
    """One changed letter in a stored text still unpickles, to a pack with one wrong value:
    the entry's CRC-32 makes it a miss instead."""
    fresh = load_pack(mini_copy, cache=True)
    [entry] = _entries(own_cache)
    data = entry.read_bytes()
    title = next(iter(fresh.services.values())).name.encode()
    assert title in data.split(b"\n", 2)[2]
    flipped = title[:-1] + bytes([title[-1] ^ 1])
    entry.write_bytes(data.replace(title, flipped, 1))
    again = load_pack(mini_copy, cache=True)
    assert len(full_loads) == 2 and _same(fresh, again)
    assert entry.read_bytes() == data  # rewritten whole


def test_an_entry_of_another_version_is_ignored(
    mini_copy: Path, own_cache: Path, full_loads: list[Path]
) -> None:
    load_pack(mini_copy, cache=True)
    [entry] = _entries(own_cache)
    data = entry.read_bytes()
    from assistant import __version__

    other = data.replace(f"archassist {__version__};".encode(), b"archassist 0.0.0-old;", 1)
    assert other != data
    entry.write_bytes(other)
    load_pack(mini_copy, cache=True)
    assert len(full_loads) == 2 and entry.read_bytes() == data


def _poison(mini_copy: Path, own_cache: Path) -> None:
    """Replace the pack's entry with a well-formed one holding another pack id."""
    pack = load_pack(mini_copy, cache=True)
    [entry] = _entries(own_cache)
    key = entry.name.removesuffix(".pickle")
    cache.write_entry(key, dataclasses.replace(pack, id="poisoned"))
    assert load_pack(mini_copy, cache=True).id == "poisoned"  # the entry is read


def test_a_foreign_or_writable_entry_is_never_read(
    mini_copy: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _poison(mini_copy, own_cache)
    [entry] = _entries(own_cache)
    entry.chmod(0o666)
    assert load_pack(mini_copy, cache=True).id != "poisoned"  # writable by others
    _poison(mini_copy, own_cache)
    [entry] = _entries(own_cache)
    entry.chmod(0o620)
    assert load_pack(mini_copy, cache=True).id != "poisoned"  # writable by the group
    _poison(mini_copy, own_cache)
    [entry] = _entries(own_cache)
    if hasattr(os, "getuid"):
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 1)  # the file is now someone else's
        assert load_pack(mini_copy, cache=True).id != "poisoned"
        monkeypatch.setattr(os, "getuid", lambda: uid)
    entry.unlink()
    os.symlink(own_cache / "elsewhere.pickle", entry)
    load_pack(mini_copy, cache=True)  # a link in place of an entry: a miss, never followed
    assert not (own_cache / "elsewhere.pickle").exists()


def test_validate_and_the_default_load_bypass_the_cache(
    mini_copy: Path, own_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _poison(mini_copy, own_cache)
    assert load_pack(mini_copy).id != "poisoned"
    assert main(["validate", "--no-lint", str(mini_copy)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "poisoned" not in out


def test_no_cache_variable_and_a_bad_pack_store_nothing(
    mini_copy: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARCHASSIST_NO_CACHE", "1")
    load_pack(mini_copy, cache=True)
    assert _entries(own_cache) == []
    monkeypatch.delenv("ARCHASSIST_NO_CACHE")
    (mini_copy / "services.yaml").write_text("services:\n  - id: [broken\n")
    with pytest.raises(PackError):
        load_pack(mini_copy, cache=True)
    with pytest.raises(PackError):  # twice: a pack with problems is never stored
        load_pack(mini_copy, cache=True)
    assert _entries(own_cache) == []


def test_an_unwritable_cache_folder_only_costs_the_full_load(
    mini_copy: Path, own_cache: Path
) -> None:
    own_cache.parent.mkdir(parents=True)
    own_cache.write_text("a file where the folder should be")
    assert load_pack(mini_copy, cache=True).id == load_pack(mini_copy).id
    assert load_pack(mini_copy, cache=True).id == load_pack(mini_copy).id
