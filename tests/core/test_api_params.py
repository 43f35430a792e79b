"""Every API parameter the shipped pack recommends is valid for botocore's offline service models.

botocore's ParamValidator checks only required keys, types and minimums; this test walks each
configured ``api`` + ``path`` through the operation's input shape and also checks maximums,
enums and patterns, plus the documentation-only rules for batch transform and serverless.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import botocore.session
import pytest

from assistant.core.decide.engine import configure, decide_areas
from assistant.core.pack.conditions import Context
from assistant.core.pack.loader import load_pack
from assistant.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PACK_DIR = ROOT / "knowledge" / "aws-ml"
# services searched in order for an operation name (CreateStream exists in several services)
SERVICES = ("sagemaker", "sagemaker-runtime", "application-autoscaling")

_session = botocore.session.get_session()
_models = {name: _session.get_service_model(name) for name in SERVICES}
_PATH_PART = re.compile(r"^([A-Za-z0-9]+)(?:\[(\d+)\])?$")


def operation_input(api: str) -> Any:
    for model in _models.values():
        if api in model.operation_names:
            return model.operation_model(api).input_shape
    raise AssertionError(f"operation {api!r} not found in {SERVICES}")


def shape_at(api: str, path: str) -> Any:
    shape = operation_input(api)
    for part in path.split("."):
        m = _PATH_PART.match(part)
        assert m, f"{api} {path}: bad path part {part!r}"
        name, index = m.group(1), m.group(2)
        assert shape.type_name == "structure", f"{api} {path}: {part} is not in a structure"
        assert name in shape.members, f"{api} {path}: no member {name!r}"
        shape = shape.members[name]
        if index is not None:
            assert shape.type_name == "list", f"{api} {path}: {name} is not a list"
            limit = shape.metadata.get("max")
            assert limit is None or int(index) < limit, f"{api} {path}: index beyond max {limit}"
            shape = shape.member
    return shape


def check_value(api: str, path: str, shape: Any, value: Any) -> None:
    where = f"{api} {path} = {value!r}"
    meta = shape.metadata
    t = shape.type_name
    if t in ("integer", "long"):
        assert isinstance(value, int) and not isinstance(value, bool), where
        if isinstance(value, float):
            assert value.is_integer(), where
    elif t in ("float", "double"):
        assert isinstance(value, int | float) and not isinstance(value, bool), where
    elif t == "string":
        assert isinstance(value, str), where
    elif t == "boolean":
        assert isinstance(value, bool), where
    else:
        raise AssertionError(f"{where}: unexpected leaf type {t}")
    size = len(value) if isinstance(value, str) else value
    if "min" in meta:
        assert size >= meta["min"], f"{where}: below min {meta['min']}"
    if "max" in meta:
        assert size <= meta["max"], f"{where}: above max {meta['max']}"
    enum = getattr(shape, "enum", None)
    if enum:
        assert value in enum, f"{where}: not in {enum}"
    pattern = meta.get("pattern")
    if pattern and isinstance(value, str):
        try:
            rx = re.compile(pattern)
        except re.error:
            return  # a few patterns use Java-only syntax
        assert rx.fullmatch(value), f"{where}: does not match {pattern}"


def _set(request: dict[str, Any], path: str, value: Any) -> None:
    node: Any = request
    parts = path.split(".")
    for i, part in enumerate(parts):
        m = _PATH_PART.match(part)
        assert m
        name, index = m.group(1), m.group(2)
        last = i == len(parts) - 1
        if index is None:
            if last:
                node[name] = value
            else:
                node = node.setdefault(name, {})
        else:
            items = node.setdefault(name, [])
            k = int(index)
            while len(items) <= k:
                items.append({})
            if last:
                items[k] = value
            else:
                node = items[k]


def doc_rules(requests: dict[str, dict[str, Any]], where: str) -> None:
    job = requests.get("CreateTransformJob")
    if job:
        payload = job.get("MaxPayloadInMB", 6)
        assert payload <= 100, where
        if "MaxConcurrentTransforms" in job:
            assert job["MaxConcurrentTransforms"] * payload <= 100, where
        if "BatchStrategy" in job:
            assert job.get("TransformInput", {}).get("SplitType", "None") != "None", where
    config = requests.get("CreateEndpointConfig", {})
    for variant in config.get("ProductionVariants", []):
        memory = variant.get("ServerlessConfig", {}).get("MemorySizeInMB")
        if memory is not None:
            assert memory % 1024 == 0, where
    weights = [v.get("InitialVariantWeight") for v in config.get("ProductionVariants", [])]
    if len(weights) > 1 and None not in weights:
        assert sum(weights) > 0, where


PACK = load_pack(PACK_DIR)


def _answer_sets() -> list[tuple[str, dict[str, Any]]]:
    sets: list[tuple[str, dict[str, Any]]] = [("no answers", {})]
    for path in sorted((PACK_DIR / "examples").glob("*.archassist.yaml")):
        sets.append((path.name, dict(load_project(path, PACK).answers)))
    return sets


def _cases() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(label, area, option, answers): every option under every answer set."""
    out = []
    for label, answers in _answer_sets():
        for area in PACK.areas:
            for option in area.options:
                out.append((label, area.id, option.id, answers))
    return out


