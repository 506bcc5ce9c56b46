"""Reports's area in the navigation bar (found at start-up by `core.navigation`)."""

from django.utils.translation import gettext_lazy as _

from core.navigation import Area, register
from directory.access import is_member_contact

register(
    Area(
        "reports:document_list",
        _("My documents"),
        "bi-file-earmark-pdf",
        lambda user: user.is_authenticated and not is_member_contact(user),
        group="more",
        order=40,
    )
)
