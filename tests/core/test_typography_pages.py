"""French typography on every page (ux.md, « French »): each GET page of the permission matrix, as
each persona who may open it.

A page fails on what its visible text shows: « : » or « % » after an ordinary space (U+00A0 before
« : », U+202F before « % »), « ; ! ? » after an ordinary space (U+202F), a time written « 10:00 »
(« 10 h », « 12 h 30 »), and « None ». Visible text only: scripts, styles, attributes, the values
of fields and what users typed in text areas are not read.

The data set, the URLs and the sessions are the permission matrix's (tests/permissions/).
"""

import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse

from tests.permissions.conftest import _media_root, dataset, media_dir  # noqa: F401 (fixtures)
from tests.permissions.expectations import EXPECTED, KWARGS, PERSONAS, QUERY
from tests.permissions.test_matrix import URL_NAMES, client_as, sessions  # noqa: F401 (fixture)

HIDDEN = {"script", "style", "textarea", "template", "noscript", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

RULES = (
    (re.compile(r"[ \t\r\n][:%]"), "espace ordinaire avant « : » ou « % »"),
    (re.compile(r"[ \t\r\n][;!?]"), "espace ordinaire avant « ; ! ? »"),
    (re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])"), "heure écrite « 10:00 »"),
    (re.compile(r"\bNone\b"), "« None » affiché"),
)


class VisibleText(HTMLParser):
    """The text a reader sees, without scripts, styles, attributes nor typed values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.stack = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag in HIDDEN or ("hidden", None) in attrs:
            self.hidden += 1
            self.stack[-1] = (tag, True)

    def handle_endtag(self, tag):
        while self.stack:
            top = self.stack.pop()
            name, hidden = top if isinstance(top, tuple) else (top, False)
            if hidden:
                self.hidden -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return "".join(parser.parts)


def defects(text: str) -> list[str]:
    found = []
    for pattern, why in RULES:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 40), match.end() + 40
            context = " ".join(text[start:end].split())
            found.append(f"{why} : …{context}…")
    return found


def test_the_checker_reads_visible_text_only():
    html = (
        '<p title="Note : 10:00">Réunion à 10\u00a0h\u00a0: ordre du jour\u202f; 82\u202f%</p>'
        "<script>var a = 'None : 10:00';</script><style>a:hover{}</style>"
        '<input value="None : 10:00"><textarea>Texte saisi : None</textarea><p hidden>None</p>'
    )
    assert defects(VisibleText.of(html)) == []
    bad = VisibleText.of("<p>Moyenne : None / 5 — 92 % à 10:00 ; vraiment ?</p>")
    assert len(defects(bad)) == 6
    assert defects("https://exemple.fr:8000 et 1:2:3") == []


CASES = [
    (name, persona)
    for name in URL_NAMES
    if name in EXPECTED and name in KWARGS
    for persona in PERSONAS
    if EXPECTED[name]["GET"][persona] == 200
]


@pytest.mark.parametrize(("name", "persona"), CASES)
def test_pages_follow_french_typography(db, dataset, sessions, name, persona):  # noqa: F811
    url = reverse(name, kwargs=KWARGS[name](dataset)) + (QUERY[name](dataset) if name in QUERY else "")
    with transaction.atomic():
        response = client_as(sessions, persona).get(url)
        transaction.set_rollback(True)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        return  # the permission matrix checks the answers; files and feeds are not pages
    content = b"".join(response.streaming_content) if response.streaming else response.content
    found = defects(VisibleText.of(content.decode()))
    assert not found, f"GET {url} ({name}) en tant que {persona} :\n" + "\n".join(found)
