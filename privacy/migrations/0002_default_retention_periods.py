from django.db import migrations

DEFAULT_MONTHS = {
    "login_attempts": 6,
    "outgoing_emails": 12,
    "notifications": 12,
    "contact_attempts": 36,
    "membership_applications_rejected": 24,
    "call_applications_rejected": 24,
    "history_users": 60,
}


def create_defaults(apps, schema_editor):
    RetentionRule = apps.get_model("privacy", "RetentionRule")
    for kind, months in DEFAULT_MONTHS.items():
        RetentionRule.objects.get_or_create(kind=kind, defaults={"months": months})


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_personal_data")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
