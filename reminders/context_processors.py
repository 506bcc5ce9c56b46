from .access import notifications_visible_to


def notifications(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {"unread_notifications": notifications_visible_to(user).filter(read_at__isnull=True).count()}
