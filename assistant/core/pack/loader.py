"""The one loader for knowledge packs: reads, validates and cross-checks a pack folder.

Every problem is collected with its ``path:line:col`` before anything is raised, so
an author sees all of them at once.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..errors import Loc, PackError, Problem, display_path
from ..io.yamlio import YMap, load_file
from . import cache as pack_cache
from . import model as m
from .checks import check_groups, check_operands, check_order, check_refs, check_renamed
from .cycles import check_cycles
from .exams import check_exams
from .reader import Reader
from .records import PARSERS, SECTIONS, parse_condition

__all__ = ["SCHEMA_VERSION", "load_pack", "parse_condition"]

SCHEMA_VERSION = 1
MAX_PACK_FILES = 500


def _pack_files(root: Path) -> list[Path]:
    files = [
        p
        for p in sorted(root.rglob("*.yaml"))
        if p.name != "pack.yaml"
        and "examples" not in p.relative_to(root).parts[:-1]
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return files


def _read(path: Path, shown: str) -> Any:
    """A pack file's YAML; an empty file (0 bytes, or only comments) is an error, since a
    pack file always holds something and an empty one is most likely a lost one."""
    doc = load_file(path, shown)
    if doc is None:
        raise PackError([Problem(Loc(shown, 1, 1), "the file is empty (lost content?)")])
    return doc


def load_pack(path: Path | str, *, cache: bool = False) -> m.Pack:
    """Load and check the pack in folder ``path``.

    With ``cache=True`` a pack whose files are byte for byte those of an earlier load
    with no problems comes from the user's cache folder (:mod:`.cache`; off when
    ``ARCHASSIST_NO_CACHE=1``). The default loads in full, as ``validate`` and the tests of
    the loader's errors need: a pack with problems is never cached, so either way the
    same problems are raised.

    Raises:
        PackError: with every problem found, each with its ``path:line:col``.
    """
    root = Path(path)
    files = _pack_folder(root)
    if not (cache and pack_cache.cache_enabled()):
        return _load(root, files)
    try:
        key = pack_cache.pack_key(root, [root / "pack.yaml", *files], display_path(root))
    except OSError:  # unreadable file: the full load reports it with its place
        return _load(root, files)
    pack = pack_cache.read_entry(key)
    if pack is None:
        pack = _load(root, files)
        pack_cache.write_entry(key, pack)
    return pack


def _load(root: Path, files: list[Path]) -> m.Pack:
    """The full load of a pack folder's ``files`` (see :func:`load_pack`)."""
    r = Reader()
    # Files that cannot be read or parsed: reported alone, since every record they hold would
    # be missing and each reference to one would add a follow-on error burying the cause.
    unreadable: list[Problem] = []
    meta: YMap | None = None
    meta_path = root / "pack.yaml"
    try:
        meta = r.record(
            _read(meta_path, display_path(meta_path)),
            Loc(display_path(meta_path), 1, 1),
            "pack.yaml",
            ("id", "title", "version", "as_of", "schema"),
            ("description", "existing_customer", "renamed"),
        )
    except PackError as exc:
        unreadable.extend(exc.problems)
    records = _read_records(r, files, unreadable)
    if unreadable:
        raise PackError(unreadable)
    tables = _tables(r, records)
    areas: dict[str, m.Area] = tables["areas"]
    pack_meta = _meta(r, meta) if meta is not None else {}
    check_refs(r, tables, _option_ids(r, areas))
    check_groups(r, list(areas.values()))
    check_cycles(r, records["relations"])
    check_operands(r, tables["questions"], tables["facts"])
    check_order(r, list(areas.values()), tables["questions"])
    renamed = check_renamed(r, meta, tables["questions"])
    check_exams(r, tables["exams"])
    if r.problems:
        raise PackError(r.problems)
    return m.Pack(
        path=str(root),
        schema=SCHEMA_VERSION,
        services=tables["services"],
        facts=tables["facts"],
        relations=tuple(records["relations"]),
        questions=tables["questions"],
        areas=tuple(sorted(areas.values(), key=lambda a: a.order)),
        quiz=tuple(tables["quiz"].values()),
        renamed=renamed,
        exams=tables["exams"],
        **pack_meta,
    )


