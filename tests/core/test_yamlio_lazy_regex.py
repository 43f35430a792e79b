"""yamlio imports PyYAML with its module-level regexes compiled on first use: same results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Everything PyYAML's own (pure-Python) loader and dumper do with those regexes, and ours.
PROBE = r"""
import re, sys, threading
{before}
from assistant.core.io import yamlio
import yaml
assert re.compile is yamlio._COMPILE  # put back
kinds = {{type(yaml.reader.Reader.NON_PRINTABLE).__name__,
          type(yaml.constructor.SafeConstructor.timestamp_regexp).__name__}}
out = [sorted(kinds)]
from pathlib import Path
for f in sorted(Path("knowledge/aws-ml/examples").glob("*.yaml")):
    text = f.read_text()
    data = yaml.safe_load(text)
    out += [repr(data), yaml.safe_dump(data), yamlio.dump(data), repr(yamlio.loads(text, "f"))]
for text in ("a: \x07", "x: [1, 2", "t: 2001-12-14t21:59:43.10-05:00", "v: 0b1010",
             "n: ~", "f: .inf", "o: 0o17", "y: yes", "d: 2026-01-02", "m: {{<<: {{a: 1}}}}"):
    try:
        out.append(repr(yaml.safe_load(text)))
    except yaml.YAMLError as exc:
        out.append(f"error {{exc}}")
print("\n".join(map(str, out)))
"""


def _run(before: str) -> list[str]:
    code = PROBE.format(before=before)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_lazy_regexes_give_what_the_compiled_ones_give() -> None:
    lazy = _run("")
    eager = _run("import yaml  # imported first: yamlio takes it as it is")
    assert lazy[0] == "['_LazyPattern']"
    assert eager[0] == "['Pattern']"
    assert lazy[1:] == eager[1:]
    assert any("special characters are not allowed" in line for line in lazy)  # reader regex
    assert "{'y': True}" in lazy and "{'v': 10}" in lazy  # resolver regexes


def test_with_another_thread_running_the_import_is_plain() -> None:
    started = "t = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)"
    lines = _run(started + "; t.start()")
    assert lines[0] == "['Pattern']"
