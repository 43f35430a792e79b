"""A number field that never turns bad text into a number.

A :class:`QLineEdit` with a :class:`QIntValidator` or :class:`QDoubleValidator` bounded by the
question's range and following the user's locale ("1,5" is one and a half in German and
refused in English, where the comma only groups thousands). Text that is not yet a number
in range ("-", "1e", "-5", "abc", "nan", "1e308") changes nothing and says what is allowed;
an empty field means "not answered".
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QDoubleValidator, QIntValidator, QValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

__all__ = ["NumberField"]


class NumberField(QWidget):
    """Edits one number in [low, high]; emits :attr:`value_edited` with a float or None."""

    value_edited = Signal(object)  # float, or None when cleared

    def __init__(
        self,
        low: float,
        high: float,
        decimals: int,
        unit: str = "",
        locale: QLocale | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.low, self.high, self.decimals, self.unit = low, high, decimals, unit
        loc = QLocale(locale) if locale is not None else QLocale()
        # "1,5" must not read as 15 where the comma groups thousands
        opts = QLocale.NumberOption
        loc.setNumberOptions(
            loc.numberOptions() | opts.RejectGroupSeparator | opts.OmitGroupSeparator
        )
        self.locale_ = loc
        validator: QValidator
        if decimals == 0 and float(low).is_integer() and float(high).is_integer():
            validator = QIntValidator(int(low), int(high), self)
        else:
            validator = QDoubleValidator(low, high, decimals, self)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        validator.setLocale(loc)
        self.validator = validator

        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.range_text = f"{self.text_of(low)} to {self.text_of(high)}{f' {unit}' if unit else ''}"
        self.edit.setPlaceholderText(f"not answered ({self.range_text})")
        self.edit.setToolTip(f"A number from {self.range_text}; empty means not answered")
        self.hint = QLabel(f"Enter a number from {self.range_text}")
        self.hint.setObjectName("numberHint")
        self.hint.setWordWrap(True)
        # coloured by the questionnaire's theme: a fixed red was 2.1:1 on the dark window
        self.hint.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.edit)
        lay.addWidget(self.hint)
        self._value: float | None = None
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)

    # --- reading and showing ---

    def value(self) -> float | None:
        return self._value

    def text_of(self, value: float) -> str:
        """``value`` as this locale writes it (no grouping, no needless decimals)."""
        if float(value).is_integer():
            return self.locale_.toString(int(value))
        text = self.locale_.toString(float(value), "f", max(self.decimals, 1))
        point = self.locale_.decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text

    def parse(self, text: str) -> float | None:
        """The number ``text`` means in range, or None if it is none (yet)."""
        t = text.strip()
        if self.unit and t.endswith(self.unit):
            t = t[: -len(self.unit)].strip()
        state = self.validator.validate(t, 0)
        state = state[0] if isinstance(state, tuple) else state
        if state != QValidator.State.Acceptable:
            return None
        value, ok = self.locale_.toDouble(t)
        if not ok or not self.low <= value <= self.high:
            return None
        return value

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (None: empty) without emitting :attr:`value_edited`."""
        self._value = value
        text = "" if value is None else self.text_of(value)
        if self.parse(self.edit.text()) != value or (value is None and self.edit.text()):
            self.edit.setText(text)
        self.hint.hide()

    # --- typing ---

    def _edited(self, text: str) -> None:
        if not text.strip():
            self.hint.hide()
            if self._value is not None:
                self._value = None
                self.value_edited.emit(None)
            return
        value = self.parse(text)
        if value is None:
            self.hint.show()  # the answer stays as it was
            return
        self.hint.hide()
        if value != self._value:
            self._value = value
            self.value_edited.emit(value)

    def _finished(self) -> None:
        """Leaving the field with text that is no number shows the answer again."""
        if self.edit.text().strip() and self.parse(self.edit.text()) is None:
            self.edit.setText("" if self._value is None else self.text_of(self._value))
