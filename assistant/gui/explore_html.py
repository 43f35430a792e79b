"""The Explore workspace's detail pages as HTML for a QTextBrowser (all text escaped).

Colours come from the :class:`~assistant.gui.theme.Theme`, so the pages read in light and
dark mode. Links: ``service:<id>`` and ``fact:<id>`` open that page; ``option:<area>.<id>``
goes to the Plan; ``http(s)://`` opens the source in a browser.
"""

from __future__ import annotations

import html

from ..core.pack import model as m
from ..core.pack.graph import KnowledgeGraph
from ..core.vocab import CATEGORY_TITLES, DOMAIN_TITLES, RELATION_WORDS
from .theme import Theme

__all__ = ["fact_html", "service_html"]


def _link(kind: str, key: str, text: str) -> str:
    return f'<a href="{kind}:{html.escape(key, quote=True)}">{html.escape(text)}</a>'


def _ext(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _status_html(pack: m.Pack, s: m.Service, t: Theme) -> str:
    st = s.status
    if st.state == "available":
        return ""
    what = "Discontinued" if st.state == "discontinued" else "Closed to new customers"
    since = f" since {st.since.isoformat()}" if st.since else ""
    parts = [f"<b>{what}{since}.</b> {html.escape(st.note)}"]
    if st.suggest:
        links = ", ".join(
            _link("service", x, pack.services[x].name) for x in st.suggest if x in pack.services
        )
        parts.append(f"AWS suggests instead: {links}.")
    if st.source is not None:
        parts.append(f"Source: {_ext(st.source.url, st.source.title)}")
    return (
        f'<table width="100%" cellpadding="8" style="background:{t.note_bg};'
        f'border:1px solid {t.note_border}"><tr><td style="color:{t.text}">'
        + "<br>".join(parts)
        + "</td></tr></table>"
    )


def _facts_table(facts: list[m.Fact], t: Theme) -> str:
    if not facts:
        return "<p><i>No facts recorded.</i></p>"
    any_notes = any(f.exam_notes for f in facts)
    head = "<tr><th align=left>Fact</th><th align=left>Today</th>"
    head += "<th align=left>Exam notes</th>" if any_notes else ""
    head += "<th align=left>Source (checked)</th></tr>"
    rows = []
    for f in facts:
        today = html.escape(f.value_text()) if f.value is not None else ""
        cells = [_link("fact", f.id, f.statement), f"<b>{today}</b>"]
        if any_notes:
            notes = ""
            if f.exam_notes is not None:
                nv = f.exam_notes.value
                value = m.format_value(nv, f.unit) if nv is not None else ""
                notes = (
                    f'<span style="color:{t.warning}"><b>{html.escape(value)}</b> '
                    f"{html.escape(f.exam_notes.statement)}</span>"
                )
            cells.append(notes)
        cells.append(f"{_ext(f.source.url, f.source.title)} ({f.checked.isoformat()})")
        rows.append("<tr>" + "".join(f"<td valign=top>{c}</td>" for c in cells) + "</tr>")
    return (
        '<table cellspacing="0" cellpadding="4" border="1" style="border-collapse:collapse;'
        f'border-color:{t.group_border}" width="100%">' + head + "".join(rows) + "</table>"
    )


def _options_html(pack: m.Pack, keys: list[str]) -> str:
    out = []
    for key in keys:
        area_id, _, option_id = key.partition(".")
        try:
            area = pack.area(area_id)
            option = pack.option(area_id, option_id)
        except KeyError:
            continue
        out.append(f"<li>{_link('option', key, f'{area.title}: {option.title}')}</li>")
    return "<ul>" + "".join(out) + "</ul>" if out else ""


def service_html(pack: m.Pack, graph: KnowledgeGraph, s: m.Service, t: Theme) -> str:
    """A service's page: status, summary, use cases, facts, relations, Plan options."""
    cat = CATEGORY_TITLES.get(s.category, s.category)
    domains = ", ".join(DOMAIN_TITLES.get(d, d) for d in s.domains)
    parts = [f'<body style="color:{t.text}"><h2>{html.escape(s.name)}</h2>']
    meta = html.escape(cat) + (f" \u00b7 {html.escape(domains)}" if domains else "")
    parts.append(f'<p style="color:{t.muted}">{meta}</p>')
    parts.append(_status_html(pack, s, t))
    parts.append(f"<p>{html.escape(s.summary)}</p>")
    parts.append("<h3>Use cases</h3><ul>")
    parts += [f"<li>{html.escape(u)}</li>" for u in s.use_cases]
    parts.append("</ul>")
    facts = sorted(graph.facts_about(s.id), key=lambda f: f.id)
    parts.append(f"<h3>Facts ({len(facts)})</h3>")
    parts.append(_facts_table(facts, t))
    rels = graph.neighbours(s.id)
    if rels:
        parts.append("<h3>Relations</h3><ul>")
        for a, kind, b, label in rels:
            sa, sb = pack.services[a], pack.services[b]
            words = RELATION_WORDS.get(kind, kind)
            extra = f" <i>({html.escape(label)})</i>" if label else ""
            parts.append(
                f"<li>{_link('service', a, sa.name)} {words} "
                f"{_link('service', b, sb.name)}{extra}</li>"
            )
        parts.append("</ul>")
    options = _options_html(pack, graph.options_using(s.id))
    if options:
        parts.append("<h3>Plan options that use it</h3>" + options)
    if s.url:
        parts.append(f"<p>Documentation: {_ext(s.url, s.url)}</p>")
    return "".join(parts) + "</body>"


def fact_html(pack: m.Pack, graph: KnowledgeGraph, f: m.Fact, t: Theme) -> str:
    """A fact's page: today's value beside the exam notes', source, services, options."""
    parts = [f'<body style="color:{t.text}"><h2>{html.escape(f.statement)}</h2>']
    if f.value is not None:
        parts.append(f"<p>Today: <b>{html.escape(f.value_text())}</b></p>")
    if f.exam_notes is not None:
        nv = m.format_value(f.exam_notes.value, f.unit) if f.exam_notes.value is not None else ""
        parts.append(
            '<table cellpadding="6" border="1" style="border-collapse:collapse;'
            f'border-color:{t.group_border}">'
            "<tr><th>As AWS is today</th><th>As the exam notes say</th></tr>"
            f"<tr><td>{html.escape(f.value_text())}<br>{html.escape(f.statement)}</td>"
            f'<td style="color:{t.warning}">{html.escape(nv)}<br>'
            f"{html.escape(f.exam_notes.statement)}</td></tr></table>"
        )
    parts.append(
        f"<p>Source: {_ext(f.source.url, f.source.title)} (checked {f.checked.isoformat()})</p>"
    )
    about = [_link("service", x, pack.services[x].name) for x in f.about]
    parts.append(f"<p>About: {', '.join(about)}</p>")
    citing = _options_html(pack, graph.citing(f.id))
    if citing:
        parts.append("<h3>Plan options whose rules use it</h3>" + citing)
    parts.append(f'<p style="color:{t.muted}">id: {html.escape(f.id)}</p>')
    return "".join(parts) + "</body>"
