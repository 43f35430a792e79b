"""``archassist quiz`` end to end, as a subprocess."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from cli_runner import run

MINI = Path(__file__).parents[1] / "data" / "mini"


def test_json_items_have_everything_a_student_needs() -> None:
    r = run("--pack", str(MINI), "quiz", "--count", "5", "--seed", "3", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert 1 <= len(items) <= 5
    for item in items:
        for key in ("question", "choices", "answer", "explanation", "source", "topic", "domain"):
            assert key in item
        assert 0 <= item["answer"] < len(item["choices"])
        assert item["source"]["url"].startswith("https://")
    again = run("--pack", str(MINI), "quiz", "--count", "5", "--seed", "3", "--json")
    assert json.loads(again.stdout) == items  # the seed fixes the quiz


def test_notes_mode_changes_the_answer_where_the_notes_differ() -> None:
    today = json.loads(run("--pack", str(MINI), "quiz", "--topic", "limit", "--json").stdout)
    notes = json.loads(
        run("--pack", str(MINI), "quiz", "--topic", "limit", "--mode", "notes", "--json").stdout
    )
    t = {i["id"]: i for i in today}["limit.pipeline.max"]
    n = {i["id"]: i for i in notes}["limit.pipeline.max"]
    assert t["choices"][t["answer"]] == "15" and t["mode_label"] == "as AWS is today"
    assert n["choices"][n["answer"]] == "5" and n["mode_label"] == "as the exam notes say"


def test_interactive_quiz_reads_answers_and_scores() -> None:
    items = json.loads(
        run("--pack", str(MINI), "quiz", "--count", "2", "--seed", "1", "--json").stdout
    )
    answers = [str(items[0]["answer"] + 1), "9", str((items[1]["answer"] + 1) % 2 + 1)]
    r = run("--pack", str(MINI), "quiz", "--count", "2", "--seed", "1", stdin="\n".join(answers))
    assert r.returncode == 0, r.stderr
    assert "Question 1/2" in r.stdout and "Question 2/2" in r.stdout
    assert "Correct." in r.stdout and "Not quite" in r.stdout
    assert "Please answer 1-" in r.stdout
    assert "Score: 1/2" in r.stdout
    assert "Source: " in r.stdout


def test_end_of_input_ends_the_quiz_quietly() -> None:
    r = run("--pack", str(MINI), "quiz", "--count", "3", stdin="")
    assert r.returncode == 0 and "Traceback" not in r.stderr


def test_unknown_topic_lists_the_valid_ones() -> None:
    r = run("--pack", str(MINI), "quiz", "--topic", "astrology")
    assert r.returncode == 2  # an unknown id is bad input
    assert "astrology" in r.stderr and "sagemaker-deploy" in r.stderr
    assert "Traceback" not in r.stderr


def test_anki_deck_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "deck.apkg"
    r = run("--pack", str(MINI), "quiz", "--anki", str(out))
    assert r.returncode == 0, r.stderr
    expected = json.loads(run("--pack", str(MINI), "quiz", "--count", "999", "--json").stdout)
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    notes = conn.execute("SELECT guid, flds, tags FROM notes").fetchall()
    cards = conn.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    conn.close()
    assert len(notes) == len(expected) == cards
    by_id = {flds.split("\x1f")[-1]: (flds.split("\x1f"), tags) for _, flds, tags in notes}
    assert set(by_id) == {i["id"] for i in expected}
    for item in expected:
        fields, tags = by_id[item["id"]]
        assert item["choices"][item["answer"]].replace("&", "&amp;") in fields[2]
        assert f"archassist::{item['domain']}" in tags
    assert len({g for g, _, _ in notes}) == len(notes)  # stable, distinct GUIDs
    # the same deck again has the same GUIDs, so Anki updates instead of duplicating
    again = tmp_path / "again.apkg"
    run("--pack", str(MINI), "quiz", "--anki", str(again))
    with zipfile.ZipFile(again) as z:
        (tmp_path / "d.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "d.anki2")
    assert {g for (g,) in conn.execute("SELECT guid FROM notes")} == {g for g, _, _ in notes}
    conn.close()


def test_anki_into_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A deck path in a folder that does not exist is a mistake in the command (cli_args)."""
    r = run("--pack", str(MINI), "quiz", "--anki", str(tmp_path / "no/such/dir/deck.apkg"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_exam_filters_need_an_exam_and_fewer_items_are_announced() -> None:
    r = run("--pack", str(MINI), "quiz", "--domain", "1", "--json")
    assert r.returncode != 0 and "needs an exam" in r.stderr and "Traceback" not in r.stderr
    r = run("--pack", str(MINI), "quiz", "--exam", "MLA-C01", "--json")
    assert r.returncode != 0 and "unknown exam 'MLA-C01'" in r.stderr
    r = run("--pack", str(MINI), "quiz", "--count", "500", "--json")
    assert r.returncode == 0
    assert f"Only {len(json.loads(r.stdout))} quiz items exist" in r.stderr


def test_the_shipped_exam_gives_its_items_with_exam_domain_and_task() -> None:
    r = run("quiz", "--exam", "MLA-C01", "--count", "120", "--seed", "2", "--json")
    assert r.returncode == 0, r.stderr
    items = json.loads(r.stdout)
    assert len(items) == 120 and len({i["question"] for i in items}) == 120
    for item in items:
        assert item["exam"] == "MLA-C01"
        assert item["domain"] in {"mla-1", "mla-2", "mla-3", "mla-4"}
        assert item["task"].startswith(item["domain"] + ".")
    domain_two = run("quiz", "--exam", "mla-c01", "--domain", "2", "--count", "5", "--json")
    assert {i["domain"] for i in json.loads(domain_two.stdout)} == {"mla-2"}
    task = run("quiz", "--task", "3.1", "--count", "5", "--json")  # the default exam
    assert {i["task"] for i in json.loads(task.stdout)} == {"mla-3.1"}


def test_a_thousand_distinct_items_in_the_blueprint_mix() -> None:
    """Issue 13's first check: 1,000 items, distinct question texts, 28/26/22/24 within 3."""
    r = run("quiz", "--exam", "MLA-C01", "--count", "1000", "--json")
    assert r.returncode == 0 and "Only" not in r.stderr, r.stderr
    items = json.loads(r.stdout)
    assert len(items) == 1000 and len({i["question"] for i in items}) == 1000
    shares = {
        d: sum(i["domain"] == d for i in items) / 10 for d in ("mla-1", "mla-2", "mla-3", "mla-4")
    }
    for d, weight in zip(shares, (28, 26, 22, 24), strict=True):
        assert abs(shares[d] - weight) <= 3, shares


def test_a_multiple_response_item_is_answered_in_the_terminal() -> None:
    items = json.loads(
        run("quiz", "--topic", "multiple", "--count", "1", "--seed", "4", "--json").stdout
    )
    [item] = items
    assert item["type"] == "multiple" and len(item["key"]) == 2
    right = ",".join(str(k + 1) for k in item["key"])
    r = run("quiz", "--topic", "multiple", "--count", "1", "--seed", "4", stdin=f"1\n{right}\n")
    assert r.returncode == 0, r.stderr
    assert "Please answer choose 2" in r.stdout and "Correct." in r.stdout


def test_a_mock_exam_in_the_terminal_is_scored_per_domain() -> None:
    r = run("quiz", "--mock", "--seed", "3", stdin="\n" * 70)
    assert r.returncode == 0, r.stderr
    assert "MLA-C01 mock exam: 65 questions, 130 minutes." in r.stdout
    assert "scaled score 100 (NOT YET; pass 720)" in r.stdout
    assert "0 of 65 right, 65 unanswered" in r.stdout
    for share in ("(28%): 0/18", "(26%): 0/17", "(22%): 0/14", "(24%): 0/16"):
        assert share in r.stdout
    assert "AWS does not publish its scaling" in r.stdout


def test_a_mock_exam_ends_when_the_time_is_up(shipped_pack) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import io
    from contextlib import redirect_stdout

    from assistant.core.study.quiz import exam_items, exam_of
    from assistant.mock_cli import run_mock_cli

    exam = exam_of(shipped_pack, "MLA-C01")
    start = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    times = iter([start, *(start + dt.timedelta(minutes=m) for m in (1, 1, 2, 200, 200, 200))])
    out = io.StringIO()
    with redirect_stdout(out):
        run_mock_cli(
            shipped_pack,
            exam,
            exam_items(shipped_pack, exam),
            seed=1,
            read=lambda _prompt: "1",
            now=lambda: next(times, start + dt.timedelta(minutes=200)),
        )
    text = out.getvalue()
    assert "Time is up." in text and "(time ran out)" in text and "130 min used" in text
