"""Decisions: the engine (recommend), explain and lint."""
