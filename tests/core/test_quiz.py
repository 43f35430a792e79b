"""Generated quiz items: one correct choice each, distractors really wrong under the pack."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.decide.engine import recommend
from assistant.core.errors import PackError, UserInputError
from assistant.core.io.paths import default_pack_dir
from assistant.core.pack import model as m
from assistant.core.pack.loader import load_pack
from assistant.core.study.formats import UNIT_BASE
from assistant.core.study.quiz import (
    MODES,
    Item,
    exam_items,
    exam_of,
    generate,
    notes_pack,
    select,
    topics,
)


def _norm(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _area_of(pack: m.Pack, item: Item) -> m.Area:
    keys = set(item.choice_keys)
    for area in pack.areas:
        if keys <= {o.id for o in area.options} and item.id.startswith(f"scenario.{area.id}."):
            return area
    raise AssertionError(f"{item.id}: no area holds all its choices")


def check_item(pack: m.Pack, item: Item) -> None:
    """Assert that ``item`` has exactly one correct choice under ``pack`` (in each mode)."""
    assert item.question.strip() and item.explanation.strip(), item.id
    assert item.source.title and item.source.url.startswith("http"), item.id
    if item.qtype == "single":
        assert 2 <= len(item.choices) <= 4, item.id
    else:  # EXAM.md: multiple response 5+ options; ordering 3-5; matching 3-7 prompts
        assert item.kind in NEW_FORMATS, item.id
        assert 3 <= len(item.choices) <= 7, item.id
        assert len(set(item.response_key())) == len(item.response_key()), item.id
    assert len(set(item.choices)) == len(item.choices), f"{item.id}: duplicate choices"
    assert 0 <= item.answer < len(item.choices), item.id
    if item.notes_answer is not None:
        assert 0 <= item.notes_answer < len(item.choices), item.id
    assert item.topic in m.CATEGORIES, item.id
    assert item.domain in m.DOMAINS, item.id
    assert set(item.modes) <= set(MODES) and item.modes, item.id
    if item.kind == "handwritten":
        return
    if item.kind in NEW_FORMATS:
        NEW_FORMATS[item.kind](pack, item)
        return
    keys = item.choice_keys
    assert len(keys) == len(item.choices), item.id
    right = keys[item.answer]
    wrong = [k for i, k in enumerate(keys) if i != item.answer]
    if item.kind == "limit":
        fact = pack.facts[item.facts[0]]
        assert float(right) == float(fact.value), item.id  # type: ignore[arg-type]
        for k in wrong:
            assert float(k) != float(fact.value), item.id  # type: ignore[arg-type]
        if item.differs:
            assert fact.exam_notes is not None
            assert float(keys[item.notes_answer]) == float(fact.exam_notes.value)  # type: ignore[index, arg-type]
    elif item.kind == "cloze":
        fact = pack.facts[item.facts[0]]
        assert right == fact.value and all(k != fact.value for k in wrong), item.id
    elif item.kind == "scenario":
        area = _area_of(pack, item)
        answers = dict(item.scenario)
        assert answers, f"{item.id}: a scenario states at least one answer"
        rec = recommend(pack, answers, find_open_questions=False)
        result = rec.area(area.id)
        assert result.chosen is not None and result.chosen.id == right, item.id
        status = {a.id: a.status for a in result.alternatives}
        for k in wrong:
            assert status[k] == "ruled_out", f"{item.id}: {k} is not ruled out"
        lead = "It is the best option left: "
        if item.explanation.startswith(lead):  # "... would fit better (see below)": it says why
            better = item.explanation[len(lead) :].split(" would fit better")[0]
            titles = {a.title for a in result.alternatives}
            for title in (t for t in better.split(", ") if t in titles):
                assert f"Not {title}:" in item.explanation, f"{item.id}: why not {title}?"
        if item.differs:
            notes = recommend(notes_pack(pack), answers, find_open_questions=False)
            assert notes.area(area.id).chosen.id == keys[item.notes_answer]  # type: ignore[union-attr, index]
    elif item.kind == "use_case":
        case = _norm(item.question.split("\u201c", 1)[1].rsplit("\u201d", 1)[0])
        service = pack.services[item.services[0]]
        assert case in {_norm(u) for u in service.use_cases}, item.id
        if service.status.state == "available":
            assert right == service.id, item.id
        else:  # today: what AWS suggests; the notes: the service itself
            assert right in service.status.suggest and keys[item.notes_answer] == service.id  # type: ignore[index]
        for k in wrong:
            if k == service.id:
                continue
            assert case not in {_norm(u) for u in pack.services[k].use_cases}, item.id
    elif item.kind == "what_for":
        service = pack.services[item.services[0]]
        own = {_norm(u) for u in service.use_cases}
        assert _norm(item.choices[item.answer]) in own, item.id
        for i, text in enumerate(item.choices):
            if i != item.answer:
                assert _norm(text) not in own, item.id
    elif item.kind == "status":
        service = pack.services[item.services[0]]
        assert right == service.status.state, item.id
        if item.differs:
            assert keys[item.notes_answer] == "available"  # type: ignore[index]
    elif item.kind == "suggest":
        service = pack.services[item.services[0]]
        assert right in service.status.suggest, item.id
        assert not set(wrong) & set(service.status.suggest), item.id
    elif item.kind == "closed_which":
        assert pack.services[right].status.state != "available", item.id
        assert all(pack.services[k].status.state == "available" for k in wrong), item.id
        assert item.modes == ("today",) or not item.differs
    elif item.kind == "not_member":
        fact = pack.facts[item.facts[0]]
        members = {_norm(m.format_value(x)) for x in fact.value}  # type: ignore[union-attr]
        assert right.startswith("outsider:"), item.id
        assert _norm(item.choices[item.answer]) not in members, item.id
        for i, text in enumerate(item.choices):
            if i != item.answer:
                assert _norm(text) in members, item.id
    elif item.kind == "not_true":
        changed = pack.facts[item.facts[0]]
        assert right == f"false:{changed.id}", item.id
        assert item.choices[item.answer] != changed.statement, item.id
        for i, k in enumerate(keys):
            if i != item.answer:
                assert item.choices[i] == pack.facts[k].statement, item.id
    elif item.kind == "not_supported":
        incompatible = {
            (r.source, r.target) for r in pack.relations if r.kind == "incompatible_with"
        }
        subject = item.services[0]
        assert (subject, right) in incompatible or (right, subject) in incompatible
        for k in wrong:
            assert (subject, k) not in incompatible and (k, subject) not in incompatible
    else:
        raise AssertionError(f"unknown kind {item.kind}")


def _check_pick_two(pack: m.Pack, item: Item) -> None:
    assert item.qtype == "multiple" and len(item.key) == 2 and len(item.choices) >= 5, item.id
    if item.id.startswith("pick_two.use_cases."):
        own = {_norm(u) for u in pack.services[item.services[0]].use_cases}
        assert all(_norm(item.choices[k]) in own for k in item.key), item.id
        wrong = [c for i, c in enumerate(item.choices) if i not in item.key]
        assert all(_norm(c) not in own for c in wrong), item.id
        return
    fact = pack.facts[item.facts[0]]
    members = {_norm(m.format_value(x)) for x in fact.value}  # type: ignore[union-attr]
    for i, text in enumerate(item.choices):
        assert (_norm(text) in members) == (i in item.key), item.id


def _check_order(pack: m.Pack, item: Item) -> None:
    assert item.qtype == "ordering" and 3 <= len(item.choices) <= 5, item.id

    def base(f: m.Fact) -> float:
        return float(f.value) * UNIT_BASE.get(f.unit, ("", 1.0))[1]  # type: ignore[arg-type]

    values = [base(pack.facts[item.choice_keys[k]]) for k in item.key]
    assert values == sorted(values) and len(set(values)) == len(values), item.id
    assert all("____" in text for text in item.choices), item.id


def _check_match(pack: m.Pack, item: Item) -> None:
    assert item.qtype == "matching" and 3 <= len(item.prompts) <= 7, item.id
    assert len(item.key) == len(item.prompts) and len(item.choices) > len(item.prompts), item.id
    if item.id.startswith("match.use_cases."):
        by_name = {s.name: s for s in pack.services.values()}
        shown = [by_name[c] for c in item.choices]
        for prompt, k in zip(item.prompts, item.key, strict=True):
            owners = [s for s in shown if _norm(prompt) in {_norm(u) for u in s.use_cases}]
            assert owners == [by_name[item.choices[k]]], (item.id, prompt)
        return
    for prompt, k, f in zip(item.prompts, item.key, item.facts, strict=True):
        fact = pack.facts[f]
        assert float(item.choices[k].replace(",", "")) == float(fact.value), item.id  # type: ignore[arg-type]
        assert prompt.startswith(fact.statement.split("____")[0][:20]), item.id


def _check_which_service(pack: m.Pack, item: Item) -> None:
    fact = pack.facts[item.facts[0]]
    right = item.choice_keys[item.answer]
    assert right == fact.about[0], item.id
    assert all(k not in fact.about for k in item.choice_keys if k != right), item.id
    name = pack.services[right].name
    assert name not in item.question, f"{item.id}: the question names the answer"


def _check_relation(pack: m.Pack, item: Item) -> None:
    asked = item.services[0]
    right = item.choice_keys[item.answer]
    pairs = {(r.source, r.target) for r in pack.relations}
    kind = item.id.split(".")[1]
    source, target = (right, asked) if item.id.startswith("relation_back.") else (asked, right)
    assert any(r.kind == kind and (r.source, r.target) == (source, target) for r in pack.relations)
    for k in item.choice_keys:
        if k != right:
            assert (asked, k) not in pairs and (k, asked) not in pairs, item.id
    assert pack.services[right].name not in item.question, item.id


def _check_member(pack: m.Pack, item: Item) -> None:
    fact = pack.facts[item.facts[0]]
    members = {_norm(m.format_value(x)) for x in fact.value}  # type: ignore[union-attr]
    for i, text in enumerate(item.choices):
        assert (_norm(text) in members) == (i == item.answer), item.id
    assert "IS one of them" in item.question


NEW_FORMATS = {
    "member": _check_member,
    "pick_two": _check_pick_two,
    "order": _check_order,
    "match": _check_match,
    "which_service": _check_which_service,
    "relation": _check_relation,
}


@pytest.fixture
def quiz_pack(mini_copy: Path) -> m.Pack:
    """The mini pack with a source for the closed service's status (so it gets status items)."""
    services = mini_copy / "services.yaml"
    services.write_text(
        services.read_text().replace(
            "suggest: [hosting]}",
            "suggest: [hosting], source: {title: Old service banner,"
            " url: 'https://example.com/old'}}",
        )
    )
    return load_pack(mini_copy)


