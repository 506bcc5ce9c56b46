"""Demo: the service account is its service's data referent (it may read who read its member files)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


def load(stdout) -> None:
    staff = get_user_model().objects.filter(username="service").first()
    if staff is None:
        return
    permission = Permission.objects.get(content_type__app_label="privacy", codename="view_readlogentry")
    staff.user_permissions.add(permission)  # adding a permission held already does nothing
    stdout.write("    le compte « service » lit le journal des consultations de son service")
