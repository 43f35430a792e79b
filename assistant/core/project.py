"""Project files (``*.archassist.yaml``) and plain answers files.

A project holds the pack it was made with, the answers, free notes and the
diagram pins. It may hold several inference paths (``paths:``), each a name and the
answers that differ for that path; the top-level ``answers`` are shared by all paths.
Loading never loses what the user made: answers that no longer fit the pack are
reported one by one and kept under ``dropped`` when saved again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import Loc, PackError, Problem, UserInputError, display_path
from .io.atomic import atomic_write_text
from .io.yamlio import YMap, dump, load_file
from .pack import model as m
from .pack.answers import answer_problems, rename_answers

__all__ = [
    "PROJECT_FORMAT",
    "PROJECT_SUFFIX",
    "Project",
    "ProjectPath",
    "load_answers",
    "load_project",
    "save_project",
]

PROJECT_FORMAT = 1
PROJECT_SUFFIX = ".archassist.yaml"
_KEYS = ("archassist", "contents", "pack", "title", "notes", "answers", "paths", "pins", "dropped")
# What a saved project holds, counted in its second line, so a file cut short (a full disk,
# a half-copied file) is refused with what is missing instead of opening with fewer answers.
# Hand-written files may leave it out; a file holding more than it says was edited by hand.
_COUNTED = ("answers", "pins", "dropped")


@dataclass(frozen=True, slots=True)
class ProjectPath:
    """One inference path of a project: its name and the answers that differ for it."""

    name: str
    answers: Mapping[str, m.AnswerValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Project:
    answers: Mapping[str, m.AnswerValue] = field(default_factory=dict)
    pins: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    title: str = ""
    notes: str = ""
    pack_id: str = ""
    pack_version: str = ""
    dropped: Mapping[str, Any] = field(default_factory=dict)
    # What loading had to drop or change, one sentence each, to show the user.
    messages: tuple[str, ...] = ()
    # Several inference paths; empty for a project with one need (the shared answers).
    paths: tuple[ProjectPath, ...] = ()

    def with_answers(self, answers: Mapping[str, m.AnswerValue]) -> Project:
        return replace(self, answers=dict(answers))

    def path_answers(self) -> list[tuple[str, dict[str, m.AnswerValue]]]:
        """Each path's name and answers: the shared answers with the path's own on top."""
        if not self.paths:
            return [("", dict(self.answers))]
        return [(p.name, {**self.answers, **p.answers}) for p in self.paths]


def _problem(path: str, data: Any, key: str, message: str) -> Problem:
    loc = data.loc_of(key) if isinstance(data, YMap) else Loc(path)
    return Problem(loc, message)


def load_project(path: Path | str, pack: m.Pack) -> Project:
    """Read a project or plain answers file and fit it to ``pack``.

    Raises:
        UserInputError: the file cannot be read or is not a project; the message
            names the file and the place. Nothing is written.
    """
    p = Path(path)
    shown = display_path(p)
    data = _read_mapping(p, shown)
    project_data: YMap | None = data if "archassist" in data else None
    raw_answers: Any = data
    if project_data is not None:
        problems = _project_problems(shown, project_data, p)
        if problems:
            raise UserInputError("\n".join(str(p) for p in problems), problems)
        raw_answers = project_data.get("answers") or {}
    raw_answers, messages = rename_answers(pack, raw_answers, shown)  # pack.yaml `renamed:`
    good, bad = answer_problems(pack, raw_answers)
    dropped: dict[str, Any] = {}
    for qid, why in bad:
        loc = raw_answers.loc_of(qid) if isinstance(raw_answers, YMap) else Loc(shown)
        messages.append(f"{loc}: dropped answer '{qid}': {why}")
        dropped[qid] = _plain(raw_answers.get(qid))
    pins: dict[str, tuple[float, float]] = {}
    pack_id = pack_version = ""
    title = notes = ""
    if project_data is not None:
        pins = _pins(project_data, messages)
        pack_id, pack_version = _made_with(project_data, pack, shown, messages)
        title = str(project_data.get("title") or "")
        notes = str(project_data.get("notes") or "")
        old = project_data.get("dropped")
        if isinstance(old, dict):
            dropped = {**{str(k): _plain(v) for k, v in old.items()}, **dropped}
    paths = _read_paths(pack, project_data, shown, messages, dropped)
    return Project(
        paths=paths,
        answers=good,
        pins=pins,
        title=title,
        notes=notes,
        pack_id=pack_id or pack.id,
        pack_version=pack_version or pack.version,
        dropped=dropped,
        messages=tuple(messages),
    )


def _read_mapping(p: Path, shown: str) -> YMap:
    """The file's top-level mapping (an empty file is an empty one)."""
    try:
        data = load_file(p, shown)
    except PackError as exc:
        # the first problem's line names the file and the place: the message starts with it
        raise UserInputError("\n".join(str(x) for x in exc.problems), exc.problems) from None
    if data is None:
        data = YMap()
        data.loc, data.key_locs = Loc(shown, 1, 1), {}
    if not isinstance(data, YMap):
        loc = getattr(data, "loc", Loc(shown, 1, 1))
        raise UserInputError(f"{loc}: a project or answers file must be a mapping")
    return data


