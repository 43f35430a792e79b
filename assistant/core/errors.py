"""Error types that carry the place in a file they are about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Loc", "PackError", "Problem", "UserInputError"]


@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A place in a file: 1-based line and column (0 when unknown).

    >>> str(Loc("pack.yaml", 3, 5))
    'pack.yaml:3:5'
    """

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One error found in a file."""

    loc: Loc
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"


class PackError(Exception):
    """A knowledge pack (or a file in it) is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UserInputError(Exception):
    """Input given by the user (answers, a project file, a term) is not usable.

    The message is meant to be shown as it is: it names the file or the id, and
    for an unknown id it lists the valid ones.
    """

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


def display_path(path: Path | str) -> str:
    """A path as the user typed it, relative to the working directory when inside it."""
    p = Path(path)
    cwd = Path.cwd().resolve()
    if cwd == Path(cwd.anchor):  # in "/" a relative form would drop the leading "/"
        return str(p.resolve())
    try:
        return str(p.resolve().relative_to(cwd))
    except ValueError:
        return str(p)
