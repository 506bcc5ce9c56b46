"""Views of actions: what several topics share."""

from __future__ import annotations

from .. import services

PAGE_SIZE = 25


def _save_lines(formset, *, by, save, delete):
    """Save a validated inline formset line by line through the services (deletions first, so
    that a removed number may be taken again), each change recorded in its object's history."""
    changed = formset.save(commit=False)
    for obj in formset.deleted_objects:
        delete(obj, by)
    for obj in changed:
        save(obj, by)


def _save_programme_lines(formsets, *, by):
    _save_lines(
        formsets["axes"],
        by=by,
        save=lambda obj, by: services.programme_axis_save(axis=obj, by=by),
        delete=lambda obj, by: services.programme_axis_delete(axis=obj, by=by),
    )
    _save_lines(
        formsets["steps"],
        by=by,
        save=lambda obj, by: services.programme_step_save(step=obj, by=by),
        delete=lambda obj, by: services.programme_step_delete(step=obj, by=by),
    )
