"""File > Export Deck: the study items of the pack's default exam as an Anki deck (.apkg).

The deck is what ``archassist quiz --anki`` writes: one note per item, stable GUIDs (so a
newer deck updates the student's notes), tags ``exam::MLA-C01::domain-1::task-1.1``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.errors import UserInputError
from ..core.pack import model as m
from ..core.study.quiz import exam_items, select

__all__ = ["export_deck", "write_deck"]


def write_deck(pack: m.Pack, out: Path, mode: str = "today") -> int:
    """Write the default exam's items (every item without an exam) to ``out``; the count."""
    from ..export.anki import write_apkg

    exam = pack.default_exam()
    items = select(exam_items(pack, exam), mode=mode, seed=0)
    return write_apkg(out, sorted(items, key=lambda i: i.id), mode=mode)


def export_deck(parent: QWidget, pack: m.Pack, start_dir: str = "") -> Path | None:
    """Ask where, then write the deck; the path written, or None (cancelled or failed)."""
    exam = pack.default_exam()
    name = f"archassist-{exam.code if exam else pack.id}".lower() + ".apkg"
    path, _ = QFileDialog.getSaveFileName(
        parent, "Export Deck (Anki)", str(Path(start_dir) / name), "Anki deck (*.apkg)"
    )
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != ".apkg":
        out = out.with_suffix(".apkg")
    try:
        n = write_deck(pack, out)
    except (OSError, UserInputError, ImportError) as exc:
        QMessageBox.critical(parent, "Deck export failed", f"{out}: {exc}")
        return None
    if hasattr(parent, "statusBar"):
        parent.statusBar().showMessage(f"Exported {n} cards to {out.name}", 4000)
    return out
