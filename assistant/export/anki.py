"""Quiz items as an Anki deck (``.apkg``), written with genanki.

Note GUIDs come from the item ids and the model and deck ids are fixed, so
re-importing a newer deck updates the student's existing notes instead of
duplicating them. The file is written atomically (through the core's writer).
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki

from ..core.io.atomic import atomic_write_bytes
from ..core.study.quiz import Item

__all__ = ["DECK_ID", "MODEL_ID", "apkg_bytes", "exam_tag", "write_apkg"]

# fixed ids (random once, never change): Anki matches decks and note types by id
MODEL_ID = 1_607_392_319_411
DECK_ID = 2_059_400_110_977

_FIELDS = ["Question", "Choices", "Answer", "Explanation", "Source", "Mode", "ItemId"]

_CSS = """
.card { font-family: -apple-system, "Segoe UI", sans-serif; font-size: 18px; text-align: left;
        color: #1d1d1f; background: #ffffff; max-width: 44em; margin: auto; }
.nightMode .card, .card.nightMode { color: #e8e8e8; background: #1e1e1e; }
ol.choices li { margin: 0.3em 0; }
.mode { font-size: 13px; color: #b35c00; text-transform: uppercase; letter-spacing: 0.04em; }
.answer { font-weight: 600; color: #1a7f37; margin-top: 0.6em; }
.explanation { margin-top: 0.6em; }
.source { font-size: 13px; margin-top: 0.8em; }
"""

_MODEL = genanki.Model(
    MODEL_ID,
    "archassist quiz (multiple choice)",
    fields=[{"name": f} for f in _FIELDS],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{#Mode}}<div class=mode>{{Mode}}</div>{{/Mode}}"
            "<div class=question>{{Question}}</div>{{Choices}}",
            "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
            "<div class=explanation>{{Explanation}}</div><div class=source>{{Source}}</div>",
        }
    ],
    css=_CSS,
)


def _text(s: str) -> str:
    return html.escape(s).replace("\n", "<br>")


def exam_tag(item: Item) -> str | None:
    """``exam::MLA-C01::domain-1::task-1.1`` for an item placed in an exam, else None.

    >>> from assistant.core.pack import model as m
    >>> s = m.Source("Doc", "https://example.com")
    >>> item = Item("x", "limit", "Q?", ("5", "15"), 1, "", s, "storage", "modeling",
    ...             exam="MLA-C01", exam_domain="mla-1", task="mla-1.1")
    >>> exam_tag(item)
    'exam::MLA-C01::domain-1::task-1.1'
    """
    if not (item.exam and item.exam_domain and item.task):
        return None
    domain = item.exam_domain.rsplit("-", 1)[-1]
    task = item.task.rsplit("-", 1)[-1]
    return f"exam::{item.exam}::domain-{domain}::task-{task}"


def _how(item: Item) -> str:
    return {
        "multiple": f"<div class=mode>Choose {len(item.key)}</div>",
        "ordering": "<div class=mode>Put them in order</div>",
        "matching": "<div class=mode>Match each prompt to a choice</div>",
    }.get(item.qtype, "")


def _note(item: Item, mode: str) -> genanki.Note:
    prompts = ""
    if item.prompts:
        prompts = "<ol type=a class=prompts>" + "".join(
            f"<li>{_text(p)}</li>" for p in item.prompts
        )
        prompts += "</ol>"
    choices = prompts + "<ol class=choices>"
    choices += "".join(f"<li>{_text(c)}</li>" for c in item.choices) + "</ol>"
    if item.qtype == "single":
        correct = item.correct(mode)
        answer = f"{correct + 1}. {_text(item.choices[correct])}"
    else:
        numbers = ", ".join(str(k + 1) for k in item.response_key(mode))
        answer = f"{numbers}: {_text(item.answer_text(mode))}"
    source = f'<a href="{html.escape(item.source.url, quote=True)}">{_text(item.source.title)}</a>'
    label = item.mode_label(mode)
    fields = [
        _how(item) + _text(item.question),
        choices,
        answer,
        _text(item.explanation_for(mode)),
        source,
        _text(label.capitalize()) if label else "",
        item.id,
    ]
    tags = [f"archassist::{t}" for t in (item.topic, item.domain, item.kind)]
    tag = exam_tag(item)
    if tag is not None:
        tags.append(tag)
    # one note per item and mode: the notes' answer is a different card from today's
    guid = genanki.guid_for("archassist", item.id, mode if item.differs else "")
    return genanki.Note(model=_MODEL, fields=fields, tags=tags, guid=guid)


def apkg_bytes(
    items: Sequence[Item],
    *,
    mode: str = "today",
    deck_name: str = "archassist: AWS ML",
    timestamp: float | None = None,
) -> bytes:
    """The ``.apkg`` file for ``items`` as asked in ``mode``."""
    deck_id = DECK_ID
    if deck_name != "archassist: AWS ML":  # a different deck name is a different deck
        deck_id = int(hashlib.sha256(deck_name.encode()).hexdigest()[:12], 16)
    deck = genanki.Deck(deck_id, deck_name)
    for item in items:
        deck.add_note(_note(item, mode))
    package = genanki.Package(deck)
    stamp = time.time() if timestamp is None else timestamp
    # genanki's own write_to_file leaves its temporary database behind; build the zip here
    with tempfile.TemporaryDirectory(prefix="archassist-anki-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            out.write(db_path, "collection.anki2")
            out.writestr("media", "{}")
    return buffer.getvalue()


def write_apkg(path: Path | str, items: Sequence[Item], *, mode: str = "today") -> int:
    """Write the deck atomically; return the number of notes."""
    atomic_write_bytes(path, apkg_bytes(items, mode=mode))
    return len(items)
