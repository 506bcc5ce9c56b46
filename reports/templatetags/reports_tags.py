"""The button that asks for a PDF: the same on every page that offers one."""

from typing import Any

from django import template
from django.template import Context
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("reports/_pdf_button.html", takes_context=True)
def pdf_button(
    context: Context,
    label: str,
    url_name: str,
    *args: Any,
    style: str = "outline-secondary",
    small: bool = False,
    note: str = "",
    spacing: str = "",
) -> dict[str, Any]:
    """A button posting to `url_name` (with `args`), the view that prepares the PDF and follows it up;
    `note`: a line under it saying what the document is; `spacing`: the form's margin class (« mb-2 »).

    {% pdf_button _("Fiche (PDF)") "actions:action_fiche_pdf" action.pk %}
    {% pdf_button _("Results (PDF)") "adherents:survey_results_pdf" survey.pk style="outline-primary" small=True %}
    """
    return {
        "csrf_token": context.get("csrf_token"),
        "url": reverse(url_name, args=args),
        "label": label,
        "classes": f"btn btn-{style}" + (" btn-sm" if small else ""),
        "note": note,
        "spacing": spacing,
    }
