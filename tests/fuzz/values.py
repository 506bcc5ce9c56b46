"""Hostile values, by the kind of control they are typed into."""

from __future__ import annotations

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror=alert(1)>")

# Typed into any control: what people paste, what attackers send, what breaks databases.
TEXTS = [
    "",
    " ",
    "\t\n ",
    SCRIPT,
    IMG,
    "Nom avec un NUL\x00au milieu",
    "\x00",
    "😀🏭 Entreprise 🇫🇷",
    "\u202eénoitca\u202c",  # right-to-left override
    "שלום مرحبا",
    "e\u0301\u0301\u0301 combinés",
    "=CMD()",
    "+33 1 23 45 67 89",
    "@SUM(A1:A2)",
    "' OR 1=1 --",
    "{{ 7|add:7 }} {% now 'Y' %} %s %(x)s",
    "null",
    "None",
    "\r\n\r\n",
    "A" * 10_000,
    "É" * 200_000,
    "ligne\u2028séparée",
]
NUMBERS = [
    "abc",
    "12,5",
    "1 000,5",
    "1\u202f000",
    "1e400",
    "-1e400",
    "NaN",
    "Infinity",
    "-0",
    "-1",
    "0",
    "0,001",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "1.5",
    "٣",  # an Arabic-Indic digit
    "0x10",
]
DATES = [
    "31/02/2026",
    "00/00/0000",
    "01/01/10000",
    "0001-01-01",
    "9999-12-31",
    "2026-02-31",
    "2026-13-01",
    "10000-01-01",
    "-2026-01-01",
    "2026-06-15T25:61",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "demain",
]
CHOICES = ["nimporte", "-1", "0", "999999999", str(2**63), "1.5", "abc", "' OR 1=1", "\x00"]

text_kinds = ("text", "textarea", "email", "url", "tel", "search", "password", "hidden", "color")


def generated_text() -> st.SearchStrategy[str]:
    # Any code point but lone surrogates (they cannot be encoded in a request).
    return st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)


def hostile(kind: str, options: list[str], foreign_ids: list[str]) -> st.SearchStrategy:
    """A value, or a list of values (a repeated field), for a control of this kind."""
    common = st.sampled_from(TEXTS) | generated_text()
    if kind == "number":
        one = st.sampled_from(NUMBERS) | st.integers().map(str) | common
    elif kind in ("date", "datetime-local", "time", "month"):
        one = st.sampled_from(DATES) | common
    elif kind in ("select", "radio", "checkbox"):
        one = st.sampled_from(CHOICES + foreign_ids) | st.sampled_from(NUMBERS) | common
    else:
        one = common | st.sampled_from(NUMBERS + DATES)
    return one | st.lists(one, min_size=2, max_size=4)


# Field names (their last part) → what a careful user types there.
BY_NAME = [
    (("siret",), "44202163200017"),
    (("postal_code", "code_postal"), "59000"),
    (("phone", "telephone", "tel"), "03 20 00 00 00"),
    (("finess_legal", "finess_site", "finess"), "590000000"),
    (("code", "slug"), "essai-fuzz"),
    (("dates",), "15/05/2026 09:30"),
    (("email", "contact_email"), "essai@example.org"),
    (("website", "url", "video_link"), "https://example.org/"),
]
LATER = ("end", "closes", "closed", "left", "done", "until", "target_date", "due")


def plausible(kind: str, options: list[str], name: str = "", inputmode: str = "") -> str | None:
    """A value a careful user would type, to reach validation beyond the empty form."""
    field = name.rsplit("-", 1)[-1]
    non_empty = [o for o in options if o not in ("",)]
    if kind in ("select", "radio"):
        return non_empty[0] if non_empty else None
    if kind in ("checkbox", "hidden", "password"):
        return None
    if kind in ("date", "datetime-local"):
        day = "2026-09-30" if any(word in field for word in LATER) else "2026-03-15"
        return day if kind == "date" else day + "T10:00"
    for names, value in BY_NAME:
        if field in names:
            return value
    if kind == "number" or inputmode in ("decimal", "numeric"):
        return "12,5" if inputmode == "decimal" else "3"
    return {
        "time": "10:00",
        "email": "essai@example.org",
        "url": "https://example.org/",
        "tel": "03 20 00 00 00",
    }.get(kind, "Essai de saisie")
