"""File > Check a Design: judge a design YAML, a project or AWS CLI JSON, and show findings.

The core judges (:func:`assistant.core.decide.check.check_document`); this module asks
for the file, shows each finding (severity, resource, field, found, limit) with its
sentence, fix and sources, and - beside it - what archassist itself recommends: for a
project, its own plan per path. :class:`FindingsView` is a plain widget, so it can sit in
a dock as well as in the dialog.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.decide.check import DocumentError, Finding, check_document, detect_kind, read_document
from ..core.decide.multipath import recommend_paths
from ..core.errors import display_path
from ..core.pack import model as m
from ..core.pack.answers import answer_problems

__all__ = ["CheckDialog", "FindingsView", "check_design", "plan_html"]

FILE_FILTER = "Designs and AWS CLI output (*.json *.yaml *.yml);;All files (*)"
_MARK = {"error": "✖ error", "warning": "⚠ warning", "info": "ℹ note"}


class FindingsView(QWidget):
    """A list of findings; the one selected is explained below it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsView")
        self.summary = QLabel()
        self.summary.setObjectName("findingsSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("findingsTree")
        self.tree.setAccessibleName("Findings")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(["Severity", "Resource", "Field", "Found", "Limit"])
        self.tree.currentItemChanged.connect(lambda item, _old: self._explain(item))
        self.detail = QTextBrowser()
        self.detail.setObjectName("findingDetail")
        self.detail.setOpenExternalLinks(True)
        self.detail.setPlaceholderText("Select a finding to see what to do about it.")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.findings: tuple[Finding, ...] = ()

    def set_findings(self, kind: str, name: str, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        self.tree.clear()
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
        self.summary.setText(
            f"<b>{html.escape(name)}</b> ({html.escape(kind)}): "
            + (", ".join(parts) if parts else "sound - no limit broken, nothing risky found.")
        )
        for f in findings:
            item = QTreeWidgetItem([_MARK[f.severity], f.resource, f.field, f.found, f.limit])
            item.setToolTip(0, f.text)
            self.tree.addTopLevelItem(item)
        for column in range(5):
            self.tree.resizeColumnToContents(column)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self.detail.clear()

    def _explain(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        f = self.findings[self.tree.indexOfTopLevelItem(item)]
        sources = "".join(
            f'<li><a href="{html.escape(s.url)}">{html.escape(s.title)}</a></li>' for s in f.sources
        )
        facts = f"<p>Pack facts: {html.escape(', '.join(f.facts))}</p>" if f.facts else ""
        self.detail.setHtml(
            f"<p><b>{html.escape(f.text)}</b></p>"
            f"<p>Found <b>{html.escape(f.found)}</b>; the limit: {html.escape(f.limit)}.</p>"
            f"<p><b>Fix:</b> {html.escape(f.fix)}</p>{facts}"
            + (f"<p>Sources:</p><ul>{sources}</ul>" if sources else "")
        )


def plan_html(pack: m.Pack, data: object) -> str:
    """What archassist recommends for a project document, per path (HTML)."""
    if not isinstance(data, dict) or "archassist" not in data:
        what = (
            "lists resources"
            if isinstance(data, dict) and "resources" in data
            else ("is a resource as AWS describes it")
        )
        return (
            f"<p>This document {what}; archassist's own recommendation needs a project's"
            " answers (File > New, answer the questions, and compare).</p>"
        )
    shared, _ = answer_problems(pack, data.get("answers") or {})
    named = [("", dict(shared))]
    raw_paths = data.get("paths") or []
    if isinstance(raw_paths, list) and raw_paths:
        named = []
        for p in raw_paths:
            own, _ = answer_problems(pack, (p.get("answers") or {}) if isinstance(p, dict) else {})
            named.append((str(p.get("name", "")) if isinstance(p, dict) else "", {**shared, **own}))
    plan = recommend_paths(pack, named)
    out = ["<h3>archassist's own recommendation</h3>"]
    for path in plan.paths:
        if path.name:
            out.append(f"<h4>Path: {html.escape(path.name)}</h4>")
        rows = [
            f"<li>{html.escape(a.title)}: <b>"
            f"{html.escape(a.chosen.title if a.chosen else 'no option fits')}</b></li>"
            for a in path.recommendation.areas
        ]
        out.append("<ul>" + "".join(rows) + "</ul>" if rows else "<p>Nothing answered yet.</p>")
    return "".join(out)


class CheckDialog(QDialog):
    """The findings of one document beside archassist's own recommendation."""

    def __init__(self, pack: m.Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle("Check a Design")
        self.resize(1000, 600)
        self.pack = pack
        self.findings_view = FindingsView()
        self.plan = QTextBrowser()
        self.plan.setObjectName("checkPlan")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.findings_view)
        split.addWidget(self.plan)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def check_file(self, path: Path) -> None:
        """Judge ``path``; raises DocumentError (with the place) when it cannot be read."""
        shown = display_path(path)
        data = read_document(path, shown)
        findings = check_document(self.pack, data, name=shown)
        self.findings_view.set_findings(detect_kind(data), shown, findings)
        self.plan.setHtml(plan_html(self.pack, data))
        self.setWindowTitle(f"Check a Design - {path.name}")


def check_design(parent: QWidget, pack: m.Pack, start: str = "") -> CheckDialog | None:
    """Ask for a file and show its check; a file that cannot be read is said with its place."""
    name, _ = QFileDialog.getOpenFileName(parent, "Check a design", start, FILE_FILTER)
    if not name:
        return None
    dialog = CheckDialog(pack, parent)
    try:
        dialog.check_file(Path(name))
    except DocumentError as exc:
        QMessageBox.warning(parent, "Cannot check this file", str(exc))
        dialog.deleteLater()
        return None
    dialog.show()
    return dialog
