"""Project files from the GUI: round trip with pins, corrupt files, dropped answers,
recent files, drag and drop, autosave and crash recovery, asking to save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

Btn = QMessageBox.StandardButton


def test_round_trip_with_pins(
    window: Any, make_window: Any, qtbot: Any, tmp_path: Path, save_to: Any
) -> None:
    doc = window.document
    doc.set_answer("traffic", "spiky")
    doc.set_answer("payload_mb", 2.5)
    with qtbot.waitSignal(doc.recommendation_ready):
        window.plan.view.node_moved.emit("model", 400.0, 220.0)
    assert doc.pins == {"model": (400.0, 220.0)}
    node = doc.rec.diagram.node("model")
    assert node.pinned and (node.rect.x, node.rect.y) == (400.0, 220.0)
    target = tmp_path / "plan"
    save_to(target)
    assert window.save_action.trigger() is None
    saved = tmp_path / "plan.archassist.yaml"
    assert saved.is_file()
    assert not window.isWindowModified()
    assert window.recent_files()[0] == str(saved.resolve())

    other = make_window()
    assert other.open_path(saved)
    assert dict(other.document.answers) == {"traffic": "spiky", "payload_mb": 2.5}
    assert dict(other.document.pins) == {"model": (400.0, 220.0)}
    item = other.plan.view.diagram_scene().node_items["model"]
    assert (item.pos().x(), item.pos().y()) == (400.0, 220.0)
    assert other.document.path == saved
    assert "plan" in other.windowTitle()


def test_drag_a_node_pins_it_and_undo_unpins(window: Any, qtbot: Any) -> None:
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    window.document.set_answer("traffic", "steady")  # an empty project draws nothing
    window.document.undo_stack.clear()
    view = window.plan.view
    item = view.diagram_scene().node_items["client"]
    start = view.mapFromScene(item.sceneBoundingRect().center())
    end = start + QPointF(0, 90).toPoint()
    vp = view.viewport()

    def send(kind: Any, pos: Any, buttons: Any) -> None:
        p = QPointF(pos)
        event = QMouseEvent(
            kind,
            p,
            vp.mapToGlobal(p),
            Qt.MouseButton.LeftButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(vp, event)

    left = Qt.MouseButton.LeftButton
    with qtbot.waitSignal(window.document.recommendation_ready):
        send(QMouseEvent.Type.MouseButtonPress, start, left)
        send(QMouseEvent.Type.MouseMove, start + QPointF(0, 30).toPoint(), left)
        send(QMouseEvent.Type.MouseMove, end, left)
        send(QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)
    assert "client" in window.document.pins
    assert window.document.rec.diagram.node("client").pinned
    assert "placed by hand" in window.plan.diagram_text.toPlainText()
    window.undo_action.trigger()
    assert window.document.pins == {}


def test_corrupt_project_shows_error_and_is_never_overwritten(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any
) -> None:
    bad = tmp_path / "broken.archassist.yaml"
    bad.write_text("archassist: 1\nanswers: [traffic: {\n", encoding="utf-8")
    before = bad.read_bytes()
    window.document.set_answer("traffic", "spiky")
    assert not window.open_path(bad, ask_to_save=False)
    (message,) = dialogs.texts("critical")
    assert "broken.archassist.yaml" in message
    assert window.document.path is None  # the window did not adopt the file
    save_to("")  # Save asks where (the user cancels): it never writes the broken file
    window.save_action.trigger()
    window.write_autosave()
    assert bad.read_bytes() == before


def test_project_from_older_pack_lists_what_was_dropped(
    window: Any, dialogs: Any, tmp_path: Path
) -> None:
    old = tmp_path / "old.archassist.yaml"
    old.write_text(
        "archassist: 1\npack: {id: mini, version: 0.0.9}\n"
        "answers: {traffic: spiky, region_count: 3, gpu: maybe}\n",
        encoding="utf-8",
    )
    assert window.open_path(old, ask_to_save=False)
    (message,) = dialogs.texts("information")
    assert "made with mini 0.0.9, opened with 0.1.0" in message
    assert "dropped answer 'region_count'" in message
    assert "dropped answer 'gpu'" in message
    assert dict(window.document.answers) == {"traffic": "spiky"}
    window.save()
    text = old.read_text(encoding="utf-8")
    assert "dropped:" in text and "region_count: 3" in text  # nothing the user made is lost


def test_open_example_is_untitled(make_window: Any, shipped_pack: Any) -> None:
    w = make_window(shipped_pack)
    examples = w.example_files()
    assert examples
    actions = w.examples_menu.actions()
    assert len(actions) == len(examples)
    actions[0].trigger()
    assert w.document.path is None  # Save asks where, the shipped example stays as it is
    assert w.document.answers
    assert w.document.rec.diagram.nodes


def test_recent_files_menu_and_drop_to_open(window: Any, qtbot: Any, tmp_path: Path) -> None:
    f = tmp_path / "a.archassist.yaml"
    f.write_text("traffic: steady\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document.path == f)
    assert window.document.answers == {"traffic": "steady"}
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts[0] == "&1 a.archassist.yaml"


def test_close_asks_to_save(window: Any, dialogs: Any) -> None:
    window.document.set_answer("traffic", "spiky")
    assert window.windowTitle().startswith("Untitled[*]")
    dialogs.answers = [Btn.Cancel]
    assert not window.close()
    assert window.isVisible()
    dialogs.answers = [Btn.Discard]
    assert window.close()
    assert [k for k, *_ in dialogs.shown] == ["question", "question"]


def test_autosave_and_recovery_after_crash(
    make_window: Any, dialogs: Any, qtbot: Any, tmp_path: Path
) -> None:
    crashed = make_window()
    crashed.document.set_answer("traffic", "spiky")
    crashed.document.pin("model", 300.0, 150.0)
    autosave = crashed.autosave
    qtbot.waitUntil(autosave.project_file.is_file, timeout=5000)  # the debounce timer fired
    autosave.simulate_crash()  # the process "dies": files stay, the lock is gone
    crashed.autosave = None
    crashed.document.undo_stack.setClean()

    dialogs.answers = [Btn.Yes]
    restored = make_window()
    assert restored.offer_recovery()
    assert "Restore unsaved work?" in dialogs.shown[0][1]
    assert dict(restored.document.answers) == {"traffic": "spiky"}
    assert dict(restored.document.pins) == {"model": (300.0, 150.0)}
    assert restored.isWindowModified()
    assert not autosave.project_file.exists()  # taken over by the new session
    assert make_window().offer_recovery() is False  # the restoring window is alive


def test_declining_recovery_discards_it(make_window: Any, dialogs: Any) -> None:
    crashed = make_window()
    crashed.document.set_answer("gpu", True)
    crashed.write_autosave()
    crashed.autosave.simulate_crash()
    crashed.autosave = None
    crashed.document.undo_stack.setClean()
    dialogs.answers = [Btn.No]
    assert not make_window().offer_recovery()
    assert make_window().autosave.orphans() == []


def test_saving_removes_autosave(window: Any, tmp_path: Path, save_to: Any) -> None:
    window.document.set_answer("gpu", False)
    window.write_autosave()
    assert window.autosave.project_file.is_file()
    save_to(tmp_path / "x.archassist.yaml")
    assert window.save()
    assert not window.autosave.project_file.exists()


def test_window_state_is_remembered(qtbot: Any, mini_pack: Any) -> None:
    from PySide6.QtCore import QSettings

    from assistant.gui.mainwindow import MainWindow

    w = MainWindow(mini_pack)
    qtbot.addWidget(w)
    w.resize(1111, 777)
    w.show()
    w.plan.resizeDocks([w.plan.questions_dock], [250], Qt.Orientation.Horizontal)
    w.close()
    assert QSettings().value("window/geometry") is not None
    again = MainWindow(mini_pack)
    qtbot.addWidget(again)
    again.show()
    assert again.plan.questions_dock.width() == 250
