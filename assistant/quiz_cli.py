"""``archassist quiz``: a quiz in the terminal, the items as JSON, or an Anki deck.

Terminal I/O lives here, outside the core; the items come from
:mod:`assistant.core.study.quiz`. Every question type of the exam is asked: one number for
multiple choice, several for multiple response (``1,3``), the numbers in order for ordering
(``3,1,2``) and, for matching, the choice for each prompt in the prompts' order (``2,1,3``).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .cli_args import bounded_int, output_file
from .core.errors import UserInputError
from .core.pack import model as m

if TYPE_CHECKING:  # the CLI imports this module for its parser: the study room only on use
    from .core.study.items import Item

__all__ = ["add_quiz_parser", "parse_response", "run_quiz_cli", "show_item"]

WIDTH = 100


def add_quiz_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``archassist quiz`` and its options."""
    z = sub.add_parser("quiz", help="a quiz in the terminal, or the items as JSON")
    z.add_argument("--count", type=bounded_int(1, 10_000), default=10, help="1 to 10000")
    z.add_argument("--topic", help="a category, the pack's domain, an item kind or question type")
    z.add_argument("--exam", help="an exam code, e.g. MLA-C01 (default: the pack's default exam)")
    z.add_argument("--domain", help="an exam domain: mla-1 or 1 (needs an exam)")
    z.add_argument("--task", help="an exam task statement: mla-1.1 or 1.1 (needs an exam)")
    z.add_argument(
        "--mode",
        choices=("today", "notes"),
        default="today",
        help="answers as AWS is today (default) or as the exam notes say",
    )
    z.add_argument("--seed", type=bounded_int(0, 2**32 - 1))
    z.add_argument("--json", action="store_true")
    z.add_argument(
        "--anki", type=output_file, metavar="OUT.apkg", help="write the items as an Anki deck"
    )
    z.add_argument(
        "--mock",
        action="store_true",
        help="a timed mock exam: the exam's number of questions in its blueprint mix",
    )


def _wrap(text: str, indent: str = "") -> str:
    lines = []
    for para in text.split("\n"):
        lines.append(
            textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent) or indent
        )
    return "\n".join(lines)


def parse_response(item: Item, raw: str) -> tuple[int, ...] | None:
    """The 0-based response typed as 1-based numbers, or None when it does not fit ``item``.

    >>> from assistant.core.study.items import Item
    >>> s = m.Source("Doc", "https://example.com")
    >>> two = Item("t", "pick_two", "Which TWO?", ("a", "b", "c", "d", "e"), 0, "", s,
    ...            "storage", "data-engineering", qtype="multiple", key=(0, 3))
    >>> parse_response(two, "4, 1"), parse_response(two, "1"), parse_response(two, "1,1")
    ((3, 0), None, None)
    """
    parts = [p for p in raw.replace(",", " ").split() if p]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= len(item.choices) for p in parts):
        return None
    picked = tuple(int(p) - 1 for p in parts)
    need = len(item.prompts) if item.qtype == "matching" else len(item.response_key())
    if len(picked) != need:
        return None
    if item.qtype != "matching" and len(set(picked)) != len(picked):
        return None
    return picked


def _how(item: Item) -> str:
    n = len(item.response_key())
    if item.qtype == "multiple":
        return f"choose {n}, e.g. 1,3"
    if item.qtype == "ordering":
        return f"all {n} in order, e.g. {','.join(str(i) for i in range(n, 0, -1))}"
    if item.qtype == "matching":
        return f"a choice for each of the {len(item.prompts)} prompts, in their order"
    return f"1-{len(item.choices)}"


def show_item(item: Item, number: int, total: int, mode: str) -> None:
    """Print one question: where it is from, its type, its prompts and choices."""
    from .core.study.items import QTYPE_TITLES

    label = item.mode_label(mode)
    where = " · ".join(x for x in (item.task or item.topic, item.study_domain) if x)
    head = f"\nQuestion {number}/{total}  [{where}]  {QTYPE_TITLES[item.qtype]}"
    print(head + (f"  (answer {label})" if label else ""))
    print(_wrap(item.question, "  "))
    for i, prompt in enumerate(item.prompts):
        print(_wrap(f"{chr(ord('a') + i)}) {prompt}", "    ").replace("    ", "  ", 1))
    if item.prompts:
        print("  Choices:")
    for i, choice in enumerate(item.choices, 1):
        print(_wrap(f"{i}. {choice}", "    ").replace("    ", "  ", 1))


