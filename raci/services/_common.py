"""Services of raci: what several topics share"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from django.utils import timezone

from core.history import set_history_author
from core.types import Actor

from ..models import Matrix

M = TypeVar("M", bound=Model)

# The history rows of the content a matrix is created with (a copy, an import): the
# history page shows them as one event, « created from… », not one line per cell.
INITIAL_CONTENT = "initial-content"


# The history rows of the rows and columns that only moved one place because another one was
# added or moved: the history page names the change that moved them, not each of them.
SHIFTED = "shifted"


def _with_user(instance: M, by: Actor) -> M:
    set_history_author(instance, by)
    return instance


def _content_changed(matrix: Matrix, *, by: Actor) -> None:
    """Touch the matrix; a validated one goes back to draft.

    The status is read again under the matrix's row lock: the page that sent the change may have
    been loaded before somebody validated the matrix, and a validation running now waits for it.
    """
    fields: dict[str, Any] = {"updated_at": timezone.now()}
    status = Matrix.objects.select_for_update().filter(pk=matrix.pk).values_list("status", flat=True).first()
    if status == Matrix.Status.VALIDATED:
        matrix.refresh_from_db()
        fields.update(status=Matrix.Status.DRAFT, validated_by=None, validated_at=None)
        for name, value in fields.items():
            setattr(matrix, name, value)
        _with_user(matrix, by).save(update_fields=list(fields))
    else:
        Matrix.objects.filter(pk=matrix.pk).update(**fields)
        matrix.updated_at = fields["updated_at"]