def _pack_folder(root: Path) -> list[Path]:
    """The pack files of folder ``root``, once it is known to be a pack folder."""
    shown = display_path(root)
    if not root.is_dir():
        raise PackError(
            [Problem(Loc(shown), "not a folder (a knowledge pack is a folder with pack.yaml)")]
        )
    if not (root / "pack.yaml").is_file():
        raise PackError([Problem(Loc(shown), "no pack.yaml in this folder")])
    files = _pack_files(root)
    if len(files) > MAX_PACK_FILES:
        raise PackError(
            [Problem(Loc(shown), f"{len(files)} files; a pack holds at most {MAX_PACK_FILES}")]
        )
    return files


def _read_records(r: Reader, files: list[Path], unreadable: list[Problem]) -> dict[str, list[Any]]:
    """Every record of every section in ``files``; unreadable files go to ``unreadable``."""
    records: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    for f in files:
        name = display_path(f)
        try:
            doc = _read(f, name)
        except PackError as exc:
            unreadable.extend(exc.problems)
            continue
        if not isinstance(doc, YMap):
            r.error(
                Loc(name, 1, 1),
                f"a pack file must be a mapping of sections ({', '.join(SECTIONS)})",
            )
            continue
        for section, items in doc.items():
            if section not in SECTIONS:
                r.error(
                    doc.loc_of(section),
                    f"unknown section '{section}' (valid: {', '.join(SECTIONS)})",
                )
                continue
            for item, iloc in r.items(items, doc.loc_of(section), section):
                rec = PARSERS[section](r, item, iloc)
                if rec is not None:
                    records[section].append(rec)
    return records


def _tables(r: Reader, records: dict[str, list[Any]]) -> dict[str, dict[str, Any]]:
    """Records by id per section; a duplicate id is an error naming the first."""
    tables: dict[str, dict[str, Any]] = {}
    for section in ("services", "facts", "questions", "areas", "quiz", "exams"):
        table: dict[str, Any] = {}
        for rec in records[section]:
            if rec.id in table:
                r.error(
                    rec.loc,
                    f"duplicate {section[:-1] if section != 'quiz' else 'quiz item'} id"
                    f" '{rec.id}' (first at {table[rec.id].loc})",
                )
            elif rec.id:
                table[rec.id] = rec
        tables[section] = table
    return tables


def _option_ids(r: Reader, areas: dict[str, m.Area]) -> dict[str, m.Option]:
    """Options by ``area.option``; a duplicate within an area is an error."""
    option_ids: dict[str, m.Option] = {}
    for a in areas.values():
        for o in a.options:
            key = f"{a.id}.{o.id}"
            if key in option_ids:
                r.error(o.loc, f"duplicate option id '{o.id}' in area '{a.id}'")
            option_ids[key] = o
    return option_ids


def _meta(r: Reader, meta: YMap) -> dict[str, Any]:
    """The fields of pack.yaml that become the pack's own (id, title, version, ...)."""
    pack_meta: dict[str, Any] = {
        "id": r.ident(meta, "id"),
        "title": r.text(meta, "title"),
        "version": r.text(meta, "version"),
        "as_of": r.date(meta, "as_of") or dt.date.min,
        "description": r.text(meta, "description"),
    }
    schema = r.number(meta, "schema", 0.0)
    if schema != SCHEMA_VERSION:
        r.error(
            meta.loc_of("schema"),
            f"schema {schema:g} is not supported by this version of archassist"
            f" (it reads schema {SCHEMA_VERSION})"
            if schema is not None
            else "missing schema",
        )
    if "existing_customer" in meta:
        pack_meta["existing_customer"] = r.condition(
            meta["existing_customer"], meta.loc_of("existing_customer")
        )
    return pack_meta
