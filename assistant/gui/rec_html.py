"""The recommendation as HTML for the Plan workspace's QTextBrowser (all text escaped).

Links: ``http(s)://`` open the source in a browser; ``question:<id>`` moves the focus to
that question in the questionnaire; ``node:<id>`` selects a diagram node; ``fold:<area>``
opens or closes an area's details (``fold:*all`` and ``fold:*none`` all of them).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from html import escape

from ..core.decide.engine import AreaResult, Reason, Recommendation, Warning
from ..core.pack import model as m
from .theme import Theme

__all__ = [
    "AreaChange",
    "changes",
    "fact_html",
    "node_html",
    "panel_body",
    "panel_html",
    "panel_parts",
    "short_reason",
]

SHORT_REASON_CHARS = 60


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _source_link(s: m.Source) -> str:
    return f'<a href="{_e(s.url)}">{_e(s.title)}</a>'


def _fact_bits(pack: m.Pack, fact_ids: tuple[str, ...], t: Theme) -> str:
    bits = []
    for fid in fact_ids:
        f = pack.facts.get(fid)
        if f is None:
            continue
        value = f" <b>{_e(f.value_text())}</b>" if f.value is not None else ""
        bits.append(
            f'<span style="color:{t.muted}">fact</span> <code>{_e(f.id)}</code>{value}'
            f" · {_source_link(f.source)}"
        )
    return "<br>".join(bits)


def _reason_li(pack: m.Pack, r: Reason, t: Theme) -> str:
    extra = _fact_bits(pack, r.facts, t)
    cited = {pack.facts[f].source for f in r.facts if f in pack.facts}
    more = [s for s in r.sources if s not in cited]
    if more:
        links = ", ".join(_source_link(s) for s in more)
        extra = f"{extra}<br>{links}" if extra else links
    small = f'<br><span style="font-size:small">{extra}</span>' if extra else ""
    return f"<li>{_e(r.text)}{small}</li>"


def _question_link(pack: m.Pack, qid: str) -> str:
    q = pack.questions.get(qid)
    text = q.text if q else qid
    return f'<a href="question:{_e(qid)}">{_e(text)}</a>'


WARNING_LABELS = {
    "closed": "Service status",
    "discontinued": "Service status",
    "exam_notes": "Exam notes differ",
    "no_option": "No option",
}


def _chosen_html(pack: m.Pack, a: AreaResult, t: Theme) -> str:
    if a.chosen is None:
        return f'<p style="color:{t.ruled_out}"><b>No option fits these answers.</b></p>'
    title = f'<span style="font-size:large"><b>{_e(a.chosen.title)}</b></span>'
    out = [f'<p style="margin-top:0">{title}']
    if a.chosen.summary:
        out.append(f'<br><span style="color:{t.muted}">{_e(a.chosen.summary)}</span>')
    out.append("</p>")
    if a.reasons:
        out.append("<p style='margin-bottom:0'><b>Why</b></p><ul style='margin-top:0'>")
        out.extend(_reason_li(pack, r, t) for r in a.reasons)
        out.append("</ul>")
    return "".join(out)


def _warning_html(pack: m.Pack, w: Warning, t: Theme) -> str:
    facts = _fact_bits(pack, w.facts, t) or ", ".join(_source_link(s) for s in w.sources)
    label = WARNING_LABELS.get(w.kind, "Note")
    text = w.text.removeprefix(f"{label}:").strip()
    return (
        f'<table width="100%" cellpadding="6" style="background:{t.panel_alt};'
        f'margin-top:4px"><tr><td><span style="color:{t.warning}"><b>⚠ {_e(label)}:</b></span> '
        f"{_e(text)}"
        + (f'<br><span style="font-size:small">{facts}</span>' if facts else "")
        + "</td></tr></table>"
    )


def _config_html(a: AreaResult, t: Theme) -> str:
    out = [
        "<p style='margin-bottom:2px'><b>Configuration</b></p>",
        f'<table width="100%" cellspacing="0" cellpadding="3" border="1" '
        f'style="border-color:{t.group_border};border-style:solid">'
        f'<tr style="background:{t.panel_alt}"><th align="left">Setting</th>'
        f'<th align="left">Value</th><th align="left">Where</th></tr>',
    ]
    for c in a.config:
        where = " · ".join(x for x in (c.api, c.path) if x)
        note = (
            f'<br><span style="color:{t.muted};font-size:small">{_e(c.note)}</span>'
            if c.note
            else ""
        )
        out.append(
            f"<tr><td><code>{_e(c.key)}</code>{note}</td>"
            f"<td><b>{_e(m.format_value(c.value, c.unit))}</b></td>"
            f'<td><span style="font-size:small">{_e(where)}</span></td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def _alternatives_html(pack: m.Pack, a: AreaResult, t: Theme) -> str:
    ruled = [x for x in a.alternatives if x.status == "ruled_out"]
    viable = [x for x in a.alternatives if x.status == "viable"]
    if not ruled and not viable:
        return ""
    out = ["<p style='margin-bottom:0'><b>Alternatives</b></p><ul style='margin-top:0'>"]
    for alt in ruled:
        out.append(
            f'<li><span style="color:{t.ruled_out}"><b>✗ {_e(alt.title)}</b> — ruled out</span>'
            "<ul>" + "".join(_reason_li(pack, r, t) for r in alt.reasons) + "</ul></li>"
        )
    for alt in viable:
        out.append(
            f"<li><b>○ {_e(alt.title)}</b> — viable"
            "<ul>" + "".join(_reason_li(pack, r, t) for r in alt.reasons) + "</ul></li>"
        )
    out.append("</ul>")
    return "".join(out)


def _area_html(pack: m.Pack, a: AreaResult, t: Theme) -> str:
    """One area's details: the choice and why, notes, configuration, trade-offs,
    alternatives and the questions that could still change it."""
    out = [_chosen_html(pack, a, t)]
    out.extend(_warning_html(pack, w, t) for w in a.warnings)
    if a.config:
        out.append(_config_html(a, t))
    if a.tradeoffs:
        out.append("<p style='margin-bottom:0'><b>Trade-offs</b></p><ul style='margin-top:0'>")
        out.extend(f"<li>{_e(x)}</li>" for x in a.tradeoffs)
        out.append("</ul>")
    out.append(_alternatives_html(pack, a, t))
    if a.open_questions:
        links = ", ".join(_question_link(pack, q) for q in a.open_questions)
        out.append(f'<p style="color:{t.accent}">◆ Could still change: {links}</p>')
    return "".join(out)


@dataclass(frozen=True, slots=True)
class AreaChange:
    """How one decision area's choice moved between two recommendations."""

    area: str
    title: str
    before: str | None  # the option's title; None: the area did not apply or had no fit
    after: str | None

    def text(self) -> str:
        """
        >>> AreaChange("deploy", "Deployment", "Real-time", "Serverless").text()
        'Deployment: Real-time → Serverless'
        >>> AreaChange("labels", "Labeling", None, "Ground Truth").text()
        'Labeling: now applies (Ground Truth)'
        """
        if self.after is None:
            return f"{self.title}: no longer applies" + (
                f" (was {self.before})" if self.before else ""
            )
        if self.before is None:
            return f"{self.title}: now applies ({self.after})"
        return f"{self.title}: {self.before} → {self.after}"


