#!/usr/bin/env python3
"""Fill a French catalogue from a JSON map {msgid: msgstr} (or [singular, plural] for plurals)."""

import json
import sys

import polib
from po_todo import catalogue

if __name__ == "__main__":
    app, path = sys.argv[1], sys.argv[2]
    po_path = catalogue(app)
    po = polib.pofile(str(po_path))
    with open(path, encoding="utf-8") as handle:
        translations = json.load(handle)
    filled = 0
    for entry in po:
        if translations.get(entry.msgid):
            value = translations[entry.msgid]
            if entry.msgid_plural:
                if isinstance(value, str):
                    value = [value, value]
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.metadata["Language"] = "fr"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    print(f"{filled} entrées remplies dans {po_path}")
