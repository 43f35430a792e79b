"""The recommendation as a document: Markdown, or standalone HTML with the diagram inline.

Both list, per decision area: the choice and why (with sources as links), warnings,
the configuration, the alternatives with their status and why, trade-offs and the
questions that could still change it. Every text from the pack, the answers or the
project is escaped for the target format; only ``http(s)`` links are written.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from typing import Any

from .. import __version__
from ..core.decide.engine import AreaResult, Reason, Recommendation
from ..core.pack.model import Pack, Source, format_value
from ..core.vocab import CHOICE_KINDS
from .mermaid import mermaid_text
from .svg import diagram_svg

__all__ = ["md_escape", "report_html", "report_markdown", "safe_url"]

_STATUS = {"viable": "viable", "ruled_out": "ruled out"}


def safe_url(url: str) -> str | None:
    """``url`` when it is an absolute http(s) URL without spaces or quotes, else None.

    >>> safe_url("https://docs.aws.amazon.com/x"), safe_url("javascript:alert(1)")
    ('https://docs.aws.amazon.com/x', None)
    """
    url = url.strip()
    if re.fullmatch(r"https?://[^\s\"'<>`]+", url):
        return url
    return None


def md_escape(text: str) -> str:
    r"""``text`` as literal Markdown inline text: no markup, no raw HTML, one line.

    >>> md_escape("<b>*x*</b> | a_b")
    '&lt;b&gt;\\*x\\*&lt;/b&gt; \\| a\\_b'
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_{}\[\]()#+\-!|~])", r"\\\1", text)


# --- shared helpers ------------------------------------------------------------------------------


def _title(rec: Recommendation, project: Any) -> str:
    t = getattr(project, "title", "") or rec.diagram.title
    return t or "Architecture recommendation"


def _answer_rows(rec: Recommendation, pack: Pack) -> list[tuple[str, str]]:
    rows = []
    for qid, value in rec.answers.items():
        q = pack.questions.get(qid)
        if q is None:
            rows.append((qid, format_value(value)))
            continue
        if q.kind in CHOICE_KINDS:
            ids = value if isinstance(value, tuple) else (value,)
            shown = ", ".join(
                (o.label if (o := q.option(str(v))) is not None else str(v)) for v in ids
            )
        else:
            shown = format_value(value, q.unit)
        rows.append((q.text, shown))
    return rows


def _question_text(pack: Pack, qid: str) -> str:
    q = pack.questions.get(qid)
    return f"{q.text} ({qid})" if q else qid


def _sources(reasons: Iterable[Reason]) -> list[Source]:
    out: dict[Source, None] = {}
    for r in reasons:
        out.update(dict.fromkeys(r.sources))
    return list(out)


def _value(value: Any, unit: str) -> str:
    return format_value(value, unit)


# --- Markdown ----------------------------------------------------------------------------------


def _md_sources(sources: Iterable[Source]) -> str:
    links = []
    for s in sources:
        url = safe_url(s.url)
        title = md_escape(s.title)
        links.append(f"[{title}](<{url}>)" if url else title)
    return f" ({'; '.join(links)})" if links else ""


def _md_cell(text: str) -> str:
    return md_escape(text) or " "


def _md_area(area: AreaResult, pack: Pack) -> list[str]:
    out = [f"## {md_escape(area.title)}", ""]
    if area.chosen is None:
        out += ["**No option fits these answers.**", ""]
    else:
        out.append(f"**Choice: {md_escape(area.chosen.title)}**")
        if area.chosen.summary:
            out += ["", md_escape(area.chosen.summary)]
        out.append("")
    if area.reasons:
        out += ["Why:", ""]
        out += [f"- {md_escape(r.text)}{_md_sources(r.sources)}" for r in area.reasons]
        out.append("")
    if area.warnings:
        out += ["Warnings:", ""]
        out += [f"- ⚠ {md_escape(w.text)}{_md_sources(w.sources)}" for w in area.warnings]
        out.append("")
    if area.config:
        out += [
            "Configuration:",
            "",
            "| Setting | Value | API | Path | Note |",
            "|---|---|---|---|---|",
        ]
        for c in area.config:
            cells = (c.key, _value(c.value, c.unit), c.api, c.path, c.note)
            out.append("| " + " | ".join(_md_cell(x) for x in cells) + " |")
        out.append("")
    if area.alternatives:
        out += ["Alternatives:", ""]
        for alt in area.alternatives:
            why = " ".join(r.text for r in alt.reasons)
            out.append(
                f"- **{md_escape(alt.title)}**: {_STATUS.get(alt.status, alt.status)}."
                f" {md_escape(why)}{_md_sources(_sources(alt.reasons))}"
            )
        out.append("")
    if area.tradeoffs:
        out += ["Trade-offs:", ""]
        out += [f"- {md_escape(t)}" for t in area.tradeoffs]
        out.append("")
    if area.open_questions:
        out += ["Open questions that could change this:", ""]
        out += [f"- {md_escape(_question_text(pack, q))}" for q in area.open_questions]
        out.append("")
    return out