def _choices(rec: Recommendation) -> dict[str, tuple[str, str | None]]:
    return {a.id: (a.title, a.chosen.title if a.chosen else None) for a in rec.areas}


def changes(before: Recommendation, after: Recommendation) -> tuple[AreaChange, ...]:
    """The areas whose chosen option differs, in the order of ``after`` (gone ones last)."""
    old, new = _choices(before), _choices(after)
    out = [
        AreaChange(aid, title, old[aid][1] if aid in old else None, choice)
        for aid, (title, choice) in new.items()
        if aid not in old or old[aid][1] != choice
    ]
    out += [
        AreaChange(aid, title, choice, None)
        for aid, (title, choice) in old.items()
        if aid not in new
    ]
    return tuple(out)


def short_reason(text: str, limit: int = SHORT_REASON_CHARS) -> str:
    """The deciding reason in a few words: its first clause, cut at a word if still long.

    >>> short_reason("Callers wait for the answer, which a warm endpoint gives.")
    'Callers wait for the answer'
    >>> short_reason("Files need no streaming service; upload them to S3.")
    'Files need no streaming service'
    >>> short_reason("Per-record cleanup fits in the delivery stream, with no separate job.")
    'Per-record cleanup fits in the delivery stream'
    >>> short_reason("one two three four", limit=12)
    'one two…'
    """
    clause = re.split(r"[,;:(]\s|\.\s|\.$| — ", text.strip(), maxsplit=1)[0].strip()
    if len(clause) <= limit:
        return clause
    cut = clause[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def _summary_row(
    pack: m.Pack,
    a: AreaResult,
    change: AreaChange | None,
    expanded: bool,
    t: Theme,
) -> str:
    mark = "▾" if expanded else "▸"
    name = (
        f'<a name="area-{_e(a.id)}"></a><a href="fold:{_e(a.id)}" '
        f'title="Show or hide the details">{mark}&nbsp;{_e(a.title)}</a>'
    )
    if a.chosen is None:
        line = f'{name}: <span style="color:{t.ruled_out}"><b>no option fits</b></span>'
    else:
        line = f"{name}: <b>{_e(a.chosen.title)}</b>"
    if change is not None:
        was = f"was {_e(change.before)}" if change.before else "new"
        line += f' <span style="color:{t.text}">● changed ({was})</span>'
    why = _e(short_reason(a.reasons[0].text)) if a.reasons else ""
    if why:
        line += f'<br><span style="color:{t.muted}">{why}</span>'
    if a.warnings:
        n = len(a.warnings)
        notes = f"⚠&nbsp;{n}&nbsp;note{'s' if n > 1 else ''}"
        line += f' <span style="color:{t.warning}">{notes}</span>'
    # paragraphs, not a table: Qt lays a table out three times slower (bench_panel.py)
    bg = f"background:{t.changed_bg};" if change is not None else ""
    row = f'<p style="{bg}margin-top:6px;margin-bottom:0">{line}</p>'
    if expanded:
        details = _area_html(pack, a, t)
        row += f'<div style="margin-left:14px">{details}</div>'
    return row


def panel_html(
    pack: m.Pack,
    rec: Recommendation,
    t: Theme,
    *,
    expanded: Collection[str] = (),
    changed: tuple[AreaChange, ...] | None = None,
) -> str:
    """The recommendation panel: one summary row per decision area, the details of the
    ``expanded`` areas folded open below their row, and what the last answer ``changed``
    (None: no answer yet to compare with).
    """
    head, rows = panel_parts(pack, rec, t, expanded=expanded, changed=changed)
    return panel_body(t, head + "".join(html for _area, html in rows))


def panel_body(t: Theme, inner: str) -> str:
    """The panel's HTML document around ``inner`` (the head, rows, or one part of them)."""
    return f'<body style="color:{t.text}">{inner}</body>'


def panel_parts(
    pack: m.Pack,
    rec: Recommendation,
    t: Theme,
    *,
    expanded: Collection[str] = (),
    changed: tuple[AreaChange, ...] | None = None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """:func:`panel_html` in parts: the head (progress, fold links, the change line) and
    (area id, row) per decision area, each row starting with the anchor ``area-<id>``.
    The panel replaces only the parts that changed (see :mod:`.rec_panel`)."""
    head = _progress_line(rec, t)
    head += (
        '<p style="margin-top:0"><a href="fold:*all">Expand all</a> · '
        '<a href="fold:*none">Collapse all</a></p>'
    )
    by_area: Mapping[str, AreaChange] = {c.area: c for c in changed or ()}
    if changed is not None:
        if changed:
            marked = [_e(c.title) for c in changed if c.after is not None]
            n = len(marked)
            parts = [f"{n} decision{'s' if n > 1 else ''}, marked ●: {', '.join(marked)}"]
            parts = parts if n else []
            parts += [_e(c.text()) for c in changed if c.after is None]  # no row to mark
            what = "; ".join(parts)
            head += (
                f'<p style="background:{t.changed_bg};color:{t.text}">'
                f"<b>The last answer changed:</b> {what}</p>"
            )
        else:
            head += f'<p style="color:{t.muted}">The last answer changed no decision.</p>'
    if not rec.areas:
        head += "<p>No decision area applies yet: answer the first questions.</p>"
    rows = tuple(
        (a.id, _summary_row(pack, a, by_area.get(a.id), a.id in expanded, t)) for a in rec.areas
    )
    return head, rows


def _progress_line(rec: Recommendation, t: Theme) -> str:
    answered = sum(1 for q in rec.relevant_questions if q in rec.answers)
    head = (
        f'<p style="color:{t.muted};margin-bottom:2px">{answered} of '
        f"{len(rec.relevant_questions)} relevant questions answered"
    )
    if rec.open_questions:
        head += f" · {len(rec.open_questions)} open question(s) could still change the result"
    return head + ".</p>"


def fact_html(pack: m.Pack, f: m.Fact, t: Theme) -> str:
    value = f" <b>{_e(f.value_text())}</b>" if f.value is not None else ""
    notes = ""
    if f.exam_notes is not None:
        nv = f.exam_notes.value
        nv_text = f" ({_e(m.format_value(nv, f.unit))})" if nv is not None else ""
        notes = (
            f'<br><span style="color:{t.warning}">Exam notes differ: '
            f"{_e(f.exam_notes.statement)}{nv_text}</span>"
        )
    return (
        f"<li>{_e(f.statement)}{value}{notes}<br>"
        f'<span style="font-size:small">{_source_link(f.source)} · checked '
        f"{_e(f.checked.isoformat())} · <code>{_e(f.id)}</code></span></li>"
    )


def node_html(pack: m.Pack, rec: Recommendation, node_id: str, t: Theme) -> str:
    """What the knowledge says about a clicked diagram node: its service and facts."""
    try:
        node = rec.diagram.node(node_id)
    except KeyError:
        return ""
    service = pack.services.get(node.service) if node.service else None
    out = [f'<body style="color:{t.text}"><h3 style="margin-bottom:2px">{_e(node.label)}</h3>']
    if service is None:
        out.append(f'<p style="color:{t.muted}">Not an AWS service in the knowledge pack.</p>')
        return "".join(out) + "</body>"
    out.append(
        f'<p style="margin-top:0;color:{t.muted}">{_e(service.name)} · {_e(service.category)}</p>'
    )
    st = service.status
    if st.state != "available":
        what = "Discontinued" if st.state == "discontinued" else "Closed to new customers"
        since = f" since {st.since.isoformat()}" if st.since else ""
        out.append(f'<p style="color:{t.warning}"><b>⚠ {what}{_e(since)}.</b> {_e(st.note)}</p>')
    out.append(f"<p>{_e(service.summary)}</p>")
    if service.url:
        out.append(f'<p><a href="{_e(service.url)}">Documentation</a></p>')
    facts = [f for f in pack.facts.values() if service.id in f.about]
    if facts:
        out.append("<p style='margin-bottom:0'><b>Facts</b></p><ul style='margin-top:0'>")
        out.extend(fact_html(pack, f, t) for f in facts)
        out.append("</ul>")
    else:
        out.append(f'<p style="color:{t.muted}">No facts recorded for this service.</p>')
    return "".join(out) + "</body>"
