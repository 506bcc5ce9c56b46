"""scripts/backup.sh and scripts/restore.sh against a real database of the test cluster.

A separate database (`copilote_backup_test`) is created on the PostgreSQL server of
`DATABASE_URL`, migrated and filled (demo data, a rendered PDF, deliverable files) by
`manage.py` in subprocesses; it is backed up, dropped, recreated empty and restored, and
every model's row count and every file's bytes must come back.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import services_required

REPO = Path(__file__).resolve().parents[2]
DB_NAME = "copilote_backup_test"

pytestmark = pytest.mark.postgres

LOAD_DATA = """
from django.contrib.auth import get_user_model
from django.core.management import call_command
from actions.models import CollectiveAction, Deliverable
from actions import access
from reports.models import Document
from reports.services import document_render, document_request

call_command("load_demo", verbosity=0)
action = CollectiveAction.objects.order_by("pk").first()
user = next(u for u in get_user_model().objects.order_by("pk") if access.can_view_action(u, action))
document = document_request(kind="actions.fiche", target=action, requested_by=user)
document_render(document_id=document.pk)
document.refresh_from_db()
assert document.status == Document.Status.DONE and document.file, document.error
assert Deliverable.objects.exclude(file="").exists()
"""

COUNT_ROWS = """
import json
from django.apps import apps
from django.db import connection
counts = {m._meta.label: m._base_manager.count() for m in apps.get_models(include_auto_created=True)}
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM django_migrations")
    counts["django_migrations"] = cursor.fetchone()[0]
print("COUNTS=" + json.dumps(counts))
"""

NEW_ROW_AFTER_RESTORE = """
from directory.models import Organisation
Organisation.objects.create(name="Créée après la restauration")
"""


def _server_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if url.split("://", 1)[0] in ("postgres", "postgresql", "pgsql", "psql"):
        return url
    return None


@pytest.fixture
def backup_db_url():
    url = _server_url()
    if url is None:
        if services_required():
            pytest.fail("DATABASE_URL doit désigner PostgreSQL en CI : la sauvegarde n'est pas testée.")
        pytest.skip("PostgreSQL absent : test de sauvegarde sauté (lancez scripts/run-tests.sh).")
    parts = urlsplit(url)
    yield urlunsplit(parts._replace(path=f"/{DB_NAME}"))
    _recreate(url, create=False)


def _recreate(url: str, *, create: bool = True) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME)))
            if create:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
    finally:
        connection.close()


def _run(args, env, *, check=True, timeout=300):
    result = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        pytest.fail(f"{args} a échoué ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def _manage(env, *args, **kwargs):
    return _run([sys.executable, "manage.py", *args], env, **kwargs)


def _counts(env) -> dict:
    output = _manage(env, "shell", "-c", COUNT_ROWS).stdout
    line = next(line for line in output.splitlines() if line.startswith("COUNTS="))
    return json.loads(line.removeprefix("COUNTS="))


def _files(*folders: Path) -> dict:
    return {
        str(path.relative_to(folder.parent)): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_backup_then_restore_gives_back_every_row_and_file(backup_db_url, tmp_path):
    media, private = tmp_path / "site" / "media", tmp_path / "site" / "private"
    env = {
        **os.environ,
        "DATABASE_URL": backup_db_url,
        "MEDIA_ROOT": str(media),  # PRIVATE_MEDIA_ROOT left unset: its default, site/private
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "COPILOTE_PRODUCTION": "false",
    }
    env.pop("PRIVATE_MEDIA_ROOT", None)
    _recreate(os.environ["DATABASE_URL"])
    _manage(env, "migrate", "--noinput")
    _manage(env, "shell", "-c", LOAD_DATA, timeout=600)

    before_rows = _counts(env)
    before_files = _files(media, private)
    assert before_rows["actions.CollectiveAction"] > 0 and before_rows["reports.Document"] > 0
    assert any(name.startswith("media/documents/") and name.endswith(".pdf") for name in before_files)
    assert any(name.startswith("private/deliverables/") for name in before_files)

    backup = tmp_path / "sauvegarde"
    result = _run(["bash", "scripts/backup.sh", str(backup)], env)
    assert "Sauvegarde terminée" in result.stdout
    assert {p.name for p in backup.iterdir()} == {"base.dump", "media.tar.gz", "private.tar.gz", "SHA256SUMS"}
    assert all(p.stat().st_mode & 0o077 == 0 for p in [backup, *backup.iterdir()]), (
        "personal data: owner only"
    )

    # Restoring over live data is refused without --force, and leaves everything as it was.
    refused = _run(["bash", "scripts/restore.sh", str(backup)], env, check=False)
    assert refused.returncode != 0
    assert "restauration refusée" in refused.stderr and "--force" in refused.stderr
    assert _counts(env) == before_rows and _files(media, private) == before_files

    # The disaster: the database and both folders are gone.
    _recreate(os.environ["DATABASE_URL"])
    for folder in (media, private):
        subprocess.run(["rm", "-rf", str(folder)], check=True)
    assert _files(media, private) == {}

    result = _run(["bash", "scripts/restore.sh", str(backup)], env)
    assert "Restauration terminée" in result.stdout
    assert _counts(env) == before_rows
    assert _files(media, private) == before_files
    # Sequences came back with the rows: a new row gets a fresh id.
    _manage(env, "shell", "-c", NEW_ROW_AFTER_RESTORE)

    # --force replaces what is there by the backup.
    (media / "ajout-apres-sauvegarde.txt").write_text("à effacer")
    result = _run(["bash", "scripts/restore.sh", "--force", str(backup)], env)
    assert _counts(env) == before_rows
    assert _files(media, private) == before_files


def test_restore_refuses_a_damaged_backup(backup_db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": backup_db_url, "MEDIA_ROOT": str(tmp_path / "media")}
    _recreate(os.environ["DATABASE_URL"])
    backup = tmp_path / "sauvegarde"
    _run(["bash", "scripts/backup.sh", str(backup)], env)
    with (backup / "base.dump").open("ab") as handle:
        handle.write(b"abime")
    result = _run(["bash", "scripts/restore.sh", str(backup)], env, check=False)
    assert result.returncode != 0 and "sauvegarde abîmée" in result.stderr
    missing = _run(["bash", "scripts/restore.sh", str(tmp_path / "nulle-part")], env, check=False)
    assert missing.returncode != 0 and "introuvable" in missing.stderr