def _project_problems(shown: str, data: YMap, p: Path) -> list[Problem]:
    """What makes a project file unreadable as a whole: keys, format, shapes, lost content."""
    problems = [
        _problem(shown, data, k, f"unknown key '{k}' (allowed: {', '.join(_KEYS)})")
        for k in data
        if k not in _KEYS
    ]
    fmt = data.get("archassist")
    if fmt != PROJECT_FORMAT:
        problems.append(
            _problem(
                shown,
                data,
                "archassist",
                f"project format {fmt!r} is not supported (this version reads {PROJECT_FORMAT})",
            )
        )
    if not isinstance(data.get("answers") or {}, dict):
        problems.append(
            _problem(shown, data, "answers", "'answers' must be a mapping of question: answer")
        )
    if not isinstance(data.get("pins") or {}, dict):
        problems.append(_problem(shown, data, "pins", "'pins' must be a mapping of node: [x, y]"))
    problems.extend(_path_problems(shown, data))
    problems.extend(_missing_content(shown, data, p))
    return problems


def _pins(data: YMap, messages: list[str]) -> dict[str, tuple[float, float]]:
    """The pins that are [x, y]; each other one is dropped with a message."""
    pins: dict[str, tuple[float, float]] = {}
    for node, xy in (data.get("pins") or {}).items():
        if (
            isinstance(xy, list)
            and len(xy) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in xy)
        ):
            pins[str(node)] = (float(xy[0]), float(xy[1]))
        else:
            messages.append(f"{data['pins'].loc_of(node)}: dropped pin '{node}': expected [x, y]")
    return pins


def _made_with(data: YMap, pack: m.Pack, shown: str, messages: list[str]) -> tuple[str, str]:
    """The pack id and version the project names; a first message when they differ."""
    pack_id = pack_version = ""
    meta = data.get("pack")
    if isinstance(meta, dict):
        pack_id, pack_version = str(meta.get("id", "")), str(meta.get("version", ""))
    if pack_id and pack_id != pack.id:
        messages.insert(0, f"{shown}: made with pack '{pack_id}', opened with '{pack.id}'")
    elif pack_version and pack_version != pack.version:
        messages.insert(
            0, f"{shown}: made with {pack.id} {pack_version}, opened with {pack.version}"
        )
    return pack_id, pack_version


def _path_problems(shown: str, data: YMap) -> list[Problem]:
    """The first problem of a malformed ``paths:`` list (its place named)."""
    raw = data.get("paths")
    if raw is None:
        return []
    if not isinstance(raw, list):
        return [_problem(shown, data, "paths", "'paths' must be a list of {name, answers}")]
    names: set[str] = set()
    for i, item in enumerate(raw):
        loc = raw.loc_of(i) if hasattr(raw, "loc_of") else Loc(shown)
        if not isinstance(item, dict) or not isinstance(item.get("name"), str | int):
            return [Problem(loc, f"paths[{i}] must be a mapping with a 'name'")]
        extra = [k for k in item if k not in ("name", "answers")]
        if extra:
            return [Problem(loc, f"paths[{i}]: unknown key '{extra[0]}' (allowed: name, answers)")]
        if not isinstance(item.get("answers") or {}, dict):
            return [Problem(loc, f"paths[{i}].answers must be a mapping of question: answer")]
        name = str(item["name"]).strip()
        if not name or name in names:
            return [Problem(loc, f"paths[{i}]: the name {name!r} is empty or used twice")]
        names.add(name)
    return []


