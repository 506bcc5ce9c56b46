from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.access import object_for
from core.portal import portal_allowed

from . import access
from .models import Notification


@portal_allowed
@login_required
@require_GET
def notification_list(request):
    notifications = access.notifications_visible_to(request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "reminders/notification_list.html", {"page_obj": page, "notifications": page.object_list})


@portal_allowed
@login_required
@require_POST
def notification_open(request, pk):
    notification = object_for(request.user, Notification, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("reminders:notification_list")


@portal_allowed
@login_required
@require_POST
def notification_mark_all_read(request):
    count = access.notifications_visible_to(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("%(count)s notification(s) marked as read.") % {"count": count})
    return redirect("reminders:notification_list")
