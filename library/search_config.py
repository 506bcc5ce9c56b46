"""Which PostgreSQL text-search configuration the library uses: French, accents ignored when possible."""

from __future__ import annotations

from django.db import connection

UNACCENT = "french_unaccent"
PLAIN = "french"
_cache: dict[str, str] = {}


def search_config() -> str:
    key = connection.settings_dict.get("NAME") or ""
    if key not in _cache:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [UNACCENT])
            _cache[key] = UNACCENT if cursor.fetchone() else PLAIN
    return _cache[key]
