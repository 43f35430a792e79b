"""The house rules, read from the source: imports point down, no private names cross modules.

Layers, bottom up: ``assistant.core`` <- ``assistant.export`` / ``assistant.aws`` <-
``assistant.gui`` and the CLI. Inside the core: ``errors`` and ``vocab`` <- ``io`` <- ``pack``
<- ``decide`` <- ``study``, with ``diagram`` standing on ``io`` alone and ``project`` on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "assistant"

# What each room of the core may import from the others (its own room is always allowed).
# ``vocab`` (the one vocabulary) and ``errors`` are the ground: every room may use them.
CORE_ROOMS: dict[str, set[str]] = {
    "errors": set(),
    "vocab": set(),
    "io": {"errors", "vocab"},
    "pack": {"errors", "vocab", "io"},
    "diagram": {"errors", "vocab", "io"},
    "decide": {"errors", "vocab", "io", "pack", "diagram"},
    "study": {"errors", "vocab", "io", "pack", "diagram", "decide"},
    "project": {"errors", "vocab", "io", "pack", "diagram", "decide"},
}
# What each top-level part may import ("core" is everything under assistant.core).
LAYERS: dict[str, set[str]] = {
    "core": {"core"},
    "export": {"core", "export"},
    "aws": {"core", "aws"},
    "gui": {"core", "export", "aws", "gui"},
    "cli": {"core", "export", "aws", "gui", "cli"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(source: str, me: str, is_package: bool) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, imported names) for every import in module ``me``."""
    package = me.split(".") if is_package else me.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, module, [a.name for a in node.names]))
    return found


def _part(module: str) -> str | None:
    """The layer a module of ours belongs to, or None for other packages."""
    parts = module.split(".")
    if parts[0] != "assistant":
        return None
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "cli"  # cli.py, quiz_cli.py, __main__.py and the package itself


def violations(source: str, me: str, is_package: bool = False) -> list[str]:
    """Every import in module ``me`` that points up, sideways out of order, or at a private name."""
    layer = _part(me) or "cli"
    found = []
    for line, module, names in _imports(source, me, is_package):
        target = _part(module)
        if target is None or module == "assistant":
            continue
        if target not in LAYERS[layer]:
            found.append(f"{line}: {layer} must not import {module}")
        mine, theirs = me.split("."), module.split(".")
        inside_core = layer == target == "core" and len(mine) > 2 and len(theirs) > 2
        if inside_core and mine[2] != theirs[2] and theirs[2] not in CORE_ROOMS[mine[2]]:
            found.append(f"{line}: core.{mine[2]} must not import {module}")
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        if private:
            found.append(f"{line}: imports private {private} from {module}")
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down_and_stay_public(path: Path) -> None:
    me = _module_name(path)
    assert violations(path.read_text(), me, path.name == "__init__.py") == [], path


@pytest.mark.parametrize(
    ("source", "me", "problem"),
    [
        ("from ..decide.engine import recommend\n", "assistant.core.pack.loader", "core.pack"),
        ("from ..pack.model import Pack\n", "assistant.core.diagram.layout", "core.diagram"),
        ("from ...gui import app\n", "assistant.core.decide.engine", "core must not"),
        ("from ..gui.canvas import Canvas\n", "assistant.export.svg", "export must not"),
        ("from .engine import _decide\n", "assistant.core.decide.lint", "private"),
        ("from .pack.model import Pack\n", "assistant.core.vocab", "core.vocab"),
    ],
)
def test_the_rules_catch_a_wrong_import(source: str, me: str, problem: str) -> None:
    found = violations(source, me)
    assert len(found) == 1 and problem in found[0], found
