"""Study progress: FSRS scheduling of quiz items, kept in SQLite.

One database file per user (the caller chooses the path; the GUI passes its
AppDataLocation). Every review is one transaction that updates the card and
appends to the review log, so killing the process loses at most the review in
flight. The schema version lives in ``PRAGMA user_version``. A database that is
not SQLite, fails its integrity check or was written by a newer version is moved
aside (renamed with a timestamp, never deleted) and a fresh one is started; the
reason is kept in :attr:`Progress.notice` for the caller to show. If even a fresh
file cannot be created, progress lives in memory for the session and the notice
says so. Nothing here raises for a bad file.

>>> import tempfile, pathlib, datetime as dt
>>> path = pathlib.Path(tempfile.mkdtemp()) / "progress.sqlite3"
>>> p = Progress(path, fuzz=False)
>>> now = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc)
>>> p.review("limit.serverless.max_payload_mb", True, topic="sagemaker-deploy",
...          domain="ml-implementation-operations", now=now).due > now
True
>>> p.review_count()
1
>>> p.close()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fsrs import Card, Rating, Scheduler

from .mock import DomainResult, MockResult

__all__ = [
    "SCHEMA_VERSION",
    "CardState",
    "DayStats",
    "Progress",
    "Stats",
]

# 2: the mocks table (mock exam history); a version 1 file gains it when opened
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cards (
    item_id TEXT PRIMARY KEY,
    card TEXT NOT NULL,             -- fsrs Card.to_dict() as JSON
    due TEXT NOT NULL,              -- ISO 8601 UTC, copied out of the card for queries
    topic TEXT NOT NULL DEFAULT '',
    domain TEXT NOT NULL DEFAULT '',
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS cards_due ON cards(due);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,      -- ISO 8601 UTC
    day TEXT NOT NULL,              -- local date of the review, YYYY-MM-DD, for per-day stats
    correct INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    mode TEXT NOT NULL DEFAULT 'today',
    topic TEXT NOT NULL DEFAULT '',
    domain TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER
);
CREATE INDEX IF NOT EXISTS reviews_day ON reviews(day, domain);
CREATE TABLE IF NOT EXISTS mocks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exam TEXT NOT NULL,
    taken_at TEXT NOT NULL,         -- ISO 8601 UTC, when the exam started
    right_answers INTEGER NOT NULL,
    total INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    scaled INTEGER NOT NULL,        -- approximate scaled score, see study.mock.SCALING_NOTE
    passing INTEGER NOT NULL,
    seconds_used INTEGER NOT NULL,
    timed_out INTEGER NOT NULL,
    domains TEXT NOT NULL           -- JSON: [[domain, name, weight, right, total], ...]
);
"""


