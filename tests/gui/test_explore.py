"""Explore workspace: search as you type, browse, details, neighbourhood graph."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QUrl

from assistant.core.pack import model as m
from assistant.gui.explore import ExploreWorkspace, neighbourhood_diagram


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


def test_symmetric_relations_balance_the_neighbourhood(shipped_pack: m.Pack) -> None:
    from assistant.core.pack.graph import build_graph

    graph = build_graph(shipped_pack)
    d = neighbourhood_diagram(shipped_pack, graph, "sagemaker-serverless")
    centre = d.node("sagemaker-serverless").rect
    sides = [n.rect.x < centre.x for n in d.nodes if n.id != "sagemaker-serverless"]
    assert 2 <= sum(sides) <= 3  # five neighbours, about half on each side
    for s in shipped_pack.services:  # every edge touches the subject, no pair twice
        d = neighbourhood_diagram(shipped_pack, graph, s)
        pairs = [frozenset((e.source, e.target)) for e in d.edges]
        assert all(s in p for p in pairs) and len(pairs) == len(set(pairs)), s


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