def _read_paths(
    pack: m.Pack,
    data: YMap | None,
    shown: str,
    messages: list[str],
    dropped: dict[str, Any],
) -> tuple[ProjectPath, ...]:
    """The project's paths; an answer that no longer fits is reported and kept in dropped."""
    if data is None or not data.get("paths"):
        return ()
    out = []
    for item in data["paths"]:
        name = str(item["name"]).strip()
        raw = item.get("answers") or {}
        raw, renamed = rename_answers(pack, raw, shown)
        messages.extend(renamed)
        good, bad = answer_problems(pack, raw)
        for qid, why in bad:
            loc = raw.loc_of(qid) if isinstance(raw, YMap) else Loc(shown)
            messages.append(f"{loc}: dropped answer '{qid}' of path '{name}': {why}")
            dropped[f"{name}/{qid}"] = _plain(raw.get(qid))
        out.append(ProjectPath(name, good))
    return tuple(out)


def _missing_content(shown: str, data: YMap, path: Path) -> list[Problem]:
    """A problem when the file holds fewer entries than its ``contents`` line counts."""
    if "contents" not in data:
        return []
    declared = data.get("contents")
    if declared is None:  # the file ends on "contents:"
        message = "the file is incomplete (cut short?): it ends at its contents line"
        return [_problem(shown, data, "contents", message)]
    if not isinstance(declared, dict) or not all(
        isinstance(declared.get(k, 0), int) and not isinstance(declared.get(k, 0), bool)
        for k in _COUNTED
    ):
        counts = ", ".join(f"{k}: N" for k in _COUNTED)
        return [_problem(shown, data, "contents", f"'contents' must be {{{counts}}}")]
    short = []
    for key in _COUNTED:
        want = declared.get(key, 0)
        have = data.get(key)
        n = len(have) if isinstance(have, dict) else 0
        if n < want:
            short.append(f"{n} of its {want} {key}")
    if not short:
        return []
    backup = path.with_name(path.name + "~")
    earlier = f"; the previous version is {display_path(backup)}" if backup.is_file() else ""
    message = (
        f"the file is incomplete (cut short?): it holds {', '.join(short)}. "
        f"It was not opened{earlier}"
    )
    return [_problem(shown, data, "contents", message)]


def load_answers(path: Path | str, pack: m.Pack) -> Project:
    """Like :func:`load_project`, but any answer that does not fit is an error."""
    project = load_project(path, pack)
    errors = [msg for msg in project.messages if "dropped" in msg]
    if errors:
        valid = ", ".join(sorted(pack.questions))
        raise UserInputError("\n".join(errors) + f"\nvalid questions: {valid}")
    return project


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


def project_text(project: Project, pack: m.Pack) -> str:
    data: dict[str, Any] = {
        "archassist": PROJECT_FORMAT,
        "contents": {k: len(getattr(project, k)) for k in _COUNTED},
        "pack": {"id": pack.id, "version": pack.version},
        "title": project.title,
        "notes": project.notes,
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in project.answers.items()},
        "pins": {k: [round(x, 1), round(y, 1)] for k, (x, y) in sorted(project.pins.items())},
    }
    if project.paths:
        data["paths"] = [
            {
                "name": p.name,
                "answers": {
                    k: list(v) if isinstance(v, tuple) else v for k, v in p.answers.items()
                },
            }
            for p in project.paths
        ]
    if project.dropped:
        data["dropped"] = dict(project.dropped)
    return dump(data)


def save_project(path: Path | str, project: Project, pack: m.Pack) -> None:
    """Write the project atomically, keeping the previous version as ``NAME~``."""
    atomic_write_text(path, project_text(project, pack), backup=True)