def report_markdown(rec: Recommendation, pack: Pack, project: Any = None) -> str:
    """The recommendation as a Markdown document (GitHub flavour, Mermaid diagram)."""
    out = [f"# {md_escape(_title(rec, project))}", ""]
    out.append(
        f"Knowledge pack: {md_escape(pack.title)} {md_escape(pack.version)}"
        f" (as of {pack.as_of.isoformat()}). Generated by archassist {__version__}"
        f" on {dt.date.today().isoformat()}."
    )
    out.append("")
    notes = getattr(project, "notes", "")
    if notes:
        out += ["## Notes", ""]
        out += [md_escape(line) if line.strip() else "" for line in notes.splitlines()]
        out.append("")
    rows = _answer_rows(rec, pack)
    out += ["## Answers", ""]
    if rows:
        out += ["| Question | Answer |", "|---|---|"]
        out += [f"| {_md_cell(q)} | {_md_cell(a)} |" for q, a in rows]
    else:
        out.append("No questions answered yet.")
    out.append("")
    if rec.diagram.nodes:
        out += ["## Diagram", "", "```mermaid", mermaid_text(rec.diagram, pack).rstrip(), "```", ""]
    for area in rec.areas:
        out += _md_area(area, pack)
    if rec.open_questions:
        out += ["## Open questions", ""]
        out += [f"- {md_escape(_question_text(pack, q))}" for q in rec.open_questions]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font-family: Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif;
  color: #232F3E; margin: 0; background: #F7F8F8; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 32px 40px 48px; background: #FFFFFF; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #E9EBED; }
