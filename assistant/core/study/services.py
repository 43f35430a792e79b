"""Items about services: which one fits a use case, what one is for, whether a new account
can use it, what AWS suggests instead, which is closed; and the pack's hand-written items."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ..pack import model as m
from .common import (
    Ctx,
    finish,
    good_use_case,
    norm_text,
    quote,
    rng_for,
    short_hash,
    state_words,
)
from .items import MODES, Item

__all__ = ["handwritten_items", "status_items", "use_case_items"]


def handwritten_items(pack: m.Pack) -> list[Item]:
    out = []
    for q in pack.quiz:
        out.append(
            Item(
                id=q.id,
                kind="handwritten",
                question=q.question,
                choices=q.choices,
                answer=q.answer,
                explanation=q.explanation,
                source=q.source,
                topic=q.topic,
                domain=q.domain,
                facts=q.facts,
                notes_answer=q.exam_notes_answer,
                choice_keys=tuple(str(i) for i in range(len(q.choices))),
            )
        )
    return out


class _UseCases:
    """Lookups for the use-case items: every service's use cases, normalised."""

    def __init__(self, c: Ctx) -> None:
        self.c = c
        self.services = [s for s in c.pack.services.values() if s.category != "client"]
        self.norm = {u: norm_text(u) for s in self.services for u in s.use_cases}
        self.cases_of = {s.id: {self.norm[u] for u in s.use_cases} for s in self.services}
        self.all_cases: set[str] = set().union(*self.cases_of.values())

    def distractors(self, s: m.Service, case: str, rng: random.Random) -> list[m.Service]:
        """Open services that do not list ``case``, the same category first."""
        ids, prefixes = self.c.near({s.id})
        candidates = [
            o
            for o in self.services
            if o.id not in ids
            and o.id.split("-")[0] not in prefixes
            and self.norm[case] not in self.cases_of[o.id]
            and o.status.state == "available"
        ]
        same = [o for o in candidates if o.category == s.category]
        other = [o for o in candidates if o.category != s.category]
        rng.shuffle(same)
        rng.shuffle(other)
        return same + other

    def use_case(self, s: m.Service, case: str, source: m.Source) -> Item | None:
        """Which service fits ``case``; for a closed service, the one AWS suggests instead."""
        pack = self.c.pack
        item_id = f"use_case.{s.id}.{short_hash(self.norm[case])}"
        rng = rng_for(item_id)
        ranked = self.distractors(s, case, rng)
        notes: tuple[str, str] | None = None
        if s.status.state == "available":
            correct = (s.name, s.id)
            picks = ranked[:3]
            explanation = f"{s.name}: {s.summary}"
        else:
            # today the answer is what AWS suggests instead; the notes name the old service
            sug = [pack.services[x] for x in s.status.suggest if x in pack.services]
            if not sug:
                return None
            correct = (sug[0].name, sug[0].id)
            notes = (s.name, s.id)
            picks = [o for o in ranked if o.id not in s.status.suggest and o.id != s.id][:2]
            explanation = (
                f"{s.name} is {state_words(s)}; AWS suggests {sug[0].name} instead. "
                f"{sug[0].name}: {sug[0].summary}"
            )
        if len(picks) < 2:
            return None
        choices, keys, answer, notes_answer = finish(
            rng, correct, [(o.name, o.id) for o in picks], notes=notes
        )
        return Item(
            id=item_id,
            kind="use_case",
            question=f"Which service fits this use case: {quote(case)}?",
            choices=choices,
            answer=answer,
            explanation=explanation,
            source=source,
            topic=s.category,
            domain=self.c.domain_of(s),
            services=(s.id,),
            notes_answer=notes_answer,
            notes_explanation=f"The exam notes list this use case under {s.name}." if notes else "",
            choice_keys=keys,
        )

    def what_for(self, s: m.Service, source: m.Source) -> Item | None:
        """What an open service is for: its first use case against other services' ones."""
        cases = [u for u in s.use_cases if good_use_case(u)]
        if not cases or s.status.state != "available":
            return None
        norm, own = self.norm, self.cases_of[s.id]
        item_id = f"what_for.{s.id}"
        rng = rng_for(item_id)
        pool = [
            (u, o.id)
            for o in self.services
            if o.category != s.category and not self.c.close(s.id, o.id)
            for u in o.use_cases
            if good_use_case(u) and norm[u] not in own and norm[u] in self.all_cases
        ]
        rng.shuffle(pool)
        picks: list[tuple[str, str]] = []
        for text, sid in pool:
            if sid not in {p[1] for p in picks}:
                picks.append((text, f"{sid}:{short_hash(norm[text])}"))
            if len(picks) == 3:
                break
        if len(picks) < 3:
            return None
        case = cases[0]
        choices, keys, answer, _ = finish(rng, (case, f"{s.id}:{short_hash(norm[case])}"), picks)
        return Item(
            id=item_id,
            kind="what_for",
            question=f"What is {s.name} typically used for?",
            choices=choices,
            answer=answer,
            explanation=f"{s.name}: {s.summary} Use cases: {'; '.join(cases)}.",
            source=source,
            topic=s.category,
            domain=self.c.domain_of(s),
            services=(s.id,),
            choice_keys=keys,
        )


