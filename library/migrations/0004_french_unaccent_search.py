"""A French text-search configuration that also ignores accents (“evaluation” finds “Évaluation”).

PostgreSQL only. `unaccent` is a trusted extension (PostgreSQL 13+), so the database owner
may create it; where it cannot be created, the search keeps the plain `french` configuration
(see `library.search_config`).
"""

from django.db import migrations, transaction

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DO $$ BEGIN "
    "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN "
    "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french); "
    "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem; "
    "END IF; END $$",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            for statement in CREATE:
                schema_editor.execute(statement)
    except Exception:  # no unaccent available: the plain French configuration stays in use
        return


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent")


class Migration(migrations.Migration):
    dependencies = [("library", "0003_publicationhit")]

    operations = [migrations.RunPython(create, drop)]
