"""Number fields follow the locale, show their range and never turn bad text into a number."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale

from assistant.gui.number_field import NumberField

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
DE = QLocale(QLocale.Language.German, QLocale.Country.Germany)


def _field(qtbot: Any, locale: QLocale = EN, low: float = 0, high: float = 1024) -> Any:
    field = NumberField(low, high, 1, "MB", locale=locale)
    qtbot.addWidget(field)
    field.show()
    return field


def _type(qtbot: Any, field: Any, text: str) -> list[object]:
    seen: list[object] = []
    field.value_edited.connect(seen.append)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    return seen


@pytest.mark.parametrize("bad", ["-5", "abc", "nan", "inf", "1e308", "1,5", "2000", "1.2.3"])
def test_bad_text_changes_nothing_and_says_the_range(qtbot: Any, bad: str) -> None:
    field = _field(qtbot)
    field.set_value(3.0)
    seen = _type(qtbot, field, bad)
    assert all(v is None or 0 <= v <= 1024 for v in seen)  # type: ignore[operator]
    assert field.parse(bad) is None
    assert field.value() != 15 and field.value() != 1308
    assert not field.hint.isHidden()
    assert field.hint.text() == "Enter a number from 0 to 1024 MB"
    field.edit.editingFinished.emit()  # leaving the field shows the answer again
    assert field.parse(field.edit.text()) == field.value()


def test_german_comma_is_the_decimal_point(qtbot: Any) -> None:
    field = _field(qtbot, DE)
    seen = _type(qtbot, field, "1,5")
    assert seen[-1] == 1.5 and field.value() == 1.5
    assert field.parse("1.5") is None  # a German reader means 15 (grouping): refused
    field.set_value(2.5)
    assert field.edit.text() == "2,5"


def test_english_point_and_range_in_placeholder(qtbot: Any) -> None:
    field = _field(qtbot)
    assert "0 to 1024 MB" in field.edit.placeholderText()
    seen = _type(qtbot, field, "2.5")
    assert seen[-1] == 2.5 and field.hint.isHidden()


def test_cleared_means_not_answered(qtbot: Any) -> None:
    field = _field(qtbot)
    field.set_value(4.0)
    seen: list[object] = []
    field.value_edited.connect(seen.append)
    field.edit.selectAll()
    field.edit.del_()
    field.edit.textEdited.emit(field.edit.text())
    assert seen == [None] and field.value() is None


def test_integers_use_an_int_validator(qtbot: Any) -> None:
    field = NumberField(1, 100, 0, "", locale=EN)
    qtbot.addWidget(field)
    assert type(field.validator).__name__ == "QIntValidator"
    assert field.parse("12") == 12 and field.parse("1.5") is None and field.parse("0") is None
