"""A project file the app wrote counts its contents, so one cut short is refused with what
is missing, at every line boundary; hand-written files stay free-form."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserInputError
from assistant.core.pack.model import Pack
from assistant.core.project import Project, load_project, project_text, save_project

EXAMPLE = "ab-test-ranking-model.archassist.yaml"


@pytest.fixture(scope="module")
def saved(shipped_pack: Pack) -> tuple[Project, str]:
    from assistant.core.io.paths import default_pack_dir

    project = load_project(default_pack_dir() / "examples" / EXAMPLE, shipped_pack)
    project = Project(
        answers=project.answers,
        pins={"model": (400.0, 220.0), "client": (10.0, 20.5)},
        title=project.title,
        notes="first line\nsecond line",
        dropped={"gone_question": "old answer"},
    )
    return project, project_text(project, shipped_pack)


def test_counts_are_written_second(saved: tuple[Project, str]) -> None:
    project, text = saved
    lines = text.splitlines()
    assert lines[0] == "archassist: 1" and lines[1] == "contents:"
    assert f"  answers: {len(project.answers)}" in lines[2:5]


def test_every_cut_at_a_line_boundary_is_refused(
    saved: tuple[Project, str], shipped_pack: Pack, tmp_path: Path
) -> None:
    project, text = saved
    lines = text.splitlines(keepends=True)
    path = tmp_path / "p.archassist.yaml"
    opened_whole = 0
    for keep in range(2, len(lines)):
        path.write_text("".join(lines[:keep]))
        try:
            again = load_project(path, shipped_pack)
        except UserInputError as exc:
            assert "incomplete" in str(exc) or "malformed" in str(exc) or "must be" in str(exc)
            continue
        # a cut that only lost the tail of a value's last line may still parse: never a
        # project with fewer answers, pins or dropped entries than were saved
        assert dict(again.answers) == dict(project.answers)
        assert dict(again.pins).keys() == dict(project.pins).keys()
        opened_whole += 1
    assert opened_whole <= 1  # at most the cut that loses only the last pin's y


def test_message_says_what_is_missing_and_where_the_backup_is(
    saved: tuple[Project, str], shipped_pack: Pack, tmp_path: Path
) -> None:
    project, text = saved
    path = tmp_path / "p.archassist.yaml"
    save_project(path, project, shipped_pack)
    save_project(path, project, shipped_pack)  # the first version becomes p.archassist.yaml~
    cut = text.index("  stream_consumers")
    path.write_text(text[:cut])
    with pytest.raises(UserInputError) as info:
        load_project(path, shipped_pack)
    message = str(info.value)
    n = len(project.answers)
    assert f"incomplete (cut short?): it holds 3 of its {n} answers" in message
    assert message.startswith(f"{path}:3:3: ")
    assert "0 of its 2 pins, 0 of its 1 dropped" in message
    assert "p.archassist.yaml~" in message


def test_hand_edits_that_add_entries_are_fine(tmp_path: Path, mini_pack: Pack) -> None:
    path = tmp_path / "p.archassist.yaml"
    save_project(path, Project(answers={"traffic": "spiky"}), mini_pack)
    path.write_text(
        path.read_text().replace("  traffic: spiky\n", "  traffic: spiky\n  gpu: true\n")
    )
    assert dict(load_project(path, mini_pack).answers) == {"traffic": "spiky", "gpu": True}


def test_files_without_counts_stay_free_form(tmp_path: Path, mini_pack: Pack) -> None:
    path = tmp_path / "p.archassist.yaml"
    path.write_text("archassist: 1\nanswers:\n  traffic: spiky\n")
    assert dict(load_project(path, mini_pack).answers) == {"traffic": "spiky"}


@pytest.mark.parametrize("contents", ["[1, 2]", "{answers: many}", "{answers: true}"])
def test_bad_counts_are_reported(tmp_path: Path, mini_pack: Pack, contents: str) -> None:
    path = tmp_path / "p.archassist.yaml"
    path.write_text(f"archassist: 1\ncontents: {contents}\nanswers: {{}}\n")
    with pytest.raises(UserInputError, match=r":2:\d+: 'contents' must be"):
        load_project(path, mini_pack)
