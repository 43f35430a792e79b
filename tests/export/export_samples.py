"""Hand-laid diagrams for the export tests and the real-program checks.

They do not depend on :mod:`assistant.core.diagram.layout`, so the exporters can be tested
(and looked at) on fixed geometry: nested groups, bends, labels, hostile text.
"""

from __future__ import annotations

from assistant.core.diagram.scene import Diagram, Edge, Group, Node, Rect

__all__ = ["HOSTILE", "hostile_diagram", "showcase_diagram"]

HOSTILE = '<script>alert(1)</script> & "q"'


def _node(
    nid: str,
    label: str,
    x: float,
    y: float,
    icon: str,
    category: str,
    group: str | None = None,
    drawio: str | None = None,
) -> Node:
    return Node(
        nid,
        label,
        service=nid,
        icon=icon,
        drawio=drawio,
        category=category,
        group=group,
        rect=Rect(x, y, 64, 64),
    )


def showcase_diagram() -> Diagram:
    """Real-time inference behind API Gateway with two production variants (A/B test)."""
    nodes = (
        _node("client", "Client application", 0, 150, "client", "client"),
        _node(
            "apigw",
            "Amazon API Gateway",
            170,
            150,
            "api-gateway",
            "integration",
            drawio="mxgraph.aws4.api_gateway",
        ),
        _node("fn", "AWS Lambda", 340, 150, "lambda", "compute", drawio="mxgraph.aws4.lambda"),
        _node(
            "model-a",
            "Model A (ml.m5.xlarge)",
            590,
            80,
            "sagemaker-model",
            "sagemaker-deploy",
            "variant-a",
            "mxgraph.aws4.sagemaker_model",
        ),
        _node(
            "model-b",
            "Model B (ml.g5.xlarge)",
            590,
            265,
            "sagemaker-model",
            "sagemaker-deploy",
            "variant-b",
            "mxgraph.aws4.sagemaker_model",
        ),
        _node("s3", "Model artifacts (S3)", 870, 150, "s3", "storage", drawio="mxgraph.aws4.s3"),
        _node(
            "cw",
            "Amazon CloudWatch",
            340,
            330,
            "cloudwatch",
            "integration",
            drawio="mxgraph.aws4.cloudwatch_2",
        ),
    )
    groups = (
        Group("account", "AWS account", None, "aws-cloud", Rect(140, -10, 670, 440)),
        Group("endpoint", "SageMaker endpoint", "account", "endpoint", Rect(470, 15, 310, 380)),
        Group("variant-a", "Variant A (90%)", "endpoint", "variant", Rect(500, 50, 260, 140)),
        Group("variant-b", "Variant B (10%)", "endpoint", "variant", Rect(500, 235, 260, 140)),
    )
    edges = (
        Edge("client", "apigw", "HTTPS", ((64, 182), (170, 182)), Rect(92, 172, 48, 20)),
        Edge("apigw", "fn", "invoke", ((234, 182), (340, 182)), Rect(262, 172, 48, 20)),
        Edge(
            "fn",
            "model-a",
            "90 %",
            ((404, 182), (425, 182), (425, 112), (590, 112)),
            Rect(436, 102, 40, 20),
        ),
        Edge(
            "fn",
            "model-b",
            "10 %",
            ((404, 182), (425, 182), (425, 297), (590, 297)),
            Rect(436, 287, 40, 20),
        ),
        Edge(
            "s3",
            "model-a",
            "model.tar.gz",
            ((870, 182), (800, 182), (800, 112), (654, 112)),
            Rect(795, 172, 80, 20),
        ),
        Edge("fn", "cw", "metrics", ((372, 240), (372, 330)), Rect(348, 272, 48, 20)),
    )
    return Diagram(
        nodes,
        groups,
        edges,
        "Real-time inference with A/B production variants",
        Rect(-10, -20, 960, 470),
    )


def hostile_diagram() -> Diagram:
    """Nested groups (outer > inner) and a label that must come out as text everywhere."""
    nodes = (
        Node("a", HOSTILE, icon="client", category="client", rect=Rect(20, 60, 64, 64)),
        Node(
            "b",
            "Endpoint",
            service="hosting",
            icon="sagemaker-endpoint",
            drawio="mxgraph.aws4.sagemaker",
            category="sagemaker-deploy",
            group="inner",
            rect=Rect(240, 70, 64, 64),
        ),
        Node(
            "c",
            "Store ]] > end",
            icon="s3",
            category="storage",
            group="outer",
            rect=Rect(420, 70, 64, 64),
        ),
    )
    groups = (
        Group("outer", f"Outer {HOSTILE}", None, "default", Rect(180, 0, 360, 190)),
        Group("inner", "Inner [x] (y) {z}", "outer", "default", Rect(200, 35, 145, 135)),
    )
    edges = (
        Edge(
            "a", "b", HOSTILE, ((84, 92), (170, 92), (170, 102), (240, 102)), Rect(20, 200, 170, 20)
        ),
        Edge("b", "c", "end", ((304, 102), (420, 102)), Rect(365, 92, 34, 20)),
    )
    return Diagram(nodes, groups, edges, f"Title {HOSTILE}", Rect(0, 0, 560, 210))
