"""Programmes and actions come from the shared factories (tests/factories/actions.py)."""

from tests.factories import ActionFactory, ProgrammeFactory, make_action

__all__ = ["ActionFactory", "ProgrammeFactory", "make_action"]
