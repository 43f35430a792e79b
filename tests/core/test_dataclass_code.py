"""Dataclasses built with the compiled-method cache are the classes dataclasses builds alone."""

from __future__ import annotations

import dataclasses
import importlib.util
import marshal
import os
import pickle
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from assistant.core.io import dataclass_code

pytestmark = pytest.mark.skipif(
    sys.version_info[:2] not in ((3, 11), (3, 12)), reason="the hook exists for 3.11 and 3.12"
)

ROOT = Path(__file__).resolve().parents[2]
METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")

SAMPLE = """
from __future__ import annotations
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Loc:
    path: str
    line: int = 0

@dataclass(frozen=True, slots=True)
class Item:
    id: str
    tags: tuple[str, ...] = ()
    parts: list[int] = field(default_factory=list, hash=False)
    loc: Loc = field(default=Loc(""), compare=False)
    note: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        return self.id.upper()

@dataclass
class Plain:
    x: int
    y: float = 1.5
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder; the hook off before and after (as the process had it)."""
    was = dataclass_code.installed()
    dataclass_code.uninstall()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("ARCHASSIST_NO_CACHE", raising=False)
    yield tmp_path
    dataclass_code.uninstall()
    if was:
        dataclass_code.install()


def _module(name: str, source: str) -> ModuleType:
    module = ModuleType(name)
    sys.modules[name] = module  # dataclasses looks the module up (string annotations)
    exec(compile(source, name, "exec"), module.__dict__)
    return module


def _built(name: str) -> ModuleType:
    return _module(name, SAMPLE)


def _same_methods(a: type, b: type) -> None:
    for method in METHODS:
        fa, fb = a.__dict__.get(method), b.__dict__.get(method)
        assert (fa is None) == (fb is None), method
        if fa is not None:
            assert fa.__code__ == fb.__code__, method
            assert repr(fa.__defaults__) == repr(fb.__defaults__), method  # classes differ
            assert fa.__qualname__ == fb.__qualname__, method
            assert fa.__annotations__.keys() == fb.__annotations__.keys(), method


def _same_behaviour(plain: ModuleType, cached: ModuleType) -> None:
    for cls_name in ("Loc", "Item", "Plain"):
        a, b = getattr(plain, cls_name), getattr(cached, cls_name)
        _same_methods(a, b)
        assert [f.name for f in dataclasses.fields(a)] == [f.name for f in dataclasses.fields(b)]
        assert a.__dataclass_params__.__repr__() == b.__dataclass_params__.__repr__()
        assert getattr(a, "__slots__", None) == getattr(b, "__slots__", None)
    item = cached.Item("a", ("x",), [1], cached.Loc("f", 2), note="n")
    twin = cached.Item("a", ("x",), [1], cached.Loc("g", 9), note="n")  # loc is not compared
    assert item == twin and hash(cached.Item("a", ("x",))) == hash(cached.Item("a", ("x",)))
    assert repr(item) == "Item(id='a', tags=('x',), parts=[1], loc=Loc(path='f', line=2))"
    assert repr(item) == repr(plain.Item("a", ("x",), [1], plain.Loc("f", 2), note="n"))
    assert item != cached.Item("b") and item.label == "A"
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.id = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del item.id  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(item)) == item
    assert dataclasses.replace(item, id="b").id == "b"
    assert dataclasses.asdict(cached.Plain(1)) == {"x": 1, "y": 1.5}


def test_cold_and_warm_cache_build_the_same_classes(cache_home: Path) -> None:
    plain = _built("dc_sample_plain")
    assert dataclass_code.install()
    cold = _built("dc_sample_cold")  # compiled here
    _same_behaviour(plain, cold)
    dataclass_code.save()
    assert dataclass_code.cache_file().is_file()
    assert str(dataclass_code.cache_file()).startswith(str(cache_home))
    dataclass_code.uninstall()
    assert dataclass_code.install()  # a new run: the code comes from the file
    warm = _built("dc_sample_warm")
    _same_behaviour(plain, warm)


def test_the_pack_model_builds_the_same_classes(cache_home: Path) -> None:
    path = ROOT / "assistant" / "core" / "pack" / "model.py"

    def load(name: str) -> ModuleType:
        spec = importlib.util.spec_from_file_location(f"assistant.core.pack.{name}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module

    plain = load("model_plain_copy")
    for _ in range(2):  # cold, then warm from the file
        assert dataclass_code.install()
        cached = load("model_cached_copy")
        for name, cls in vars(plain).items():
            if isinstance(cls, type) and dataclasses.is_dataclass(cls):
                _same_methods(cls, getattr(cached, name))
        dataclass_code.save()
        dataclass_code.uninstall()


def test_an_untrusted_or_broken_file_is_a_miss(cache_home: Path) -> None:
    assert dataclass_code.install()
    _built("dc_sample_a")
    dataclass_code.save()
    dataclass_code.uninstall()
    path = dataclass_code.cache_file()
    good = path.read_bytes()
    header, _, body = good.split(b"\n", 2)
    junk_body = marshal.dumps(dict.fromkeys(marshal.loads(body), b"junk"))
    junk_entries = header + b"\n%08x\n" % zlib.crc32(junk_body) + junk_body
    cases = (
        (good, 0o666),
        (good[: len(good) // 2], 0o600),
        (b"junk", 0o600),
        (junk_entries, 0o600),
    )
    for data, mode in cases:
        path.write_bytes(data)
        os.chmod(path, mode)
        assert dataclass_code.install()
        _same_behaviour(_built("dc_sample_p"), _built("dc_sample_q"))
        dataclass_code.uninstall()


def test_a_flipped_bit_in_a_code_entry_is_a_miss_not_a_wrong_class(cache_home: Path) -> None:
    assert dataclass_code.install()
    _built("dc_sample_c")
    dataclass_code.save()
    dataclass_code.uninstall()
    path = dataclass_code.cache_file()
    good = path.read_bytes()
    # Plain.__init__'s code names its argument and attribute "y" once (marshal refers to
    # the string after): one bit (y 0x79 -> q 0x71) gives an __init__ that sets self.q
    body = good.split(b"\n", 2)[2]
    entry = next(v for k, v in marshal.loads(body).items() if "def __init__(self,x:" in k)
    at = good.index(entry) + entry.index(b"\xda\x01y") + 2
    path.write_bytes(good[:at] + b"q" + good[at + 1 :])
    assert dataclass_code.install()
    cached = _built("dc_sample_d")
    assert cached.Plain(1, 2.5).y == 2.5
    _same_behaviour(_built("dc_sample_e"), cached)


def test_a_fifo_in_place_of_the_file_does_not_hang_the_start(cache_home: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    import subprocess

    path = dataclass_code.cache_file()
    path.parent.mkdir(parents=True)
    os.mkfifo(path, 0o600)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", "from assistant.core.io import dataclass_code as d; d.install()"]
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT, timeout=30)


def test_no_cache_turns_it_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCHASSIST_NO_CACHE", "1")
    assert not dataclass_code.install()
    assert not dataclass_code.installed()
    dataclass_code.save()  # nothing to write, no error
    assert not dataclass_code.cache_file().exists()


def test_the_cli_keeps_the_compiled_methods(cache_home: Path) -> None:
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "assistant.cli", "explain", "SageMaker"]
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=ROOT)
    assert dataclass_code.cache_file().is_file()
