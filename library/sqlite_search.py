"""The library's full-text search on SQLite (the embedded default): FTS5, accents and case ignored.

PostgreSQL searches the `french_unaccent` tsvector (see `library.search_config`). On SQLite an
FTS5 table holds a folded copy of each publication's title, summary and text — lower case, no
accents, ligatures spelt out (« œ » → « oe », as PostgreSQL's `unaccent` does) — kept in step
by `services.publication_index`. A query is folded the same way, loses the French stop words
PostgreSQL drops, and each remaining word matches the words that start with its light stem
(« santé » → « sant* » finds « santé », « santés », « SANTE »): the same documents as the
French stemmer on the library's texts. bm25 ranks them, the title weighing most, as the
A/B/C weights do on PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connection

TABLE = "library_publication_fts"
CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
    "USING fts5(title, summary, body_text, tokenize='unicode61 remove_diacritics 2')"
)
WEIGHTS = (5.0, 2.0, 1.0)  # title, summary, text: PostgreSQL's default A/B/C weights 1.0/0.4/0.2
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# PostgreSQL's french.stop (tsearch_data), the words its French configuration leaves out.
STOP_WORDS = frozenset(
    [
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "eux",
        "il",
        "je",
        "la",
        "le",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "même",
        "mes",
        "moi",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "c",
        "d",
        "j",
        "l",
        "à",
        "m",
        "n",
        "s",
        "t",
        "y",
        "été",
        "étée",
        "étées",
        "étés",
        "étant",
        "étante",
        "étants",
        "étantes",
        "suis",
        "es",
        "est",
        "sommes",
        "êtes",
        "sont",
        "serai",
        "seras",
        "sera",
        "serons",
        "serez",
        "seront",
        "serais",
        "serait",
        "serions",
        "seriez",
        "seraient",
        "étais",
        "était",
        "étions",
        "étiez",
        "étaient",
        "fus",
        "fut",
        "fûmes",
        "fûtes",
        "furent",
        "sois",
        "soit",
        "soyons",
        "soyez",
        "soient",
        "fusse",
        "fusses",
        "fût",
        "fussions",
        "fussiez",
        "fussent",
        "ayant",
        "ayante",
        "ayantes",
        "ayants",
        "eu",
        "eue",
        "eues",
        "eus",
        "ai",
        "as",
        "avons",
        "avez",
        "ont",
        "aurai",
        "auras",
        "aura",
        "aurons",
        "aurez",
        "auront",
        "aurais",
        "aurait",
        "aurions",
        "auriez",
        "auraient",
        "avais",
        "avait",
        "avions",
        "aviez",
        "avaient",
        "eut",
        "eûmes",
        "eûtes",
        "eurent",
        "aie",
        "aies",
        "ait",
        "ayons",
        "ayez",
        "aient",
        "eusse",
        "eusses",
        "eût",
        "eussions",
        "eussiez",
        "eussent",
    ]
)


def fold(text: str) -> str:
    """Lower case, without accents, ligatures spelt out: how both the index and the queries are compared."""
    text = (text or "").lower().translate(LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_FOLDED_STOP_WORDS = frozenset(fold(word) for word in STOP_WORDS)


def stem(word: str) -> str:
    """A light French stem of a folded word: plural and final « e » off (« santes » → « sant »)."""
    for ending in ("s", "x"):
        if len(word) > 3 and word.endswith(ending):
            word = word[:-1]
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def stems(query: str) -> list[str]:
    """The stems a query looks for: its words folded, the stop words left out, in order, once each."""
    found: list[str] = []
    for word in re.findall(r"\w+", fold(query)):
        if word in _FOLDED_STOP_WORDS:
            continue
        root = stem(word)
        if root not in found:
            found.append(root)
    return found


def match_expression(query: str) -> str:
    """The FTS5 query: every stem, as the prefix of a word (an empty string when nothing is left)."""
    return " AND ".join(f'"{root}"*' for root in stems(query))


def word_matches(word: str, roots: list[str]) -> bool:
    """Does a word of the text match one of the stems? (for the highlighted passage)"""
    folded = fold(word)
    return any(folded.startswith(root) for root in roots)


def index(publication) -> None:
    """Store (or replace) the folded copy of one publication."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [publication.pk])
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, title, summary, body_text) VALUES (%s, %s, %s, %s)",
            [publication.pk, fold(publication.title), fold(publication.summary), fold(publication.body_text)],
        )


def matching_ids_sql(table: str = TABLE) -> str:
    return f"SELECT rowid FROM {table} WHERE {table} MATCH %s"


def rank_sql(pk_column: str) -> str:
    """A correlated bm25 score (lower is better) of the publication in `pk_column`."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    return f"(SELECT bm25({TABLE}, {weights}) FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid = {pk_column})"