h3 { font-size: 14px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em;
  color: #545B64; }
.meta { color: #545B64; font-size: 13px; margin: 0 0 20px; }
.choice { font-size: 16px; margin: 6px 0; }
.choice strong { color: #017A66; }
.summary { color: #414D5C; margin: 0 0 8px; }
figure { margin: 16px 0 8px; overflow-x: auto; border: 1px solid #E9EBED; border-radius: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px;
  border-bottom: 1px solid #E9EBED; }
th { background: #F2F3F3; font-weight: 600; }
td code { font-size: 12px; }
ul { margin: 4px 0 8px; padding-left: 22px; }
li { margin: 2px 0; }
.warn { background: #FFF7E6; border-left: 4px solid #ED7100; padding: 6px 10px; margin: 6px 0;
  list-style: none; }
.warnings { padding-left: 0; }
.status { display: inline-block; font-size: 11px; font-weight: 600; border-radius: 10px;
  padding: 1px 8px; margin-right: 6px; white-space: nowrap; }
.viable { background: #E6F6F3; color: #017A66; }
.ruled_out { background: #FDECEE; color: #B0283B; }
.src { color: #545B64; font-size: 12px; }
a { color: #0F5E8C; }
"""


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _html_sources(sources: Iterable[Source]) -> str:
    links = []
    for s in sources:
        url = safe_url(s.url)
        if url:
            links.append(f'<a href="{_h(url)}" rel="noopener noreferrer">{_h(s.title)}</a>')
        else:
            links.append(_h(s.title))
    return f' <span class="src">[{"; ".join(links)}]</span>' if links else ""


def _html_area(area: AreaResult, pack: Pack) -> list[str]:
    out = [f'<section id="area-{_h(area.id)}">', f"<h2>{_h(area.title)}</h2>"]
    if area.chosen is None:
        out.append('<p class="choice"><strong>No option fits these answers.</strong></p>')
    else:
        out.append(f'<p class="choice">Choice: <strong>{_h(area.chosen.title)}</strong></p>')
        if area.chosen.summary:
            out.append(f'<p class="summary">{_h(area.chosen.summary)}</p>')
    if area.reasons:
        out.append("<h3>Why</h3><ul>")
        out += [f"<li>{_h(r.text)}{_html_sources(r.sources)}</li>" for r in area.reasons]
        out.append("</ul>")
    if area.warnings:
        out.append('<h3>Warnings</h3><ul class="warnings">')
        out += [
            f'<li class="warn">{_h(w.text)}{_html_sources(w.sources)}</li>' for w in area.warnings
        ]
        out.append("</ul>")
    if area.config:
        out.append(
            "<h3>Configuration</h3><table><thead><tr><th>Setting</th><th>Value</th><th>API</th>"
            "<th>Path</th><th>Note</th></tr></thead><tbody>"
        )
        for c in area.config:
            out.append(
                f"<tr><td><code>{_h(c.key)}</code></td><td>{_h(_value(c.value, c.unit))}</td>"
                f"<td>{_h(c.api)}</td><td><code>{_h(c.path)}</code></td><td>{_h(c.note)}</td></tr>"
            )
        out.append("</tbody></table>")
    if area.alternatives:
        out.append(
            "<h3>Alternatives</h3><table><thead><tr><th>Option</th><th>Status</th>"
            "<th>Why</th></tr></thead><tbody>"
        )
        for alt in area.alternatives:
            why = "<br>".join(f"{_h(r.text)}{_html_sources(r.sources)}" for r in alt.reasons)
            shown = _STATUS.get(alt.status, alt.status)
            status = f'<span class="status {_h(alt.status)}">{shown}</span>'
            out.append(f"<tr><td>{_h(alt.title)}</td><td>{status}</td><td>{why}</td></tr>")
        out.append("</tbody></table>")
    if area.tradeoffs:
        out.append("<h3>Trade-offs</h3><ul>")
        out += [f"<li>{_h(t)}</li>" for t in area.tradeoffs]
        out.append("</ul>")
    if area.open_questions:
        out.append("<h3>Open questions that could change this</h3><ul>")
        out += [f"<li>{_h(_question_text(pack, q))}</li>" for q in area.open_questions]
        out.append("</ul>")
    out.append("</section>")
    return out


def report_html(rec: Recommendation, pack: Pack, project: Any = None) -> str:
    """The recommendation as one standalone HTML file: inline CSS, inline SVG diagram,
    no scripts, and a Content-Security-Policy that forbids loading anything."""
    title = _title(rec, project)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
        " style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="archassist {_h(__version__)}">',
        f"<title>{_h(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head><body><main>",
        f"<h1>{_h(title)}</h1>",
        f'<p class="meta">Knowledge pack: {_h(pack.title)} {_h(pack.version)} (as of'
        f" {pack.as_of.isoformat()}). Generated by archassist {_h(__version__)} on"
        f" {dt.date.today().isoformat()}.</p>",
    ]
    notes = getattr(project, "notes", "")
    if notes:
        out.append("<h2>Notes</h2>")
        out += [f"<p>{_h(p)}</p>" for p in re.split(r"\n\s*\n", notes) if p.strip()]
    if rec.diagram.nodes:
        svg = diagram_svg(rec.diagram, pack)
        svg = svg.split("?>", 1)[1].lstrip() if svg.startswith("<?xml") else svg
        out += ["<h2>Diagram</h2>", f"<figure>{svg}</figure>"]
    rows = _answer_rows(rec, pack)
    out.append("<h2>Answers</h2>")
    if rows:
        out.append("<table><thead><tr><th>Question</th><th>Answer</th></tr></thead><tbody>")
        out += [f"<tr><td>{_h(q)}</td><td>{_h(a)}</td></tr>" for q, a in rows]
        out.append("</tbody></table>")
    else:
        out.append("<p>No questions answered yet.</p>")
    for area in rec.areas:
        out += _html_area(area, pack)
    if rec.open_questions:
        out.append("<h2>Open questions</h2><ul>")
        out += [f"<li>{_h(_question_text(pack, q))}</li>" for q in rec.open_questions]
        out.append("</ul>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"
