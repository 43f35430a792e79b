"""``archassist quiz --mock``: the mock exam in the terminal.

The questions, the clock and the scoring are :class:`assistant.core.study.mock.MockExam`;
here they are asked one after the other with the time left, without feedback until the end
(as in the real exam). An empty answer skips a question (it counts as wrong). The result is
printed, not saved: the Study workspace keeps the history of the mock exams taken there.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence

from .core.pack import model as m
from .core.study.items import Item
from .core.study.mock import SCALING_NOTE, MockExam, MockResult

__all__ = ["run_mock_cli"]


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "untimed"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d} left"


def run_mock_cli(
    pack: m.Pack,
    exam: m.Exam,
    items: Sequence[Item],
    *,
    seed: int | None,
    read: Callable[[str], str],
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> int:
    """Sit a mock exam of ``exam`` in the terminal; 0 when it was scored."""
    from .quiz_cli import parse_response, show_item

    mock = MockExam(pack, exam, items, seed=seed, start=now())
    minutes = f"{mock.minutes:g} minutes" if mock.minutes else "no time limit (no duration fact)"
    print(f"{exam.code} mock exam: {len(mock.items)} questions, {minutes}.")
    if mock.shortfall:
        print(f"Only {len(mock.items)} questions exist; the real exam has {exam.questions}.")
    print("Answer as the prompt says; an empty answer skips the question; q ends the exam.")
    for n, item in enumerate(mock.items):
        if mock.timed_out(now()):
            print("\nTime is up.")
            break
        show_item(item, n + 1, len(mock.items), "today")
        raw = _read(read, f"[{_clock(mock.seconds_left(now()))}] Your answer: ")
        if raw is None or raw.strip().lower() in ("q", "quit"):
            break
        picked = parse_response(item, raw) if raw.strip() else None
        if picked is not None and not mock.timed_out(now()):
            mock.respond(n, picked, now())
    print_result(mock.finish(now()))
    sys.stdout.flush()
    return 0


def _read(read: Callable[[str], str], prompt: str) -> str | None:
    try:
        return read(prompt)
    except EOFError:
        return None


def print_result(result: MockResult) -> None:
    verdict = "PASS" if result.passed else "NOT YET"
    head = f"{result.exam} mock exam: scaled score {result.scaled}"
    print(f"\n{head} ({verdict}; pass {result.passing})")
    print(
        f"{result.right} of {result.total} right, {result.unanswered} unanswered (counted wrong),"
        f" {result.seconds_used // 60} min used" + (" (time ran out)" if result.timed_out else "")
    )
    for d in result.domains:
        print(f"  {d.domain} {d.name} ({d.weight:g}%): {d.right}/{d.total} ({d.percent:.0f}%)")
    print(SCALING_NOTE)
