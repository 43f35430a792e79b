"""``auto`` lays a diagram out left to right, then top down; the top-down run takes the
crossing reduction of the first run over (the same leaves and ranks, only the sizes differ)
instead of repeating it. The drawing must be the one a top-down layout of its own gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.decide.engine import recommend
from assistant.core.diagram.layout import layout
from assistant.core.diagram.scene import Diagram, Edge, Group, Node
from assistant.core.pack.answers import normalize_answers
from assistant.core.project import load_project

EXAMPLES = sorted(
    (Path(__file__).resolve().parents[2] / "knowledge/aws-ml/examples").glob("*.yaml")
)


def _unlaid(pack, example: Path) -> Diagram:  # type: ignore[no-untyped-def]
    project = load_project(example, pack)
    answers = normalize_answers(pack, dict(project.answers), str(example))
    return recommend(pack, answers, title=project.title, lay_out=False).diagram


def test_auto_top_down_is_the_top_down_layout_of_every_example(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    top_down = 0
    for example in EXAMPLES:
        diagram = _unlaid(shipped_pack, example)
        auto = layout(diagram)
        if all(n.label_side == "right" for n in auto.nodes) and auto.nodes:
            top_down += 1
            assert auto == layout(diagram, direction="tb"), example.name
    assert top_down >= 10  # most examples draw top down: the reuse is exercised


# A graph (cycles included) whose crossing reduction reorders the ranks, which auto draws top
# down: a wrong reuse of the first run's order shows here.
_REORDERED = [(0, 4), (8, 7), (6, 4), (7, 5), (9, 3), (8, 2), (4, 2), (1, 9), (4, 8), (9, 2),
              (4, 1), (1, 10), (5, 7), (8, 1), (5, 6), (5, 9), (10, 3)]  # fmt: skip


@pytest.mark.parametrize("grouped", [False, True])
def test_auto_top_down_matches_where_the_order_is_reduced(grouped: bool) -> None:
    nodes = tuple(
        Node(f"n{i}", f"Service {i}", group=("g" if i % 3 == 0 else None) if grouped else None)
        for i in range(11)
    )
    edges = tuple(Edge(f"n{a}", f"n{b}") for a, b in _REORDERED)
    groups = (Group("g", "Account"),) if grouped else ()
    diagram = Diagram(nodes=nodes, groups=groups, edges=edges, title="t")
    auto = layout(diagram)
    if not grouped:
        assert auto.nodes[0].label_side == "right"  # auto took the top-down drawing
    if auto.nodes[0].label_side == "right":
        assert auto == layout(diagram, direction="tb")
