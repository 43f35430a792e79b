"""Exports of a recommendation: the diagram (SVG, PNG, PDF, draw.io, Mermaid) and a report.

:func:`export` writes one format to a file, atomically (through
:mod:`assistant.core.io.atomic`, the one writer). The functions that build each format
in memory are re-exported for the GUI: :func:`diagram_svg`, :func:`diagram_png`,
:func:`diagram_pdf`, :func:`drawio_xml`, :func:`mermaid_text`,
:func:`report_markdown` and :func:`report_html`.

Only PNG needs Qt (and PDF when its text has no WinAnsi code); they import PySide6 when
called, so this package imports without it. Each writer is imported when first used
(``export --format svg`` never loads the draw.io, report or CloudFormation writers): the
CLI's whole-process time is what users wait.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import UserInputError
from ..core.io.atomic import atomic_write_bytes, atomic_write_text
from ..core.vocab import EXPORT_FORMATS, EXPORT_SUFFIXES

if TYPE_CHECKING:
    from ..core.decide.engine import Recommendation
    from ..core.pack.model import Pack
    from .boto3_script import boto3_script
    from .cloudformation import cloudformation_yaml
    from .drawio import drawio_xml
    from .mermaid import mermaid_text
    from .pdf import diagram_pdf
    from .raster import diagram_png
    from .report import report_html, report_markdown
    from .svg import canvas_rect, diagram_svg

# Re-exported names and the module each comes from (imported on first use).
_LAZY = {
    "boto3_script": "boto3_script",
    "cloudformation_yaml": "cloudformation",
    "drawio_xml": "drawio",
    "mermaid_text": "mermaid",
    "diagram_pdf": "pdf",
    "diagram_png": "raster",
    "report_html": "report",
    "report_markdown": "report",
    "canvas_rect": "svg",
    "diagram_svg": "svg",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "boto3_script",
    "canvas_rect",
    "cloudformation_yaml",
    "diagram_pdf",
    "diagram_png",
    "diagram_svg",
    "drawio_xml",
    "export",
    "export_bytes",
    "mermaid_text",
    "report_html",
    "report_markdown",
]

FORMATS = EXPORT_FORMATS  # defined once, in the core vocabulary
SUFFIXES = EXPORT_SUFFIXES  # the usual file name suffix of each format (save dialogs)


def export_bytes(
    rec: Recommendation,
    pack: Pack,
    fmt: str,
    *,
    scale: float = 2.0,
    transparent: bool = False,
    project: Any = None,
    page: str = "fit",
    width: int | None = None,
) -> bytes:
    """The export of ``rec`` in ``fmt`` as bytes (text formats UTF-8 encoded).

    ``width`` (PNG) is the image width in pixels and wins over ``scale``; ``page`` (PDF) is
    ``fit`` (the page fits the diagram) or a paper size such as ``a4`` or ``letter``.

    Raises:
        UserInputError: ``fmt`` is not one of :data:`FORMATS`, or ``scale``, ``width`` or
            ``page`` is out of range.
    """
    diagram = rec.diagram
    from .svg import canvas_rect, diagram_svg

    if width is not None:
        if not 16 <= width <= 20000:
            raise UserInputError(f"--width {width}: expected 16 to 20000 pixels")
        scale = width / canvas_rect(diagram).w
    if fmt == "svg":
        return diagram_svg(diagram, pack, transparent=transparent).encode("utf-8")
    if fmt == "png":
        from .raster import diagram_png

        try:
            return diagram_png(diagram, pack, scale=scale, transparent=transparent)
        except ValueError as exc:
            raise UserInputError(str(exc)) from None
    if fmt == "pdf":
        from .pdf import diagram_pdf

        title = getattr(project, "title", "") or diagram.title
        try:
            return diagram_pdf(diagram, pack, page=page, title=title)
        except ValueError as exc:
            raise UserInputError(str(exc)) from None
    if fmt == "drawio":
        from .drawio import drawio_xml

        return drawio_xml(diagram, pack).encode("utf-8")
    if fmt == "mermaid":
        from .mermaid import mermaid_text

        return mermaid_text(diagram, pack).encode("utf-8")
    if fmt == "md":
        from .report import report_markdown

        return report_markdown(rec, pack, project).encode("utf-8")
    if fmt == "html":
        from .report import report_html

        return report_html(rec, pack, project).encode("utf-8")
    if fmt == "cloudformation":
        from .cloudformation import cloudformation_yaml

        return cloudformation_yaml(rec, pack, project).encode("utf-8")
    if fmt == "boto3":
        from .boto3_script import boto3_script

        return boto3_script(rec, pack, project).encode("utf-8")
    raise UserInputError(f"unknown export format '{fmt}' (valid: {', '.join(FORMATS)})")


def export(
    rec: Recommendation,
    pack: Pack,
    fmt: str,
    out: Path | str,
    *,
    scale: float = 2.0,
    transparent: bool = False,
    project: Any = None,
    page: str = "fit",
    width: int | None = None,
) -> None:
    """Write ``rec`` in format ``fmt`` to ``out`` atomically (old file or new, never half).

    Args:
        rec: the recommendation; its ``diagram`` must be laid out.
        pack: the knowledge pack it came from (names, questions, sources).
        fmt: one of :data:`FORMATS`.
        out: the file to write; its folder is created when missing.
        scale: PNG pixels per diagram unit.
        transparent: PNG and SVG without the white background.
        project: the project (title, notes) for reports and the PDF title; optional.
        page: PDF page, ``fit`` (default) or a paper size (``a4``, ``letter``, ...).
        width: PNG width in pixels (instead of ``scale``).

    Raises:
        UserInputError: unknown format, bad scale, or the file cannot be written.
    """
    data = export_bytes(
        rec,
        pack,
        fmt,
        scale=scale,
        transparent=transparent,
        project=project,
        page=page,
        width=width,
    )
    try:
        if fmt in ("png", "pdf"):
            atomic_write_bytes(out, data)
        else:
            atomic_write_text(out, data.decode("utf-8"))
    except OSError as exc:
        raise UserInputError(f"cannot write {out}: {exc.strerror or exc}") from None
