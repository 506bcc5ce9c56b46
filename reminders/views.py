from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import object_for
from core.portal import portal_allowed

from . import access
from .forms import NotificationPreferenceForm
from .grouping import fill_groups, groups_queryset, same_group
from .models import Notification, NotificationPreference
from .services import delivery_of, notification_preference_set

GROUPS_PER_PAGE = 20


@portal_allowed
@login_required
@require_GET
def notification_list(request):
    """The notices, one card per object and kind (latest first), each opening on its notices."""
    notifications = access.notifications_visible_to(request.user)
    page = Paginator(groups_queryset(notifications), GROUPS_PER_PAGE).get_page(request.GET.get("page"))
    groups = fill_groups(notifications, list(page.object_list))
    delivery = NotificationPreference.Delivery(delivery_of(request.user))
    return render(
        request,
        "reminders/notification_list.html",
        {
            "page_obj": page,
            "groups": groups,
            "delivery": delivery,
        },
    )


@portal_allowed
@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """The person chooses how they receive their notices: by e-mail at once, in a daily digest, or in the app only."""
    current = NotificationPreference(user=request.user, delivery=delivery_of(request.user))
    form = NotificationPreferenceForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        notification_preference_set(
            user=request.user, delivery=form.cleaned_data["delivery"], by=request.user
        )
        messages.success(request, _("Your preference is saved."))
        return redirect("reminders:notification_list")
    return render(request, "reminders/notification_preferences.html", {"form": form})


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
def notification_group_read(request, pk):
    """Mark read a notice and every other of its group (same object, same kind)."""
    notification = object_for(request.user, Notification, pk=pk)
    same_group(access.notifications_visible_to(request.user), notification).filter(
        read_at__isnull=True
    ).update(read_at=timezone.now())
    return redirect("reminders:notification_list")


@portal_allowed
@login_required
@require_POST
def notification_mark_all_read(request):
    count = (
        access.notifications_visible_to(request.user)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )
    messages.success(request, _("%(count)s notification(s) marked as read.") % {"count": count})
    return redirect("reminders:notification_list")
