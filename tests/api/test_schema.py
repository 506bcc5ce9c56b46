"""The committed OpenAPI schema is the one the code generates, and drf-spectacular finds no warning."""

from pathlib import Path

from django.core.management import call_command

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_the_committed_schema_is_up_to_date_and_valid(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text() == SCHEMA.read_text(), (
        "Le schéma a changé : python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml"
    )
