"""A study session: ask items, judge the response, rate it Again/Hard/Good/Easy for FSRS, and
ask the missed ones again before the session ends.

The Study widget only renders what a :class:`StudySession` returns (a :class:`Feedback` per
answer, a :class:`Summary` at the end) and passes the student's clicks and keys back in.

>>> s = m.Source("Doc", "https://example.com")
>>> item = Item("q1", "limit", "How many?", ("1", "5", "15"), 2, "Fifteen.", s,
...             "sagemaker-deploy", "modeling")
>>> session = StudySession([item], Progress(None, fuzz=False))
>>> fb = session.answer((0,))
>>> fb.right, fb.marks, fb.suggested
(False, ('wrong', '', 'right'), 'again')
>>> session.rate("again")  # a miss comes back in the same session
>>> session.current is item, session.answer((2,)).right
(True, True)
>>> session.rate("good"); session.finished, session.summary().first_try
(True, 0)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from fsrs import Rating

from ..errors import UserInputError
from ..pack import model as m
from .items import Item
from .progress import Progress

__all__ = ["RATINGS", "Feedback", "StudySession", "Summary", "choice_marks"]

# The four FSRS grades, in the order of the keys 1-4.
RATINGS = ("again", "hard", "good", "easy")
RATING_TITLES = {"again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy"}
_FSRS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
# A missed card comes back after this many other cards (or at the end, if fewer are left).
RELEARN_GAP = 3
# ... and at most this many times in one session, so a session always ends.
MAX_RETRIES = 3


def choice_marks(item: Item, response: Sequence[int], mode: str = "today") -> tuple[str, ...]:
    """For each choice, how the widget marks it: ``right`` (a right choice the student made,
    or the right one they missed in a single-answer item), ``wrong`` (chosen, not right),
    ``missed`` (a right choice of a multiple-response item left out) or ``""``.

    Marks follow whether the *choice* is right, never whether its statement is true: in a
    "which is NOT true?" item the false statement is the right choice, so it is marked right.
    For ordering and matching, a choice is right when it sits where the key puts it.
    """
    key = item.response_key(mode)
    marks = [""] * len(item.choices)
    if item.qtype in ("single", "multiple"):
        for i in range(len(item.choices)):
            if i in key:
                marks[i] = "right" if (i in response or item.qtype == "single") else "missed"
            elif i in response:
                marks[i] = "wrong"
        return tuple(marks)
    for slot, want in enumerate(key):  # ordering: position; matching: prompt
        got = response[slot] if slot < len(response) else None
        if got is not None and got != want:
            marks[got] = "wrong"
        marks[want] = "right" if got == want else (marks[want] or "missed")
    return tuple(marks)


@dataclass(frozen=True, slots=True)
class Feedback:
    """What the widget shows after an answer."""

    item: Item
    response: tuple[int, ...]
    right: bool
    marks: tuple[str, ...]
    answer_text: str
    explanation: str
    sources: tuple[m.Source, ...]
    suggested: str  # the rating Enter gives: good when right, again when not
    ratings: tuple[str, ...]  # the ratings on offer (a wrong answer is only ever "again")
    retry: bool  # the item was missed earlier in this session


@dataclass(frozen=True, slots=True)
class Summary:
    """The end of a session: first-try results per domain, and what to look at again."""

    asked: int
    first_try: int
    by_domain: tuple[tuple[str, int, int], ...]  # domain, right at first try, asked
    missed: tuple[Item, ...]
    reviews: int  # ratings given, re-asks included


class StudySession:
    """One sitting of practice over ``items`` (in that order), saved to ``progress``.

    Each card is answered, then rated. "Again" schedules it in FSRS as forgotten and puts it
    back in this session's queue :data:`RELEARN_GAP` cards later. A wrong answer can only be
    rated "Again"; a right one any of the four.
    """

    def __init__(self, items: Sequence[Item], progress: Progress, mode: str = "today") -> None:
        self.items = tuple(items)
        self.progress = progress
        self.mode = mode
        self.queue: list[Item] = list(items)
        self.position = 0
        self.feedback: Feedback | None = None
        self.first: dict[str, bool] = {}  # item id -> right at the first try
        self.retries: dict[str, int] = {}
        self.reviews = 0

    @property
    def current(self) -> Item | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def remaining(self) -> int:
        """Cards still to show, the current one and any re-asks queued included."""
        return max(0, len(self.queue) - self.position)

    def answer(self, response: Sequence[int]) -> Feedback:
        """Judge ``response`` for the current item (once: a second call returns the first
        verdict)."""
        item = self.current
        if item is None:
            raise UserInputError("the session is over: nothing to answer")
        if self.feedback is not None:
            return self.feedback
        picked = tuple(response)
        right = item.is_right(picked, self.mode)
        self.first.setdefault(item.id, right)
        self.feedback = Feedback(
            item=item,
            response=picked,
            right=right,
            marks=choice_marks(item, picked, self.mode),
            answer_text=item.answer_text(self.mode),
            explanation=item.explanation_for(self.mode),
            sources=(item.source, *item.more_sources),
            suggested="good" if right else "again",
            ratings=RATINGS if right else ("again",),
            retry=self.retries.get(item.id, 0) > 0,
        )
        return self.feedback

    def rate(self, rating: str, now: dt.datetime | None = None) -> None:
        """Rate the answered card, save the review, and move on."""
        fb = self.feedback
        if fb is None:
            raise UserInputError("answer the card before rating it")
        if rating not in fb.ratings:
            raise UserInputError(
                f"rating '{rating}' is not on offer here (valid: {', '.join(fb.ratings)})"
            )
        item = fb.item
        self.progress.review(
            item.id,
            fb.right,
            topic=item.topic,
            domain=item.study_domain,
            mode=self.mode,
            rating=_FSRS[rating],
            now=now,
        )
        self.reviews += 1
        if rating == "again" and self.retries.get(item.id, 0) < MAX_RETRIES:
            self.retries[item.id] = self.retries.get(item.id, 0) + 1
            at = min(len(self.queue), self.position + 1 + RELEARN_GAP)
            self.queue.insert(at, item)
        self.position += 1
        self.feedback = None

    def summary(self) -> Summary:
        asked = [i for i in self.items if i.id in self.first]
        per: dict[str, list[int]] = {}
        for i in asked:
            row = per.setdefault(i.study_domain, [0, 0])
            row[0] += int(self.first[i.id])
            row[1] += 1
        return Summary(
            asked=len(asked),
            first_try=sum(int(self.first[i.id]) for i in asked),
            by_domain=tuple((d, c, t) for d, (c, t) in sorted(per.items())),
            missed=tuple(i for i in asked if not self.first[i.id]),
            reviews=self.reviews,
        )