def test_mini_items_are_sound(mini_pack: m.Pack) -> None:
    items = generate(mini_pack)
    kinds = Counter(i.kind for i in items)
    assert kinds["scenario"] >= 2 and kinds["limit"] >= 2
    for item in items:
        check_item(mini_pack, item)


def test_status_items(quiz_pack: m.Pack) -> None:
    items = {i.id: i for i in generate(quiz_pack)}
    status = items["status.oldsvc"]
    check_item(quiz_pack, status)
    assert status.choices[status.answer].startswith("No: it is closed to new customers")
    assert "Real-time hosting" in status.explanation  # what AWS suggests instead
    assert not status.differs and status.mode_label("notes") == ""


def test_exam_notes_mode_picks_the_notes_answer(mini_pack: m.Pack) -> None:
    item = next(i for i in generate(mini_pack) if i.id == "limit.pipeline.max")
    assert item.differs
    assert item.choices[item.correct("today")] == "15"
    assert item.choices[item.correct("notes")] == "5"
    assert item.mode_label("today") == "as AWS is today"
    assert item.mode_label("notes") == "as the exam notes say"
    assert "2 to 5" in item.explanation_for("notes")


def test_scenario_explanation_is_the_engines_reason(mini_pack: m.Pack) -> None:
    items = [i for i in generate(mini_pack) if i.kind == "scenario"]
    gpu = next(i for i in items if ("gpu", True) in i.scenario)
    assert gpu.choices[gpu.answer] == "Real-time endpoint"
    assert "Serverless inference has no GPUs." in gpu.explanation


