"""The Mermaid export: flowchart LR, one subgraph per group, escaped labels."""

from __future__ import annotations

import re

from assistant.core.diagram.scene import Diagram
from assistant.export.mermaid import mermaid_text


def test_structure(hostile: Diagram) -> None:
    text = mermaid_text(hostile)
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    subgraphs = [line for line in lines if line.strip().startswith("subgraph ")]
    assert len(subgraphs) == len(hostile.groups)
    assert sum(line.strip() == "end" for line in lines) == len(hostile.groups)
    # nested: the inner subgraph is indented inside the outer one
    outer = next(i for i, line in enumerate(lines) if "subgraph g_outer" in line)
    inner = next(i for i, line in enumerate(lines) if "subgraph g_inner" in line)
    assert inner > outer and lines[inner].startswith(lines[outer][: lines[outer].index("s")] + " ")
    assert sum("-->" in line for line in lines) == len(hostile.edges)


def test_labels_are_escaped(hostile: Diagram) -> None:
    text = mermaid_text(hostile)
    assert "<" not in text and ">" not in text.replace("-->", "")
    assert "#lt;script#gt;alert(1)#lt;/script#gt; #amp; #quot;q#quot;" in text
    # every label is one quoted string without a raw quote inside
    for label in re.findall(r'\["(.*?)"\]', text):
        assert '"' not in label
    # a node whose id is a Mermaid keyword still gets a safe id
    assert re.search(r"^\s+n_a\[", text, re.M)


def test_class_per_category(hostile: Diagram) -> None:
    text = mermaid_text(hostile)
    for category in {n.category for n in hostile.nodes}:
        assert f"classDef cat_{category.replace('-', '_')} " in text


def test_mini_recommendation(mini_rec) -> None:  # type: ignore[no-untyped-def]
    text = mermaid_text(mini_rec.diagram)
    top_down = mini_rec.diagram.nodes[0].label_side == "right"  # auto may draw it top down
    assert text.startswith("flowchart TB" if top_down else "flowchart LR")
    assert text.count("subgraph ") == len(mini_rec.diagram.groups)
    assert '-->|"HTTPS"|' in text
