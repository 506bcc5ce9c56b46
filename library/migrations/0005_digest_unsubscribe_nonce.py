"""Unsubscribe links carry a per-user nonce, so they can be revoked. Each existing preference
draws its own; links sent before carry none and are refused with an explanation (library/digest.py)."""

import secrets

from django.db import migrations, models

import library.models


def draw_nonces(apps, schema_editor):
    DigestPreference = apps.get_model("library", "DigestPreference")
    for pk in DigestPreference.objects.values_list("pk", flat=True).iterator():
        DigestPreference.objects.filter(pk=pk).update(unsubscribe_nonce=secrets.token_urlsafe(12))


class Migration(migrations.Migration):

    dependencies = [
        ("library", "0004_french_unaccent_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="digestpreference",
            name="unsubscribe_nonce",
            field=models.CharField(editable=False, max_length=32, null=True, verbose_name="unsubscribe links key"),
        ),
        migrations.RunPython(draw_nonces, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="digestpreference",
            name="unsubscribe_nonce",
            field=models.CharField(
                default=library.models.new_unsubscribe_nonce, editable=False, max_length=32,
                verbose_name="unsubscribe links key",
            ),
        ),
        migrations.AddField(
            model_name="digestpreference",
            name="unsubscribe_links_revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="unsubscribe links revoked at"),
        ),
    ]
