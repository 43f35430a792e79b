"""Export tests (a package, so its conftest does not clash with tests/gui/conftest.py)."""
