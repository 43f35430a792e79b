"""The Anki deck opens in Anki itself (the ``anki`` package) and carries the exam tags."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageRequest

from assistant.core.pack import model as m
from assistant.core.study.quiz import exam_items
from assistant.export.anki import write_apkg


def _exam() -> m.Exam:
    src = m.Source("Guide", "https://example.com/guide")
    t1 = m.ExamTask("mla-1.1", "Host models", ("hosting", "serverless", "oldsvc"))
    t2 = m.ExamTask("mla-2.1", "Limits", (), ("serverless.max_payload_mb", "pipeline.max"))
    return m.Exam(
        "mla-c01", "MLA-C01", "Test exam", "current", None, True, 65, "", 720,
        (m.ExamDomain("mla-1", "One", 50, (t1,)), m.ExamDomain("mla-2", "Two", 50, (t2,))),
        src, dt.date(2026, 12, 1),
    )  # fmt: skip


def test_the_deck_imports_into_anki_with_exam_tags(mini_pack: m.Pack, tmp_path: Path) -> None:
    exam = _exam()
    pack = dataclasses.replace(mini_pack, exams={exam.id: exam})
    items = exam_items(pack, exam)
    two = dataclasses.replace(items[0], id="two", qtype="multiple", key=(0, 1), kind="pick_two")
    deck = tmp_path / "deck.apkg"
    assert write_apkg(deck, [*items, two]) == len(items) + 1
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(deck)))
        assert col.note_count() == len(items) + 1
        tags = {t for nid in col.find_notes("") for t in col.get_note(nid).tags}
        for item in items:
            d, t = item.exam_domain.split("-")[-1], item.task.split("-")[-1]
            assert f"exam::MLA-C01::domain-{d}::task-{t}" in tags
        found = col.find_notes('"tag:exam::MLA-C01::domain-2::task-2.1"')
        assert len(found) == sum(i.task == "mla-2.1" for i in items) > 0
        [nid] = col.find_notes('"ItemId:two"')
        note = col.get_note(nid)
        assert "Choose 2" in note["Question"] and note["Answer"].startswith("1, 2:")
    finally:
        col.close()
