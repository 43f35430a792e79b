"""The shipped JSON Schemas are generated, accept the packs the loader accepts, and name the
same keys as the loader, so editors agree with us."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from assistant.core.errors import PackError
from assistant.core.pack import schema as generator
from assistant.core.pack.loader import load_pack

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
    assert (pack / "pack.yaml").is_file(), f"{pack} has no pack.yaml"
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


REGENERATE = ".venv/bin/python -m assistant.core.pack.schema"


@pytest.mark.parametrize("name", sorted(generator.generate()))
def test_shipped_schemas_are_the_generated_ones(name: str) -> None:
    shipped = (SCHEMA_DIR / name).read_text()
    assert shipped == generator.generate()[name], (
        f"assistant/schema/{name} differs from what assistant/core/pack/schema.py generates;"
        f" change the generator (never the JSON) and run: {REGENERATE}"
    )


def test_write_writes_what_generate_returns(tmp_path: Path) -> None:
    written = generator.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(generator.generate())
    for path in written:
        assert path.read_text() == generator.generate()[path.name]


# Every record the loader reads, with an unknown key "zz" at each level; the loader
# answers each with "unknown key 'zz' in WHAT (allowed: ...)".
BOGUS = {"zz": 1}
EVERY_RECORD = {
    "services": [{"id": "s", **BOGUS, "status": {"state": "closed", **BOGUS, "source": BOGUS}}],
    "facts": [{"id": "f", **BOGUS, "exam_notes": BOGUS}],
    "relations": [BOGUS],
    "questions": [{"id": "q", **BOGUS, "options": [BOGUS]}],
    "areas": [
        {
            "id": "a",
            **BOGUS,
            "options": [
                {
                    "id": "o",
                    **BOGUS,
                    "exclude": [BOGUS],
                    "prefer": [BOGUS],
                    "warn": [BOGUS],
                    "config": [BOGUS],
                    "diagram": {**BOGUS, "nodes": [BOGUS], "groups": [BOGUS], "edges": [BOGUS]},
                }
            ],
        }
    ],
    "quiz": [{"id": "z", **BOGUS}],
}
# The loader's name of a record -> where its keys are in the generated schemas.
WHERE = {
    "pack.yaml": ("meta",),
    "service": ("services",),
    "status": ("services", "status", 1),
    "source": ("facts", "source"),
    "fact": ("facts",),
    "exam_notes": ("facts", "exam_notes"),
    "relation": ("relations",),
    "question": ("questions",),
    "question option": ("questions", "options"),
    "area": ("areas",),
    "option": ("areas", "options"),
    "exclude rule": ("areas", "options", "exclude"),
    "prefer rule": ("areas", "options", "prefer"),
    "warning": ("areas", "options", "warn"),
    "config entry": ("areas", "options", "config"),
    "diagram": ("areas", "options", "diagram"),
    "diagram node": ("areas", "options", "diagram", "nodes"),
    "diagram group": ("areas", "options", "diagram", "groups"),
    "diagram edge": ("areas", "options", "diagram", "edges"),
    "quiz item": ("quiz",),
}


def _keys_at(where: tuple[str | int, ...]) -> set[str]:
    if where[0] == "meta":
        return set(generator.pack_meta_schema()["properties"])
    node: Any = generator.pack_file_schema()["properties"]
    for step in where:
        node = node[step] if isinstance(step, str) else node["oneOf"][step]
        while node.get("type") == "array":
            node = node["items"]
        node = node.get("properties", node)
    return set(node)


def test_every_record_names_the_keys_the_loader_accepts(tmp_path: Path) -> None:
    meta = {"id": "t", "title": "T", "version": "1", "as_of": "2026-01-01", "schema": 1, **BOGUS}
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(meta))
    (tmp_path / "all.yaml").write_text(json.dumps(EVERY_RECORD))  # JSON: YAML without aliases
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path)
    allowed: dict[str, set[str]] = {}
    for problem in caught.value.problems:
        found = re.fullmatch(r"unknown key 'zz' in (.+) \(allowed: (.+)\)", problem.message)
        if found:
            allowed[found[1]] = set(found[2].split(", "))
    assert set(allowed) == set(WHERE), "the loader reads a record this test does not know"
    for what, keys in allowed.items():
        assert _keys_at(WHERE[what]) == keys, f"{what}: generator and loader disagree"
