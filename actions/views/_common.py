"""Views of actions: what several topics share."""

from __future__ import annotations

from ..services import LineChanges

PAGE_SIZE = 25


def line_changes(formset) -> LineChanges:
    """What a validated inline formset asks: its new and changed lines (not saved) and those to remove."""
    saved = formset.save(commit=False)
    return LineChanges(saved=saved, deleted=list(formset.deleted_objects))
