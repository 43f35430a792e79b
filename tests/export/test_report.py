"""Markdown and HTML reports: every area, escaped text, the diagram inline."""

from __future__ import annotations

from dataclasses import replace

from assistant.core.project import Project
from assistant.export.report import md_escape, report_html, report_markdown

from .export_samples import HOSTILE, hostile_diagram


def test_markdown_has_every_area(mini_rec, mini_pack) -> None:  # type: ignore[no-untyped-def]
    text = report_markdown(mini_rec, mini_pack, Project(title="My plan", notes="Keep it cheap."))
    assert text.startswith("# My plan")
    for area in mini_rec.areas:
        assert f"## {md_escape(area.title)}" in text
        if area.chosen:
            assert md_escape(area.chosen.title) in text
        for alt in area.alternatives:
            assert md_escape(alt.title) in text
    assert "```mermaid\nflowchart " in text  # LR or TB, as the layout chose
    assert "Keep it cheap." in text


def test_html_has_every_area_and_inline_svg(mini_rec, mini_pack) -> None:  # type: ignore[no-untyped-def]
    text = report_html(mini_rec, mini_pack)
    assert text.startswith("<!DOCTYPE html>")
    for area in mini_rec.areas:
        assert area.title in text
    assert "<svg" in text and "<?xml" not in text
    assert "<script" not in text and "<link" not in text
    assert "Content-Security-Policy" in text


def test_hostile_text_is_escaped(mini_rec, mini_pack) -> None:  # type: ignore[no-untyped-def]
    rec = replace(mini_rec, diagram=hostile_diagram())
    project = Project(title=HOSTILE, notes=HOSTILE)
    page = report_html(rec, mini_pack, project)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;" in page
    md = report_markdown(rec, mini_pack, project)
    assert "<script" not in md
    assert "&lt;script&gt;" in md
