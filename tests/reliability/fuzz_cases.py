"""What the reliability fuzz feeds the app, and what counts as handled.

Four targets, each a Hypothesis strategy and a function that runs one case and returns how
the app answered: ``"ok"`` (accepted) or ``"refused"`` (the app's own clear error: a
PackError, a UserInputError, a ValueError from answer checks, exit status 1 or 2 from the
CLI). Anything else escapes as an exception: a traceback the user would see.

Used by tests/reliability/test_fuzz.py (500 cases in CI) and tests/benchmarks/fuzz_10k.py.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from assistant.core.errors import PackError, UserInputError
from assistant.core.pack.loader import load_pack
from assistant.core.pack.model import Pack
from assistant.core.project import Project, load_project, project_text

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "mini"

# Values that broke parsers before, or might: huge and special numbers, YAML syntax, tags,
# aliases, control characters, other scripts, long text.
NASTY = [
    "9" * 310,
    "-" + "9" * 40,
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "1e308",
    "-5",
    "0x1F",
    "0o17",
    "1_000",
    "1,5",
    "nan",
    "~",
    "null",
    "yes",
    "NO",
    "2026-02-30",
    "{",
    "}",
    "[",
    "]",
    "[1, [2, [3]]]",
    "{a: {b: {c: d}}}",
    "&anchor x",
    "*anchor",
    "<<: {a: 1}",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "!!float x",
    "? [a]",
    "|",
    ">-",
    "---",
    "...",
    "%YAML 1.2",
    "'unterminated",
    '"\\x00"',
    "\t",
    "\x00",
    "\x7f",
    "\u202e",
    "日本語",
    "🙂",
    "a" * 5000,
    "- - - -",
    "key: value: other",
    "",
]

nasty = st.sampled_from(NASTY)
token = st.one_of(nasty, st.text(max_size=30), st.integers().map(str), st.floats().map(str))


@st.composite
def mutated(draw: Any, text: str) -> str:
    """``text`` with a few edits: cut, a line dropped or repeated, tokens put in or swapped."""
    lines = text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [draw(token)]
        op = draw(st.sampled_from(["cut", "drop", "dup", "insert", "replace", "indent"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "cut":
            whole = "".join(lines)
            at = draw(st.integers(0, len(whole)))
            lines = whole[:at].splitlines(keepends=True)
        elif op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(token) + line[at:]
        elif op == "replace":
            key, sep, _rest = lines[i].partition(":")
            lines[i] = f"{key}{sep or ':'} {draw(token)}\n"
        else:
            lines[i] = " " * draw(st.integers(1, 5)) + lines[i]
    return "".join(lines)


def _mini() -> Pack:
    return load_pack(MINI)


_PACK: list[Pack] = []


def mini_pack() -> Pack:
    if not _PACK:
        _PACK.append(_mini())
    return _PACK[0]


def sample_project_text() -> str:
    project = Project(
        answers={"account": "new", "traffic": "spiky", "payload_mb": 2.5, "gpu": False},
        pins={"model": (120.0, 40.5), "client": (10.0, 20.0)},
        title="Fuzz",
        notes="first\nsecond",
        dropped={"old": "x"},
    )
    return project_text(project, mini_pack())


# --- targets -----------------------------------------------------------------------------


def project_files() -> st.SearchStrategy[str | bytes]:
    text = sample_project_text()
    return st.one_of(mutated(text), st.binary(max_size=300), st.text(max_size=300))


def run_project_file(content: str | bytes, folder: Path) -> str:
    path = folder / "fuzz.archassist.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        load_project(path, mini_pack())
    except UserInputError:
        return "refused"
    return "ok"


def pack_files() -> st.SearchStrategy[tuple[str, str]]:
    names = sorted(p.name for p in MINI.glob("*.yaml"))
    return st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.just(name), mutated((MINI / name).read_text(encoding="utf-8")))
    )


def run_pack_file(case: tuple[str, str], folder: Path) -> str:
    name, content = case
    pack = folder / "pack"
    if pack.exists():
        shutil.rmtree(pack)
    shutil.copytree(MINI, pack)
    (pack / name).write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        load_pack(pack)
    except PackError:
        return "refused"
    return "ok"


def answers() -> st.SearchStrategy[dict[str, Any]]:
    qids = st.sampled_from(["account", "payload_mb", "traffic", "gpu", "unknown", ""])
    values = st.one_of(
        nasty,
        st.sampled_from(["new", "existing", "steady", "spiky", True, False, None]),
        st.integers(),
        st.floats(),
        st.lists(st.sampled_from(["steady", "spiky", "x"]), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )
    return st.dictionaries(qids, values, max_size=5)


def run_answers(raw: dict[str, Any], _folder: Path) -> str:
    from assistant.core.decide.engine import recommend
    from assistant.core.pack.answers import normalize_answers

    pack = mini_pack()
    try:
        good = normalize_answers(pack, raw)
    except (UserInputError, ValueError):
        return "refused"
    recommend(pack, good)
    return "ok"


_OPTIONS = {
    "validate": [["--no-lint"]],
    "questions": [["--json"], ["-a", "{qa}"], ["--answers", "{file}"]],
    "recommend": [["--json"], ["-a", "{qa}"], ["--answers", "{file}"]],
    "explain": [["{word}"], ["--json"]],
    "export": [
        ["--format", "{fmt}"],
        ["-o", "{out}"],
        ["-a", "{qa}"],
        ["--direction", "{word}"],
        ["--width", "{word}"],
        ["--scale", "{word}"],
    ],
    "quiz": [["--json"], ["--count", "{word}"], ["--seed", "{word}"], ["--anki", "{out}"]],
}


@st.composite
def cli_args(draw: Any) -> list[str]:
    """An argv for a headless command (never the GUI: every argv starts with a command)."""
    command = draw(st.sampled_from(sorted(_OPTIONS)))
    argv = ["--pack", str(MINI), command]
    if command == "quiz":
        argv.append("--json")  # the terminal quiz would wait for answers on stdin
    for option in draw(st.lists(st.sampled_from(_OPTIONS[command]), max_size=5)):
        for part in option:
            argv.append(
                part.format(
                    qa=draw(st.sampled_from(["payload_mb", "gpu", "traffic", "x", ""]))
                    + draw(st.sampled_from(["=", "", "=="]))
                    + draw(token),
                    file=draw(st.sampled_from(["{tmp}/answers.yaml", "/nonexistent", "{tmp}"])),
                    fmt=draw(st.sampled_from(["svg", "mermaid", "drawio", "md", "gif", ""])),
                    out=draw(st.sampled_from(["{tmp}/out.x", "{tmp}", "/dev/full", "{tmp}/a/b"])),
                    word=draw(token),
                )
            )
    if draw(st.booleans()):
        argv.append(draw(token))
    return argv


def run_cli(argv: list[str], folder: Path) -> str:
    from assistant.cli import main

    (folder / "answers.yaml").write_text("traffic: spiky\npayload_mb: 3\n")
    args = [a.replace("{tmp}", str(folder)) for a in argv]
    if "export" in args and not any(a in ("svg", "mermaid", "drawio", "md") for a in args):
        args = [*args, "--format", "mermaid"]  # png/pdf need Qt; the wheel test covers them
    out, err = io.StringIO(), io.StringIO()
    code: Any
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exc:
            code = exc.code
    if "Traceback" in err.getvalue():
        raise AssertionError(f"traceback for {args}: {err.getvalue()}")
    if code not in (0, 1, 2):
        raise AssertionError(f"exit {code!r} for {args}")
    return "ok" if code == 0 else "refused"


TARGETS = {
    "project files": (project_files, run_project_file),
    "pack files": (pack_files, run_pack_file),
    "answers": (answers, run_answers),
    "CLI arguments": (cli_args, run_cli),
}


@contextlib.contextmanager
def scratch() -> Any:
    folder = Path(tempfile.mkdtemp(prefix="archassist-fuzz-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
