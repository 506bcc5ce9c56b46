"""Selectors of governance: what several topics share."""

from __future__ import annotations


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field removed since: its name
        return name
