"""Explanations: why an option was chosen, why each other one was not, and what to watch.

Reasons a user can act on (issue 11): the deciding facts come first, then the answers,
then the rest; a default choice names the answers that left it standing; internal
scores never reach the text; when answers pull two ways a ``conflict`` warning says
which answer decided, what the choice costs and what would make the runner-up win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache

from ..pack import model as m
from ..pack.conditions import Context, areas_in, evaluate, facts_in, questions_in, render
from .result import Alternative, AreaResult, Choice, Reason, Warning

__all__ = [
    "Upstream",
    "answer_text",
    "explain_area",
    "rule_reason",
    "sources",
    "status_blocks",
    "status_reason",
]


def sources(pack: m.Pack, fact_ids: tuple[str, ...]) -> tuple[m.Source, ...]:
    out: dict[m.Source, None] = {}
    for f in fact_ids:
        out[pack.facts[f].source] = None
    return tuple(out)


# area id -> (facts, questions) its choice cited: a rule about an earlier choice cites them too
Upstream = Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]


def rule_reason(
    pack: m.Pack, rule: m.Rule, ctx: Context, upstream: Upstream | None = None
) -> Reason:
    facts, questions = facts_in(rule.when), questions_in(rule.when)
    for area_id in areas_in(rule.when) if upstream else ():
        up_facts, up_questions = upstream.get(area_id, ((), ())) if upstream else ((), ())
        facts, questions = _unique([*facts, *up_facts]), _unique([*questions, *up_questions])
    return Reason(render(rule.because, ctx), facts, questions, sources(pack, facts))


def status_blocks(pack: m.Pack, option: m.Option, existing: bool) -> m.Service | None:
    """The service that keeps ``option`` out by its status (closed for a new account)."""
    service = pack.services.get(option.service) if option.service else None
    if service is None:
        return None
    if service.status.state == "discontinued":
        return service
    if service.status.state == "closed" and not existing:
        return service
    return None


def status_reason(service: m.Service) -> Reason:
    st = service.status
    when = f" since {st.since.isoformat()}" if st.since else ""
    what = "is discontinued" if st.state == "discontinued" else "is closed to new customers"
    text = f"{service.name} {what}{when}."
    if st.note:
        text += f" {st.note}"
    return Reason(text, (), (), (st.source,) if st.source else ())


def answer_text(pack: m.Pack, qid: str, value: m.AnswerValue) -> str:
    """An answer as the user gave it: an option's label, or a number with its unit.

    >>> from assistant.core.pack.model import Pack, Question
    >>> import datetime as dt
    >>> q = Question("payload_mb", "deploy", "Payload?", "number", unit="MB")
    >>> p = Pack("p", "P", "1", dt.date(2026, 1, 1), 1, ".", questions={"payload_mb": q})
    >>> answer_text(p, "payload_mb", 2.0)
    '2 MB'
    """
    q = pack.questions.get(qid)
    if q is None:
        return m.format_value(value)
    if isinstance(value, tuple):
        return ", ".join(answer_text(pack, qid, v) for v in value)
    if isinstance(value, str):
        option = q.option(value)
        return option.label if option else value
    return m.format_value(value, q.unit)


def _ordered(reasons: list[Reason]) -> tuple[Reason, ...]:
    """The deciding facts first, then the answers, then the rest (stable otherwise)."""
    return tuple(sorted(reasons, key=lambda r: 0 if r.facts else 1 if r.questions else 2))


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _default_reason(pack: m.Pack, area: m.Area, option: m.Option, ctx: Context) -> Reason:
    """Why a choice no rule favours stands: the answered limits it passed, by name (or the
    area's answered questions, which favoured no other option)."""
    qids = _unique(
        [q for r in option.exclude for q in questions_in(r.when) if q in ctx.answers]
    ) or _unique(
        [q.id for q in pack.questions.values() if q.area == area.id and q.id in ctx.answers]
    )
    facts = _unique(
        [
            f
            for r in option.exclude
            if all(q in ctx.answers for q in questions_in(r.when))
            for f in facts_in(r.when)
        ]
    )
    if not qids:
        return Reason(
            "No answer decides this yet: it is the usual default here until you answer the"
            " questions listed as open."
        )
    parts = [
        f"{pack.questions[q].text.rstrip('?')}: {answer_text(pack, q, ctx.answers[q])}"
        for q in qids[:3]
    ]
    return Reason(
        "Your answers hit none of its limits (" + "; ".join(parts) + "), and no other option"
        " fits them better.",
        facts,
        qids,
        sources(pack, facts),
    )


def _out_reasons(
    pack: m.Pack, option: m.Option, ctx: Context, existing: bool, upstream: Upstream
) -> tuple[list[Reason], m.Service | None]:
    blocked = status_blocks(pack, option, existing)
    out = [rule_reason(pack, r, ctx, upstream) for r in option.exclude if evaluate(r.when, ctx)]
    if blocked is not None:
        status = status_reason(blocked)
        if blocked.status.state == "closed":  # the account question decides which view applies
            status = replace(status, questions=questions_in(pack.existing_customer))
        out.insert(0, status)
    return out, blocked


def _chosen_reasons(
    pack: m.Pack,
    area: m.Area,
    option: m.Option,
    ctx: Context,
    scores: dict[str, float],
    ruled_out: dict[str, list[Reason]],
    wanted: list[str],
    upstream: Upstream,
) -> tuple[Reason, ...]:
    """Why the choice: its fired rules, the better options that are out, or its defaults.

    Only an option the answers favour, or one kept out by nothing but its service's status,
    "would fit better": an option excluded because the task is another one is not news.
    """
    fired = [r for r in option.prefer if evaluate(r.when, ctx)]
    pro = [
        rule_reason(pack, r, ctx, upstream)
        for r in sorted(fired, key=lambda r: -r.score)
        if r.score > 0
    ]
    score = scores[option.id]
    better = [
        o
        for o in area.options
        if scores[o.id] > score and o.id in ruled_out and (o.id in wanted or _favoured(o, ctx))
    ]
    if better:
        why = ruled_out[better[0].id][0]
        verb = "is" if len(better) == 1 else "are"
        pro.append(
            Reason(
                f"It is the best option left: {', '.join(o.title for o in better)} would fit"
                f" better but {verb} ruled out ({better[0].title}: {why.text.rstrip('.')}).",
                why.facts,
                why.questions,
                why.sources,
            )
        )
    if not pro:
        pro = [_default_reason(pack, area, option, ctx)]
    return _ordered(pro)


def _favoured(option: m.Option, ctx: Context) -> bool:
    return any(r.score > 0 and evaluate(r.when, ctx) for r in option.prefer)


def _conflicts(
    pack: m.Pack,
    option: m.Option,
    ctx: Context,
    runner_up: m.Option | None,
) -> list[Warning]:
    """Answers that pull two ways: against the choice, or for the best viable alternative."""
    fired = [r for r in option.prefer if evaluate(r.when, ctx)]
    cost = f" What it costs: {option.tradeoffs[0]}" if option.tradeoffs else ""
    out = [_against(pack, option, ctx, r, cost) for r in fired if r.score < 0]
    decided = max((r for r in fired if r.score > 0), key=lambda r: r.score, default=None)
    if runner_up is None or decided is None:
        return out
    pull = _pulling(runner_up, ctx, fired)
    if pull is not None:
        out.append(_pull_two_ways(pack, option, ctx, runner_up, pull, decided, cost))
    return out


def _against(pack: m.Pack, option: m.Option, ctx: Context, rule: m.Rule, cost: str) -> Warning:
    why = rule_reason(pack, rule, ctx)
    return Warning(
        "conflict",
        f"One answer speaks against {option.title}: {why.text.rstrip('.')}; your other"
        f" answers still favour it.{cost}",
        why.facts,
        why.sources,
    )


def _pulling(runner_up: m.Option, ctx: Context, fired: list[m.Rule]) -> m.Rule | None:
    """The strongest answer for the runner-up that does not favour the choice as much."""
    behind_choice = [(set(questions_in(r.when)), r.score) for r in fired if r.score > 0]
    pull = [
        r
        for r in runner_up.prefer
        if r.score > 0
        and evaluate(r.when, ctx)
        and not any(
            set(questions_in(r.when)) <= qs and score >= r.score for qs, score in behind_choice
        )
    ]
    return max(pull, key=lambda r: r.score, default=None)


def _pull_two_ways(
    pack: m.Pack,
    option: m.Option,
    ctx: Context,
    runner_up: m.Option,
    pull: m.Rule,
    decided: m.Rule,
    cost: str,
) -> Warning:
    for_alt, for_choice = rule_reason(pack, pull, ctx), rule_reason(pack, decided, ctx)
    against = [r for r in runner_up.prefer if r.score < 0 and evaluate(r.when, ctx)]
    if against:  # what counts against the runner-up decides as much as what favours the choice
        for_choice = rule_reason(pack, min(against, key=lambda r: r.score), ctx)
    changes = _unique([pack.questions[q].text for q in for_choice.questions if q in pack.questions])
    would_win = (
        f" {runner_up.title} would win if this answer changed: {changes[0]}" if changes else ""
    )
    return Warning(
        "conflict",
        f"Your answers pull two ways. For {runner_up.title}: {for_alt.text.rstrip('.')}."
        f" What decided for {option.title}: {for_choice.text.rstrip('.')}.{cost}{would_win}",
        _unique([*for_alt.facts, *for_choice.facts]),
        tuple(dict.fromkeys([*for_alt.sources, *for_choice.sources])),
    )


def explain_area(
    pack: m.Pack,
    area: m.Area,
    ctx: Context,
    chosen_id: str | None,
    existing: bool,
    upstream: Upstream | None = None,
) -> AreaResult:
    """The choice for ``area`` with its reasons, every alternative and why, and warnings.

    ``upstream`` maps earlier areas to what their choice cited, so that a rule about an
    earlier choice ("real-time endpoints scale by instances") cites the answers behind it.
    """
    upstream = upstream or {}
    scores = {
        o.id: o.score + sum(r.score for r in o.prefer if evaluate(r.when, ctx))
        for o in area.options
    }
    ruled_out: dict[str, list[Reason]] = {}
    wanted_but_closed: list[str] = []
    for option in area.options:
        if option.id == chosen_id:
            continue
        out, blocked = _out_reasons(pack, option, ctx, existing, upstream)
        if blocked is not None and len(out) == 1:  # it would fit, but for its status
            wanted_but_closed.append(blocked.id)
        if out:
            ruled_out[option.id] = out
    chosen_option = next((o for o in area.options if o.id == chosen_id), None)
    alternatives = _alternatives(pack, area, ctx, chosen_option, scores, ruled_out, upstream)
    if chosen_option is None:
        warning = Warning(
            "no_option",
            f"No option for {area.title.lower()} fits these answers: every one is ruled out.",
        )
        return AreaResult(area.id, area.title, None, (), alternatives, (warning,), ())
    viable = [o for o in area.options if o.id != chosen_option.id and o.id not in ruled_out]
    runner_up = max(viable, key=lambda o: scores[o.id], default=None)
    reasons = _chosen_reasons(
        pack, area, chosen_option, ctx, scores, ruled_out, wanted_but_closed, upstream
    )
    warnings = _conflicts(pack, chosen_option, ctx, runner_up)
    warnings += _warnings(
        pack, chosen_option, ctx, (*reasons, *_all(alternatives)), wanted_but_closed
    )
    from .engine import configure  # local: engine imports this module

    return AreaResult(
        area.id,
        area.title,
        Choice(
            chosen_option.id,
            chosen_option.title,
            chosen_option.summary,
            chosen_option.service,
            scores[chosen_option.id],
        ),
        reasons,
        alternatives,
        tuple(warnings),
        configure(chosen_option, ctx),
        chosen_option.tradeoffs,
    )


def _alternatives(
    pack: m.Pack,
    area: m.Area,
    ctx: Context,
    chosen: m.Option | None,
    scores: dict[str, float],
    ruled_out: dict[str, list[Reason]],
    upstream: Upstream,
) -> tuple[Alternative, ...]:
    out: list[Alternative] = []
    for option in area.options:
        if chosen is not None and option.id == chosen.id:
            continue
        if option.id in ruled_out:
            reasons = tuple(ruled_out[option.id])
            out.append(
                Alternative(option.id, option.title, "ruled_out", scores[option.id], reasons)
            )
            continue
        fired = [r for r in option.prefer if evaluate(r.when, ctx)]
        against = [rule_reason(pack, r, ctx, upstream) for r in fired if r.score < 0]
        for_it = [rule_reason(pack, r, ctx, upstream) for r in fired if r.score > 0]
        if chosen is None:
            summary = Reason("Viable.")
        elif for_it:
            summary = Reason(f"Viable, but {chosen.title} fits your answers better.")
        else:
            summary = Reason(f"Viable, but nothing in your answers favours it over {chosen.title}.")
        reasons = (summary, *against, *for_it)
        out.append(Alternative(option.id, option.title, "viable", scores[option.id], reasons))
    return tuple(out)


@lru_cache(maxsize=8)
def _facts_by_subject(pack: m.Pack) -> dict[str, tuple[str, ...]]:
    """Fact ids by their primary subject (the first service they are about)."""
    out: dict[str, list[str]] = {}
    for f in pack.facts.values():
        if f.about:
            out.setdefault(f.about[0], []).append(f.id)
    return {k: tuple(v) for k, v in out.items()}


def _all(alternatives: tuple[Alternative, ...]) -> tuple[Reason, ...]:
    return tuple(r for alt in alternatives for r in alt.reasons)


def _warnings(
    pack: m.Pack,
    option: m.Option,
    ctx: Context,
    cited_reasons: tuple[Reason, ...],
    wanted_but_closed: list[str],
) -> list[Warning]:
    """The option's own warnings, the chosen service's status, exam-note differences."""
    warnings: list[Warning] = []
    for w in option.warn:
        if evaluate(w.when, ctx):
            warnings.append(Warning("option", render(w.text, ctx), w.facts, sources(pack, w.facts)))
    service = pack.services.get(option.service) if option.service else None
    if service is not None and service.status.state != "available":
        r = status_reason(service)
        names = [pack.services[x].name for x in service.status.suggest if x in pack.services]
        instead = (
            f" Instead, AWS suggests {' or '.join(names)}."
            if names
            else " This pack knows no successor that AWS names."
        )
        warnings.append(
            Warning(
                "closed",
                r.text + " You said your account still has access." + instead,
                (),
                r.sources,
            )
        )
    cited: dict[str, None] = {}
    for reason in cited_reasons:
        cited.update(dict.fromkeys(reason.facts))
    # Exam-note differences about the chosen service, and about a closed service that would
    # otherwise fit (its primary subject only: a fact naming the service as an alternative
    # elsewhere is not about it).
    subjects = {service.id} if service is not None else set()
    subjects.update(wanted_but_closed)
    by_subject = _facts_by_subject(pack)
    for subject in subjects:
        cited.update(dict.fromkeys(by_subject.get(subject, ())))
    for fid in cited:
        fact = pack.facts[fid]
        if fact.exam_notes is not None:
            warnings.append(
                Warning(
                    "exam_notes",
                    f"Exam notes differ: {fact.exam_notes.statement} Today: {fact.statement}",
                    (fid,),
                    (fact.source,),
                )
            )
    return warnings