CASES = _cases()


def test_config_paths_exist_in_botocore() -> None:
    seen = 0
    for area in PACK.areas:
        for option in area.options:
            for entry in option.config:
                if entry.api or entry.path:
                    assert entry.api and entry.path, (
                        f"{option.id}.{entry.key}: api and path go together"
                    )
                    shape_at(entry.api, entry.path)
                    seen += 1
    assert seen >= 40


@pytest.mark.parametrize(
    ("label", "area", "option", "answers"),
    CASES,
    ids=[f"{c[0]}:{c[1]}.{c[2]}" for c in CASES],
)
def test_config_values_are_valid(
    label: str, area: str, option: str, answers: dict[str, Any]
) -> None:
    decided = decide_areas(PACK, answers)
    ctx = Context(PACK, decided.effective, decided.chosen)
    values = configure(PACK.option(area, option), ctx)
    requests: dict[str, dict[str, Any]] = defaultdict(dict)
    for cv in values:
        if not cv.api:
            continue
        check_value(cv.api, cv.path, shape_at(cv.api, cv.path), cv.value)
        _set(requests[cv.api], cv.path, cv.value)
    doc_rules(requests, f"{label} {area}.{option}")


def test_doc_rules_catch_bad_batch_config() -> None:
    with pytest.raises(AssertionError):
        doc_rules({"CreateTransformJob": {"MaxPayloadInMB": 20, "MaxConcurrentTransforms": 6}}, "x")
    with pytest.raises(AssertionError):
        doc_rules(
            {
                "CreateTransformJob": {
                    "BatchStrategy": "MultiRecord",
                    "TransformInput": {"SplitType": "None"},
                }
            },
            "x",
        )
    with pytest.raises(AssertionError):
        doc_rules(
            {
                "CreateEndpointConfig": {
                    "ProductionVariants": [{"ServerlessConfig": {"MemorySizeInMB": 1500}}]
                }
            },
            "x",
        )


def test_checker_rejects_out_of_range_and_enum() -> None:
    shape = shape_at(
        "CreateEndpointConfig", "ProductionVariants[0].ServerlessConfig.MemorySizeInMB"
    )
    with pytest.raises(AssertionError):
        check_value("CreateEndpointConfig", "…MemorySizeInMB", shape, 8192)
    shape = shape_at("CreateTransformJob", "BatchStrategy")
    with pytest.raises(AssertionError):
        check_value("CreateTransformJob", "BatchStrategy", shape, "Batched")
    with pytest.raises(AssertionError):
        shape_at("CreateEndpointConfig", "ProductionVariants[10].VariantName")
