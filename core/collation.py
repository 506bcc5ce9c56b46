"""French alphabetical order for text columns, whatever the database's own collation.

A database created with the C or « en » collation sorts « Étienne » after « Vasseur » and « de la Tour »
after « Zola »; lowering the case (`Lower`) fixes the capitals only. `FrenchOrder("last_name")` sorts as
a French reader expects: accents and case count only to break a tie.

- PostgreSQL: the ICU collation « fr-x-icu » (PostgreSQL built with ICU, as Debian's and the official
  image are).
- SQLite (the embedded default): a collation registered on each new connection (`connect()`), which
  compares the words without accents and case first.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Func

POSTGRESQL_COLLATION = "fr-x-icu"
SQLITE_COLLATION = "copilote_fr"


LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def french_key(text: str) -> tuple[str, str]:
    """The order of `text`: its letters without accents, case nor ligatures (« Œ » is « oe »); then, to
    break a tie, lower case before capitals and plain letters before accented ones, as ICU does."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(LIGATURES)
    return plain, text.swapcase()


def _compare(left: str, right: str) -> int:
    a, b = french_key(left), french_key(right)
    return (a > b) - (a < b)


class FrenchOrder(Func):
    """A text column (or expression) compared in French alphabetical order; for `order_by`."""

    template = "%(expressions)s"
    arity = 1

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=f'%(expressions)s COLLATE "{POSTGRESQL_COLLATION}"')

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template=f"%(expressions)s COLLATE {SQLITE_COLLATION}")


def _register_on_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def connect() -> None:
    connection_created.connect(_register_on_sqlite, dispatch_uid="copilote-french-collation")
