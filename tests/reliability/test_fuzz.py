"""The reliability fuzz: broken project files, pack files, answers and command lines are
refused with the app's own message, never a traceback. 125 cases a target, 500 in all
(FUZZ_EXAMPLES changes the number; tests/benchmarks/fuzz_10k.py runs 10,000 and counts)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from fuzz_cases import TARGETS, scratch
from hypothesis import HealthCheck, given, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "125"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same 500 cases every run: CI never turns red by luck
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _fuzz(name: str) -> Any:
    strategy, run = TARGETS[name]
    outcomes: dict[str, int] = {}

    @FUZZ
    @given(case=strategy())
    def check(case: Any) -> None:
        with scratch() as folder:
            result = run(case, folder)
        assert result in ("ok", "refused")
        outcomes[result] = outcomes.get(result, 0) + 1

    check()
    return outcomes


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzzed_input_is_refused_cleanly(name: str) -> None:
    outcomes = _fuzz(name)
    assert sum(outcomes.values()) >= EXAMPLES // 2  # Hypothesis ran the cases it promised
    assert outcomes.get("refused", 0) > 0  # the fuzz does reach the error paths


def test_the_mutations_reach_real_errors(tmp_path: Path) -> None:
    """The runner itself tells a good file from a broken one."""
    from fuzz_cases import run_project_file, sample_project_text

    assert run_project_file(sample_project_text(), tmp_path) == "ok"
    assert run_project_file(sample_project_text()[:40], tmp_path) == "refused"
