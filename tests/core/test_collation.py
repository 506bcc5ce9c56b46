"""French alphabetical order (core.collation): accents and case break ties only, on PostgreSQL and SQLite."""

import sqlite3

import pytest
from django.urls import reverse

from core import collation
from core.collation import FrenchOrder, french_key
from directory.models import Person
from tests.factories import PersonFactory

NAMES = ["Vasseur", "Étienne", "dupont", "Zola", "Éric", "eric", "Dupont", "Œuvray", "Oudin"]
FRENCH = ["dupont", "Dupont", "eric", "Éric", "Étienne", "Œuvray", "Oudin", "Vasseur", "Zola"]


def test_the_key_sorts_as_a_french_reader_expects():
    assert sorted(NAMES, key=french_key) == FRENCH


def test_sqlite_sorts_with_the_registered_collation():
    db = sqlite3.connect(":memory:")
    db.create_collation(collation.SQLITE_COLLATION, collation._compare)
    db.execute("create table t (name text)")
    db.executemany("insert into t values (?)", [(n,) for n in NAMES])
    rows = db.execute(f"select name from t order by name collate {collation.SQLITE_COLLATION}").fetchall()
    assert [r[0] for r in rows] == FRENCH


@pytest.mark.django_db
def test_the_database_sorts_in_french_order():
    for name in NAMES:
        PersonFactory(last_name=name, first_name="A")
    ordered = Person.objects.filter(last_name__in=NAMES).order_by(FrenchOrder("last_name").asc(), "pk")
    plain = [p.last_name for p in ordered]
    # ICU and the SQLite key agree on letters; ties between cases or accents may fall either way.
    assert [french_key(n)[0] for n in plain] == [french_key(n)[0] for n in FRENCH]


@pytest.mark.django_db
def test_the_directory_lists_etienne_before_vasseur(client_for, pilot):
    PersonFactory(last_name="Vasseur", first_name="Anne")
    PersonFactory(last_name="Étienne", first_name="Bruno")
    page = client_for(pilot).get(reverse("directory:person_list"), {"q": ""})
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Étienne") < text.index("Vasseur")
