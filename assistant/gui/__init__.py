"""The PySide6 desktop app: widgets that render what :mod:`assistant.core` returns.

No decision logic lives here; every answer change goes through
:func:`assistant.core.decide.engine.recommend` and the widgets redraw its result.
"""
