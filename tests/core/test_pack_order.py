"""Conditions may only look at what is known when the engine evaluates them (the loader's
order check): a question at questions asked before it, an area at earlier areas, a rule at
its own or earlier areas, and every one of them at the choices of earlier areas only."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from assistant.core.decide.engine import decide_areas
from assistant.core.errors import PackError
from assistant.core.pack.loader import load_pack

META = "id: tiny\ntitle: Tiny\nversion: 0.1.0\nas_of: 2026-11-28\nschema: 1\n"


def _question(qid: str, area: str, when: dict[str, Any] | None = None) -> dict[str, Any]:
    q: dict[str, Any] = {"id": qid, "area": area, "text": f"{qid}?", "kind": "boolean"}
    if when:
        q["when"] = when
    return q


def _area(aid: str, order: int, **extra: Any) -> dict[str, Any]:
    option = {"id": "x", "title": "X", "prefer": extra.pop("prefer", [])}
    return {"id": aid, "title": aid.title(), "order": order, "options": [option], **extra}


# Asked in this order: a1, a2 (area first, order 10), then b1 (area second, order 20).
SOUND: dict[str, Any] = {
    "questions": [
        _question("a1", "first"),
        _question("a2", "first", {"answer": "a1", "eq": True}),
        _question(
            "b1", "second", {"all": [{"answer": "a2", "eq": True}, {"chosen": "first", "eq": "x"}]}
        ),
    ],
    "areas": [
        _area("second", 20, when={"answer": "a1", "eq": True}),
        _area("first", 10, prefer=[{"when": {"answer": "a2", "eq": True}, "because": "a2"}]),
    ],
}


def _pack(folder: Path, body: dict[str, Any]) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "pack.yaml").write_text(META)
    (folder / "all.yaml").write_text(json.dumps(body, indent=1))  # JSON is YAML
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack(folder)
    return [str(p) for p in info.value.problems]


def test_conditions_on_what_came_before_load(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path, SOUND))
    assert decide_areas(pack, {"a1": True}).relevant == ["a1", "a2"]
    assert decide_areas(pack, {"a1": True, "a2": True}).relevant == ["a1", "a2", "b1"]


def test_a_question_may_not_look_at_a_later_question(tmp_path: Path) -> None:
    body = copy.deepcopy(SOUND)
    body["questions"][0]["when"] = {"answer": "a2", "eq": True}  # a1 looks at a2, asked after it
    found = _problems(_pack(tmp_path, body))
    assert len(found) == 1, found
    assert "question 'a1' looks at question 'a2', which is asked after it" in found[0]
    assert "all.yaml:10:11:" in found[0]  # the operator of the comparison in a1's `when`


def test_a_question_may_not_look_at_itself_or_a_later_area(tmp_path: Path) -> None:
    body = copy.deepcopy(SOUND)
    body["questions"][1]["when"] = {"answer": "a2", "answered": True}
    body["questions"][0]["when"] = {"answer": "b1", "eq": True}
    found = "\n".join(_problems(_pack(tmp_path, body)))
    assert "question 'a2' looks at question 'a2', which is the question itself" in found
    assert "question 'a1' looks at question 'b1', which is asked after it" in found


def test_a_question_may_not_look_at_the_choice_of_its_own_or_a_later_area(tmp_path: Path) -> None:
    body = copy.deepcopy(SOUND)
    body["questions"][0]["when"] = {"chosen": "first", "eq": "x"}
    found = _problems(_pack(tmp_path, body))
    assert len(found) == 1 and "question 'a1' looks at the choice of 'first'" in found[0], found


def test_an_area_may_not_look_at_its_own_or_a_later_areas_questions(tmp_path: Path) -> None:
    body = copy.deepcopy(SOUND)
    body["areas"][0]["when"] = {"answer": "b1", "eq": True}
    found = _problems(_pack(tmp_path, body))
    assert (
        len(found) == 1 and "area 'second' looks at question 'b1', which is asked later" in found[0]
    )


def test_a_rule_may_not_look_at_a_later_areas_question(tmp_path: Path) -> None:
    body = copy.deepcopy(SOUND)
    body["areas"][1]["options"][0]["prefer"][0]["when"] = {"not": {"answer": "b1", "eq": True}}
    found = _problems(_pack(tmp_path, body))
    assert len(found) == 1, found
    assert "a rule of option 'first.x' looks at question 'b1', which is asked later" in found[0]
