"""Errors with the first cause: one YAML slip is reported at its line and column and alone;
empty files are errors; numbers are bounded; part_of cycles are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import PackError
from assistant.core.io.yamlio import MAX_NUMBER, load_file, loads
from assistant.core.pack.loader import load_pack


def _problems(folder: Path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack(folder)
    return [str(p) for p in info.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_syntax_slip_reports_the_first_cause_only(mini_copy: Path) -> None:
    # services.yaml holds every service: losing it would fail each reference to one
    _edit(mini_copy / "services.yaml", "    category: sagemaker-deploy\n", "    category: [x\n")
    (only,) = _problems(mini_copy)
    assert only.startswith(f"{mini_copy / 'services.yaml'}:5:")
    assert "malformed YAML" in only


def test_shipped_pack_slip_gives_one_error(tmp_path: Path) -> None:
    import shutil

    from assistant.core.io.paths import default_pack_dir

    pack = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), pack)
    services = pack / "services.yaml"
    lines = services.read_text().splitlines(keepends=True)
    lines[10] = "  - {broken: [\n"
    services.write_text("".join(lines))
    found = _problems(pack)
    assert len(found) == 1, found[:5]
    assert f"{services}:" in found[0] and "malformed YAML" in found[0]


@pytest.mark.parametrize("content", ["", "# nothing but a comment\n", "\n\n"])
def test_empty_pack_file_is_an_error(mini_copy: Path, content: str) -> None:
    (mini_copy / "extra.yaml").write_text(content)
    (only,) = _problems(mini_copy)
    assert only == f"{mini_copy / 'extra.yaml'}:1:1: the file is empty (lost content?)"


def test_empty_pack_yaml_is_an_error(mini_copy: Path) -> None:
    (mini_copy / "pack.yaml").write_bytes(b"")
    assert _problems(mini_copy) == [
        f"{mini_copy / 'pack.yaml'}:1:1: the file is empty (lost content?)"
    ]


def test_a_310_digit_integer_is_rejected_with_its_place() -> None:
    with pytest.raises(PackError) as info:
        loads("a: 1\nb: " + "9" * 310 + "\n", "f.yaml")
    (p,) = info.value.problems
    assert str(p) == f"f.yaml:2:4: a 310-digit integer is out of range (at most {MAX_NUMBER})"


def test_ten_thousand_digits_do_not_hit_pythons_int_limit() -> None:
    with pytest.raises(PackError, match="10000-digit integer"):
        loads("- " + "1" * 10_000, "f.yaml")


@pytest.mark.parametrize(
    "text", [".inf", "-.inf", ".nan", ".NaN", "!!float .inf", "1e400", "-1e309", "1e16"]
)
def test_infinite_nan_and_huge_numbers_are_rejected(text: str) -> None:
    with pytest.raises(PackError) as info:
        loads(f"x: {text}\n", "f.yaml")
    (p,) = info.value.problems
    assert str(p).startswith("f.yaml:1:4: ")


@pytest.mark.parametrize("text", [str(MAX_NUMBER), str(-MAX_NUMBER), "1e15", "0.5", "'1e400'"])
def test_numbers_within_bounds_and_quoted_text_pass(text: str) -> None:
    assert loads(f"x: {text}\n")["x"] is not None


def test_pack_number_out_of_range_is_reported(mini_copy: Path) -> None:
    _edit(mini_copy / "deploy.yaml", "    max: ", "    max: 1" + "0" * 309 + " #")
    found = _problems(mini_copy)
    assert any("310-digit integer is out of range" in f for f in found), found


def test_truncated_utf8_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "a.yaml"
    f.write_bytes("a: café".encode()[:-1])
    with pytest.raises(PackError, match="not UTF-8"):
        load_file(f)


def test_part_of_cycle_is_named(mini_copy: Path) -> None:
    _edit(
        mini_copy / "services.yaml",
        "  - {from: serverless, kind: alternative_to, to: hosting}\n",
        "  - {from: serverless, kind: part_of, to: hosting}\n"
        "  - {from: hosting, kind: part_of, to: oldsvc}\n"
        "  - {from: oldsvc, kind: part_of, to: serverless}\n",
    )
    (only,) = _problems(mini_copy)
    assert "'part_of' relations form a cycle: hosting -> oldsvc -> serverless -> hosting" in only
    assert only.startswith(f"{mini_copy / 'services.yaml'}:48:")


def test_part_of_onto_itself_is_a_cycle(mini_copy: Path) -> None:
    _edit(
        mini_copy / "services.yaml",
        "  - {from: serverless, kind: alternative_to, to: hosting}\n",
        "  - {from: serverless, kind: part_of, to: serverless}\n",
    )
    assert "serverless -> serverless" in _problems(mini_copy)[0]


@pytest.mark.parametrize("digits", [310, 5000])
def test_huge_integer_answer_is_refused_not_a_traceback(digits: int) -> None:
    from assistant.core.pack import model as m
    from assistant.core.pack.answers import coerce_text, normalize_one

    q = m.Question("size", "a", "Size?", "number", unit="MB")
    with pytest.raises(ValueError, match="'size' takes a"):
        normalize_one(q, coerce_text(q, "9" * digits))
