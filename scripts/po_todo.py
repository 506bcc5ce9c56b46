#!/usr/bin/env python3
"""List the untranslated or fuzzy entries of French catalogues, as JSON ready to fill.

python scripts/po_todo.py actions            # entries of actions/locale/fr/…/django.po
python scripts/po_todo.py actions > /tmp/t.json ; edit ; python scripts/po_fill.py actions /tmp/t.json
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogue(app: str) -> Path:
    base = ROOT / "locale" if app in ("", ".", "project") else ROOT / app / "locale"
    return base / "fr" / "LC_MESSAGES" / "django.po"


if __name__ == "__main__":
    po = polib.pofile(str(catalogue(sys.argv[1] if len(sys.argv) > 1 else "project")))
    todo = {}
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if "fuzzy" in entry.flags or not all(entry.msgstr_plural.values()):
                todo[entry.msgid] = [entry.msgid, entry.msgid_plural]
        elif "fuzzy" in entry.flags or not entry.msgstr:
            todo[entry.msgid] = ""
    json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)
    print()
