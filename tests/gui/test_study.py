"""Study workspace: a session answered and rated with the keyboard (Again/Hard/Good/Easy),
missed cards re-asked, marks by whether the choice is right, persisted progress, stats, and
the mock exam driven end to end."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from assistant.core.pack import model as m
from assistant.core.study.progress import Progress
from assistant.core.study.quiz import exam_items
from assistant.gui.study import PROGRESS_FILE, StudyWorkspace, default_progress_path


@pytest.fixture(autouse=True)
def _test_paths() -> None:
    QStandardPaths.setTestModeEnabled(True)


def make(qtbot, pack: m.Pack, path: Path) -> StudyWorkspace:  # type: ignore[no-untyped-def]
    w = StudyWorkspace(pack, path)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    return w


def _wrong(item) -> int:  # type: ignore[no-untyped-def]
    return (item.correct("today") + 1) % len(item.choices)


def test_a_keyboard_session_answers_rates_and_re_asks(
    qtbot, mini_pack: m.Pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite3"
    w = make(qtbot, mini_pack, path)
    w.set_source("single")
    w.length_spin.setValue(3)
    with qtbot.waitSignal(w.question_shown, timeout=3000):
        qtbot.keyClick(w, Qt.Key.Key_Return)  # Enter starts
    asked, results, ratings = [], [], []
    while (item := w.current_item()) is not None:
        asked.append(item.id)
        first_time = asked.count(item.id) == 1
        wrong = len(asked) == 2  # the second card is missed on purpose, the first time
        key = _wrong(item) if wrong else item.correct(w.mode)
        with qtbot.waitSignal(w.answered, timeout=3000) as sig:
            qtbot.keyClick(w, Qt.Key(int(Qt.Key.Key_1) + key))
        results.append(sig.args[1])
        feedback = w.feedback.toPlainText()
        assert ("Correct." in feedback) == sig.args[1] and "Source:" in feedback
        assert w.rating_buttons["again"].isVisible() and w.rating_buttons["easy"].isVisible()
        assert w.rating_buttons["good"].isEnabled() == sig.args[1]  # a miss is only "again"
        if not first_time:
            assert "missed this one earlier" in feedback
        with qtbot.waitSignal(w.rated, timeout=3000) as rated:
            # keys 1-4 rate after an answer: 4 = Easy for the first, Enter for the rest
            qtbot.keyClick(w, Qt.Key.Key_4 if len(asked) == 1 else Qt.Key.Key_Return)
        ratings.append(rated.args[1])
    assert results == [True, False, True, True] and len(asked) == 4
    assert asked[3] == asked[1]  # the missed card came back in the same session
    assert ratings == ["easy", "again", "good", "good"]
    assert w.pages.currentIndex() == 2
    assert "2 of 3 right at the first try" in w.summary.toPlainText()
    assert w.chart.stats is not None and w.chart.stats.reviews == 4
    w.close()
    with Progress(path) as p:
        assert p.review_count() == 4


def test_the_four_rating_buttons_rate_with_the_mouse(
    qtbot, mini_pack: m.Pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("single")
    w.length_spin.setValue(200)
    w.start(seed=2)
    assert "asked" in w.counter.text() and "only" in w.counter.text()  # fewer than asked
    item = w.current_item()
    assert item is not None
    w.answer(item.correct(w.mode))
    with qtbot.waitSignal(w.rated) as sig:
        qtbot.mouseClick(w.rating_buttons["hard"], Qt.MouseButton.LeftButton)
    assert sig.args == [item.id, "hard"]
    state = w.progress.state(item.id)
    assert state is not None and state.reps == 1


def test_answering_twice_counts_once(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("single")
    w.start()
    with qtbot.waitSignal(w.answered):
        w.answer(0)
    w.answer(1)  # ignored: the card is answered
    qtbot.keyClick(w, Qt.Key.Key_1)  # Again: allowed either way
    assert w.progress.review_count() == 1


def test_marks_follow_the_choice_not_the_statements_truth(
    qtbot, mini_pack: m.Pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("single")
    w.start(seed=4)
    item = w.current_item()
    assert item is not None
    right, wrong = item.correct(w.mode), _wrong(item)
    w.answer(wrong)
    assert "right choice" in w.choice_buttons[right].text()
    assert "#1a7f37" in w.choice_buttons[right].styleSheet()  # green: the right choice
    assert "#c53030" in w.choice_buttons[wrong].styleSheet()  # red: the wrong one picked


def test_notes_mode_asks_for_the_notes_answer(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_mode("notes")
    w.set_source("limit")
    w.length_spin.setValue(10)
    w.start()
    while (item := w.current_item()) is not None and item.id != "limit.pipeline.max":
        w.answer(item.correct("notes"))
        w.next_question()
    assert item is not None
    assert w.mode_badge.text() == "Answer as the exam notes say"
    with qtbot.waitSignal(w.answered) as sig:
        w.answer(item.choices.index("5"))
    assert sig.args == ["limit.pipeline.max", True]


def test_due_cards_come_back_after_a_restart(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite3"
    w = make(qtbot, mini_pack, path)
    w.set_source("single")
    w.start()
    first = w.current_item()
    assert first is not None
    w.answer(_wrong(first))
    w.rate("again")  # due again in minutes
    w.close()
    with Progress(path) as p:
        later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
        assert first.id in p.due_ids(now=later)


def test_a_corrupt_progress_file_shows_a_banner_and_works(
    qtbot, mini_pack: m.Pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"garbage" * 500)
    w = make(qtbot, mini_pack, path)
    assert w.banner.isVisible()
    assert "could not be used" in w.banner.text()
    w.set_source("single")
    w.start()
    with qtbot.waitSignal(w.answered):
        w.answer(0)
    w.rate("again")
    assert w.progress.review_count() == 1
    assert list(tmp_path.glob("p.sqlite3.*.bad"))


def test_default_progress_path_is_in_app_data() -> None:
    path = default_progress_path()
    assert path.name == PROGRESS_FILE
    assert QStandardPaths.isTestModeEnabled()


def test_stats_per_domain_and_chart(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("single")
    w.start()
    w.answer(0)
    w.rate("again")
    image = w.chart.grab().toImage()
    assert image.width() > 100
    assert "reviews" in w.chart.describe()
    table = w.stats_html()
    assert "Reviews" in table and "<td align=right>1</td>" in table


def test_feedback_is_as_tall_as_its_text(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("single")
    w.start(seed=1)
    w.answer(0)
    qtbot.waitUntil(lambda: w.feedback.isVisible())
    text = w.feedback.document().size().height()
    margins = w.feedback.contentsMargins()
    assert w.feedback.height() <= text + margins.top() + margins.bottom() + 1
    # the rating buttons sit right below it, not at the bottom of the page
    button = w.rating_buttons["again"]
    below = button.mapTo(w, button.rect().topLeft()).y()
    bottom = w.feedback.mapTo(w, w.feedback.rect().bottomLeft()).y()
    assert 0 <= below - bottom < 40


def test_a_seed_fixes_the_session(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("")
    w.start(seed=5)
    assert w.session is not None
    first = [i.id for i in w.session.items]
    w.start(seed=5)
    assert [i.id for i in w.session.items] == first
    with qtbot.waitSignal(w.question_shown, timeout=3000):  # the button starts a random one
        qtbot.mouseClick(w.start_button, Qt.MouseButton.LeftButton)
    assert w.current_item() is not None


# --- the exam's other question types, and the mock exam ---------------------------------------


def _exam_pack(pack: m.Pack, questions: int = 4) -> m.Pack:
    """The mini pack with a two-domain exam over its services and facts."""
    src = m.Source("Guide", "https://example.com/guide")
    t1 = m.ExamTask("t-1.1", "Host models", ("hosting", "serverless", "oldsvc"))
    t2 = m.ExamTask("t-2.1", "Limits", (), ("serverless.max_payload_mb", "pipeline.max"))
    exam = m.Exam(
        "t-01", "T-01", "Test exam", "current", None, True, questions, "", 720,
        (m.ExamDomain("t-1", "Hosting", 60, (t1,)), m.ExamDomain("t-2", "Limits", 40, (t2,))),
        src, dt.date(2026, 12, 1),
    )  # fmt: skip
    return dataclasses.replace(pack, exams={"t-01": exam})


def test_a_multiple_response_item_is_answered_with_toggles(
    qtbot, mini_pack: m.Pack, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from assistant.gui.study_question import QuestionView

    view = QuestionView()
    qtbot.addWidget(view)
    item = next(i for i in exam_items(mini_pack, None) if i.qtype == "single")
    two = dataclasses.replace(item, qtype="multiple", key=(0, 1), kind="pick_two")
    view.show_item(two)
    got = []
    view.answered.connect(got.append)
    view.click(0)
    assert not view.submit()  # one of two: not complete
    view.click(1)
    assert view.submit() and got == [(0, 1)]
    order = dataclasses.replace(item, qtype="ordering", key=(2, 0, 1), kind="order",
                                choices=item.choices[:3])  # fmt: skip
    view.show_item(order)
    for k in (2, 0, 0, 0, 1):  # a second click takes one back
        view.click(k)
    assert view.response() == (2, 0, 1) and "[#1]" in view.choice_buttons[2].text()


def test_the_mock_exam_is_timed_flagged_reviewed_and_saved(
    qtbot, mini_pack: m.Pack, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    pack = _exam_pack(mini_pack)
    w = make(qtbot, pack, tmp_path / "p.sqlite3")
    assert w.exam is not None and w.mock_button.isEnabled()
    view = w.open_mock(seed=1)
    assert view is not None and view.isVisible()
    start = view.mock.start
    view.clock = lambda: start + dt.timedelta(minutes=1)
    view.mock.minutes = 10.0  # the test exam has no duration fact: give it one
    view.tick()
    assert view.timer_label.text() == "0:09:00"
    items = view.mock.items
    assert len(items) == 4 and {i.exam for i in items} == {"T-01"}
    assert sum(i.exam_domain == "t-1" for i in items) in (2, 3)  # the 60/40 mix, items allowing
    for n, item in enumerate(items[:3]):
        assert view.index == n
        response = item.response_key() if n != 1 else ()
        if response:
            view.answer(response)
        if n == 2:
            qtbot.keyClick(view, Qt.Key.Key_F)  # flag
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.mock.flagged == {2}
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert view.pages.currentIndex() == 1
    flagged = view.findChild(type(view.finish_button), "mockGo3")
    assert flagged is not None and "\u2691" in flagged.text()
    qtbot.mouseClick(flagged, Qt.MouseButton.LeftButton)
    assert view.index == 2 and view.pages.currentIndex() == 0
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(view.finished, timeout=3000) as done:
        qtbot.mouseClick(view.finish_button, Qt.MouseButton.LeftButton)
    assert asked  # two unanswered and one flagged: it asked first
    result = view.mock.result
    assert result is not None and result.right == 2 and result.unanswered == 2
    assert done.args == [result.scaled]
    text = view.result_view.toPlainText()
    assert "AWS does not publish its scaling" in text and "Hosting" in text
    assert w.progress.mock_history("T-01")[-1].right == 2
    assert "1 mock exams" in view.history_chart.describe()


def test_the_mock_exam_ends_when_time_runs_out(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, _exam_pack(mini_pack), tmp_path / "p.sqlite3")
    view = w.open_mock(seed=2)
    assert view is not None
    view.mock.minutes = 1.0
    view.clock = lambda: view.mock.start + dt.timedelta(minutes=2)
    with qtbot.waitSignal(view.finished, timeout=3000):
        view.tick()
    assert view.mock.result is not None and view.mock.result.timed_out
    qtbot.mouseClick(
        view.findChild(type(view.finish_button), "mockDone"), Qt.MouseButton.LeftButton
    )
    assert w.pages.currentIndex() == 0 and w.chart.isVisible()


def test_file_export_deck_writes_the_apkg(window, save_to, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    out = tmp_path / "deck"  # no suffix: .apkg is added
    save_to(out)
    actions = {a.objectName(): a for a in window.findChildren(type(window.export_deck_action))}
    actions["exportDeckAction"].trigger()
    deck = out.with_suffix(".apkg")
    with zipfile.ZipFile(deck) as z:
        assert "collection.anki2" in z.namelist()
    assert "Exported" in window.statusBar().currentMessage()


def test_a_matching_item_is_answered_with_drop_downs(qtbot, mini_pack: m.Pack) -> None:  # type: ignore[no-untyped-def]
    from assistant.core.study.session import choice_marks
    from assistant.gui.study_question import QuestionView

    view = QuestionView()
    qtbot.addWidget(view)
    item = next(i for i in exam_items(mini_pack, None) if i.qtype == "single")
    match = dataclasses.replace(
        item, qtype="matching", kind="match", key=(1, 0), prompts=("p", "q"),
        choices=("x", "y", "z"),
    )  # fmt: skip
    view.show_item(match)
    got = []
    view.answered.connect(got.append)
    assert len(view.prompt_boxes) == 2 and not view.submit()  # nothing chosen yet
    view.prompt_boxes[0].setCurrentIndex(view.prompt_boxes[0].findData(1))
    assert view.response_partial() == (1, -1) and not view.submit()
    view.prompt_boxes[1].setCurrentIndex(view.prompt_boxes[1].findData(2))  # wrong
    assert view.submit() and got == [(1, 2)]
    view.show_marks(choice_marks(match, got[0]))
    right, wrong = view.prompt_boxes
    assert right.toolTip() == "Right" and wrong.toolTip() == "Right: x"
    assert right.styleSheet() != wrong.styleSheet() and not right.isEnabled()
