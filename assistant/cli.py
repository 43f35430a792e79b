"""The ``archassist`` command: the desktop app, and headless commands on the same core.

Exit codes: 0 ok; 1 a meaningful "no": ``validate`` of an invalid pack (or one with lint
findings), ``check`` with findings, ``coverage`` with a gap, ``explain`` of a term the pack
knows nothing of, a file that could not be written; 2 bad input: a usage error, or a pack,
project, answers or design file that cannot be read or holds unknown ids or absurd numbers
(one line naming the file and the place of the first problem). Bad input never prints a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .cli_args import OneLineParser, bounded_float, output_file, window_size
from .core.errors import PackError, UserInputError
from .core.vocab import CHOICE_KINDS, EXPORT_FORMATS

# Each command's own modules (check_cli, quiz_cli, ..., json) are imported when that command
# runs or its parser is built: an export's whole-process time is what its user waits.

__all__ = ["main"]

WORKSPACES = ("plan", "explore", "study")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, holding that command's subparser alone.

    Parsing a command's arguments needs its own subparser only: an export does not build
    the other nine (~10 ms of its start). Help and a wrong or missing command get them all.
    """
    p = OneLineParser(  # usage errors: one line, exit 2 (subcommands inherit the class)
        prog="archassist",
        description="Offline decision assistant for machine-learning architectures on AWS.",
        epilog="Without a command, opens the desktop app (optionally with PROJECT).",
    )
    p.add_argument("--version", action="version", version=f"archassist {__version__}")
    p.add_argument("--pack", type=Path, help="knowledge pack folder (default: the shipped pack)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _SUBPARSERS.items():  # in the order --help lists them
        if command is None or name == command:
            add(sub)
    return p


def _add_validate(sub: Any) -> None:
    v = sub.add_parser("validate", help="check a knowledge pack; list every error as path:line:col")
    v.add_argument("pack_dir", nargs="?", type=Path, metavar="PACK")
    v.add_argument("--no-lint", action="store_true", help="skip the lint (reachability) pass")


def _add_questions(sub: Any) -> None:
    q = sub.add_parser("questions", help="the questions relevant now, with ids and options")
    q.add_argument("--answers", type=Path, metavar="F")
    q.add_argument("-a", dest="assign", action="append", default=[], metavar="ID=VALUE")
    q.add_argument("--json", action="store_true")


def _add_recommend(sub: Any) -> None:
    r = sub.add_parser("recommend", help="recommend an architecture for the answers")
    r.add_argument("--answers", type=Path, metavar="F")
    r.add_argument("-a", dest="assign", action="append", default=[], metavar="ID=VALUE")
    r.add_argument("--json", action="store_true")


def _add_export(sub: Any) -> None:
    from .diagram_cli import add_diagram_options

    e = sub.add_parser("export", help="export the diagram or a report")
    e.add_argument("--answers", type=Path, metavar="F")
    e.add_argument("-a", dest="assign", action="append", default=[], metavar="ID=VALUE")
    e.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    e.add_argument("-o", "--output", required=True, type=output_file, metavar="OUT")
    e.add_argument(
        "--scale",
        type=bounded_float(1, 4),
        default=2.0,
        help="PNG scale factor, 1 to 4 (default 2)",
    )
    e.add_argument("--transparent", action="store_true", help="PNG with a transparent background")
    add_diagram_options(e)


def _add_explain(sub: Any) -> None:
    x = sub.add_parser("explain", help="what the knowledge says about a service or fact")
    x.add_argument("term", nargs="+")
    x.add_argument("--json", action="store_true")


def _add_quiz(sub: Any) -> None:
    from .quiz_cli import add_quiz_parser  # quiz_cli.py owns the quiz's options

    add_quiz_parser(sub)


def _add_coverage(sub: Any) -> None:
    from .coverage_cli import add_coverage_parser  # coverage_cli.py owns coverage

    add_coverage_parser(sub)


def _add_screenshot(sub: Any) -> None:
    s = sub.add_parser("screenshot", help="render a workspace offscreen to PNG")
    s.add_argument("-o", "--output", required=True, type=output_file, metavar="OUT.png")
    s.add_argument("--answers", type=Path, metavar="F")
    s.add_argument("--workspace", choices=WORKSPACES, default="plan")
    s.add_argument(
        "--size",
        type=window_size,
        default="1400x900",
        help="window size WxH, 100 to 8192 pixels a side (default 1400x900)",
    )
    s.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default="system",
        help="colour scheme (default: the system's; light when offscreen)",
    )


def _add_check(sub: Any) -> None:
    from .check_cli import add_check_parser

    add_check_parser(sub)


def _add_import(sub: Any) -> None:
    from .import_cli import add_import_parser

    add_import_parser(sub)


