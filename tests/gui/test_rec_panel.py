"""The recommendation panel replaces only the parts an answer changed, and the document it
ends with is the one a whole refresh gives."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.core.decide.engine import recommend
from assistant.core.io.paths import default_pack_dir
from assistant.core.project import load_project
from assistant.gui.rec_panel import RecommendationPanel
from assistant.gui.theme import DARK, LIGHT

EXAMPLES = ("realtime-fraud-api", "live-and-post-call-analytics", "nightly-churn-batch")


def _panel(qtbot: Any, pack: Any, theme: Any) -> RecommendationPanel:
    panel = RecommendationPanel(pack, theme)
    qtbot.addWidget(panel)
    panel.resize(400, 380)
    return panel


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_an_answer_patches_the_panel_into_the_whole_document(
    qtbot: Any, shipped_pack: Any, name: str, theme: Any
) -> None:
    path = default_pack_dir() / "examples" / f"{name}.archassist.yaml"
    project = load_project(path, shipped_pack)
    after = recommend(shipped_pack, project.answers, project.pins, title=project.title)
    panel = _panel(qtbot, shipped_pack, theme)
    whole = _panel(qtbot, shipped_pack, theme)
    patched = 0
    for question in list(project.answers)[:4]:
        fewer = {k: v for k, v in project.answers.items() if k != question}
        before = recommend(shipped_pack, fewer, project.pins, title=project.title)
        for unfold in (False, True):
            panel.show_recommendation(before, compare=False)
            panel.set_all_expanded(unfold)
            panel.expanded |= {a.id for a in after.areas} if unfold else set()
            panel.refresh(force=True)
            panel.show_recommendation(after)  # the answer arrives
            whole.expanded = set(panel.expanded)
            whole.rec, whole.changed = after, panel.changed
            whole.refresh(force=True)
            assert whole.last_refresh == "whole"
            assert panel.document().toHtml() == whole.document().toHtml()
            if [a.id for a in before.areas] == [a.id for a in after.areas]:
                assert panel.last_refresh == "patched"
                patched += 1
    assert patched  # the examples do exercise the patch
    assert not panel.document().isUndoAvailable()  # patches leave no undo history


def test_new_areas_or_a_new_theme_lay_out_the_whole_panel(qtbot: Any, shipped_pack: Any) -> None:
    panel = _panel(qtbot, shipped_pack, LIGHT)
    empty = recommend(shipped_pack, {})
    path = default_pack_dir() / "examples" / "realtime-fraud-api.archassist.yaml"
    project = load_project(path, shipped_pack)
    full = recommend(shipped_pack, project.answers, project.pins, title=project.title)
    panel.show_recommendation(empty)
    panel.show_recommendation(full)
    assert panel.last_refresh == "whole"  # other areas: nothing to patch
    panel.set_theme(DARK)
    assert panel.last_refresh == "whole"
    panel.show_recommendation(full)
    assert panel.last_refresh == "same"
