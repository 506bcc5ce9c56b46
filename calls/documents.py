from django.utils.translation import gettext_lazy as _

from actions.documents import programme_sender
from reports.registry import DocumentKind, register

from . import access


def _application_context(document):
    from . import selectors
    from .models import Application

    application = selectors.application_detail_for_user(document.requested_by).filter(
        pk=document.target.pk
    ).first() or Application.objects.get(pk=document.target.pk)
    return {
        "application": application,
        "call": application.call,
        "answers": [
            (c, application.eligibility_answers.get(str(c.pk)))
            for c in application.call.eligibility_criteria.all()
        ],
    }


def _selection_context(document):
    from . import selectors

    call = selectors.call_with_criteria(type(document.target).objects.filter(pk=document.target.pk)).get()
    return {
        "call": call,
        "rows": selectors.selection_table(call),
        "criteria": list(call.priority_criteria.all()),
    }


register(
    DocumentKind(
        key="calls.application",
        label=_("Application as submitted"),
        template="calls/pdf/application.html",
        build_context=_application_context,
        can_view=lambda user, application: (
            application.submitted_at is not None and access.can_review_call(user, application.call)
        ),
        filename=lambda document: f"candidature-{document.target.pk}.pdf",
        sender=lambda document: programme_sender(document.target.call.programme),
    )
)

register(
    DocumentKind(
        key="calls.selection_table",
        label=_("Selection table"),
        template="calls/pdf/selection_table.html",
        build_context=_selection_context,
        can_view=lambda user, call: access.can_review_call(user, call),
        filename=lambda document: f"selection-{document.target.slug}.pdf",
        sender=lambda document: programme_sender(document.target.programme),
    )
)
