"""Benchmark for assistant.core.diagram.layout (a script; pytest does not collect it).

Prints the median time of :func:`assistant.core.diagram.layout.layout` on generated diagrams
of 10, 100 and 1,000 nodes with nested groups, labelled edges, long edges and a few cycles, and
on a multi-path project's diagram (4 paths stacked under a shared band), and what ``auto``
drew (one row, rows, top down or stacked; weighing rows against top down lays the diagram out
twice when one row does not fit and top down might)::

    python tests/benchmarks/bench_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from assistant.core.diagram.layout import layout
from assistant.core.diagram.scene import Diagram, Edge, Group, Node

LABELS = ["HTTPS", "invoke", "events", "batch", "model.tar.gz", "metrics"]


def generate(rows: int, stages: int, seed: int = 0) -> Diagram:
    """A grid of ``rows`` parallel pipelines over ``stages`` steps.

    Groups are rectangles of the grid nested up to three deep (like "AWS Cloud" > "VPC" >
    "endpoint"); edges go mostly to the next stage, some skip a stage, a few go back.
    """
    rng = random.Random(seed)
    groups: list[Group] = []
    owner: dict[tuple[int, int], str] = {}

    def split(r0: int, r1: int, s0: int, s1: int, parent: str | None, depth: int) -> None:
        if depth == 3 or r1 - r0 < 1 or s1 - s0 < 2:
            return
        s = s0
        while s < s1:
            width = rng.randint(2, max(2, (s1 - s0) // 2))
            top = rng.randint(r0, r1 - 1)
            bottom = rng.randint(top + 1, r1)
            if rng.random() < 0.7:
                gid = f"g{len(groups)}"
                groups.append(Group(gid, f"Group {len(groups)}", parent=parent))
                for r in range(top, bottom):
                    for st in range(s, min(s + width, s1)):
                        owner[(r, st)] = gid
                split(top, bottom, s, min(s + width, s1), gid, depth + 1)
            s += width + rng.randint(0, 1)

    split(0, rows, 0, stages, None, 0)
    nodes = [
        Node(f"n{r}_{s}", f"Service {r}.{s}", group=owner.get((r, s)))
        for r in range(rows)
        for s in range(stages)
    ]
    edges: list[Edge] = []
    for r in range(rows):
        for s in range(stages - 1):
            targets = {min(rows - 1, max(0, r + rng.choice((-1, 0, 0, 0, 1))))}
            if rng.random() < 0.2:
                targets.add(rng.randrange(rows))
            for t in sorted(targets):
                step = 2 if rng.random() < 0.1 and s + 2 < stages else 1
                label = rng.choice(LABELS) if rng.random() < 0.25 else ""
                edges.append(Edge(f"n{r}_{s}", f"n{t}_{s + step}", label))
            if rng.random() < 0.03 and s > 1:
                edges.append(Edge(f"n{r}_{s}", f"n{r}_{s - 2}", "retry"))
    return Diagram(nodes=tuple(nodes), groups=tuple(groups), edges=tuple(edges))


def typical() -> Diagram:
    """A typical recommendation diagram: 14 nodes, 4 nested groups, labelled edges."""
    return Diagram(
        nodes=(
            Node("client", "Client app"),
            Node("apigw", "Amazon API Gateway", group="cloud"),
            Node("lambda", "AWS Lambda", group="cloud"),
            Node("va", "Variant A (90%)", group="endpoint"),
            Node("vb", "Variant B (10%)", group="endpoint"),
            Node("s3", "Amazon S3 model artifacts", group="cloud"),
            Node("cw", "Amazon CloudWatch", group="cloud"),
            Node("kds", "Kinesis Data Streams", group="ingest"),
            Node("kdf", "Kinesis Data Firehose", group="ingest"),
            Node("raw", "S3 raw data", group="cloud"),
            Node("glue", "AWS Glue ETL", group="cloud"),
            Node("train", "SageMaker training job", group="cloud"),
            Node("registry", "Model Registry", group="cloud"),
            Node("user", "Analyst"),
        ),
        groups=(
            Group("cloud", "AWS Cloud"),
            Group("vpc", "VPC", parent="cloud"),
            Group("endpoint", "SageMaker real-time endpoint", parent="vpc"),
            Group("ingest", "Ingestion", parent="cloud"),
        ),
        edges=(
            Edge("client", "apigw", "HTTPS"),
            Edge("apigw", "lambda", "invoke"),
            Edge("lambda", "va", "90%"),
            Edge("lambda", "vb", "10%"),
            Edge("va", "cw", "metrics"),
            Edge("vb", "cw"),
            Edge("s3", "va", "model"),
            Edge("s3", "vb"),
            Edge("client", "kds", "events"),
            Edge("kds", "kdf"),
            Edge("kdf", "raw", "buffer 60 s"),
            Edge("raw", "glue"),
            Edge("glue", "train", "features"),
            Edge("train", "registry"),
            Edge("registry", "s3", "approved"),
            Edge("cw", "user", "alarm"),
        ),
    )


def multipath(paths: int = 4) -> Diagram:
    """A multi-path project's diagram as merge_diagrams builds it: a shared data and training
    band (6 nodes) and ``paths`` path groups (style "path", stacked by the layout) of 7 nodes
    each with a nested endpoint group, fed from the band."""
    nodes = [
        Node("src", "Data sources"),
        Node("raw", "S3 raw data"),
        Node("studio", "SageMaker Studio"),
        Node("train", "Tuning job"),
        Node("art", "S3 model artifacts"),
        Node("mlflow", "Managed MLflow"),
    ]
    edges = [
        Edge("src", "raw", "PutObject / upload"),
        Edge("raw", "train", "training data"),
        Edge("studio", "train", "CreateHyperParameterTuningJob"),
        Edge("train", "art", "best model"),
        Edge("train", "mlflow", "metrics"),
    ]
    groups: list[Group] = []
    for i in range(paths):
        p = f"p{i}"
        groups += [
            Group(f"path-{p}", f"Path: workload {i}", style="path"),
            Group(f"{p}.endpoint", "SageMaker AI real-time endpoint", parent=f"path-{p}"),
            Group(f"{p}.variant", "Variant AllTraffic", parent=f"{p}.endpoint"),
        ]
        nodes += [
            Node(f"{p}.client", "Client application", group=f"path-{p}"),
            Node(f"{p}.apigw", "API Gateway", group=f"path-{p}"),
            Node(f"{p}.fn", "Lambda (InvokeEndpoint)", group=f"path-{p}"),
            Node(f"{p}.model", "Model", group=f"{p}.variant"),
            Node(f"{p}.metrics", "CloudWatch metrics", group=f"path-{p}"),
            Node(f"{p}.scaling", "Application Auto Scaling", group=f"path-{p}"),
            Node(f"{p}.in", "S3 input", group=f"path-{p}"),
        ]
        edges += [
            Edge(f"{p}.client", f"{p}.apigw", "HTTPS request"),
            Edge(f"{p}.apigw", f"{p}.fn"),
            Edge(f"{p}.fn", f"{p}.model", "InvokeEndpoint"),
            Edge(f"{p}.metrics", f"{p}.scaling", "InvocationsPerInstance"),
            Edge(f"{p}.scaling", f"{p}.model", "DesiredInstanceCount"),
            Edge("art", f"{p}.model", "model.tar.gz"),
            Edge("raw", f"{p}.in"),
            Edge(f"{p}.in", f"{p}.fn", "payload"),
        ]
    return Diagram(nodes=tuple(nodes), groups=tuple(groups), edges=tuple(edges))


def drawn_as(diagram: Diagram) -> str:
    """What ``auto`` drew: one row, rows (left to right, wrapped), top down or stacked."""
    laid = layout(diagram)
    if any(g.style == "path" and g.parent is None for g in diagram.groups):
        return "stacked"
    if any(n.label_side == "right" for n in laid.nodes):
        return "top down"
    return "one row" if laid == layout(diagram, direction="lr") else "rows"


def median_ms(diagram: Diagram, repeat: int) -> float:
    layout(diagram)  # warm-up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        layout(diagram)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=0, help="runs per size (default: by size)")
    args = parser.parse_args()
    cases = [
        ("typical", typical(), 200),
        ("4 paths", multipath(), 50),
        ("10 nodes", generate(2, 5, seed=1), 200),
        ("100 nodes", generate(10, 10, seed=2), 30),
        ("1,000 nodes", generate(25, 40, seed=3), 5),
    ]
    header = f"{'diagram':<12} {'nodes':>6} {'groups':>6} {'edges':>6} {'median ms':>10}"
    print(f"{header}  auto drew")
    for name, diagram, repeat in cases:
        ms = median_ms(diagram, args.repeat or repeat)
        print(
            f"{name:<12} {len(diagram.nodes):>6} {len(diagram.groups):>6} "
            f"{len(diagram.edges):>6} {ms:>10.2f}  {drawn_as(diagram)}"
        )


if __name__ == "__main__":
    main()
