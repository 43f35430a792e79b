"""Changes on disk: the window notices another program's change, asks before overwriting
it, and a second window on the same file is warned."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

Btn = QMessageBox.StandardButton


def _saved_project(window: Any, tmp_path: Path, save_to: Any) -> Path:
    target = tmp_path / "plan.archassist.yaml"
    save_to(target)
    window.document.set_answer("traffic", "spiky")
    assert window.save()
    return target


def test_save_asks_before_replacing_another_programs_version(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any
) -> None:
    target = _saved_project(window, tmp_path, save_to)
    theirs = target.read_text().replace("traffic: spiky", "traffic: steady")
    target.write_text(theirs)
    window.document.set_answer("gpu", True)

    dialogs.answers = [Btn.Cancel]
    assert window.save() is False
    assert target.read_text() == theirs  # nothing lost
    assert window.document.is_modified()
    assert "changed by another program" in dialogs.texts("question")[-1]

    dialogs.answers = [Btn.Yes]
    assert window.save() is True
    assert "gpu: true" in target.read_text()
    assert Path(f"{target}~").read_text() == theirs  # their version is still at hand


def test_no_saves_under_another_name(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any
) -> None:
    target = _saved_project(window, tmp_path, save_to)
    target.write_text(target.read_text() + "# edited elsewhere\n")
    window.document.set_answer("gpu", False)
    dialogs.answers = [Btn.No]
    save_to(tmp_path / "mine.archassist.yaml")
    assert window.save() is True
    assert target.read_text().endswith("# edited elsewhere\n")
    assert window.document.path == tmp_path / "mine.archassist.yaml"


def test_own_saves_never_ask(window: Any, dialogs: Any, tmp_path: Path, save_to: Any) -> None:
    _saved_project(window, tmp_path, save_to)
    for value in ("steady", "spiky", "steady"):
        window.document.set_answer("traffic", value)
        assert window.save()
    assert dialogs.texts("question") == []


def test_watcher_offers_to_reload_an_unmodified_project(
    window: Any, dialogs: Any, qtbot: Any, tmp_path: Path, save_to: Any
) -> None:
    target = _saved_project(window, tmp_path, save_to)
    dialogs.answers = [Btn.Yes]
    with qtbot.waitSignal(window.files.disk.changed_on_disk, timeout=5000):
        target.write_text(target.read_text().replace("traffic: spiky", "traffic: steady"))
    qtbot.waitUntil(lambda: window.document.answers.get("traffic") == "steady", timeout=5000)
    assert "Load that version?" in dialogs.texts("question")[0]
    assert not window.document.is_modified()


def test_second_window_on_one_file_is_warned(
    window: Any, make_window: Any, dialogs: Any, tmp_path: Path, save_to: Any
) -> None:
    target = _saved_project(window, tmp_path, save_to)
    other = make_window()
    assert other.open_path(target)
    (warning,) = dialogs.texts("warning")
    assert "plan.archassist.yaml is already open in another archassist window" in warning
    third = make_window()
    window.close()  # the first window lets go of the file
    dialogs.shown.clear()
    other.close()
    assert third.open_path(target)
    assert dialogs.texts("warning") == []


def test_window_in_another_process_is_seen(
    window: Any, dialogs: Any, tmp_path: Path, save_to: Any
) -> None:
    target = _saved_project(window, tmp_path, save_to)
    lock = window.files.disk._lock
    assert lock is not None
    window.files.disk.release()
    holder = textwrap.dedent(
        f"""
        import sys
        from PySide6.QtCore import QLockFile
        lock = QLockFile({lock.fileName()!r})
        assert lock.tryLock(0)
        print("locked", flush=True)
        sys.stdin.readline()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        assert window.open_path(target, ask_to_save=False)
        assert f"(process {proc.pid})" in dialogs.texts("warning")[0]
    finally:
        proc.communicate("\n", timeout=30)


def test_sha256_hex_is_hashlibs(tmp_path: Path) -> None:
    import hashlib

    from assistant.gui.disk_watch import file_hash, sha256_hex

    for data in (b"", b"abc", "é\n".encode() * 5000):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    path = tmp_path / "p.yaml"
    path.write_bytes(b"title: x\n")
    assert file_hash(path) == hashlib.sha256(b"title: x\n").hexdigest()
    assert file_hash(tmp_path) is None  # a folder cannot be read
