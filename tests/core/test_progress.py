"""Study progress: FSRS scheduling, SQLite persistence, bad files moved aside."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assistant.core.study.progress import SCHEMA_VERSION, Progress

T0 = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.UTC)
DOMAIN = "ml-implementation-operations"


def _review(p: Progress, item: str, correct: bool, when: dt.datetime, domain: str = DOMAIN):
    return p.review(item, correct, topic="sagemaker-deploy", domain=domain, now=when)


def test_a_new_database_has_the_schema_version_and_wal(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with Progress(path, fuzz=False) as p:
        assert p.notice is None
        _review(p, "a", True, T0)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_scheduler_spaces_out_correct_answers_and_repeats_wrong_ones(tmp_path: Path) -> None:
    p = Progress(tmp_path / "p.sqlite3", fuzz=False)
    wrong = _review(p, "wrong", False, T0)
    assert wrong.due - T0 <= dt.timedelta(minutes=10)  # a lapse comes back in the same session
    assert wrong.lapses == 1
    when = T0
    intervals = []
    for _ in range(5):
        state = _review(p, "right", True, when)
        intervals.append(state.due - when)
        when = state.due
    assert intervals[-1] > dt.timedelta(days=3)
    assert intervals == sorted(intervals)  # each success waits longer
    assert p.state("right").reps == 5  # type: ignore[union-attr]
    # due cards: only what is due at the time asked
    assert p.due_ids(now=T0) == []
    assert p.due_ids(now=T0 + dt.timedelta(hours=1)) == ["wrong"]
    assert set(p.due_ids(now=when + dt.timedelta(days=1))) == {"wrong", "right"}
    assert p.due_ids(among=["right"], now=when + dt.timedelta(days=1)) == ["right"]
    p.close()


def test_progress_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with Progress(path, fuzz=False) as p:
        first = _review(p, "a", True, T0)
        _review(p, "b", False, T0)
    with Progress(path, fuzz=False) as p:
        assert p.notice is None
        assert p.review_count() == 2
        assert p.state("a") == first
        assert p.seen_ids() == {"a", "b"}
        # tomorrow the due cards are waiting
        assert set(p.due_ids(now=T0 + dt.timedelta(days=1))) >= {"b"}


def test_stats_accuracy_per_domain_over_time_and_due(tmp_path: Path) -> None:
    p = Progress(tmp_path / "p.sqlite3", fuzz=False)
    _review(p, "a", True, T0)
    _review(p, "b", False, T0)
    _review(p, "c", True, T0, domain="data-engineering")
    _review(p, "a", True, T0 + dt.timedelta(days=1))
    stats = p.stats(now=T0 + dt.timedelta(days=1, minutes=1))
    assert stats.reviews == 4 and stats.cards == 3
    assert stats.accuracy_by_domain[DOMAIN] == (2, 3)
    assert stats.accuracy_by_domain["data-engineering"] == (1, 1)
    days = [(d.day, d.domain, d.correct, d.total) for d in stats.days]
    local = (T0.astimezone().date(), (T0 + dt.timedelta(days=1)).astimezone().date())
    assert (local[0], DOMAIN, 1, 2) in days and (local[1], DOMAIN, 1, 1) in days
    assert stats.due_now >= 1  # "b" was answered wrong a day ago
    assert len(stats.due_by_day) == 7
    p.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"this is not a database at all" * 100, "could not be used"),
        (b"", None),  # an empty file is simply a new database
    ],
)
def test_garbage_is_moved_aside(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(content)
    with Progress(path, fuzz=False) as p:
        if reason is None:
            assert p.notice is None
        else:
            assert p.notice is not None and reason in p.notice and str(path) in p.notice
            assert p.moved_to is not None and p.moved_to.read_bytes() == content
        _review(p, "a", True, T0)  # the fresh database works
    with Progress(path) as p:
        assert p.notice is None and p.review_count() == 1


def test_a_damaged_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with Progress(path, fuzz=False) as p:
        for i in range(300):
            _review(p, f"item{i}", i % 2 == 0, T0)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # trash every page after the first two
        data[offset : offset + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    with Progress(path, fuzz=False) as p:
        assert p.notice is not None and "could not be used" in p.notice
        assert p.moved_to is not None and p.moved_to.exists()
        assert p.review_count() == 0


def test_a_future_version_is_moved_aside_not_destroyed(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future(x)")
    conn.execute("INSERT INTO future VALUES (42)")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with Progress(path, fuzz=False) as p:
        assert p.notice is not None and "newer version" in p.notice
        moved = p.moved_to
        assert moved is not None
        assert p.review_count() == 0
    kept = sqlite3.connect(moved)
    assert kept.execute("SELECT x FROM future").fetchone()[0] == 42
    kept.close()


def test_an_unwritable_place_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with Progress(blocker / "p.sqlite3", fuzz=False) as p:
        assert p.notice is not None and "memory" in p.notice
        _review(p, "a", True, T0)
        assert p.review_count() == 1


KILL_SCRIPT = textwrap.dedent(
    """
    import datetime as dt, sys
    from assistant.core.study.progress import Progress
    p = Progress(sys.argv[1])
    t0 = dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)
    i = 0
    while True:
        p.review(f"item{i % 50}", i % 3 != 0, domain="modeling", now=t0 + dt.timedelta(minutes=i))
        i += 1
        print(i, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_kill_mid_session_loses_at_most_the_review_in_flight(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    committed = 0
    for line in proc.stdout:
        committed = int(line)
        if committed >= 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with Progress(path) as p:
        assert p.notice is None  # the file is intact
        assert p.review_count() >= committed  # every committed review is there
        assert len(p.seen_ids()) == min(50, p.review_count())
