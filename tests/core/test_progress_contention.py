"""Two app instances reviewing at once keep both reviews: WAL and a busy timeout, no
"database is locked"."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.core.study.progress import Progress

WORKER = textwrap.dedent(
    """
    import sys
    from assistant.core.study.progress import Progress

    path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Progress(path, fuzz=False) as progress:  # one long-lived connection, as the GUI's
        for i in range(n):
            progress.review(f"{tag}-{i % 5}", i % 3 != 0)
            if i % 10 == 0:  # and sometimes a fresh one, as a second window opening
                with Progress(path, fuzz=False) as other:
                    other.review(f"{tag}-fresh-{i}", True)
    """
)


def test_two_processes_reviewing_at_once_keep_every_review(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    n = 60
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), tag, str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("first", "second")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert not any("locked" in e for e in errors), errors
    with Progress(db, fuzz=False) as progress:
        assert progress.notice is None
        assert progress.review_count() == 2 * (n + n // 10)
        assert len(progress.seen_ids()) == 2 * (5 + n // 10)


def test_a_reader_does_not_block_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    with Progress(db, fuzz=False) as one, Progress(db, fuzz=False) as two:
        assert one._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert one._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        one._conn.execute("BEGIN")  # a long read, as a statistics view might hold
        one._conn.execute("SELECT count(*) FROM reviews").fetchone()
        two.review("x", True)  # the writer is not blocked by the reader
        one._conn.execute("COMMIT")
        one.review("y", False)
        assert one.review_count() == two.review_count() == 2
