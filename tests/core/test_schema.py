"""The shipped JSON Schemas accept the packs the loader accepts, so editors agree with us."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

SCHEMA_DIR = Path(__file__).parents[2] / "assistant" / "schema"
PACKS = [
    Path(__file__).parents[1] / "data" / "mini",
    Path(__file__).parents[2] / "knowledge" / "aws-ml",
]


def as_editor_sees(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema(name: str) -> Any:
    data = json.loads((SCHEMA_DIR / name).read_text())
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_pack_files_validate_against_the_schema(pack: Path) -> None:
    if not (pack / "pack.yaml").exists():
        pytest.skip(f"{pack} has no pack.yaml")
    files = jsonschema.Draft202012Validator(schema("pack.schema.json"))
    meta = jsonschema.Draft202012Validator(schema("pack-meta.schema.json"))
    meta.validate(as_editor_sees(yaml.safe_load((pack / "pack.yaml").read_text())))
    for path in sorted(pack.rglob("*.yaml")):
        if path.name == "pack.yaml" or "examples" in path.relative_to(pack).parts:
            continue
        data = as_editor_sees(yaml.safe_load(path.read_text()))
        errors = sorted(files.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].path)}"


def test_schema_rejects_an_unknown_key() -> None:
    validator = jsonschema.Draft202012Validator(schema("pack.schema.json"))
    bad = {
        "services": [
            {
                "id": "x",
                "name": "X",
                "category": "storage",
                "summary": "s",
                "use_cases": ["u"],
                "status": "available",
                "colour": "red",
            }
        ]
    }
    assert not validator.is_valid(bad)
