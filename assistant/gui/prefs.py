"""The window's preferences in QSettings, or none at all for a window that must leave no trace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

__all__ = ["Prefs"]


class Prefs:
    """QSettings behind a switch: a non-persistent window (the screenshot renderer) reads
    defaults and writes nothing, so it never touches the user's state."""

    def __init__(self, persistent: bool = True) -> None:
        self.persistent = persistent

    def settings(self) -> QSettings:
        return QSettings()

    def value(self, key: str, default: object) -> object:
        if not self.persistent:
            return default
        return self.settings().value(key, default)

    def folder(self, key: str) -> str:
        """A remembered folder (home when none is stored)."""
        value = self.value(key, str(Path.home()))
        return value if isinstance(value, str) and value else str(Path.home())

    def set_value(self, key: str, value: object) -> None:
        if self.persistent:
            self.settings().setValue(key, value)
