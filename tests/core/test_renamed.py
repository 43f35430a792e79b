"""A pack that renames a question says so in pack.yaml (``renamed: {old: new}``); projects
made before open with their answers moved to the new ids, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import PackError
from assistant.core.pack.loader import load_pack
from assistant.core.project import load_answers, load_project, project_text

OLD_PROJECT = """archassist: 1
pack: {id: mini, version: 0.1.0}
title: Before the rename
answers:
  traffic: spiky
  needs_gpu: true
"""


def _renaming(folder: Path, table: str) -> Path:
    meta = folder / "pack.yaml"
    meta.write_text(meta.read_text() + f"renamed: {table}\n")
    return folder


def test_an_old_project_migrates_to_the_new_ids(mini_copy: Path, tmp_path: Path) -> None:
    pack = load_pack(_renaming(mini_copy, "{needs_gpu: gpu}"))
    assert pack.renamed == {"needs_gpu": "gpu"}
    old = tmp_path / "old.archassist.yaml"
    old.write_text(OLD_PROJECT)
    project = load_project(old, pack)
    assert project.answers == {"traffic": "spiky", "gpu": True}
    assert not project.dropped
    (message,) = project.messages
    assert message.endswith(
        "old.archassist.yaml:6:14: answer 'needs_gpu' is now 'gpu' (the question was renamed)"
    )
    saved = project_text(project, pack)
    assert "gpu: true" in saved and "needs_gpu" not in saved
    # an answers file migrates too, and is not an error
    assert load_answers(old, pack).answers["gpu"] is True


def test_an_answer_under_both_ids_keeps_the_new_one_and_the_old_one_safe(
    mini_copy: Path, tmp_path: Path
) -> None:
    pack = load_pack(_renaming(mini_copy, "{needs_gpu: gpu}"))
    both = tmp_path / "both.archassist.yaml"
    both.write_text(OLD_PROJECT + "  gpu: false\n")
    project = load_project(both, pack)
    assert project.answers["gpu"] is False
    assert project.dropped == {"needs_gpu": True}


def test_without_the_table_an_old_answer_is_dropped_not_lost(mini_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "old.archassist.yaml"
    old.write_text(OLD_PROJECT)
    project = load_project(old, mini_pack)
    assert "gpu" not in project.answers and project.dropped == {"needs_gpu": True}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "{needs_gpu: gpus}",
            "'needs_gpu' is renamed to unknown question 'gpus' (did you mean gpu?)",
        ),
        ("{traffic: gpu}", "renamed question 'traffic' is still a question of this pack"),
        ("[needs_gpu, gpu]", "'renamed' maps old question ids to new ones, not a list"),
    ],
)
def test_a_wrong_table_is_an_error_with_its_place(
    mini_copy: Path, table: str, message: str
) -> None:
    with pytest.raises(PackError) as info:
        load_pack(_renaming(mini_copy, table))
    (problem,) = info.value.problems
    assert problem.message == message
    assert problem.loc.path.endswith("pack.yaml") and problem.loc.line == 7
