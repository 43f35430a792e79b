"""Study workspace: a session answered with the keyboard, persisted progress, stats."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from assistant.core.pack import model as m
from assistant.core.study.progress import Progress
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


def test_a_keyboard_session_saves_every_answer(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite3"
    w = make(qtbot, mini_pack, path)
    w.set_source("")
    w.length_spin.setValue(3)
    with qtbot.waitSignal(w.question_shown, timeout=3000):
        qtbot.keyClick(w, Qt.Key.Key_Return)  # Enter starts
    results = []
    for n in range(3):
        item = w.current_item()
        assert item is not None
        right = item.correct(w.mode)
        key = right if n != 1 else (right + 1) % len(item.choices)  # one wrong on purpose
        with qtbot.waitSignal(w.answered, timeout=3000) as sig:
            qtbot.keyClick(w, Qt.Key(int(Qt.Key.Key_1) + key))
        results.append(sig.args[1])
        assert w.feedback.isVisible()
        feedback = w.feedback.toPlainText()
        assert ("Correct." in feedback) == sig.args[1]
        assert "Source:" in feedback
        if n < 2:
            with qtbot.waitSignal(w.question_shown, timeout=3000):
                qtbot.keyClick(w, Qt.Key.Key_Enter)
    with qtbot.waitSignal(w.session_finished, timeout=3000) as done:
        qtbot.keyClick(w, Qt.Key.Key_Return)
    assert done.args == [2, 3] and results == [True, False, True]
    assert "2 of 3 correct" in w.summary.toPlainText()
    assert w.chart.stats is not None and w.chart.stats.reviews == 3
    w.close()
    # a restart finds the history; the wrong answer is due again soon
    with Progress(path) as p:
        assert p.review_count() == 3


def test_answering_twice_counts_once(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("")
    w.start()
    w.answer(0)
    w.answer(1)
    qtbot.keyClick(w, Qt.Key.Key_2)
    assert w.progress.review_count() == 1


def test_notes_mode_asks_for_the_notes_answer(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_mode("notes")
    w.set_source("limit")
    w.length_spin.setValue(10)
    w.start()
    while (item := w.current_item()) is not None and item.id != "limit.pipeline.max":
        w.answer(0)
        w.next_question()
    assert item is not None
    assert w.mode_badge.text() == "Answer as the exam notes say"
    with qtbot.waitSignal(w.answered) as sig:
        w.answer(item.choices.index("5"))
    assert sig.args == ["limit.pipeline.max", True]


def test_due_cards_come_back_after_a_restart(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.sqlite3"
    w = make(qtbot, mini_pack, path)
    w.set_source("")
    w.start()
    first = w.current_item()
    assert first is not None
    w.answer((first.correct(w.mode) + 1) % len(first.choices))  # wrong: due again in minutes
    w.close()
    import datetime as dt

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
    w.set_source("")
    w.start()
    with qtbot.waitSignal(w.answered):
        w.answer(0)
    assert list(tmp_path.glob("p.sqlite3.*.bad"))


def test_default_progress_path_is_in_app_data() -> None:
    path = default_progress_path()
    assert path.name == PROGRESS_FILE
    assert QStandardPaths.isTestModeEnabled()


def test_stats_chart_paints_offscreen(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("")
    w.start()
    w.answer(0)
    image = w.chart.grab().toImage()
    assert image.width() > 100
    assert "reviews" in w.chart.describe()


def test_feedback_is_as_tall_as_its_text(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("")
    w.start(seed=1)
    w.answer(0)
    qtbot.waitUntil(lambda: w.feedback.isVisible())
    text = w.feedback.document().size().height()
    margins = w.feedback.contentsMargins()
    assert w.feedback.height() <= text + margins.top() + margins.bottom() + 1
    # the Next button sits right below it, not at the bottom of the page
    below = w.next_button.mapTo(w, w.next_button.rect().topLeft()).y()
    bottom = w.feedback.mapTo(w, w.feedback.rect().bottomLeft()).y()
    assert 0 <= below - bottom < 40


def test_a_seed_fixes_the_session(qtbot, mini_pack: m.Pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = make(qtbot, mini_pack, tmp_path / "p.sqlite3")
    w.set_source("")
    w.start(seed=5)
    first = [i.id for i in w.session]
    w.start(seed=5)
    assert [i.id for i in w.session] == first
    with qtbot.waitSignal(w.question_shown, timeout=3000):  # the button starts a random one
        qtbot.mouseClick(w.start_button, Qt.MouseButton.LeftButton)
    assert w.current_item() is not None
