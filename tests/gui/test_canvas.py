"""The diagram canvas on its own: model-to-item maps, groups, edges, zoom and fit."""

from __future__ import annotations

from typing import Any

from assistant.core.diagram.layout import layout
from assistant.core.diagram.scene import Diagram, Edge, Group, Node
from assistant.gui.canvas import DiagramView, EdgeItem, GroupItem, NodeItem
from assistant.gui.theme import DARK


def _diagram() -> Diagram:
    return layout(
        Diagram(
            nodes=(
                Node("client", "Client application", icon="client"),
                Node("a", "Variant A", icon="sagemaker-model", group="va"),
                Node("b", "Variant B", icon="sagemaker-model", group="vb"),
                Node("s3", "Amazon S3", icon="s3"),
            ),
            groups=(
                Group("ep", "SageMaker endpoint", style="endpoint"),
                Group("va", "Variant A (90%)", parent="ep", style="variant"),
                Group("vb", "Variant B (10%)", parent="ep", style="variant"),
            ),
            edges=(
                Edge("client", "a", "90%"),
                Edge("client", "b", "10%"),
                Edge("a", "s3", "<script>alert(1)</script>"),
            ),
        )
    )


def test_items_mirror_the_model(qtbot: Any) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    view.set_diagram(_diagram())
    scene = view.diagram_scene()
    assert set(scene.node_items) == {"client", "a", "b", "s3"}
    assert set(scene.group_items) == {"ep", "va", "vb"}
    assert set(scene.edge_items) == {"client->a", "client->b", "a->s3"}
    assert all(isinstance(i, NodeItem) for i in scene.node_items.values())
    assert all(isinstance(i, GroupItem) for i in scene.group_items.values())
    assert all(isinstance(i, EdgeItem) for i in scene.edge_items.values())
    # nested groups are drawn above their parents, nodes above groups and edges
    assert scene.group_items["va"].zValue() > scene.group_items["ep"].zValue()
    assert scene.node_items["a"].zValue() > scene.edge_items["client->a"].zValue()
    # the scene is rebuilt, never patched: a new model replaces every item
    view.set_diagram(layout(Diagram(nodes=(Node("x", "X"),))))
    assert set(scene.node_items) == {"x"} and not scene.group_items and not scene.edge_items


def test_node_boxes_do_not_overlap_and_labels_are_text(qtbot: Any) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    view.set_diagram(_diagram())
    boxes = [
        i.sceneBoundingRect().adjusted(4, 4, -4, -4)
        for i in view.diagram_scene().node_items.values()
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)
    edge = view.diagram_scene().edge_items["a->s3"]
    assert edge.toolTip() == "<script>alert(1)</script>"  # plain text, drawn with drawText


def test_zoom_and_fit(qtbot: Any) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    view.resize(300, 200)
    view.show()
    view.set_diagram(_diagram())
    fitted = view.zoom()
    assert fitted < 1.0
    view.zoom_in()
    assert view.zoom() > fitted
    view.zoom_out()
    view.zoom_out()
    assert view.zoom() < fitted
    view.fit()
    assert abs(view.zoom() - fitted) < 1e-6
    view.reset_zoom()
    assert view.zoom() == 1.0


def test_dark_theme_redraws(qtbot: Any) -> None:
    view = DiagramView()
    qtbot.addWidget(view)
    view.set_diagram(_diagram())
    view.set_theme(DARK)
    scene = view.diagram_scene()
    assert scene.backgroundBrush().color().name() == DARK.canvas.lower()
    assert set(scene.node_items) == {"client", "a", "b", "s3"}
    assert scene.node_items["a"].theme is DARK


def test_renders_every_shipped_example(make_window: Any, shipped_pack: Any) -> None:
    from assistant.core.project import load_project

    w = make_window(shipped_pack)
    for path in w.example_files():
        w.document.load(load_project(path, shipped_pack), path)
        scene = w.plan.view.diagram_scene()
        assert len(scene.node_items) == len(w.document.rec.diagram.nodes) > 0, path.name
        assert w.plan.panel.toPlainText().strip()
        image = w.plan.view.grab()
        assert not image.isNull()
