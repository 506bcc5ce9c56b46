"""Selectors of governance: what several topics share."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Model


def _label(model: type[Model], name: str) -> str:
    try:
        return str(cast(Any, model._meta.get_field(name)).verbose_name)
    except Exception:  # a field removed since: its name
        return name