_SUBPARSERS: dict[str, Callable[[Any], None]] = {
    "validate": _add_validate,
    "questions": _add_questions,
    "recommend": _add_recommend,
    "export": _add_export,
    "explain": _add_explain,
    "quiz": _add_quiz,
    "coverage": _add_coverage,
    "screenshot": _add_screenshot,
    "check": _add_check,
    "import": _add_import,
}


def _err(message: str) -> None:
    print(f"archassist: {message}", file=sys.stderr)


def _pack(args: argparse.Namespace) -> Any:
    from .core.io.paths import default_pack_dir
    from .core.pack.loader import load_pack

    return load_pack(args.pack or default_pack_dir(), cache=True)


def _answers(args: argparse.Namespace, pack: Any) -> tuple[dict[str, Any], Any]:
    from .core.pack.answers import coerce_text, normalize_answers
    from .core.project import Project, load_answers

    project = load_answers(args.answers, pack) if args.answers else Project()
    raw: dict[str, Any] = dict(project.answers)
    for item in args.assign:
        qid, sep, text = item.partition("=")
        if not sep:
            raise UserInputError(f"-a {item}: expected ID=VALUE")
        q = pack.questions.get(qid.strip())
        if q is None:
            raise UserInputError(
                f"-a {item}: unknown question '{qid}'\n"
                f"valid questions: {', '.join(sorted(pack.questions))}"
            )
        raw[q.id] = coerce_text(q, text)
    return normalize_answers(pack, raw, "-a" if args.assign else str(args.answers)), project


