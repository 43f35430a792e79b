"""A file that is not UTF-8 is refused at the place of its first bad byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import PackError
from assistant.core.io.yamlio import load_file


@pytest.mark.parametrize(
    ("raw", "place", "reason"),
    [
        (b"a: 1\ntitle: Caf\xc3", "2:11", "unexpected end of data"),  # cut inside a character
        (b"title: caf\xe9\n", "1:11", "invalid continuation byte"),  # Latin-1
        (b"\xff\xfea\x00", "1:1", "invalid start byte"),  # UTF-16
        (b"a: 1\nb: 2\n\n  c: \x80", "4:6", "invalid start byte"),
    ],
)
def test_the_first_bad_byte_is_named(tmp_path: Path, raw: bytes, place: str, reason: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(raw)
    with pytest.raises(PackError) as caught:
        load_file(path, "p.yaml")
    assert str(caught.value).splitlines()[0] == f"p.yaml:{place}: not UTF-8 text: {reason}"
