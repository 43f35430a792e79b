"""Project files: round trip, what no longer fits the pack, corrupt files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserInputError
from assistant.core.pack.model import Pack
from assistant.core.project import Project, load_answers, load_project, save_project


def test_round_trip_keeps_everything(tmp_path: Path, mini_pack: Pack) -> None:
    path = tmp_path / "p.archassist.yaml"
    project = Project(
        answers={"traffic": "spiky", "payload_mb": 2.5, "gpu": False},
        pins={"model": (120.0, 40.5)},
        title="Chat <bot> & co",
        notes="line one\nline two",
    )
    save_project(path, project, mini_pack)
    again = load_project(path, mini_pack)
    assert again.answers == project.answers
    assert again.pins == project.pins
    assert (again.title, again.notes) == (project.title, project.notes)
    assert again.messages == ()


def test_plain_answers_file(tmp_path: Path, mini_pack: Pack) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("traffic: steady\npayload_mb: 3\n")
    assert load_answers(path, mini_pack).answers == {"traffic": "steady", "payload_mb": 3}


def test_what_no_longer_fits_is_listed_and_kept(tmp_path: Path, mini_pack: Pack) -> None:
    path = tmp_path / "old.archassist.yaml"
    path.write_text(
        "archassist: 1\npack: {id: mini, version: 0.0.9}\n"
        "answers:\n  traffic: bursty\n  latency: low\n  payload_mb: 2\n"
        "pins: {model: [1, 2], bad: nope}\n"
    )
    with pytest.raises(UserInputError, match="valid questions"):
        load_answers(path, mini_pack)  # the CLI wants every answer to fit
    project = load_project(path, mini_pack)
    assert project.answers == {"payload_mb": 2}
    text = "\n".join(project.messages)
    assert "made with mini 0.0.9, opened with 0.1.0" in text
    assert "old.archassist.yaml:4:12: dropped answer 'traffic'" in text
    assert "dropped answer 'latency': unknown question" in text
    assert "dropped pin 'bad'" in text
    assert project.dropped == {"traffic": "bursty", "latency": "low"}
    save_project(path, project, mini_pack)  # the dropped answers survive a save
    assert load_project(path, mini_pack).dropped == {"traffic": "bursty", "latency": "low"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("archassist: 1\nanswers: [1, 2\n", "malformed YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        ("archassist: 7\nanswers: {}\n", "project format 7 is not supported"),
        ("archassist: 1\nanswers: {}\ncolour: red\n", "unknown key 'colour'"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_corrupt_files_get_a_located_error_and_are_untouched(
    tmp_path: Path, mini_pack: Pack, content: str | bytes, expected: str
) -> None:
    path = tmp_path / "broken.archassist.yaml"
    data = content.encode() if isinstance(content, str) else content
    path.write_bytes(data)
    with pytest.raises(UserInputError) as info:
        load_project(path, mini_pack)
    assert expected in str(info.value)
    assert "broken.archassist.yaml" in str(info.value)
    assert path.read_bytes() == data
