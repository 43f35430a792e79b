"""Explore workspace: search as you type, browse, details, neighbourhood graph."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QUrl

from assistant.core.decide.neighbourhood import neighbourhood_diagram
from assistant.core.pack import model as m
from assistant.gui.explore import ExploreWorkspace


@pytest.fixture(autouse=True)
def _test_paths() -> None:
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def explore(qtbot, mini_pack: m.Pack) -> ExploreWorkspace:  # type: ignore[no-untyped-def]
    w = ExploreWorkspace(mini_pack)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    return w


def test_typing_searches_services_and_facts(qtbot, explore: ExploreWorkspace) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(explore.results_ready, timeout=3000):
        qtbot.keyClicks(explore.search_edit, "serverless")
    keys = explore.result_keys()
    assert keys[0] == "service:serverless"
    assert "fact:serverless.max_payload_mb" in keys
    assert explore.tabs.currentWidget() is explore.results
    # Enter opens the best match
    with qtbot.waitSignal(explore.selection_changed, timeout=3000) as sig:
        qtbot.keyClick(explore.search_edit, Qt.Key.Key_Return)
    assert sig.args == ["service:serverless"]
    assert "Scales to zero." in explore.detail.toPlainText()


def test_no_match_says_so(qtbot, explore: ExploreWorkspace) -> None:  # type: ignore[no-untyped-def]
    explore.set_search("quantum teleportation")
    assert explore.result_keys() == []
    assert "Nothing matches" in explore.results.item(0).text()


def test_trees_by_category_and_domain(explore: ExploreWorkspace, mini_pack: m.Pack) -> None:
    tops = [
        explore.by_category.topLevelItem(i).text(0)
        for i in range(explore.by_category.topLevelItemCount())
    ]
    assert any(t.startswith("SageMaker AI: deploy") for t in tops)
    names = []
    for i in range(explore.by_category.topLevelItemCount()):
        top = explore.by_category.topLevelItem(i)
        names += [top.child(k).text(0) for k in range(top.childCount())]
    assert "Old service  (closed)" in names


def test_closed_service_detail_shows_status_and_suggestion(
    qtbot, explore: ExploreWorkspace
) -> None:  # type: ignore[no-untyped-def]
    explore.show_key("service:oldsvc")
    text = explore.detail.toPlainText()
    assert "Closed to new customers since 2025-11-07" in text
    assert "AWS suggests instead: Real-time hosting" in text
    # the suggestion is a link that opens the suggested service
    with qtbot.waitSignal(explore.selection_changed) as sig:
        explore.detail.anchorClicked.emit(QUrl("service:hosting"))
    assert sig.args == ["service:hosting"]


def test_facts_show_exam_notes_side_by_side(explore: ExploreWorkspace) -> None:
    explore.show_key("service:hosting")
    text = explore.detail.toPlainText()
    assert "Exam notes" in text and "The notes say 2 to 5." in text
    assert "checked" in text.lower() or "2026-11-28" in text
    assert "Deployment option: Real-time endpoint" in text  # the Plan option using it
    explore.show_key("fact:pipeline.max")
    fact_text = explore.detail.toPlainText()
    assert "As AWS is today" in fact_text and "As the exam notes say" in fact_text


def test_option_links_go_to_plan(qtbot, explore: ExploreWorkspace) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(explore.option_activated) as sig:
        explore.detail.anchorClicked.emit(QUrl("option:deploy.realtime"))
    assert sig.args == ["deploy.realtime"]


def test_neighbourhood_uses_the_diagram_renderer(
    explore: ExploreWorkspace, mini_pack: m.Pack
) -> None:
    from assistant.gui.canvas import DiagramView

    explore.show_key("service:serverless")
    assert isinstance(explore.canvas, DiagramView)
    scene = explore.canvas.diagram_scene()
    assert set(scene.node_items) == {"serverless", "hosting"}
    d = neighbourhood_diagram(mini_pack, explore.graph, "oldsvc")
    assert {n.id for n in d.nodes} == {"oldsvc", "hosting"}  # what AWS suggests instead
    assert all(n.rect is not None for n in d.nodes)  # laid out by the core layout


def test_big_neighbourhood_scrolls_instead_of_shrinking(
    qtbot,  # type: ignore[no-untyped-def]
    shipped_pack: m.Pack,
) -> None:
    from assistant.gui.explore import MIN_FIT_ZOOM

    w = ExploreWorkspace(shipped_pack)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    view = w.canvas
    w.show_key("service:sagemaker")  # the hub: every SageMaker AI feature is part of it
    assert view.zoom() == pytest.approx(MIN_FIT_ZOOM)
    assert view.verticalScrollBar().maximum() > 0
    subject = view.diagram_scene().node_items["sagemaker"].sceneBoundingRect()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(subject)
    w.show_key("service:sagemaker-serverless")  # a small graph fits, at most 100 %
    assert MIN_FIT_ZOOM <= view.zoom() <= 1.0
    assert view.verticalScrollBar().maximum() == 0


def test_tree_tooltips_carry_the_full_name(shipped_pack: m.Pack, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = ExploreWorkspace(shipped_pack)
    qtbot.addWidget(w)
    tree = w.by_category
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            item = top.child(j)
            assert item.text(0).replace("&", "&amp;") in item.toolTip(0)


def test_back_and_forward_like_a_browser(qtbot, explore: ExploreWorkspace) -> None:  # type: ignore[no-untyped-def]
    start = explore.current
    assert not explore.back_action.isEnabled() and not explore.forward_action.isEnabled()
    explore.show_key("service:hosting")
    explore.detail.anchorClicked.emit(QUrl("fact:pipeline.max"))
    assert explore.current == "fact:pipeline.max"
    explore.detail.setFocus()
    qtbot.waitUntil(explore.detail.hasFocus)
    with qtbot.waitSignal(explore.selection_changed) as sig:
        qtbot.keyClick(explore.detail, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert sig.args == ["service:hosting"]
    assert "Real-time hosting" in explore.detail.toPlainText()
    explore.back_action.trigger()  # the toolbar button
    assert explore.current == start
    assert not explore.back_action.isEnabled() and explore.forward_action.isEnabled()
    with qtbot.waitSignal(explore.selection_changed) as sig:
        qtbot.keyClick(explore.detail, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert sig.args == ["service:hosting"]
    # a new page after going back forgets what was ahead, as in a browser
    explore.show_key("service:oldsvc")
    assert not explore.forward_action.isEnabled()
    assert explore.back_keys == [start, "service:hosting"]


def test_selection_follows_the_page_and_the_search(qtbot, explore: ExploreWorkspace) -> None:  # type: ignore[no-untyped-def]
    from assistant.gui.explore import ROLE_KEY as ROLE

    def selected(view: object) -> list[str]:
        items = view.selectedItems()  # type: ignore[attr-defined]
        return [i.data(0, ROLE) if hasattr(i, "treeWidget") else i.data(ROLE) for i in items]

    tree = explore.by_category
    explore.show_key("service:hosting")
    assert selected(tree) == ["service:hosting"]
    # a link moves the selection along: none is left on the page before
    explore.detail.anchorClicked.emit(QUrl("service:oldsvc"))
    assert selected(tree) == ["service:oldsvc"]
    assert tree.currentItem().data(0, ROLE) == "service:oldsvc"
    # a search whose results hold the page shown marks it there, and nothing else
    explore.set_search("serverless")
    assert selected(explore.results) == []
    explore.results.setCurrentRow(0)
    assert explore.current == "service:serverless"
    assert selected(explore.results) == ["service:serverless"]
    explore.set_search("hosting")  # a new search: no row stays selected from the old one
    assert explore.result_keys() == ["service:hosting"]
    assert selected(explore.results) == [] and explore.results.currentRow() == -1
    explore.set_search("serverless")  # the page shown is among the results: it is marked
    assert "service:serverless" in explore.result_keys()
    assert selected(explore.results) == ["service:serverless"]
    # the page before can be clicked again in the tree (its item is current again)
    with qtbot.waitSignal(explore.selection_changed) as sig:
        explore.by_category.setCurrentItem(explore._items["service:hosting"][0])
    assert sig.args == ["service:hosting"]


def test_export_writes_the_neighbourhood_on_screen(
    window,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    out = tmp_path / "graph.svg"
    starts: list[str] = []

    def ask(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        starts.append(start)
        return (str(out), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    window.document.set_answer("traffic", "steady")  # the Plan draws something of its own
    window.set_workspace("explore")
    explore = window.workspaces["explore"]
    explore.show_key("service:oldsvc")
    assert not window.export_actions["md"].isEnabled()  # reports belong to the Plan
    window.export_actions["svg"].trigger()
    svg = out.read_text(encoding="utf-8")
    assert "Around Old service" in svg and "Client application" not in svg  # not the Plan's
    assert starts[0].endswith("around-old-service.svg")
    window.set_workspace("plan")
    assert window.export_actions["md"].isEnabled()
    window.export_actions["svg"].trigger()
    svg = out.read_text(encoding="utf-8")
    assert "Around Old service" not in svg and "Client application" in svg  # the Plan's again


def test_view_zoom_acts_on_the_diagram_on_screen(window) -> None:  # type: ignore[no-untyped-def]
    window.set_workspace("explore")
    explore = window.workspaces["explore"]
    assert window.diagram_view() is explore.canvas
    plan_zoom, graph_zoom = window.plan.view.zoom(), explore.canvas.zoom()
    window.zoom_in_action.trigger()
    assert explore.canvas.zoom() > graph_zoom
    assert window.plan.view.zoom() == plan_zoom
    window.set_workspace("plan")
    assert window.diagram_view() is window.plan.view
