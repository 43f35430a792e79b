"""``archassist quiz``: a quiz in the terminal, the items as JSON, or an Anki deck.

Terminal I/O lives here, outside the core; the items come from
:mod:`assistant.core.study.quiz`.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Callable

from .core.pack import model as m
from .core.study.quiz import Item, generate, select

__all__ = ["run_quiz_cli"]

WIDTH = 100


def _wrap(text: str, indent: str = "") -> str:
    lines = []
    for para in text.split("\n"):
        lines.append(
            textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or indent
        )
    return "\n".join(lines)


def _ask(item: Item, number: int, total: int, mode: str, read: Callable[[str], str]) -> bool | None:
    """Ask one item; True/False for the answer's correctness, None when the student quits."""
    label = item.mode_label(mode)
    head = f"\nQuestion {number}/{total}  [{item.topic} · {item.domain}]"
    print(head + (f"  (answer {label})" if label else ""))
    print(_wrap(item.question, "  "))
    for i, choice in enumerate(item.choices, 1):
        print(_wrap(f"{i}. {choice}", "    ").replace("    ", "  ", 1))
    while True:
        try:
            raw = read(f"Your answer (1-{len(item.choices)}, q to quit): ").strip().lower()
        except EOFError:
            return None
        if raw in ("q", "quit", "exit"):
            return None
        if raw.isdigit() and 1 <= int(raw) <= len(item.choices):
            chosen = int(raw) - 1
            break
        print(f"  Please type a number from 1 to {len(item.choices)}, or q.")
    correct = item.correct(mode)
    if chosen == correct:
        print("  Correct.")
    else:
        print(f"  Not quite: the answer is {correct + 1}. {item.choices[correct]}")
    print(_wrap(item.explanation_for(mode), "  "))
    print(f"  Source: {item.source.title} <{item.source.url}>")
    return chosen == correct


def run_quiz_cli(pack: m.Pack, args: argparse.Namespace, read: Callable[[str], str] = input) -> int:
    """Run ``archassist quiz`` with the parsed ``args`` (count, topic, mode, seed, json, anki)."""
    mode = getattr(args, "mode", "today") or "today"
    items = generate(pack)
    if args.anki:
        from .export.anki import write_apkg

        deck_items = select(items, topic=args.topic, mode=mode, seed=0)
        n = write_apkg(args.anki, sorted(deck_items, key=lambda i: i.id), mode=mode)
        print(f"{args.anki}: {n} notes ({mode}; --count limits only the terminal quiz)")
        return 0
    chosen = select(items, count=args.count, topic=args.topic, mode=mode, seed=args.seed)
    if args.json:
        print(json.dumps([i.to_dict(mode) for i in chosen], indent=2, ensure_ascii=False))
        return 0
    if not chosen:
        print("No quiz items to ask.")
        return 0
    print(f"{pack.title} {pack.version}: {len(chosen)} questions, answers {_mode_words(mode)}.")
    score: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for n, item in enumerate(chosen, 1):
        result = _ask(item, n, len(chosen), mode, read)
        if result is None:
            print()
            break
        asked[item.domain] += 1
        score[item.domain] += int(result)
    total = sum(asked.values())
    if total:
        print(f"\nScore: {sum(score.values())}/{total}")
        for domain in sorted(asked):
            print(f"  {domain}: {score[domain]}/{asked[domain]}")
    sys.stdout.flush()
    return 0


def _mode_words(mode: str) -> str:
    return "as the exam notes say" if mode == "notes" else "as AWS is today"
