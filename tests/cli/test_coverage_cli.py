"""``archassist coverage``: per task statement, facts, services and quiz items; exit 1 on a gap."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cli_runner import run

MINI = Path(__file__).parents[1] / "data" / "mini"

# two exams over the mini pack; tasks demo-1.2 and demo-2.1 list no facts (gaps)
EXAM = (Path(__file__).parents[1] / "data" / "demo_exams.yaml").read_text()


def test_the_shipped_pack_covers_every_mla_c01_task() -> None:
    proc = run("coverage", "--exam", "MLA-C01")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for n in range(1, 13):
        d, t = (n - 1) // 3 + 1, (n - 1) % 3 + 1
        assert f"mla-{d}.{t} " in proc.stdout
    assert "all 12 task statements have facts, services and quiz items." in proc.stdout


def test_json_lists_each_task_with_its_counts() -> None:
    proc = run("coverage", "--exam", "mla-c01", "--json")  # the code matches in any case
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["exam"] == "MLA-C01" and data["ok"] is True
    assert [t["id"] for t in data["tasks"]][:3] == ["mla-1.1", "mla-1.2", "mla-1.3"]
    for task in data["tasks"]:
        assert task["facts"] and task["services"] and task["quiz_items"] > 0, task["id"]
        assert sum(task["question_types"].values()) == task["quiz_items"]
        assert set(task["untested_facts"]) <= set(task["facts"])
    assert sum(data["domain_quiz_items"].values()) == sum(t["quiz_items"] for t in data["tasks"])


def test_the_retired_exam_is_reported_too() -> None:
    proc = run("coverage", "--exam", "MLS-C01", "--json")
    data = json.loads(proc.stdout)
    assert data["exam"] == "MLS-C01"
    assert proc.returncode == (0 if data["ok"] else 1)


def test_a_gap_exits_1_and_names_the_task(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    (pack / "exams.yaml").write_text(EXAM)
    proc = run("--pack", str(pack), "coverage")  # the pack's default exam
    assert proc.returncode == 1, proc.stdout
    line = next(x for x in proc.stdout.splitlines() if x.startswith("demo-1.2"))
    assert "no facts" in line
    assert "task statements have a gap." in proc.stdout
    first = next(x for x in proc.stdout.splitlines() if x.startswith("demo-1.1"))
    assert "no " not in first.split("Pick hosting", 1)[1]


def test_an_unknown_exam_lists_the_known_ones() -> None:
    proc = run("coverage", "--exam", "XYZ-C99")
    assert proc.returncode == 2  # an unknown id is bad input; 1 means a gap
    assert "unknown exam 'XYZ-C99'" in proc.stderr and "MLA-C01" in proc.stderr


def test_a_pack_without_exams_says_so() -> None:
    proc = run("--pack", str(MINI), "coverage")
    assert proc.returncode == 2
    assert "defines no exam" in proc.stderr
