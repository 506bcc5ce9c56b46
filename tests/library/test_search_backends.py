"""The library search gives the same answers on both backends, accents and case forgiven: PostgreSQL
(the `french_unaccent` tsvector) and SQLite, the embedded default (FTS5 on folded copies).

The SQLite side runs in a subprocess on a throw-away database (`migrate` + `load_demo`), and its
answers on the demo are compared with PostgreSQL's on the same demo."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from library import selectors, sqlite_search

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ["santé", "sante", "SANTÉ", "Santé au travail", "œuvre", "oeuvre", "qualité de vie", "évaluation"]
ANSWERS = """
import json, sys
from django.contrib.auth import get_user_model
from library.selectors import SearchFilters, search, with_passages
admin = get_user_model().objects.get(username="admin")
answers = {}
for q in json.loads(sys.argv[1]):
    results = with_passages(list(search(admin, SearchFilters(q=q))[0]), q)
    answers[q] = {"ids": sorted(f"{p.source}|{p.title}" for p in results), "first": f"{results[0].source}|{results[0].title}" if results else None,
                  "marked": all("<mark>" in p.highlighted for p in results)}
print(json.dumps(answers))
"""


def answers_here() -> dict:
    admin = get_user_model().objects.get(username="admin")
    return {
        q: sorted(f"{p.source}|{p.title}" for p in selectors.search(admin, selectors.SearchFilters(q=q))[0])
        for q in QUERIES
    }


def answers_on_sqlite(tmp_path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=240)
    script = [sys.executable, "-c", f"import django; django.setup()\n{ANSWERS}", json.dumps(QUERIES)]
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    done = subprocess.run(script, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_sqlite_finds_what_postgresql_finds_on_the_demo_whatever_the_accents_and_case(tmp_path):
    assert connection.vendor == "postgresql"
    call_command("load_demo", stdout=io.StringIO())
    on_postgresql = answers_here()
    assert len(on_postgresql["santé"]) > 0 and on_postgresql["œuvre"]
    assert on_postgresql["santé"] == on_postgresql["sante"] == on_postgresql["SANTÉ"]
    assert on_postgresql["œuvre"] == on_postgresql["oeuvre"]
    assert set(on_postgresql["Santé au travail"]) < set(on_postgresql["santé"])

    on_sqlite = answers_on_sqlite(tmp_path)
    assert {q: answer["ids"] for q, answer in on_sqlite.items()} == on_postgresql
    # Ranked, and each passage marks the words found, accents or not.
    assert all(answer["marked"] for answer in on_sqlite.values())
    assert on_sqlite["sante"]["first"] == on_sqlite["santé"]["first"] == on_sqlite["SANTÉ"]["first"]


def test_queries_are_folded_and_lose_the_french_stop_words():
    assert sqlite_search.fold("SANTÉ, Œuvre à Noël") == "sante, oeuvre a noel"
    assert sqlite_search.stems("Santé au travail") == ["sant", "travail"]
    assert sqlite_search.stems("santé sante SANTÉS") == ["sant"]
    assert sqlite_search.match_expression("la santé des salariés") == '"sant"* AND "salari"*'
    assert sqlite_search.match_expression("de la") == ""


def test_the_sqlite_passage_marks_the_words_whatever_their_accents():
    raw = selectors._python_headline(
        "Un long texte. " * 20 + "La Santé au travail et les œuvres.", sqlite_search.stems("sante oeuvre")
    )
    start, stop = selectors.START, selectors.STOP
    assert f"{start}Santé{stop}" in raw and f"{start}œuvres{stop}" in raw and raw.startswith("…")
    assert f"{start}travail" not in raw
