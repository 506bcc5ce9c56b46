"""What the RACI pages share: the grid's address, whether a request comes from htmx, a move's direction."""

from __future__ import annotations

from django.http import Http404

from ..models import Matrix


def _grid_url(matrix: Matrix, anchor: str = "") -> str:
    return matrix.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _direction(request) -> int:
    direction = request.POST.get("direction")
    if direction not in ("-1", "1"):
        raise Http404
    return int(direction)