def jsonable(obj: Any) -> Any:
    """Plain JSON data from results (dataclasses, mappings, tuples); shared by the *_cli modules."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return {k: jsonable(v) for k, v in asdict(obj).items()}
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [jsonable(v) for v in obj]
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return obj


def cmd_validate(args: argparse.Namespace) -> int:
    from .core.decide.lint import lint_pack
    from .core.io.paths import default_pack_dir
    from .core.pack.loader import load_pack

    folder = args.pack_dir or args.pack or default_pack_dir()
    try:
        pack = load_pack(folder)
    except PackError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} error(s)", file=sys.stderr)
        return 1
    findings = [] if args.no_lint else lint_pack(pack)
    for f in findings:
        print(f"{f} [lint]")
    counts = (
        f"{len(pack.services)} services, {len(pack.facts)} facts, {len(pack.questions)} questions, "
        f"{len(pack.areas)} areas, {sum(len(a.options) for a in pack.areas)} options, "
        f"{len(pack.quiz)} quiz items" + (f", {len(pack.exams)} exams" if pack.exams else "")
    )
    if findings:
        print(
            f"{pack.id} {pack.version}: valid, {len(findings)} lint finding(s) ({counts})",
            file=sys.stderr,
        )
        return 1
    print(f"{pack.id} {pack.version}: valid ({counts})")
    return 0


def _question_dict(pack: Any, qid: str, answers: dict[str, Any]) -> dict[str, Any]:
    q = pack.questions[qid]
    d: dict[str, Any] = {"id": q.id, "area": q.area, "text": q.text, "kind": q.kind, "help": q.help}
    if q.kind in CHOICE_KINDS:
        d["options"] = [{"id": o.id, "label": o.label} for o in q.options]
    if q.kind == "number":
        d.update(unit=q.unit, min=q.min, max=q.max)
    if qid in answers:
        d["answer"] = jsonable(answers[qid])
    return d


def cmd_questions(args: argparse.Namespace) -> int:
    import json

    from .core.decide.engine import recommend

    pack = _pack(args)
    answers, _ = _answers(args, pack)
    rec = recommend(pack, answers)
    items = [_question_dict(pack, qid, answers) for qid in rec.relevant_questions]
    if args.json:
        print(json.dumps({"questions": items, "open": list(rec.open_questions)}, indent=2))
        return 0
    for d in items:
        mark = "*" if d["id"] in rec.open_questions else " "
        answer = f"  = {d['answer']}" if "answer" in d else ""
        print(f"{mark} {d['id']} ({d['kind']}): {d['text']}{answer}")
        for o in d.get("options", []):
            print(f"      {o['id']}: {o['label']}")
        if d["kind"] == "number":
            print(f"      number in {d['unit'] or 'units'} from {d['min']} to {d['max']}")
    print("\n* unanswered and could still change the recommendation")
    return 0


def recommendation_json(rec: Any) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(rec)
    # Internal scores are no reason a user can act on: only tools see them, under "debug".
    scores: dict[str, dict[str, Any]] = {}
    for area in data["areas"]:
        picks = [area["chosen"]] if area["chosen"] else []
        scores[area["id"]] = {o["id"]: o.pop("score") for o in picks + area["alternatives"]}
    data["debug"] = {"scores": scores}
    return data


def cmd_recommend(args: argparse.Namespace) -> int:
    import json

    from .core.decide.engine import recommend
    from .core.pack.model import format_value
    from .paths_cli import print_paths

    pack = _pack(args)
    answers, project = _answers(args, pack)
    if project.paths:  # several inference paths: one recommendation each
        return print_paths(pack, answers, project, args.json)
    rec = recommend(pack, answers, project.pins)
    if args.json:
        print(json.dumps(recommendation_json(rec), indent=2))
        return 0
    for area in rec.areas:
        print(f"\n== {area.title}: {area.chosen.title if area.chosen else 'no option fits'}")
        for r in area.reasons:
            print(f"   because {r.text}{_cite(r)}")
        for c in area.config:
            print(f"   config  {c.key} = {format_value(c.value, c.unit)}")
        for w in area.warnings:
            print(f"   warning {w.text}")
        for alt in area.alternatives:
            print(
                f"   {'not' if alt.status == 'ruled_out' else 'also'}     {alt.title}: "
                f"{alt.reasons[0].text if alt.reasons else ''}"
            )
        if area.open_questions:
            print(f"   open    {', '.join(area.open_questions)}")
    return 0


def _cite(r: Any) -> str:
    return f" [{'; '.join(s.title for s in r.sources)}]" if r.sources else ""


def cmd_explain(args: argparse.Namespace) -> int:
    import json

    from .core.decide.explain import explain, explain_text, nearest_text

    pack = _pack(args)
    term = " ".join(args.term)
    result = explain(pack, term)
    if result is None:  # an answer ("the pack knows nothing of it"), not bad input
        _err(nearest_text(pack, term))
        return 1
    if args.json:
        print(json.dumps(jsonable(result), indent=2))
    else:
        print(explain_text(result))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .core.decide.engine import recommend
    from .diagram_cli import with_direction
    from .export import export
    from .paths_cli import paths_recommendation

    pack = _pack(args)
    answers, project = _answers(args, pack)
    if project.paths:  # the diagram of every path
        rec = paths_recommendation(pack, answers, project)
    else:
        rec = recommend(pack, answers, project.pins, title=project.title)
    rec = with_direction(rec, args.direction, project.pins)
    export(
        rec,
        pack,
        args.format,
        args.output,
        scale=args.scale,
        transparent=args.transparent,
        project=project,
        page=args.page,
        width=args.width,
    )
    print(args.output)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .check_cli import cmd_check as run

    return run(args)


def cmd_import(args: argparse.Namespace) -> int:
    from .import_cli import cmd_import as run

    return run(args)


def cmd_coverage(args: argparse.Namespace) -> int:
    from .coverage_cli import cmd_coverage as run

    return run(args)


def cmd_quiz(args: argparse.Namespace) -> int:
    from .quiz_cli import run_quiz_cli

    return run_quiz_cli(_pack(args), args)


def cmd_screenshot(args: argparse.Namespace) -> int:
    from .gui.screenshot import render_screenshot

    w, h = args.size  # checked by the parser (cli_args.window_size)
    render_screenshot(
        args.output,
        pack_dir=args.pack,
        answers=args.answers,
        workspace=args.workspace,
        size=(w, h),
        theme=args.theme,
    )
    print(args.output)
    return 0


def _open_app(args: argparse.Namespace, rest: Sequence[str]) -> int:
    from .gui.app import run_app

    project = Path(rest[0]) if rest else None
    return run_app(project=project, pack_dir=args.pack)


COMMANDS = {
    "validate": cmd_validate,
    "questions": cmd_questions,
    "recommend": cmd_recommend,
    "explain": cmd_explain,
    "export": cmd_export,
    "quiz": cmd_quiz,
    "screenshot": cmd_screenshot,
    "check": cmd_check,
    "import": cmd_import,
    "coverage": cmd_coverage,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `archassist PROJECT` opens the app: a first positional word that is no command
    command: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--pack":
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        if word in COMMANDS:
            command = word
        else:
            rest = [argv.pop(i)]
        break
    # The parser of that command alone, unless help is asked for (it lists every command).
    helps = "-h" in argv or "--help" in argv
    args = _parser(None if helps else command).parse_args(argv)
    try:
        if args.command is None:
            return _open_app(args, rest)
        return COMMANDS[args.command](args)
    except PackError as exc:  # a pack that cannot be read (validate says so itself, exit 1)
        for problem in exc.problems:
            _err(str(problem))
        return 2
    except UserInputError as exc:
        _err(str(exc))
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a write the parser could not foresee: full disk, a race
        where = f"{exc.filename}: " if exc.filename else ""
        _err(f"{where}{exc.strerror or exc}")
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