def _ask(item: Item, number: int, total: int, mode: str, read: Callable[[str], str]) -> bool | None:
    """Ask one item; True/False for the answer's correctness, None when the student quits."""
    show_item(item, number, total, mode)
    while True:
        try:
            raw = read(f"Your answer ({_how(item)}; q to quit): ").strip().lower()
        except EOFError:
            return None
        if raw in ("q", "quit", "exit"):
            return None
        picked = parse_response(item, raw)
        if picked is not None:
            break
        print(f"  Please answer {_how(item)}, or q.")
    right = item.is_right(picked, mode)
    if right:
        print("  Correct.")
    elif item.qtype == "single":
        correct = item.correct(mode)
        print(f"  Not quite: the answer is {correct + 1}. {item.choices[correct]}")
    else:
        numbers = ",".join(str(k + 1) for k in item.response_key(mode))
        print(f"  Not quite: the answer is {numbers}: {item.answer_text(mode)}")
    print(_wrap(item.explanation_for(mode), "  "))
    print(f"  Source: {item.source.title} <{item.source.url}>")
    return right


def run_quiz_cli(pack: m.Pack, args: argparse.Namespace, read: Callable[[str], str] = input) -> int:
    """Run ``archassist quiz`` with the parsed ``args`` (count, topic, exam, domain, task, mode,
    seed, json, anki)."""
    from .core.study.quiz import exam_items, exam_of, select

    mode = getattr(args, "mode", "today") or "today"
    exam = exam_of(pack, getattr(args, "exam", None))
    items = exam_items(pack, exam)
    where = {
        "topic": args.topic,
        "mode": mode,
        "exam": exam,
        "domain": getattr(args, "domain", None),
        "task": getattr(args, "task", None),
    }
    if args.anki:
        from .export.anki import write_apkg

        deck_items = select(items, seed=0, **where)
        n = write_apkg(args.anki, sorted(deck_items, key=lambda i: i.id), mode=mode)
        print(f"{args.anki}: {n} notes ({mode}; --count limits only the terminal quiz)")
        return 0
    if getattr(args, "mock", False):
        from .mock_cli import run_mock_cli

        if exam is None:
            raise UserInputError("a mock exam needs an exam, and this pack has none")
        return run_mock_cli(pack, exam, items, seed=args.seed, read=read)
    chosen = select(items, count=args.count, seed=args.seed, **where)
    if len(chosen) < args.count:
        scope = f" for {exam.code}" if exam else ""
        print(
            f"Only {len(chosen)} quiz items exist{scope} with these filters; {args.count} were"
            " asked for.",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps([i.to_dict(mode) for i in chosen], indent=2, ensure_ascii=False))
        return 0
    if not chosen:
        print("No quiz items to ask.")
        return 0
    title = f"{exam.code} · " if exam else ""
    print(
        f"{title}{pack.title} {pack.version}: {len(chosen)} questions, answers {_mode_words(mode)}."
    )
    return _run(chosen, mode, read)


def _run(chosen: list[Item], mode: str, read: Callable[[str], str]) -> int:
    score: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for n, item in enumerate(chosen, 1):
        result = _ask(item, n, len(chosen), mode, read)
        if result is None:
            print()
            break
        asked[item.study_domain] += 1
        score[item.study_domain] += int(result)
    total = sum(asked.values())
    if total:
        print(f"\nScore: {sum(score.values())}/{total}")
        for domain in sorted(asked):
            print(f"  {domain}: {score[domain]}/{asked[domain]}")
    sys.stdout.flush()
    return 0


def _mode_words(mode: str) -> str:
    return "as the exam notes say" if mode == "notes" else "as AWS is today"