def test_generation_is_deterministic(mini_dir: Path) -> None:
    a = generate(load_pack(mini_dir))
    b = generate(load_pack(mini_dir))
    assert [(i.id, i.choices, i.answer) for i in a] == [(i.id, i.choices, i.answer) for i in b]


def test_ids_survive_a_pack_update(mini_copy: Path) -> None:
    before = {i.id for i in generate(load_pack(mini_copy))}
    services = mini_copy / "services.yaml"
    services.write_text(
        services.read_text().replace(
            "relations:",
            "  - id: extra.fact\n    about: [hosting]\n"
            "    statement: Endpoints answer within 60 s.\n"
            "    value: 60\n    unit: s\n    source: {title: T, url: 'https://example.com'}\n"
            "    checked: 2026-11-28\nrelations:",
        )
    )
    after = {i.id for i in generate(load_pack(mini_copy))}
    assert "limit.extra.fact" in after
    assert before <= after


def test_select_filters_and_is_seeded(mini_pack: m.Pack) -> None:
    items = generate(mini_pack)
    a = select(items, count=3, seed=7)
    assert [i.id for i in a] == [i.id for i in select(items, count=3, seed=7)]
    assert all(i.topic == "sagemaker-deploy" for i in select(items, topic="sagemaker-deploy"))
    assert {i.kind for i in select(items, topic="limit")} == {"limit"}
    with pytest.raises(UserInputError, match="valid topics"):
        select(items, topic="no-such-topic")
    with pytest.raises(UserInputError):
        select(items, mode="tomorrow")


