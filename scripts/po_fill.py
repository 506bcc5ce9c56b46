#!/usr/bin/env python3
"""Fill a French catalogue from a JSON map {msgid: msgstr} (or [singular, plural] for plurals)."""

import json
import re
import sys

import polib
from po_todo import catalogue

# French typography (shared/ux.md): the apostrophe written by the product is ’, never '.
# Only between letters, so that HTML attributes and %(name)s placeholders are left alone.
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def typographic(text: str) -> str:
    return STRAIGHT_APOSTROPHE.sub("\u2019", text)


if __name__ == "__main__":
    app, path = sys.argv[1], sys.argv[2]
    po_path = catalogue(app)
    po = polib.pofile(str(po_path))
    with open(path, encoding="utf-8") as handle:
        translations = json.load(handle)
    filled = 0
    if "--typographie" in sys.argv:
        # Once over a whole catalogue: the entries filled before this rule existed.
        for entry in po:
            entry.msgstr = typographic(entry.msgstr)
            entry.msgstr_plural = {k: typographic(v) for k, v in entry.msgstr_plural.items()}
    for entry in po:
        if translations.get(entry.msgid):
            value = translations[entry.msgid]
            if entry.msgid_plural:
                if isinstance(value, str):
                    value = [value, value]
                entry.msgstr_plural = {0: typographic(value[0]), 1: typographic(value[1])}
            else:
                entry.msgstr = typographic(value)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.metadata["Language"] = "fr"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    print(f"{filled} entrées remplies dans {po_path}")
