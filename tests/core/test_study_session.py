"""The study session (Again/Hard/Good/Easy, re-asks), exam placement and the mock exam."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter

import pytest

from assistant.core.errors import UserInputError
from assistant.core.pack import model as m
from assistant.core.study.exam_tags import apportion, place, stratified
from assistant.core.study.items import Item
from assistant.core.study.mock import MockExam, scaled_score
from assistant.core.study.progress import Progress
from assistant.core.study.quiz import generate, select
from assistant.core.study.session import RELEARN_GAP, StudySession, choice_marks

SRC = m.Source("Doc", "https://example.com")
NOW = dt.datetime(2026, 12, 1, 20, 0, tzinfo=dt.UTC)


def _item(n: int, **kw: object) -> Item:
    base: dict[str, object] = {
        "id": f"i{n}",
        "kind": "limit",
        "question": f"Question {n}?",
        "choices": ("a", "b", "c", "d"),
        "answer": 1,
        "explanation": "Because.",
        "source": SRC,
        "topic": "storage",
        "domain": "data-engineering",
    }
    base.update(kw)
    return Item(**base)  # type: ignore[arg-type]


def _exam(*weights: float) -> m.Exam:
    domains = tuple(
        m.ExamDomain(f"x-{n}", f"Domain {n}", w, (m.ExamTask(f"x-{n}.1", f"Task {n}.1"),))
        for n, w in enumerate(weights, 1)
    )
    return m.Exam(
        "x", "X-01", "Test exam", "current", None, True, 10, "", 720, domains, SRC, NOW.date()
    )


# --- marks: by whether the choice is right ------------------------------------------------


def test_a_not_true_items_false_statement_is_marked_as_the_right_choice() -> None:
    item = _item(1, kind="not_true", choices=("true 1", "FALSE", "true 2", "true 3"), answer=1)
    assert choice_marks(item, (1,)) == ("", "right", "", "")
    assert choice_marks(item, (0,)) == ("wrong", "right", "", "")


def test_marks_for_multiple_ordering_and_matching() -> None:
    multi = _item(2, qtype="multiple", key=(0, 2), choices=("a", "b", "c", "d", "e"))
    assert choice_marks(multi, (0, 1)) == ("right", "wrong", "missed", "", "")
    order = _item(3, qtype="ordering", key=(2, 0, 1), choices=("a", "b", "c"))
    assert choice_marks(order, (2, 0, 1)) == ("right", "right", "right")
    assert choice_marks(order, (0, 2, 1)) == ("wrong", "right", "wrong")
    match = _item(4, qtype="matching", key=(1, 0), prompts=("p", "q"), choices=("x", "y", "z"))
    assert match.is_right((1, 0)) and not match.is_right((1, 2))
    assert choice_marks(match, (1, 2)) == ("missed", "right", "wrong")


# --- the session ------------------------------------------------------------------------------


def test_a_missed_card_comes_back_after_the_gap_and_is_saved_each_time() -> None:
    items = [_item(n) for n in range(6)]
    progress = Progress(None, fuzz=False)
    s = StudySession(items, progress)
    fb = s.answer((0,))
    assert not fb.right and fb.ratings == ("again",)
    with pytest.raises(UserInputError):
        s.rate("good")  # a wrong answer is never "good"
    s.rate("again", now=NOW)
    order = []
    while not s.finished:
        order.append(s.current.id)  # type: ignore[union-attr]
        s.answer((1,))
        s.rate("good", now=NOW)
    assert order.index("i0") == RELEARN_GAP  # after three other cards
    assert order.count("i0") == 1 and len(order) == 6
    summary = s.summary()
    assert summary.asked == 6 and summary.first_try == 5 and summary.reviews == 7
    assert [i.id for i in summary.missed] == ["i0"]
    assert progress.review_count() == 7


def test_the_four_ratings_schedule_further_and_further_out() -> None:
    progress = Progress(None, fuzz=False)
    dues = {}
    for rating in ("hard", "good", "easy"):
        s = StudySession([_item(0, id=f"card-{rating}")], progress)
        s.answer((1,))
        s.rate(rating, now=NOW)
        state = progress.state(f"card-{rating}")
        assert state is not None
        dues[rating] = state.due
    assert dues["hard"] <= dues["good"] < dues["easy"]


def test_a_card_that_keeps_failing_does_not_trap_the_session() -> None:
    s = StudySession([_item(0)], Progress(None, fuzz=False))
    shown = 0
    while not s.finished:
        shown += 1
        s.answer((3,))
        s.rate("again", now=NOW)
    assert shown == 4  # the first time and three re-asks


# --- exams: placement, domain mix, kinds --------------------------------------------------------


def test_items_are_placed_by_the_facts_and_services_they_test(mini_pack: m.Pack) -> None:
    items = generate(mini_pack)
    d1 = m.ExamDomain("x-1", "Hosting", 50, (m.ExamTask("x-1.1", "Host", ("hosting",)),))
    fact_task = m.ExamTask("x-2.1", "Limits", ("hosting",), ("pipeline.max",))
    d2 = m.ExamDomain("x-2", "Limits", 50, (fact_task,))
    exam = dataclasses.replace(_exam(50, 50), domains=(d1, d2))
    placed = place(items, exam)
    assert placed and all(i.exam == "X-01" for i in placed)
    for i in placed:
        if "pipeline.max" in i.facts:
            assert i.task == "x-2.1" and i.exam_domain == "x-2"  # a fact outweighs a service
        else:
            assert "hosting" in i.services
    assert {i.id for i in placed} <= {i.id for i in items}


def test_apportion_sums_to_the_count() -> None:
    for count in range(0, 200, 7):
        shares = apportion(count, {"a": 28, "b": 26, "c": 22, "d": 24})
        assert sum(shares.values()) == count


def test_stratified_follows_the_weights_and_mixes_kinds() -> None:
    exam = _exam(28, 26, 22, 24)
    items = [
        _item(n, kind=("limit", "cloze", "use_case", "scenario")[n % 4], exam="X-01",
              exam_domain=f"x-{n % 4 + 1}", task=f"x-{n % 4 + 1}.1", question=f"Q{n}")
        for n in range(800)
    ]  # fmt: skip
    for count in (100, 137, 200):
        picked = stratified(items, exam, count, random.Random(count))
        assert len(picked) == count and len({i.id for i in picked}) == count
        shares = Counter(i.exam_domain for i in picked)
        for d in exam.domains:
            assert abs(100 * shares[d.id] / count - d.weight) <= 1, (count, shares)
    short = [i for i in items if i.exam_domain != "x-1"][:150]
    picked = stratified(short, exam, 100, random.Random(1))
    assert len(picked) == 100  # a domain without items leaves its share to the others


def test_select_with_an_exam_filters_by_domain_and_task() -> None:
    exam = _exam(50, 50)
    items = [
        _item(n, exam="X-01", exam_domain=f"x-{n % 2 + 1}", task=f"x-{n % 2 + 1}.1")
        for n in range(20)
    ]
    assert {i.exam_domain for i in select(items, exam=exam, domain="2")} == {"x-2"}
    assert {i.task for i in select(items, exam=exam, task="1.1")} == {"x-1.1"}
    assert len(select(items, exam=exam, count=8, seed=1)) == 8
    with pytest.raises(UserInputError, match="x-1 \\(Domain 1\\)"):
        select(items, exam=exam, domain="9")


# --- the mock exam -------------------------------------------------------------------------------


def _mock_items(exam: m.Exam, n: int = 200) -> list[Item]:
    return [
        _item(k, exam=exam.code, exam_domain=f"x-{k % 4 + 1}", task=f"x-{k % 4 + 1}.1")
        for k in range(n)
    ]


def test_a_mock_exam_is_timed_flagged_and_scored_per_domain(mini_pack: m.Pack) -> None:
    exam = dataclasses.replace(_exam(28, 26, 22, 24), questions=65)
    mock = MockExam(mini_pack, exam, _mock_items(exam), seed=3, start=NOW, minutes=130)
    assert len(mock.items) == 65
    assert Counter(i.exam_domain for i in mock.items) == {
        "x-1": 18,
        "x-2": 17,
        "x-3": 14,
        "x-4": 16,
    }
    assert mock.seconds_left(NOW + dt.timedelta(minutes=30)) == 100 * 60
    for n in range(45):
        mock.respond(n, (1,), NOW)  # right
    mock.respond(45, (0,), NOW)  # wrong
    assert mock.toggle_flag(45) and (45, True, True) in mock.review_list()
    result = mock.finish(NOW + dt.timedelta(minutes=131))
    assert result.right == 45 and result.unanswered == 19
    assert result.scaled == scaled_score(45, 65) == 723 and result.passed
    assert result.timed_out and result.seconds_used == 130 * 60
    assert sum(d.total for d in result.domains) == 65
    assert sum(d.right for d in result.domains) == 45
    with pytest.raises(UserInputError):
        mock.respond(50, (1,), NOW + dt.timedelta(minutes=131))


def test_mock_history_is_saved_and_read_back(mini_pack: m.Pack, tmp_path) -> None:  # type: ignore[no-untyped-def]
    exam = dataclasses.replace(_exam(28, 26, 22, 24), questions=20)
    path = tmp_path / "progress.sqlite3"
    with Progress(path) as progress:
        for k, right in enumerate((5, 15)):
            mock = MockExam(mini_pack, exam, _mock_items(exam), seed=k, start=NOW, minutes=None)
            for n in range(right):
                mock.respond(n, (1,), NOW)
            progress.record_mock(mock.finish(NOW + dt.timedelta(minutes=20 + k)))
    with Progress(path) as again:
        history = again.mock_history("x-01")
    assert [h.right for h in history] == [5, 15]
    assert history[1].scaled == scaled_score(15, 20) and history[1].seconds_used == 21 * 60
    assert sum(d.total for d in history[0].domains) == 20
