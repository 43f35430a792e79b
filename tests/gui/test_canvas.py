"""The diagram canvas on its own: model-to-item maps, groups, edges, zoom and fit."""

from __future__ import annotations

from typing import Any

import pytest

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


def test_canvas_and_png_export_agree(qtbot: Any, shipped_pack: Any) -> None:
    """One scene: the canvas rendered at 100 % and the PNG export of the same project put
    every icon, label and line in the same place."""
    from pathlib import Path

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QImage, QPainter

    from assistant.core.decide.engine import recommend
    from assistant.core.pack.answers import normalize_answers
    from assistant.core.project import load_project
    from assistant.export.raster import diagram_png
    from assistant.export.svg import canvas_rect, node_parts

    path = (
        Path(__file__).parents[2]
        / "knowledge/aws-ml/examples/ab-test-ranking-model.archassist.yaml"
    )
    project = load_project(path, shipped_pack)
    answers = normalize_answers(shipped_pack, dict(project.answers), str(path))
    diagram = recommend(shipped_pack, answers, project.pins, title=project.title).diagram
    view = DiagramView()
    qtbot.addWidget(view)
    view.set_diagram(diagram)
    scene = view.diagram_scene()
    canvas = canvas_rect(diagram)
    assert scene.sceneRect() == QRectF(canvas.x, canvas.y, canvas.w, canvas.h)
    assert scene.title_item is not None and scene.title_item.text() == diagram.title
    png = QImage.fromData(diagram_png(diagram, shipped_pack, scale=1.0))
    drawn = QImage(png.size(), QImage.Format.Format_ARGB32_Premultiplied)
    drawn.fill(QColor("#FFFFFF"))
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, png.width(), png.height()), scene.sceneRect())
    painter.end()
    for node in diagram.nodes:
        item = scene.node_items[node.id]
        icon = node_parts(node).icon
        assert item.mapRectToScene(item.icon_rect()) == QRectF(icon.x, icon.y, icon.w, icon.h)
        # the icon's own colour at its centre, in both pictures
        x, y = round(icon.center[0] - canvas.x), round(icon.center[1] - canvas.y)
        a, b = png.pixelColor(x - 14, y - 14), drawn.pixelColor(x - 14, y - 14)
        assert (
            max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 24
        ), node.id
    # and overall: few pixels differ by more than anti-aliasing does
    differ = 0
    for yy in range(0, png.height(), 3):
        for xx in range(0, png.width(), 3):
            a, b = png.pixelColor(xx, yy), drawn.pixelColor(xx, yy)
            if abs(a.lightness() - b.lightness()) > 60:
                differ += 1
    total = (png.height() // 3 + 1) * (png.width() // 3 + 1)
    assert differ / total < 0.02, f"{differ} of {total} sampled pixels differ"


def test_view_has_a_viewport_set_up_as_qts_own(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """DiagramView makes its viewport (so PySide knows its type without a search): it must
    be set up exactly as the one QGraphicsView makes, and draw the same."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGraphicsView

    def setup(view: QGraphicsView) -> tuple[object, ...]:
        vp = view.viewport()
        attrs = [a for a in Qt.WidgetAttribute if vp.testAttribute(a)]
        return (
            vp.objectName(),
            vp.backgroundRole(),
            vp.autoFillBackground(),
            vp.hasMouseTracking(),
            vp.focusProxy() is view,
            vp.acceptDrops(),
            vp.cursor().shape(),
            vp.focusPolicy(),
            attrs,
            vp.geometry(),
        )

    ours = DiagramView()
    monkeypatch.setattr(DiagramView, "setViewport", lambda self, widget: None)
    qts = DiagramView()  # keeps the viewport Qt made
    diagram = layout(Diagram(title="t", nodes=(Node("a", "A", "sagemaker"),), edges=()))
    for view in (ours, qts):
        qtbot.addWidget(view)
        view.set_diagram(diagram)
        view.resize(300, 200)
        view.show()
        qtbot.waitExposed(view)
    assert setup(ours) == setup(qts)
    assert ours.grab().toImage() == qts.grab().toImage()
