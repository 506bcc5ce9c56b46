"""The RACI matrix as a PDF: landscape pages with the legend, the validation summary and the workload."""

from django.utils.text import slugify
from django.utils.translation import pgettext_lazy

from actions.documents import action_sender, programme_sender
from reports.registry import DocumentKind, register

MATRIX_KIND = "raci.matrix"


def _context(document) -> dict:
    from .selectors import build_grid

    matrix = document.target
    return {"matrix": matrix, "grid": build_grid(matrix)}


def _can_view(user, matrix) -> bool:
    from .access import can_view_matrix

    return matrix is not None and can_view_matrix(user, matrix)


register(
    DocumentKind(
        key=MATRIX_KIND,
        label=pgettext_lazy("document", "RACI matrix"),
        template="raci/pdf/matrix.html",
        build_context=_context,
        can_view=_can_view,
        filename=lambda document: f"raci-{slugify(document.target.title)[:60] or document.target.pk}.pdf",
        sender=lambda document: (
            action_sender(document.target.action)
            if document.target.action_id
            else programme_sender(document.target.programme)
        ),
    )
)
