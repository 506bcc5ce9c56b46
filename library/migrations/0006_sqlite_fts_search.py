"""The library's search on SQLite: an FTS5 table of folded (accent- and case-free) copies of the
publications, filled here for those already published (see `library.sqlite_search`).

SQLite only: PostgreSQL keeps its `french_unaccent` tsvector (0004).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from library.sqlite_search import CREATE, TABLE, fold

    schema_editor.execute(CREATE)
    Publication = apps.get_model("library", "Publication")
    with schema_editor.connection.cursor() as cursor:
        for pk, title, summary, body_text in Publication.objects.values_list("pk", "title", "summary", "body_text"):
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [pk])
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, title, summary, body_text) VALUES (%s, %s, %s, %s)",
                [pk, fold(title), fold(summary), fold(body_text)],
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from library.sqlite_search import TABLE

        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("library", "0005_digest_unsubscribe_nonce")]

    operations = [migrations.RunPython(create, drop)]