def use_case_items(c: Ctx) -> list[Item]:
    """Service for a use case, and use case for a service."""
    uc = _UseCases(c)
    out: list[Item | None] = []
    for s in uc.services:
        source = c.source_for(s)
        if source is None:
            continue
        out.extend(uc.use_case(s, case, source) for case in s.use_cases if good_use_case(case))
        out.append(uc.what_for(s, source))
    return [i for i in out if i is not None]


_STATE_CHOICES = {
    "available": "Yes: it is open to new customers",
    "closed": "No: it is closed to new customers (existing customers can keep using it)",
    "discontinued": "No: it is discontinued for everyone",
}


@dataclass(frozen=True, slots=True)
class _Unavailable:
    """A closed or discontinued service and what every item about it says."""

    service: m.Service
    source: m.Source
    suggest: tuple[m.Service, ...]
    explanation: str
    notes_differ: bool


def _unavailable(c: Ctx, s: m.Service) -> _Unavailable | None:
    st = s.status
    source = st.source or c.source_for(s)
    if source is None:
        return None
    sug = tuple(c.pack.services[x] for x in st.suggest if x in c.pack.services)
    suggest_text = f" AWS suggests {', '.join(x.name for x in sug)} instead." if sug else ""
    explanation = f"{s.name} is {state_words(s)}. {st.note}".strip() + suggest_text
    notes_differ = s.id in c.notes_differ or "exam notes" in " ".join(s.use_cases)
    return _Unavailable(s, source, sug, explanation, notes_differ)


def _status_item(c: Ctx, u: _Unavailable) -> Item:
    """Can a new account use it? The choices in a fixed, readable order."""
    s = u.service
    keys = tuple(_STATE_CHOICES)
    return Item(
        id=f"status.{s.id}",
        kind="status",
        question=f"Can a new AWS account start using {s.name} today?",
        choices=tuple(_STATE_CHOICES.values()),
        answer=keys.index(s.status.state),
        explanation=u.explanation,
        source=u.source,
        topic=s.category,
        domain=c.domain_of(s),
        services=(s.id,),
        notes_answer=keys.index("available") if u.notes_differ else None,
        notes_explanation=(
            f"The exam notes present {s.name} as an available service." if u.notes_differ else ""
        ),
        choice_keys=keys,
    )


def _open_picks(
    c: Ctx, u: _Unavailable, item_id: str, near: tuple[str, ...]
) -> tuple[random.Random, list[m.Service]]:
    """Three open services unlike ``u``'s (and its suggestions), categories in ``near`` first."""
    rng = rng_for(item_id)
    s = u.service
    cands = [
        o
        for o in c.pack.services.values()
        if o.status.state == "available"
        and o.id not in s.status.suggest
        and o.category != "client"
        and not c.close(s.id, o.id)
        and not any(c.close(x.id, o.id) for x in u.suggest)
    ]
    same = [o for o in cands if o.category in near]
    rest = [o for o in cands if o not in same]
    rng.shuffle(same)
    rng.shuffle(rest)
    return rng, (same + rest)[:3]


def _suggest_item(c: Ctx, u: _Unavailable) -> Item | None:
    """What does AWS suggest instead?"""
    s = u.service
    if not u.suggest:
        return None
    item_id = f"suggest.{s.id}"
    rng, picks = _open_picks(c, u, item_id, (s.category, u.suggest[0].category))
    if len(picks) < 3:
        return None
    best = u.suggest[0]
    choices, keys, answer, _ = finish(rng, (best.name, best.id), [(o.name, o.id) for o in picks])
    return Item(
        id=item_id,
        kind="suggest",
        question=f"{s.name} is {state_words(s)}. What does AWS suggest instead?",
        choices=choices,
        answer=answer,
        explanation=u.explanation,
        source=u.source,
        topic=s.category,
        domain=c.domain_of(s),
        services=(s.id, best.id),
        choice_keys=keys,
        modes=("today",) if u.notes_differ else MODES,
    )


def _closed_which_item(c: Ctx, u: _Unavailable) -> Item | None:
    """Which of these is no longer open? (Under the notes all would be: today only then.)"""
    s = u.service
    item_id = f"closed_which.{s.id}"
    rng = rng_for(item_id)
    cands = [
        o
        for o in c.pack.services.values()
        if o.status.state == "available" and o.category != "client" and not c.close(s.id, o.id)
    ]
    same = [o for o in cands if o.category == s.category]
    rest = [o for o in cands if o not in same]
    rng.shuffle(same)
    rng.shuffle(rest)
    picks = (same + rest)[:3]
    if len(picks) < 3:
        return None
    choices, keys, answer, _ = finish(rng, (s.name, s.id), [(o.name, o.id) for o in picks])
    return Item(
        id=item_id,
        kind="closed_which",
        question="Which of these is no longer open to new AWS customers?",
        choices=choices,
        answer=answer,
        explanation=u.explanation + " The others are available.",
        source=u.source,
        topic=s.category,
        domain=c.domain_of(s),
        services=(s.id,),
        choice_keys=keys,
        modes=("today",) if u.notes_differ else MODES,
    )


def status_items(c: Ctx) -> list[Item]:
    """For each closed or discontinued service: its status, its successor, and "which is closed"."""
    out: list[Item | None] = []
    for s in c.pack.services.values():
        u = None if s.status.state == "available" else _unavailable(c, s)
        if u is not None:
            out += [_status_item(c, u), _suggest_item(c, u), _closed_which_item(c, u)]
    return [i for i in out if i is not None]
