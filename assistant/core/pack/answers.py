"""Checking and normalising answers against a pack's questions."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..errors import UserInputError
from ..io.yamlio import Mark, YMap
from . import model as m

__all__ = ["answer_problems", "coerce_text", "normalize_answers", "rename_answers"]

_TRUE = {"yes", "true", "y", "1", "on"}
_FALSE = {"no", "false", "n", "0", "off"}


def _valid_ids(pack: m.Pack) -> str:
    return ", ".join(sorted(pack.questions))


def normalize_one(q: m.Question, raw: object) -> m.AnswerValue:
    """Check one answer and return it in canonical form.

    Raises:
        ValueError: with a message that says what is valid.
    """
    if q.kind == "single":
        return _option_id(q, raw)
    if q.kind == "multiple":
        items = raw if isinstance(raw, list | tuple) else [raw]
        chosen = {_option_id(q, item) for item in items}
        # the pack's order, so equal answers compare equal
        return tuple(o.id for o in q.options if o.id in chosen)
    if q.kind == "boolean":
        if isinstance(raw, bool):
            return raw
        raise ValueError(f"'{q.id}' is a yes/no question; '{raw}' is not yes or no")
    return _number(q, raw)


def _option_id(q: m.Question, raw: object) -> str:
    """``raw`` when it is an option id of ``q``; else ValueError listing the valid ones."""
    if not isinstance(raw, str) or q.option(raw) is None:
        valid = ", ".join(o.id for o in q.options)
        raise ValueError(f"'{raw}' is not an option of '{q.id}' (valid: {valid})")
    return raw


def _number(q: m.Question, raw: object) -> int | float:
    """A number answer within the question's range (an int when it is whole)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        shown = str(raw) if len(str(raw)) <= 40 else f"{str(raw)[:37]}..."
        raise ValueError(
            f"'{q.id}' takes a number{f' in {q.unit}' if q.unit else ''}; '{shown}' is not"
        )
    try:
        value = float(raw)
    except OverflowError:  # an int of 310+ digits
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"'{q.id}' takes a finite number")
    if q.min is not None and value < q.min:
        raise ValueError(f"'{q.id}' must be at least {m.format_value(q.min, q.unit)}")
    if q.max is not None and value > q.max:
        raise ValueError(f"'{q.id}' must be at most {m.format_value(q.max, q.unit)}")
    return int(value) if value.is_integer() else value


def answer_problems(
    pack: m.Pack, raw: Mapping[str, Any]
) -> tuple[dict[str, m.AnswerValue], list[tuple[str, str]]]:
    """Split raw answers into the usable ones and (question id, problem) pairs."""
    good: dict[str, m.AnswerValue] = {}
    bad: list[tuple[str, str]] = []
    for qid, value in raw.items():
        q = pack.questions.get(str(qid))
        if q is None:
            bad.append((str(qid), f"unknown question '{qid}'"))
            continue
        if value is None:
            continue
        try:
            good[q.id] = normalize_one(q, value)
        except ValueError as exc:
            bad.append((q.id, str(exc)))
    return good, bad


def rename_answers(
    pack: m.Pack, raw: Mapping[str, Any], where: str = "answers"
) -> tuple[Mapping[str, Any], list[str]]:
    """Move answers to questions the pack has renamed (pack.yaml ``renamed:``).

    Returns the answers under the current ids (a :class:`YMap` keeps each answer's
    place) and one message per move, starting with the place. An old answer whose new
    id is answered as well stays under its old id, so the caller drops and keeps it.

    >>> import datetime as dt
    >>> q = m.Question("latency", "a", "How fast?", "number")
    >>> pack = m.Pack("p", "P", "1", dt.date(2026, 1, 1), 1, "", questions={"latency": q},
    ...               renamed={"latency_ms": "latency"})
    >>> rename_answers(pack, {"latency_ms": 40}, "f.yaml")
    ({'latency': 40}, ["f.yaml: answer 'latency_ms' is now 'latency' (the question was renamed)"])
    """
    if not pack.renamed or not any(k in pack.renamed for k in raw):
        return raw, []
    moved: dict[str, Any] = {}
    locs: dict[str, Mark] = {}
    messages: list[str] = []
    for key, value in raw.items():
        new = pack.renamed.get(key)
        here = raw.loc_of(key) if isinstance(raw, YMap) else None
        if new is not None and new not in raw:
            messages.append(
                f"{here or where}: answer '{key}' is now '{new}' (the question was renamed)"
            )
            key = new
        moved[key] = value
        if here is not None:
            locs[key] = here
    if not isinstance(raw, YMap):
        return moved, messages
    out = YMap(moved)
    out.loc, out.key_locs = raw.loc, locs
    return out, messages


def normalize_answers(
    pack: m.Pack, raw: Mapping[str, Any], where: str = "answers"
) -> dict[str, m.AnswerValue]:
    """All answers, checked; any problem raises one error listing them all.

    Raises:
        UserInputError: naming ``where`` and every bad answer; an unknown question
            lists the valid question ids.
    """
    good, bad = answer_problems(pack, raw)
    if bad:
        lines = [f"{where}: {msg}" for _, msg in bad]
        if any(msg.startswith("unknown question") for _, msg in bad):
            lines.append(f"valid questions: {_valid_ids(pack)}")
        raise UserInputError("\n".join(lines))
    return good


def coerce_text(q: m.Question, text: str) -> object:
    """Turn a command-line string into the raw value a question expects.

    >>> q = m.Question("gpu", "a", "GPU?", "boolean")
    >>> coerce_text(q, "yes")
    True
    """
    t = text.strip()
    if q.kind == "boolean":
        if t.lower() in _TRUE:
            return True
        if t.lower() in _FALSE:
            return False
        return t
    if q.kind == "number":
        try:
            return float(t) if any(c in t for c in ".eE") else int(t)
        except ValueError:
            return t
    if q.kind == "multiple":
        return [p.strip() for p in t.split(",") if p.strip()]
    return t