@settings(max_examples=40, deadline=None)
@given(count=st.integers(0, 30), seed=st.integers(0, 2**32), mode=st.sampled_from(MODES))
def test_select_never_repeats(count: int, seed: int, mode: str) -> None:
    pack = load_pack(Path(__file__).parents[1] / "data" / "mini")
    items = generate(pack)
    chosen = select(items, count=count, seed=seed, mode=mode)
    pool = [i for i in items if mode in i.modes]
    assert len(chosen) == min(count, len(pool))
    assert len({i.id for i in chosen}) == len(chosen)
    assert all(mode in i.modes for i in chosen)


# --- the shipped pack ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> m.Pack:
    try:
        return load_pack(default_pack_dir())
    except PackError as exc:  # the shipped pack is written by someone else, concurrently
        pytest.fail(f"the shipped pack does not load, so its quiz cannot be checked:\n{exc}")


def test_shipped_pack_has_150_items_over_8_topics(shipped: m.Pack) -> None:
    items = generate(shipped)
    ids = [i.id for i in items]
    assert len(ids) == len(set(ids))
    distinct = {(i.question, i.choices) for i in items}
    cats, domains = topics(items)
    assert len(distinct) >= 150, Counter(i.kind for i in items)
    assert len(cats) >= 8, cats
    assert len(domains) >= 3, domains


def test_shipped_items_are_sound(shipped: m.Pack) -> None:
    for item in generate(shipped):
        check_item(shipped, item)


def test_generation_is_cached_per_pack(shipped: m.Pack) -> None:
    """The Study workspace and the CLI share one generation per loaded pack."""
    assert generate(shipped) is generate(shipped)


