"""yamlio.dump writes what yamlio.loads reads back as the same data (a saved project reopens)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.core.io.yamlio import dump, loads
from assistant.core.pack import model as m
from assistant.core.project import Project, ProjectPath, load_project, save_project

# PyYAML's resolver (YAML 1.1) types none of these as numbers, so it wrote them unquoted;
# yamlio's reader takes an exponent without a dot for a float, and 1e400 is out of range
ODD = ["1e5", "12E3", "1e-3", "5e0", "1e400", "+1e+5", "1_0e2", "9" * 30, "2026-01-02", "yes"]


@pytest.mark.parametrize("text", ODD)
def test_a_string_that_reads_as_a_number_is_quoted(text: str) -> None:
    data = {"k": text, "l": [text], text: 1}
    assert loads(dump(data)) == data


@given(
    st.from_regex(r"[-+]?[0-9_.]{0,4}[eE]?[-+]?[0-9_.]{0,4}", fullmatch=True)
    | st.text(alphabet="0123456789eE.+-_:~ynYNtf", max_size=8)
)
def test_any_number_like_string_comes_back_a_string(text: str) -> None:
    assert loads(dump({"k": text}))["k"] == text


def test_numbers_keep_their_type() -> None:
    data = {"i": 100000, "f": 100000.0, "e": 1.5e-3, "b": True, "n": None}
    assert loads(dump(data)) == data
    assert [type(v) for v in loads(dump(data)).values()] == [int, float, float, bool, type(None)]


def test_a_project_whose_path_is_named_like_a_number_reopens(
    tmp_path: Path, mini_pack: m.Pack
) -> None:
    project = Project(title="1e5", notes="2e3", paths=(ProjectPath("1e5"), ProjectPath("b")))
    path = tmp_path / "p.archassist.yaml"
    save_project(path, project, mini_pack)
    back = load_project(path, mini_pack)
    assert (back.title, back.notes) == ("1e5", "2e3")
    assert [p.name for p in back.paths] == ["1e5", "b"]
