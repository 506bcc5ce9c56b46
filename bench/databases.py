"""The benchmarks' PostgreSQL databases: one freshly migrated template, one copy of it per scale
(bench/run.py, bench/api.py). DATABASE_URL names the server and the base name."""

from __future__ import annotations

import gc
import os
from urllib.parse import urlsplit, urlunsplit


def _admin_connection():
    import psycopg2

    parts = urlsplit(os.environ["DATABASE_URL"])
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    return connection


def base_name() -> str:
    return urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/") or "copilote"


def url_for(database: str) -> str:
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database}"))


def recreate_database(name: str, template: str | None = None) -> None:
    connection = _admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    connection.close()


def template_usable(template: str, probe: str) -> bool:
    """Can `template` be copied now? (PostgreSQL refuses while anybody is connected to it.)"""
    import psycopg2

    try:
        recreate_database(probe, template)
    except psycopg2.Error:
        return False
    drop_database(probe)
    return True


def drop_database(name: str) -> None:
    connection = _admin_connection()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def use_database(name: str) -> None:
    """Point Django's default connection at another database of the same server."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection

    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    ContentType.objects.clear_cache()
    cache.clear()


def template_database(given: str | None, *, prefix: str) -> tuple[str, bool]:
    """The migrated database the scales are copied from: `given` if it can be copied now, else a new
    one, `<base>_<prefix>_modele`, migrated here. Returns it and whether it is ours to drop."""
    from django.core.management import call_command
    from django.db import connection

    base = base_name()
    if given and template_usable(given, f"{base}_{prefix}_essai"):
        return given, False
    if given:
        print(f"Base {given} occupée ou absente : une base modèle est migrée.", flush=True)
    template = f"{base}_{prefix}_modele"
    print(f"Base modèle {template} : migrations…", flush=True)
    recreate_database(template)
    use_database(template)
    call_command("migrate", interactive=False, verbosity=0)
    connection.close()
    return template, True


def filled_database(database: str, template: str, label: str) -> dict:
    """`database`, a new copy of `template`, filled at scale `label` by bench/data.py and ANALYZEd;
    returns what `bench.data.build` returns."""
    from django.db import connection

    from bench.data import SCALES, build

    recreate_database(database, template)
    use_database(database)
    data = build(SCALES[label])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    gc.collect()  # the builder's objects are garbage now
    return data