def _utc(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        return now.replace(tzinfo=dt.UTC)
    return now.astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class CardState:
    """Where one item stands after a review."""

    item_id: str
    due: dt.datetime
    reps: int
    lapses: int
    stability: float | None
    difficulty: float | None


@dataclass(frozen=True, slots=True)
class DayStats:
    day: dt.date
    domain: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Stats:
    """What the stats chart draws."""

    days: tuple[DayStats, ...]  # per day and domain, oldest first
    accuracy_by_domain: dict[str, tuple[int, int]]  # domain -> (correct, total), all time
    due_now: int
    due_by_day: tuple[tuple[dt.date, int], ...]  # the next days, cards becoming due each day
    reviews: int
    cards: int


class Progress:
    """The scheduler and the store.

    Args:
        path: the SQLite file; ``None`` or ``":memory:"`` keeps progress in memory.
        fuzz: FSRS interval fuzzing (off in tests for exact intervals).
        desired_retention: FSRS target probability of recall.
    """

    def __init__(
        self, path: Path | str | None, *, fuzz: bool = True, desired_retention: float = 0.9
    ) -> None:
        self.scheduler = Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)
        self.notice: str | None = None
        self.moved_to: Path | None = None
        self.path: Path | None = None if path in (None, ":memory:") else Path(path)
        self._conn = self._open()

    # --- opening, checking, moving aside ------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._init(sqlite3.connect(":memory:"))
        problem = self._check(self.path)
        if problem is not None:
            self._move_aside(problem)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5.0)
            return self._init(conn)
        except (sqlite3.Error, OSError) as exc:
            self.notice = (
                f"Study progress cannot be saved: {self.path}: {exc}. "
                "This session's progress is kept in memory only."
            )
            return self._init(sqlite3.connect(":memory:"))

    @staticmethod
    def _check(path: Path) -> str | None:
        """Why an existing file cannot be used, or None when it can (or does not exist)."""
        if not path.exists() or path.stat().st_size == 0:
            return None
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5.0)
        except sqlite3.Error as exc:
            return f"it cannot be opened ({exc})"
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                return (
                    f"it was written by a newer version of archassist (schema {version}, "
                    f"this version reads {SCHEMA_VERSION})"
                )
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                return f"it is damaged ({result})"
            if version == SCHEMA_VERSION:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if not {"cards", "reviews"} <= tables:
                    return "it lacks the progress tables"
        except sqlite3.Error as exc:
            return f"it is not a readable progress database ({exc})"
        finally:
            conn.close()
        return None

    def _move_aside(self, problem: str) -> None:
        assert self.path is not None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.{stamp}.bad")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.{stamp}-{n}.bad")
            n += 1
        try:
            os.replace(self.path, target)
            for suffix in ("-wal", "-shm"):  # the journal belongs to the moved file
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    with contextlib.suppress(OSError):
                        os.replace(side, target.with_name(target.name + suffix))
            self.moved_to = target
            self.notice = (
                f"The study progress file {self.path} could not be used: {problem}. "
                f"It was kept as {target.name} and a fresh progress file was started."
            )
        except OSError as exc:
            self.notice = (
                f"The study progress file {self.path} could not be used: {problem}, "
                f"and it could not be moved aside ({exc})."
            )
            self.path = None  # fall back to memory; never overwrite the user's file

    def _init(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        conn.isolation_level = None  # explicit BEGIN/COMMIT below
        if self.path is not None:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            with self._transaction(conn):
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return conn

    @staticmethod
    @contextlib.contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reviews --------------------------------------------------------------------------

    def _card(self, item_id: str) -> tuple[Card, int, int] | None:
        row = self._conn.execute(
            "SELECT card, reps, lapses FROM cards WHERE item_id=?", (item_id,)
        ).fetchone()
        if row is None:
            return None
        try:
            return Card.from_dict(json.loads(row[0])), int(row[1]), int(row[2])
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable card starts again rather than crash the session

    def review(
        self,
        item_id: str,
        correct: bool,
        *,
        topic: str = "",
        domain: str = "",
        mode: str = "today",
        rating: Rating | None = None,
        now: dt.datetime | None = None,
        duration_ms: int | None = None,
    ) -> CardState:
        """Schedule ``item_id`` after an answer and log the review, in one transaction.

        ``rating`` overrides the default (Good when correct, Again when not).
        """
        when = _utc(now)
        rate = rating if rating is not None else (Rating.Good if correct else Rating.Again)
        with self._transaction(self._conn):
            found = self._card(item_id)
            card, reps, lapses = found if found is not None else (Card(), 0, 0)
            card, _log = self.scheduler.review_card(card, rate, review_datetime=when)
            reps += 1
            lapses += 0 if correct else 1
            due = _utc(card.due)
            self._conn.execute(
                "INSERT INTO cards(item_id, card, due, topic, domain, reps, lapses)"
                " VALUES(?,?,?,?,?,?,?)"
                " ON CONFLICT(item_id) DO UPDATE SET card=excluded.card, due=excluded.due,"
                " topic=excluded.topic, domain=excluded.domain, reps=excluded.reps,"
                " lapses=excluded.lapses",
                (item_id, json.dumps(card.to_dict()), due.isoformat(), topic, domain, reps, lapses),
            )
            self._conn.execute(
                "INSERT INTO reviews(item_id, reviewed_at, day, correct, rating, mode, topic,"
                " domain, duration_ms) VALUES(?,?,?,?,?,?,?,?,?)",
                (
                    item_id,
                    when.isoformat(),
                    when.astimezone().date().isoformat(),  # the student's own calendar day
                    int(correct),
                    int(rate),
                    mode,
                    topic,
                    domain,
                    duration_ms,
                ),
            )
        return CardState(item_id, due, reps, lapses, card.stability, card.difficulty)

    def state(self, item_id: str) -> CardState | None:
        found = self._card(item_id)
        if found is None:
            return None
        card, reps, lapses = found
        return CardState(item_id, _utc(card.due), reps, lapses, card.stability, card.difficulty)

    def due_ids(
        self, among: Iterable[str] | None = None, now: dt.datetime | None = None
    ) -> list[str]:
        """Ids of reviewed items that are due, most overdue first (only ``among`` if given)."""
        rows = self._conn.execute(
            "SELECT item_id FROM cards WHERE due <= ? ORDER BY due, item_id",
            (_utc(now).isoformat(),),
        ).fetchall()
        ids = [r[0] for r in rows]
        if among is not None:
            keep = set(among)
            ids = [i for i in ids if i in keep]
        return ids

    def seen_ids(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT item_id FROM cards")}

    def review_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0])

    def record_mock(self, result: MockResult) -> None:
        """Save a finished mock exam in the history (one transaction)."""
        domains = [[d.domain, d.name, d.weight, d.right, d.total] for d in result.domains]
        with self._transaction(self._conn):
            self._conn.execute(
                "INSERT INTO mocks(exam, taken_at, right_answers, total, unanswered, scaled,"
                " passing, seconds_used, timed_out, domains) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (
                    result.exam,
                    _utc(result.taken_at).isoformat(),
                    result.right,
                    result.total,
                    result.unanswered,
                    result.scaled,
                    result.passing,
                    result.seconds_used,
                    int(result.timed_out),
                    json.dumps(domains),
                ),
            )

    def mock_history(self, exam: str | None = None) -> list[MockResult]:
        """Every saved mock exam (of ``exam`` if given), oldest first."""
        rows = self._conn.execute(
            "SELECT exam, taken_at, right_answers, total, unanswered, scaled, passing,"
            " seconds_used, timed_out, domains FROM mocks ORDER BY taken_at, id"
        ).fetchall()
        out = []
        for r in rows:
            if exam is not None and r[0].lower() != exam.lower():
                continue
            try:
                domains = tuple(DomainResult(*d) for d in json.loads(r[9]))
            except (ValueError, TypeError):
                domains = ()  # a damaged row still shows its score
            out.append(
                MockResult(
                    exam=r[0],
                    taken_at=dt.datetime.fromisoformat(r[1]),
                    right=int(r[2]),
                    total=int(r[3]),
                    unanswered=int(r[4]),
                    scaled=int(r[5]),
                    passing=int(r[6]),
                    seconds_used=int(r[7]),
                    timed_out=bool(r[8]),
                    domains=domains,
                )
            )
        return out

    def stats(
        self, among: Iterable[str] | None = None, now: dt.datetime | None = None, ahead: int = 7
    ) -> Stats:
        """Accuracy per domain per day, cards due now and over the next ``ahead`` days."""
        when = _utc(now)
        days = tuple(
            DayStats(dt.date.fromisoformat(d), dom, int(c), int(t))
            for d, dom, c, t in self._conn.execute(
                "SELECT day, domain, SUM(correct), COUNT(*) FROM reviews"
                " GROUP BY day, domain ORDER BY day, domain"
            )
        )
        by_domain: dict[str, tuple[int, int]] = {}
        for d in days:
            c, t = by_domain.get(d.domain, (0, 0))
            by_domain[d.domain] = (c + d.correct, t + d.total)
        keep = set(among) if among is not None else None
        rows = [
            (i, dt.datetime.fromisoformat(due))
            for i, due in self._conn.execute("SELECT item_id, due FROM cards")
            if keep is None or i in keep
        ]
        due_now = sum(1 for _, due in rows if due <= when)
        today = when.astimezone().date()
        ahead_counts = []
        for k in range(1, ahead + 1):
            day = today + dt.timedelta(days=k)
            ahead_counts.append(
                (day, sum(1 for _, due in rows if due > when and due.astimezone().date() == day))
            )
        return Stats(days, by_domain, due_now, tuple(ahead_counts), self.review_count(), len(rows))
