"""An empty Plan canvas invites the user to start, in the theme's text colour."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from assistant.gui.theme import DARK, LIGHT, Theme


def _text_pixels(image: QImage, colour: QColor) -> int:
    """Pixels in the middle band of ``image`` within a few levels of ``colour``."""
    n = 0
    h = image.height()
    for y in range(int(h * 0.4), int(h * 0.6), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if (
                max(
                    abs(c.red() - colour.red()),
                    abs(c.green() - colour.green()),
                    abs(c.blue() - colour.blue()),
                )
                < 40
            ):
                n += 1
    return n


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_empty_project_shows_an_invitation(window: Any, qtbot: Any, theme: Theme) -> None:
    view = window.plan.view
    view.set_theme(theme)
    assert not window.document.rec.diagram.nodes  # nothing answered draws nothing
    assert view.showing_invitation() and "Answer the questions" in view.empty_text
    image = view.viewport().grab().toImage()
    assert _text_pixels(image, QColor(theme.text)) > 20  # the text is drawn, in the theme's colour


def test_the_invitation_goes_once_there_is_a_diagram(window: Any, qtbot: Any) -> None:
    view = window.plan.view
    blank = view.viewport().grab().toImage()
    window.document.set_answer("traffic", "spiky")
    qtbot.waitUntil(lambda: bool(window.document.rec.diagram.nodes))
    assert not view.showing_invitation()
    image = view.viewport().grab().toImage()
    text = QColor(LIGHT.text)
    assert _text_pixels(blank, text) > _text_pixels(image, text)
    window.document.set_answer("traffic", None)
    qtbot.waitUntil(lambda: not window.document.rec.diagram.nodes)
    assert view.showing_invitation()


def test_other_canvases_stay_blank_when_empty(qtbot: Any) -> None:
    from assistant.gui.canvas import DiagramView

    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    assert not view.showing_invitation()
    assert _text_pixels(view.viewport().grab().toImage(), QColor(LIGHT.text)) == 0
