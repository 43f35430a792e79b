"""The JSON Schemas of a knowledge pack, generated from the vocabulary (never written by hand).

``assistant/schema/pack.schema.json`` describes every pack file but ``pack.yaml``, and
``pack-meta.schema.json`` describes ``pack.yaml``; editors use them to check a pack while
it is typed. Both are built here from :mod:`assistant.core.vocab` (every enum) and the
record tables below, and ``tests/core/test_schema.py`` fails when the shipped files differ
from what this module generates, or when a record's keys differ from the ones the loader
accepts. Regenerate the shipped files with::

    python -m assistant.core.pack.schema

To describe a new pack section, add one entry to :data:`SECTIONS` (its record built with
:func:`record`, :func:`required` and the shared pieces such as :data:`ID` and
:data:`CONDITION`), then regenerate.

>>> record({"id": required(ID), "label": TEXT})["required"]
['id']
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..io.atomic import atomic_write_text
from ..io.paths import schema_path
from ..vocab import (
    ANSWER_OPS,
    CATEGORIES,
    CHOSEN_OPS,
    DOMAINS,
    EXAM_STATES,
    ID_PATTERN,
    QUESTION_KINDS,
    RELATION_KINDS,
    STATES,
    VALUE_OPS,
)
from .loader import SCHEMA_VERSION

__all__ = [
    "CONDITION",
    "DATE",
    "ID",
    "SCHEMA_VERSION",
    "SECTIONS",
    "TEXT",
    "generate",
    "main",
    "pack_file_schema",
    "pack_meta_schema",
    "record",
    "required",
    "write",
]

JSONSchema = dict[str, Any]

ID: JSONSchema = {"type": "string", "pattern": f"^{ID_PATTERN}$"}
TEXT: JSONSchema = {"type": "string"}
NUMBER: JSONSchema = {"type": "number"}
BOOLEAN: JSONSchema = {"type": "boolean"}
INDEX: JSONSchema = {"type": "integer", "minimum": 0}
COUNT: JSONSchema = {"type": "integer", "minimum": 1}
DATE: JSONSchema = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
SCALAR: JSONSchema = {"type": ["string", "number", "boolean"]}
CONDITION: JSONSchema = {"$ref": "#/$defs/condition"}
VALUE: JSONSchema = {"$ref": "#/$defs/value"}


class _Required:
    """Marks a field of :func:`record` as required."""

    __slots__ = ("schema",)

    def __init__(self, schema: JSONSchema) -> None:
        self.schema = schema


def required(schema: JSONSchema) -> _Required:
    """The field must be present (see :func:`record`)."""
    return _Required(schema)


def record(fields: Mapping[str, JSONSchema | _Required]) -> JSONSchema:
    """A mapping with exactly these keys (unknown keys are errors, as in the loader)."""
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [k for k, v in fields.items() if isinstance(v, _Required)],
        "properties": {k: v.schema if isinstance(v, _Required) else v for k, v in fields.items()},
    }


def enum(words: tuple[str, ...]) -> JSONSchema:
    return {"enum": list(words)}


def list_of(item: JSONSchema, min_items: int = 0) -> JSONSchema:
    out: JSONSchema = {"type": "array"}
    if min_items:
        out["minItems"] = min_items
    out["items"] = item
    return out


def one_or_list(item: JSONSchema) -> JSONSchema:
    """One item or a list of them (the loader reads ``about: s3`` as ``about: [s3]``)."""
    return {"oneOf": [item, list_of(item)]}


def one_key(key: str, schema: JSONSchema) -> JSONSchema:
    return record({key: required(schema)})


SOURCE = record(
    {"title": required(TEXT), "url": required({"type": "string", "pattern": "^https?://"})}
)
FACT_VALUE = {"oneOf": [SCALAR, list_of(SCALAR)]}
OPERAND = {"oneOf": [SCALAR, list_of(SCALAR), one_key("fact", ID)]}


def _condition() -> JSONSchema:
    answer = record({"answer": required(ID), **{op: OPERAND for op in ANSWER_OPS}})
    chosen = record({"chosen": required(ID), **{op: one_or_list(ID) for op in CHOSEN_OPS}})
    for cmp in (answer, chosen):  # the subject and exactly one operator
        cmp["minProperties"] = cmp["maxProperties"] = 2
    return {
        "oneOf": [
            one_key("all", list_of(CONDITION, 1)),
            one_key("any", list_of(CONDITION, 1)),
            one_key("not", CONDITION),
            answer,
            chosen,
        ]
    }


def _value() -> JSONSchema:
    ops = [one_key(op, {"oneOf": [VALUE, list_of(VALUE)]}) for op in VALUE_OPS]
    return {"oneOf": [SCALAR, one_key("answer", ID), one_key("fact", ID), *ops]}


DEFS: JSONSchema = {"condition": _condition(), "value": _value()}

STATUS = {
    "oneOf": [
        {"const": "available"},
        record(
            {
                "state": required(enum(STATES)),
                "since": DATE,
                "note": TEXT,
                "suggest": one_or_list(ID),
                "source": SOURCE,
            }
        ),
    ]
}
SERVICE = record(
    {
        "id": required(ID),
        "name": required(TEXT),
        "short": TEXT,
        "aliases": one_or_list(TEXT),
        "category": required(enum(CATEGORIES)),
        "summary": required(TEXT),
        "use_cases": required(list_of(TEXT, 1)),
        "status": required(STATUS),
        "domains": list_of(enum(DOMAINS)),
        "icon": TEXT,
        "drawio": TEXT,
        "part_of": ID,
        "url": TEXT,
    }
)
FACT = record(
    {
        "id": required(ID),
        "about": required(one_or_list(ID)),
        "statement": required(TEXT),
        "value": FACT_VALUE,
        "unit": TEXT,
        "exam_notes": record({"statement": required(TEXT), "value": FACT_VALUE}),
        "source": required(SOURCE),
        "checked": required(DATE),
        "domains": list_of(enum(DOMAINS)),
        "terms": one_or_list(TEXT),
    }
)
RELATION = record(
    {
        "from": required(ID),
        "to": required(ID),
        "kind": required(enum(RELATION_KINDS)),
        "label": TEXT,
        "facts": one_or_list(ID),
    }
)
QUESTION = record(
    {
        "id": required(ID),
        "area": required(ID),
        "text": required(TEXT),
        "help": TEXT,
        "kind": required(enum(QUESTION_KINDS)),
        "unit": TEXT,
        "min": NUMBER,
        "max": NUMBER,
        "step": NUMBER,
        "options": list_of(record({"id": required(ID), "label": required(TEXT), "help": TEXT})),
        "when": CONDITION,
    }
)
OPTIONAL_ID = {"type": ["string", "null"]}
FRAGMENT = record(
    {
        "nodes": list_of(
            record(
                {
                    "id": required(ID),
                    "label": TEXT,
                    "service": ID,
                    "icon": TEXT,
                    "group": OPTIONAL_ID,
                    "when": CONDITION,
                }
            )
        ),
        "groups": list_of(
            record(
                {
                    "id": required(ID),
                    "label": required(TEXT),
                    "parent": OPTIONAL_ID,
                    "style": TEXT,
                    "when": CONDITION,
                }
            )
        ),
        "edges": list_of(
            record({"from": required(ID), "to": required(ID), "label": TEXT, "when": CONDITION})
        ),
    }
)
OPTION = record(
    {
        "id": required(ID),
        "title": required(TEXT),
        "summary": TEXT,
        "service": ID,
        "score": NUMBER,
        "exclude": list_of(record({"when": required(CONDITION), "because": required(TEXT)})),
        "prefer": list_of(
            record({"when": required(CONDITION), "because": required(TEXT), "score": NUMBER})
        ),
        "warn": list_of(
            record({"text": required(TEXT), "when": CONDITION, "facts": one_or_list(ID)})
        ),
        "config": list_of(
            record(
                {
                    "key": required(TEXT),
                    "value": required(VALUE),
                    "api": TEXT,
                    "path": TEXT,
                    "unit": TEXT,
                    "note": TEXT,
                    "when": CONDITION,
                }
            )
        ),
        "diagram": FRAGMENT,
        "tradeoffs": one_or_list(TEXT),
        "sources": list_of(SOURCE),
    }
)
AREA = record(
    {
        "id": required(ID),
        "title": required(TEXT),
        "order": required(NUMBER),
        "summary": TEXT,
        "when": CONDITION,
        "options": required(list_of(OPTION, 1)),
    }
)
QUIZ_ITEM = record(
    {
        "id": required(ID),
        "question": required(TEXT),
        "choices": required(list_of(TEXT, 2)),
        "answer": required(INDEX),
        "explanation": required(TEXT),
        "source": required(SOURCE),
        "topic": required(enum(CATEGORIES)),
        "domain": required(enum(DOMAINS)),
        "facts": one_or_list(ID),
        "exam_notes_answer": INDEX,
    }
)

EXAM_TASK = record(
    {
        "id": required(ID),
        "name": required(TEXT),
        "services": one_or_list(ID),
        "facts": one_or_list(ID),
    }
)
EXAM_DOMAIN = record(
    {
        "id": required(ID),
        "name": required(TEXT),
        "weight": required({"type": "number", "exclusiveMinimum": 0, "maximum": 100}),
        "tasks": required(list_of(EXAM_TASK, 1)),
    }
)
EXAM = record(
    {
        "id": required(ID),
        "code": required(TEXT),
        "name": required(TEXT),
        "status": required(enum(EXAM_STATES)),
        "retired": DATE,
        "default": BOOLEAN,
        "questions": required(COUNT),
        "duration_fact": ID,
        "passing_score": required(COUNT),
        "note": TEXT,
        "domains": required(list_of(EXAM_DOMAIN, 1)),
        "source": required(SOURCE),
        "checked": required(DATE),
    }
)

# Section name -> the schema of one record in it. A pack file holds any of these sections.
SECTIONS: dict[str, JSONSchema] = {
    "services": SERVICE,
    "facts": FACT,
    "relations": RELATION,
    "questions": QUESTION,
    "areas": AREA,
    "quiz": QUIZ_ITEM,
    "exams": EXAM,
}

PACK_META = record(
    {
        "id": required(ID),
        "title": required(TEXT),
        "version": required(TEXT),
        "as_of": required(DATE),
        "schema": required({"const": SCHEMA_VERSION}),
        "description": TEXT,
        "existing_customer": CONDITION,
        "renamed": {"type": "object", "propertyNames": ID, "additionalProperties": ID},
    }
)

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "https://archassist.invalid/schema"


def pack_file_schema() -> JSONSchema:
    """The schema of any pack file other than ``pack.yaml``."""
    return {
        "$schema": _DRAFT,
        "$id": f"{_BASE}/pack-file-{SCHEMA_VERSION}.json",
        "title": f"archassist knowledge pack file (schema {SCHEMA_VERSION})",
        "description": "Any *.yaml file of a pack other than pack.yaml. See knowledge/FORMAT.md.",
        "type": "object",
        "additionalProperties": False,
        "properties": {name: list_of(item) for name, item in SECTIONS.items()},
        "$defs": DEFS,
    }


def pack_meta_schema() -> JSONSchema:
    """The schema of ``pack.yaml``."""
    body = {k: v for k, v in PACK_META.items() if k != "type"}
    return {
        "$schema": _DRAFT,
        "$id": f"{_BASE}/pack-meta-{SCHEMA_VERSION}.json",
        "title": f"archassist pack.yaml (schema {SCHEMA_VERSION})",
        "type": "object",
        **body,
        "$defs": DEFS,
    }


def generate() -> dict[str, str]:
    """File name -> the text of each shipped schema file (what :func:`write` writes)."""
    schemas = {"pack.schema.json": pack_file_schema(), "pack-meta.schema.json": pack_meta_schema()}
    return {name: json.dumps(s, indent=1, ensure_ascii=False) + "\n" for name, s in schemas.items()}


def write(folder: Path | None = None) -> list[Path]:
    """Write the generated schemas (atomically) into ``folder`` (default: the shipped one)."""
    folder = folder or schema_path().parent
    written = []
    for name, text in generate().items():
        atomic_write_text(folder / name, text)
        written.append(folder / name)
    return written


def main() -> int:
    """Regenerate the shipped schemas; print what was written."""
    for path in write():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
