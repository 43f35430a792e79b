"""The open project as a Qt object: answers, pins, title and notes behind a QUndoStack.

:class:`ProjectDocument` is the only place the GUI changes a project. Each change is
an undo command; every change that the recommendation depends on (answers, pins, the
title, which heads the diagram) recomputes :func:`recommend` at once (it takes
milliseconds) and emits :attr:`ProjectDocument.recommendation_ready`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.decide.engine import Recommendation, recommend
from ..core.decide.multipath import recommend_paths
from ..core.pack import model as m
from ..core.pack.answers import normalize_one
from ..core.project import Project, ProjectPath

__all__ = ["ProjectDocument"]

# Rapid edits of one numeric answer (typing "120", holding an arrow key) become one undo step.
MERGE_WINDOW_S = 1.5
_ANSWER_ID = 1001
# Typing a title or notes merges the same way, one undo step per burst of typing per field.
_INFO_IDS = {"title": 1002, "notes": 1003}


class _SetAnswer(QUndoCommand):
    def __init__(
        self,
        doc: ProjectDocument,
        qid: str,
        old: m.AnswerValue | None,
        new: m.AnswerValue | None,
        mergeable: bool,
    ) -> None:
        question = doc.pack.questions[qid]
        super().__init__(f"Answer '{question.text}'")
        self.doc, self.qid, self.old, self.new = doc, qid, old, new
        self.path_index = doc.current_path  # an answer belongs to the path shown when given
        self.mergeable = mergeable
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _ANSWER_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetAnswer) or other.qid != self.qid or not other.mergeable:
            return False
        if other.path_index != self.path_index:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new, self.stamp = other.new, other.stamp
        return True

    def redo(self) -> None:
        self.doc._apply_answer(self.qid, self.new, self.path_index)

    def undo(self) -> None:
        self.doc._apply_answer(self.qid, self.old, self.path_index)


class _SetPaths(QUndoCommand):
    """Add, copy, rename or remove an inference path (the whole list before and after)."""

    def __init__(
        self,
        doc: ProjectDocument,
        old: tuple[ProjectPath, ...],
        new: tuple[ProjectPath, ...],
        current: int,
        text: str,
    ) -> None:
        super().__init__(text)
        self.doc, self.old, self.new = doc, old, new
        self.old_current, self.new_current = doc.current_path, current

    def redo(self) -> None:
        self.doc._apply_paths(self.new, self.new_current)

    def undo(self) -> None:
        self.doc._apply_paths(self.old, self.old_current)


class _SetPins(QUndoCommand):
    def __init__(
        self,
        doc: ProjectDocument,
        old: Mapping[str, tuple[float, float]],
        new: Mapping[str, tuple[float, float]],
        text: str,
    ) -> None:
        super().__init__(text)
        self.doc, self.old, self.new = doc, dict(old), dict(new)

    def redo(self) -> None:
        self.doc._apply_pins(self.new)

    def undo(self) -> None:
        self.doc._apply_pins(self.old)


class _SetInfo(QUndoCommand):
    """A new project title or notes; keystrokes within :data:`MERGE_WINDOW_S` merge."""

    def __init__(self, doc: ProjectDocument, field: str, old: str, new: str) -> None:
        super().__init__("Edit project title" if field == "title" else "Edit project notes")
        self.doc, self.field, self.old, self.new = doc, field, old, new
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _INFO_IDS[self.field]

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetInfo) or other.field != self.field:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new, self.stamp = other.new, other.stamp
        # typed and erased again: the stack drops the step (and may become clean again)
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.doc._apply_info(self.field, self.new)

    def undo(self) -> None:
        self.doc._apply_info(self.field, self.old)


class ProjectDocument(QObject):
    """Answers, pins, title, notes and the file they belong to; emits a fresh recommendation
    on every change it depends on."""

    recommendation_ready = Signal(object)  # Recommendation
    answers_changed = Signal()
    # the title or the notes changed (also on undo, redo and load): views show the new text
    info_changed = Signal()
    path_changed = Signal()
    modified_changed = Signal(bool)
    # the inference paths or the one shown changed (also on undo, redo and load)
    paths_changed = Signal()

    def __init__(self, pack: m.Pack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.project = Project(pack_id=pack.id, pack_version=pack.version)
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._extra_dirty = False
        # the inference path whose answers the questions show and edit; -1: the shared answers
        self.current_path = -1
        self.rec: Recommendation = self._compute()

    # --- reading ---

    @property
    def answers(self) -> Mapping[str, m.AnswerValue]:
        """The answers the questions show: the shared ones, with the current path's on top."""
        if 0 <= self.current_path < len(self.project.paths):
            return {**self.project.answers, **self.project.paths[self.current_path].answers}
        return self.project.answers

    @property
    def paths(self) -> tuple[ProjectPath, ...]:
        return self.project.paths

    @property
    def title(self) -> str:
        return self.project.title

    @property
    def notes(self) -> str:
        return self.project.notes

    @property
    def pins(self) -> Mapping[str, tuple[float, float]]:
        return self.project.pins

    def is_modified(self) -> bool:
        return self._extra_dirty or not self.undo_stack.isClean()

    def display_name(self) -> str:
        if self.path is not None:
            name = self.path.name
            return name.removesuffix(".archassist.yaml") or name
        return self.project.title or "Untitled"

    # --- changing (undoable) ---

    def set_answer(self, qid: str, value: object | None) -> None:
        """Answer ``qid`` (``None`` clears it). Invalid values raise ValueError."""
        question = self.pack.questions[qid]
        new = None if value is None else normalize_one(question, value)
        old = self.project.answers.get(qid)
        if new == old:
            return
        self.undo_stack.push(_SetAnswer(self, qid, old, new, question.kind == "number"))

    def clear_answers(self) -> None:
        if not self.project.answers:
            return
        self.undo_stack.beginMacro("Clear all answers")
        for qid in list(self.project.answers):
            self.set_answer(qid, None)
        self.undo_stack.endMacro()

    # --- inference paths (undoable) ---

    def set_current_path(self, index: int) -> None:
        """Show and edit path ``index`` (-1: the answers all paths share)."""
        index = index if 0 <= index < len(self.project.paths) else -1
        if index != self.current_path:
            self.current_path = index
            self.paths_changed.emit()
            self.answers_changed.emit()
            self._recompute()

    def add_path(self, name: str) -> None:
        """A new path named ``name``; a project with one need first becomes its first path."""
        paths = self.project.paths or (ProjectPath(self._free_name("main")),)
        new = (*paths, ProjectPath(self._free_name(name, paths)))
        self.undo_stack.push(_SetPaths(self, self.project.paths, new, len(new) - 1, "Add path"))

    def copy_path(self, index: int, name: str) -> None:
        """A copy of path ``index`` (its own answers too) named ``name``."""
        source = self.project.paths[index]
        copy = ProjectPath(self._free_name(name), dict(source.answers))
        new = (*self.project.paths, copy)
        self.undo_stack.push(_SetPaths(self, self.project.paths, new, len(new) - 1, "Copy path"))

    def rename_path(self, index: int, name: str) -> None:
        name = name.strip()
        old = self.project.paths
        if not name or name == old[index].name or any(p.name == name for p in old):
            return
        new = tuple(replace(p, name=name) if i == index else p for i, p in enumerate(old))
        self.undo_stack.push(_SetPaths(self, old, new, self.current_path, "Rename path"))

    def remove_path(self, index: int) -> None:
        """Remove path ``index``; with one path left the project is one need again, and that
        path's own answers become the shared ones."""
        old = self.project.paths
        new = tuple(p for i, p in enumerate(old) if i != index)
        if len(new) == 1:
            self.undo_stack.beginMacro("Remove path")
            self.undo_stack.push(_SetPaths(self, old, new, 0, "Remove path"))
            for qid, value in new[0].answers.items():
                move = _SetAnswer(self, qid, self.project.answers.get(qid), value, False)
                move.path_index = -1  # the last path's own answers become the shared ones
                self.undo_stack.push(move)
            self.undo_stack.push(_SetPaths(self, new, (), -1, "Remove path"))
            self.undo_stack.endMacro()
            return
        current = min(self.current_path, len(new) - 1)
        self.undo_stack.push(_SetPaths(self, old, new, current, "Remove path"))

    def _free_name(self, name: str, paths: tuple[ProjectPath, ...] | None = None) -> str:
        taken = {p.name for p in (self.project.paths if paths is None else paths)}
        name = name.strip() or "path"
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name} {n}", n + 1
        return candidate

    def pin(self, node_id: str, x: float, y: float) -> None:
        new = {**self.project.pins, node_id: (round(x, 1), round(y, 1))}
        if new != dict(self.project.pins):
            self.undo_stack.push(_SetPins(self, self.project.pins, new, "Move diagram node"))

    def clear_pins(self) -> None:
        if self.project.pins:
            self.undo_stack.push(_SetPins(self, self.project.pins, {}, "Reset diagram layout"))

    def set_title(self, title: str) -> None:
        """Name the project; the title heads the diagram, its exports and the window."""
        if title != self.project.title:
            self.undo_stack.push(_SetInfo(self, "title", self.project.title, title))

    def set_notes(self, notes: str) -> None:
        """Free notes (they go into the Markdown and HTML reports)."""
        if notes != self.project.notes:
            self.undo_stack.push(_SetInfo(self, "notes", self.project.notes, notes))

    # --- whole-document changes (not undoable) ---

    def load(self, project: Project, path: Path | None, *, modified: bool = False) -> None:
        """Replace the document: a new file, an opened file, or a restored autosave."""
        self.project = project
        self.path = path
        self.current_path = 0 if project.paths else -1
        self.undo_stack.clear()
        self._extra_dirty = modified
        self.modified_changed.emit(self.is_modified())
        self.path_changed.emit()
        self.info_changed.emit()
        self.paths_changed.emit()
        self._recompute()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
        self._extra_dirty = False
        self.modified_changed.emit(False)
        self.path_changed.emit()

    # --- internals ---

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean or self._extra_dirty)

    def _apply_answer(self, qid: str, value: m.AnswerValue | None, path_index: int = -1) -> None:
        on_path = 0 <= path_index < len(self.project.paths)
        target = self.project.paths[path_index] if on_path else None
        answers = dict(target.answers if target is not None else self.project.answers)
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
        if target is not None:
            paths = list(self.project.paths)
            paths[path_index] = replace(target, answers=answers)
            self.project = replace(self.project, paths=tuple(paths))
        else:
            self.project = self.project.with_answers(answers)
        self.answers_changed.emit()
        self._recompute()

    def _apply_paths(self, paths: tuple[ProjectPath, ...], current: int) -> None:
        self.project = replace(self.project, paths=paths)
        self.current_path = current if 0 <= current < len(paths) else -1
        self.paths_changed.emit()
        self.answers_changed.emit()
        self._recompute()

    def _apply_info(self, field: str, text: str) -> None:
        if field == "title":
            self.project = replace(self.project, title=text)
        else:
            self.project = replace(self.project, notes=text)
        self.info_changed.emit()
        if field == "title":  # the diagram's title is the project's
            self._recompute()

    def _apply_pins(self, pins: Mapping[str, tuple[float, float]]) -> None:
        self.project = replace(self.project, pins=dict(pins))
        self._recompute()

    def _compute(self) -> Recommendation:
        if not self.project.paths:
            return recommend(
                self.pack, self.project.answers, self.project.pins, title=self.project.title
            )
        # several paths: the panel explains the path shown, the diagram draws them all
        plan = recommend_paths(
            self.pack,
            self.project.path_answers(),
            self.project.pins,
            find_open_questions=True,
            title=self.project.title,
        )
        shown = plan.paths[max(self.current_path, 0)].recommendation
        return replace(shown, diagram=plan.diagram)

    def _recompute(self) -> None:
        self.rec = self._compute()
        self.recommendation_ready.emit(self.rec)
