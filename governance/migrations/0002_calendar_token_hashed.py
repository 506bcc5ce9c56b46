"""Calendar feed tokens are stored as their SHA-256 only: existing subscriptions keep working,
since the feed hashes the token of the URL it is asked for and finds the same row."""

import hashlib

from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    CalendarToken = apps.get_model("governance", "CalendarToken")
    for row in CalendarToken.objects.only("pk", "token_hash").iterator():
        CalendarToken.objects.filter(pk=row.pk).update(
            token_hash=hashlib.sha256(row.token_hash.encode("utf-8")).hexdigest()
        )


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="calendartoken", old_name="token", new_name="token_hash"),
        migrations.AlterField(
            model_name="calendartoken",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        # Going back cannot recover the plain tokens: every calendar would have to subscribe again.
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop, elidable=False),
    ]