def test_scenario_ids_survive_an_edit_to_another_area(tmp_path: Path) -> None:
    """A new question and rule in one area leave every other area's items (ids, choices and
    answers) as they were: scenario ids name area, option and distractors, and the search
    draws each question's answers on its own."""
    import shutil

    import yaml

    folder = tmp_path / "aws-ml"
    shutil.copytree(default_pack_dir(), folder)
    before = {i.id: i for i in generate(load_pack(folder))}
    path = folder / "areas" / "labeling.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"].append(
        {
            "id": "labeling_deadline",
            "area": "labeling",
            "text": "Must the labels be ready within a day?",
            "kind": "boolean",
            "when": {"answer": "labels_available", "eq": "need-labels"},
        }
    )
    option = data["areas"][0]["options"][1]
    option.setdefault("exclude", []).append(
        {"when": {"answer": "labeling_deadline", "eq": True}, "because": "Too slow."}
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    edited = load_pack(folder)
    assert "labeling_deadline" in edited.questions
    after = {i.id: i for i in generate(edited)}

    def elsewhere(items: dict[str, Item]) -> dict[str, tuple[object, ...]]:
        return {
            k: (i.question, i.choices, i.answer)
            for k, i in items.items()
            if not k.startswith("scenario.labeling.")
        }

    assert elsewhere(after) == elsewhere(before)


def test_shipped_pack_covers_every_kind_the_knowledge_allows(shipped: m.Pack) -> None:
    kinds = Counter(i.kind for i in generate(shipped))
    for kind in ("use_case", "what_for", "limit", "not_true", "not_member", "status", "scenario"):
        assert kinds[kind] > 0, kind
    assert sum(1 for i in generate(shipped) if i.differs) >= 5


# --- the exam: MLA-C01 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mla(shipped: m.Pack) -> tuple[m.Exam, tuple[Item, ...]]:
    exam = exam_of(shipped, "MLA-C01")
    assert exam is not None
    return exam, exam_items(shipped, exam)


def test_mla_items_are_distinct_and_placed(mla: tuple[m.Exam, tuple[Item, ...]]) -> None:
    exam, items = mla
    assert len({i.question for i in items}) == len(items)  # distinct question texts
    assert len({(i.question, i.answer_text()) for i in items}) == len(items)
    tasks = {t.id: d.id for d in exam.domains for t in d.tasks}
    for i in items:
        assert i.exam == "MLA-C01" and tasks[i.task] == i.exam_domain, i.id
    assert {i.exam_domain for i in items} == set(tasks.values())


def test_no_kind_is_above_30_percent(mla: tuple[m.Exam, tuple[Item, ...]]) -> None:
    _, items = mla
    kinds = Counter(i.kind for i in items)
    assert max(kinds.values()) <= 0.30 * len(items), kinds.most_common(3)


def test_every_question_type_is_generated(mla: tuple[m.Exam, tuple[Item, ...]]) -> None:
    _, items = mla
    types = Counter(i.qtype for i in items)
    assert {"single", "multiple", "ordering", "matching"} <= set(types), types


@pytest.mark.parametrize("count", [100, 137, 300, 500, 1000])
def test_a_count_follows_the_blueprint_mix(
    mla: tuple[m.Exam, tuple[Item, ...]], count: int
) -> None:
    exam, items = mla
    chosen = select(items, exam=exam, count=count, seed=count)
    assert len(chosen) == count and len({i.id for i in chosen}) == count
    shares = Counter(i.exam_domain for i in chosen)
    for d in exam.domains:
        assert abs(100 * shares[d.id] / count - d.weight) <= 3, (d.id, shares)
    kinds = Counter(i.kind for i in chosen)
    assert max(kinds.values()) <= 0.30 * count, kinds.most_common(3)


def test_scenarios_re_run_through_the_engine_find_their_key(shipped: m.Pack) -> None:
    """The numbers in a scenario's stem lead to its key through the engine's own rules; the
    explanation names no option of the area that is not among the choices."""
    scenarios = [i for i in generate(shipped) if i.kind == "scenario"]
    assert len(scenarios) >= 40
    for item in scenarios:
        area = _area_of(shipped, item)
        rec = recommend(shipped, dict(item.scenario), find_open_questions=False)
        chosen = rec.area(area.id).chosen
        assert chosen is not None and chosen.id == item.choice_keys[item.answer], item.id
        for option in area.options:
            if option.id not in item.choice_keys:
                assert f"Not {option.title}:" not in item.explanation, item.id
                assert f"{option.title} would fit better" not in item.explanation, item.id
        assert " 1 applications" not in item.question and " 1 models" not in item.question
        # a reason for the key itself, not "the best option left: X would fit better"
        assert "would fit better" not in item.explanation, item.id
