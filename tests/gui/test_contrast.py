"""Every text the app draws reads at 4.5:1 or better (WCAG 2 AA) in light and in dark mode.

For each palette the whole window is built (Plan with a project, Explore on a closed
service, Study mid-question) and sampled the way Qt paints it: each widget's foreground and
background roles, the Text/Base pair of editors and views, selected items, tool tips, the
colours a style sheet sets, and every run of text in every rich-text document (its own
colour or the link colour, on its cell's, block's or the page's background).
Disabled widgets are left out: WCAG 1.4.3 exempts inactive controls.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from assistant.gui.theme import DARK, LIGHT, Theme, contrast_ratio, set_scheme

AA = 4.5
R = QPalette.ColorRole
EXAMPLE = "ab-test-ranking-model.archassist.yaml"
CLOSED_SERVICE = "fraud-detector"


def _css_colors(css: str) -> list[str]:
    """The text colours a style sheet sets (``color:``, not ``background-color:``).

    >>> _css_colors("QLabel { color: #112233; background-color: #000 } x{color:#abc}")
    ['#112233', '#abc']
    """
    return re.findall(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,8})", css)


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _document_pairs(doc: QTextDocument, pal: QPalette) -> Iterator[tuple[QColor, QColor, str]]:
    """(text colour, background, the text) for every run of text in ``doc``."""
    page = pal.color(R.Base)
    block = doc.begin()
    while block.isValid():
        background = page
        cursor = QTextCursor(block)
        table = cursor.currentTable()
        if table is not None:
            frame_bg = table.format().background()
            if frame_bg.style() != frame_bg.style().NoBrush:
                background = frame_bg.color()
            cell_bg = table.cellAt(cursor).format().background()
            if cell_bg.style() != cell_bg.style().NoBrush:
                background = cell_bg.color()
        block_bg = block.blockFormat().background()
        if block_bg.style() != block_bg.style().NoBrush:
            background = block_bg.color()
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            text = frag.text().strip()
            if text:
                fmt = frag.charFormat()
                fg_brush = fmt.foreground()
                if fg_brush.style() != fg_brush.style().NoBrush:
                    fg = fg_brush.color()
                else:
                    fg = pal.color(R.Link if fmt.isAnchor() else R.Text)
                bg_brush = fmt.background()
                bg = (
                    bg_brush.color() if bg_brush.style() != bg_brush.style().NoBrush else background
                )
                yield fg, bg, text[:40]
            it += 1
        block = block.next()


def _widget_pairs(widget: QWidget) -> Iterator[tuple[QColor, QColor, str]]:
    pal = widget.palette()
    name = _name(widget)
    fg_role, bg_role = widget.foregroundRole(), widget.backgroundRole()
    yield pal.color(fg_role), pal.color(bg_role), f"{name} {fg_role.name}/{bg_role.name}"
    if isinstance(
        widget, (QAbstractScrollArea, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractItemView)
    ):
        yield pal.color(R.Text), pal.color(R.Base), f"{name} Text/Base"
        yield pal.color(R.PlaceholderText), pal.color(R.Base), f"{name} placeholder"
    if isinstance(widget, QAbstractItemView):
        yield pal.color(R.HighlightedText), pal.color(R.Highlight), f"{name} selected"
    for color in _css_colors(widget.styleSheet()):
        yield QColor(color), pal.color(R.Window), f"{name} style sheet {color}"
    docs: list[QTextDocument] = []
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        docs.append(widget.document())
    if isinstance(widget, QLabel) and widget.textFormat() != widget.textFormat().PlainText:
        doc = QTextDocument()
        doc.setHtml(widget.text())
        docs.append(doc)
    for doc in docs:
        for fg, bg, text in _document_pairs(doc, pal):
            yield fg, bg, f"{name} text {text!r}"


def _low_contrast(root: QWidget) -> list[str]:
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isEnabled():
            continue
        for fg, bg, where in _widget_pairs(widget):
            ratio = contrast_ratio(fg, bg)
            if ratio < AA:
                bad.append(f"{where}: {fg.name()} on {bg.name()} = {ratio:.2f}")
    return sorted(set(bad))


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    set_scheme(qapp, request.param)
    yield request.param
    set_scheme(qapp, "system")


def _whole_window(make_window: Any, pack: Any) -> Any:
    from assistant.gui.study import StudyWorkspace

    w = make_window(pack, persistent=False)
    w.resize(1400, 900)
    w.show()
    examples = Path(pack.path) / "examples"
    assert w.open_path(examples / EXAMPLE, ask_to_save=False, as_copy=True)
    w.document.set_answer(next(iter(w.document.answers)), None)  # a change to mark
    w.plan.flush()
    w.plan.panel.set_all_expanded(True)
    node = w.document.rec.diagram.nodes[0].id
    w.plan.show_node(node)
    explore = w.workspace("explore")
    explore.show_key(f"service:{CLOSED_SERVICE}")
    study = StudyWorkspace(pack, ":memory:")  # never the user's progress file
    w.workspaces["study"] = study
    w.stack.addWidget(study)
    for seed in range(50):  # a one-answer question, answered wrongly: its feedback too
        study.start(seed=seed)
        item = study.current_item()
        if item is not None and item.qtype == "single":
            study.answer((item.correct(study.mode) + 1) % len(item.choices))
            break
    assert study.feedback.toPlainText(), "no feedback to sample"
    return w


@pytest.mark.parametrize("workspace", ["plan", "explore", "study"])
def test_every_text_reads_in_both_palettes(
    scheme: str, workspace: str, make_window: Any, shipped_pack: Any
) -> None:
    window = _whole_window(make_window, shipped_pack)
    assert window.plan.theme.dark == (scheme == "dark")
    bad = _low_contrast(window.workspaces[workspace])
    hint = "colours that work in both schemes: assistant.gui.theme.current_theme()'s"
    assert not bad, f"{scheme}: {len(bad)} text(s) under {AA}:1 ({hint})\n" + "\n".join(bad)


def test_window_frame_reads(scheme: str, make_window: Any, shipped_pack: Any) -> None:
    """Menus, tool bars and the status bar: the window minus its workspaces."""
    window = _whole_window(make_window, shipped_pack)
    inside = {b for w in window.workspaces.values() for b in _low_contrast(w)}
    bad = [b for b in _low_contrast(window) if b not in inside]
    assert not bad, "\n".join(bad)


def test_tool_tips_read(scheme: str, qapp: QApplication) -> None:
    pal = qapp.palette()
    assert contrast_ratio(pal.color(R.ToolTipText), pal.color(R.ToolTipBase)) >= AA


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_diagram_colours_read(theme: Theme) -> None:
    """What the canvas draws from the theme: labels on the canvas, on edge-label boxes and
    in groups, and the panel colours on the panel's backgrounds."""
    pairs = {
        "node label": (theme.text, theme.canvas),
        "edge label": (theme.muted if not theme.dark else theme.text, theme.edge_label_bg),
        "group label": (theme.group_label, theme.group_fill),
    }
    for bg_name in ("panel_bg", "panel_alt", "changed_bg", "note_bg"):
        bg = getattr(theme, bg_name)
        for fg_name in ("text", "muted", "accent", "warning", "ruled_out", "success"):
            pairs[f"{fg_name} on {bg_name}"] = (getattr(theme, fg_name), bg)
    bad = {k: round(contrast_ratio(*v), 2) for k, v in pairs.items() if contrast_ratio(*v) < AA}
    assert not bad


def test_radio_buttons_and_check_boxes_show_in_dark_mode(qapp: QApplication) -> None:
    """Fusion's rims vanish on a dark window: the dark scheme draws them in the theme's
    colours, 3:1 or better against the window (WCAG 1.4.11, non-text contrast)."""
    set_scheme(qapp, "dark")
    try:
        css = qapp.styleSheet()
        assert "QRadioButton::indicator" in css and "QCheckBox::indicator:checked" in css
        window = qapp.palette().color(R.Window)
        for color in (DARK.muted, DARK.accent, DARK.text):
            assert color in css
            assert contrast_ratio(color, window) >= 3.0
    finally:
        set_scheme(qapp, "system")
    assert qapp.styleSheet() == ""  # the light scheme keeps the native look
