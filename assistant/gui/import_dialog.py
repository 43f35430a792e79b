"""File > Import from AWS Account: read a live account (read-only) into a new project.

The reading runs in a worker on a QThread (every AWS call blocks on the network); the
dialog shows the worker's progress and its Cancel stops the reading between two calls. The
core does the work (:func:`assistant.aws.import_account`); this module only asks for the
profile and region, shows progress, and hands the result to the window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..aws import Cancelled, ImportResult, import_account, open_session
from ..core.errors import UserInputError
from ..core.pack import model as m

__all__ = ["ImportDialog", "ImportWorker", "import_into_window"]

SessionFactory = Callable[[str | None, str | None], Any]


class ImportWorker(QObject):
    """Reads the account on its thread; every outcome is a signal."""

    progress = Signal(int, int, str)  # done, total, what is being read
    import_finished = Signal(object)  # ImportResult
    import_failed = Signal(str)  # a sentence to show (never a credential)
    import_cancelled = Signal()

    def __init__(
        self,
        pack: m.Pack,
        profile: str | None,
        region: str | None,
        keep_ids: bool,
        session_factory: SessionFactory,
    ) -> None:
        super().__init__()
        self._pack = pack
        self._profile, self._region, self._keep_ids = profile, region, keep_ids
        self._session_factory = session_factory
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the reading to stop before its next call (thread-safe)."""
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        try:
            session = self._session_factory(self._profile, self._region)
            result = import_account(
                session,
                self._pack,
                region=str(getattr(session, "region", "") or self._region or ""),
                keep_ids=self._keep_ids,
                progress=self.progress.emit,
                cancelled=self._cancel.is_set,
            )
        except Cancelled:
            self.import_cancelled.emit()
        except UserInputError as exc:  # boto3 missing, no credentials, unknown profile
            self.import_failed.emit(str(exc))
        else:
            self.import_finished.emit(result)


class ImportDialog(QDialog):
    """Asks for profile and region, runs the import, shows progress; Cancel stops it."""

    def __init__(
        self,
        pack: m.Pack,
        parent: QWidget | None = None,
        session_factory: SessionFactory = open_session,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from AWS Account")
        self._pack = pack
        self._session_factory = session_factory
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self.result_: ImportResult | None = None

        self.profile = QLineEdit()
        self.profile.setPlaceholderText("standard credential chain")
        self.region = QLineEdit()
        self.region.setPlaceholderText("the profile's region")
        self.keep_ids = QCheckBox("Keep account ids in the project")
        form = QFormLayout()
        form.addRow("AWS &profile:", self.profile)
        form.addRow("&Region:", self.region)
        form.addRow("", self.keep_ids)
        note = QLabel(
            "Reads SageMaker AI endpoints, jobs, autoscaling, Kinesis, Firehose and Lambda with"
            " Describe, List and Get calls only. Nothing in the account is changed."
        )
        note.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton("&Import")
        self.start_button.setDefault(True)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> None:
        """Start reading on a worker thread."""
        if self.running():
            return
        for w in (self.profile, self.region, self.keep_ids, self.start_button):
            w.setEnabled(False)
        self.status.setText("Connecting…")
        worker = ImportWorker(
            self._pack,
            self.profile.text().strip() or None,
            self.region.text().strip() or None,
            self.keep_ids.isChecked(),
            self._session_factory,
        )
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.import_finished.connect(self._on_finished)
        worker.import_failed.connect(self._on_failed)
        worker.import_cancelled.connect(self._on_cancelled)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        """Stop a running import (the dialog stays until the reading stops), or close."""
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling after the current call…")
        else:
            self.reject()

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.status.setText(f"Reading {what}…" if done < total else "Judging what was read…")

    def _on_finished(self, result: ImportResult) -> None:
        self._stop_thread()
        self.result_ = result
        self.accept()

    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.status.setText(message)
        for w in (self.profile, self.region, self.keep_ids, self.start_button):
            w.setEnabled(True)

    def _on_cancelled(self) -> None:
        self._stop_thread()
        self.status.setText("Cancelled; nothing was imported.")
        self.reject()

    def done(self, code: int) -> None:
        # closing the window while reading: stop the worker first, never leave a thread behind
        if self._worker is not None:
            self._worker.cancel()
            self._stop_thread()
        super().done(code)


def import_into_window(
    window: Any, dialog_factory: Callable[..., ImportDialog] = ImportDialog
) -> bool:
    """File > Import from AWS Account: read an account into a new, untitled project.

    ``window`` is the main window (its pack and project files); returns True when a project
    was imported.
    """
    from PySide6.QtWidgets import QMessageBox

    if not window.files.maybe_save():
        return False
    dialog = dialog_factory(window.pack, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_ is None:
        return False
    result = dialog.result_
    window.files.document.load(result.project, None, modified=True)
    errors = sum(f.severity == "error" for f in result.findings)
    lines = [
        f"{len(result.plan.paths)} inference paths and {len(result.findings)} findings"
        f" ({errors} errors). The project notes list every path, where each answer came"
        " from, and the findings.",
        *result.messages,
    ]
    if len(result.plan.paths) > 1:
        lines.append("The questionnaire shows the answers all paths share.")
    QMessageBox.information(window, "Imported from AWS", "\n".join(lines))
    return True
