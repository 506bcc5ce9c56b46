"""How an app's `FUZZ` table (tests/<app>/access_expectations.py) says where a form comes from.

Apart from the engine so that the apps' tables import them without importing the engine
(which reads the URL arguments those same tables hold).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """The form is on a page: the endpoint's own (host=None) or another one posting to it."""

    host: str | None = None
    query: object = None  # dataset -> "?…" appended to the page's (and endpoint's) URL
    context: str | None = None  # context key of a form the page holds but does not display now


@dataclass(frozen=True)
class NoForm:
    """A one-button endpoint: posted junk fields (named as the view might read them)."""

    fields: tuple[str, ...] = ("next", "op", "direction", "publish", "status", "submit")


@dataclass(frozen=True)
class Entry:
    persona: str
    source: Page | NoForm = field(default_factory=Page)
    # Puts the data set in the state showing the form (inside the test's savepoint); may return
    # the URL's arguments. For variants ("name#variant") of a URL reaching another form.
    setup: object = None
