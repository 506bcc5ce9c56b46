from .access import notifications_visible_to
from .grouping import unread_group_count


def notifications(request):
    """The navigation badge: how many groups of notices (per object and kind) are unread."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_group_count(notifications_visible_to(user))}
