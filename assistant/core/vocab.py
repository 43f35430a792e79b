"""The one vocabulary: every closed set of words that the pack, the engine, the exporters,
the CLI and the GUI share, defined once.

Each set is a ``Literal`` type (so mypy checks the words in code) and a tuple derived
from it with :func:`typing.get_args` (for loops, error messages, argparse choices and the
generated JSON Schemas in ``assistant/schema``). To add a word, add it to the
``Literal``; the tuple, the loader's checks and the schemas follow (regenerate the
schemas with ``python -m assistant.core.pack.schema``).

Area ids, question ids and option ids are *not* here: they are data of a knowledge pack,
and the code never names one.

>>> QUESTION_KINDS
('single', 'multiple', 'number', 'boolean')
>>> all(c in CATEGORY_TITLES for c in CATEGORIES)
True
>>> set(EXPORT_TITLES) == set(EXPORT_SUFFIXES) == set(EXPORT_FORMATS) > set(DIAGRAM_FORMATS)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias, get_args

__all__ = [
    "ANSWER_OPS",
    "CATEGORIES",
    "CATEGORY_TITLES",
    "CHOICE_KINDS",
    "CHOSEN_OPS",
    "DIAGRAM_FORMATS",
    "DOMAINS",
    "DOMAIN_TITLES",
    "EXAM_STATES",
    "EXPORT_FORMATS",
    "EXPORT_SUFFIXES",
    "EXPORT_TITLES",
    "ID_PATTERN",
    "QUESTION_KINDS",
    "RELATION_KINDS",
    "RELATION_WORDS",
    "STATES",
    "UNARY_VALUE_OPS",
    "VALUE_OPS",
    "AnswerOp",
    "Category",
    "ChoiceKind",
    "ChosenOp",
    "Domain",
    "ExamState",
    "ExportFormat",
    "QuestionKind",
    "RelationKind",
    "State",
    "ValueOpName",
]

# Ids of services, facts, questions, options, areas, quiz items: lowercase, no spaces.
ID_PATTERN = "[a-z0-9][a-z0-9_.-]*"

Category: TypeAlias = Literal[
    "ingestion",
    "transformation",
    "analytics",
    "ai-language",
    "ai-vision",
    "ai-data",
    "sagemaker-build",
    "sagemaker-train",
    "sagemaker-deploy",
    "compute",
    "storage",
    "integration",
    "security",
    "client",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
CATEGORY_TITLES: Mapping[str, str] = {
    "ingestion": "Ingestion",
    "transformation": "Transformation",
    "analytics": "Analytics",
    "ai-language": "AI: language",
    "ai-vision": "AI: vision and documents",
    "ai-data": "AI: data (forecast, fraud, personalize)",
    "sagemaker-build": "SageMaker AI: build",
    "sagemaker-train": "SageMaker AI: train and tune",
    "sagemaker-deploy": "SageMaker AI: deploy",
    "compute": "Compute",
    "storage": "Storage",
    "integration": "Integration",
    "security": "Security",
    "client": "Clients and people",
}

# Whether an exam can still be booked.
ExamState: TypeAlias = Literal["current", "retired"]
EXAM_STATES: tuple[ExamState, ...] = get_args(ExamState)

# The exam domains a service, fact or quiz item belongs to.
Domain: TypeAlias = Literal[
    "data-engineering",
    "exploratory-data-analysis",
    "modeling",
    "ml-implementation-operations",
]
DOMAINS: tuple[Domain, ...] = get_args(Domain)
DOMAIN_TITLES: Mapping[str, str] = {
    "data-engineering": "Data engineering",
    "exploratory-data-analysis": "Exploratory data analysis",
    "modeling": "Modeling",
    "ml-implementation-operations": "ML implementation and operations",
}

# A service's status: closed means closed to new customers.
State: TypeAlias = Literal["available", "closed", "discontinued"]
STATES: tuple[State, ...] = get_args(State)

RelationKind: TypeAlias = Literal[
    "feeds",
    "stores_in",
    "alternative_to",
    "incompatible_with",
    "requires",
    "part_of",
    "integrates_with",
]
RELATION_KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
RELATION_WORDS: Mapping[str, str] = {
    "feeds": "feeds",
    "stores_in": "stores in",
    "alternative_to": "alternative to",
    "incompatible_with": "incompatible with",
    "requires": "requires",
    "part_of": "part of",
    "integrates_with": "integrates with",
}

# How a question is answered; the choice kinds pick among the question's options.
QuestionKind: TypeAlias = Literal["single", "multiple", "number", "boolean"]
QUESTION_KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
ChoiceKind: TypeAlias = Literal["single", "multiple"]
CHOICE_KINDS: tuple[ChoiceKind, ...] = get_args(ChoiceKind)

# Operators of a condition: {answer: ID, OP: operand} and {chosen: AREA, OP: options}.
AnswerOp: TypeAlias = Literal[
    "eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "has", "has_any", "answered"
]
ANSWER_OPS: tuple[AnswerOp, ...] = get_args(AnswerOp)
ChosenOp: TypeAlias = Literal["eq", "in", "ne", "not_in"]
CHOSEN_OPS: tuple[ChosenOp, ...] = get_args(ChosenOp)

# Operators of a config value expression; the unary ones take exactly one value.
ValueOpName: TypeAlias = Literal["add", "sub", "mul", "div", "min", "max", "round", "ceil"]
VALUE_OPS: tuple[ValueOpName, ...] = get_args(ValueOpName)
UNARY_VALUE_OPS: tuple[ValueOpName, ...] = ("round", "ceil")

# What `archassist export --format` and the GUI's File > Export write.
ExportFormat: TypeAlias = Literal[
    "svg", "png", "pdf", "drawio", "mermaid", "md", "html", "cloudformation", "boto3"
]
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
# Each format's name in menus and save dialogs, and its usual file name suffix.
EXPORT_TITLES: Mapping[str, str] = {
    "svg": "SVG image",
    "png": "PNG image",
    "pdf": "PDF document",
    "drawio": "draw.io diagram",
    "mermaid": "Mermaid flowchart",
    "md": "Report (Markdown)",
    "html": "Report (HTML)",
    "cloudformation": "CloudFormation template",
    "boto3": "boto3 script",
}
EXPORT_SUFFIXES: Mapping[str, str] = {
    "svg": ".svg",
    "png": ".png",
    "pdf": ".pdf",
    "drawio": ".drawio",
    "mermaid": ".mmd",
    "md": ".md",
    "html": ".html",
    "cloudformation": ".yaml",
    "boto3": ".py",
}
# The formats that draw only the diagram; the others (reports, templates, scripts) are
# written from a project's recommendation, so Explore's neighbourhood graph has none.
DIAGRAM_FORMATS: tuple[ExportFormat, ...] = ("svg", "png", "pdf", "drawio", "mermaid")
