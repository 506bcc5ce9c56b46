from directory.roles import is_admin

from .models import Document
from .registry import get_kind


def documents_for_user(user):
    qs = Document.objects.select_related("requested_by")
    if is_admin(user):
        return qs
    return qs.filter(requested_by=user)


def can_read_document(user, document: Document) -> bool:
    if is_admin(user) or document.requested_by_id == user.pk:
        return True
    try:
        kind = get_kind(document.kind)
    except LookupError:
        return False
    return document.target is not None and kind.can_view(user, document.target)
