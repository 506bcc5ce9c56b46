"""Every string a user reads goes through gettext and has a French translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
SKIP = {".venv", "var", ".git", "node_modules", ".pytest_cache", ".ruff_cache", "bench", "tests", "static"}


def test_language_and_time_zone_are_french():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ is True


@pytest.mark.skipif(not shutil.which("xgettext"), reason="xgettext (gettext) absent")
def test_every_string_has_a_french_translation(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP or n.endswith(".mo")])
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    missing = []
    for po_path in sorted(copy.glob("**/locale/fr/LC_MESSAGES/django.po")):
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
            if not translated or "fuzzy" in entry.flags:
                missing.append(f"{po_path.relative_to(copy)}: {entry.msgid!r}")
    assert not missing, "Chaînes sans traduction française :\n" + "\n".join(missing[:50])


def test_catalogue_is_active():
    with translation.override("fr"):
        assert translation.gettext("My documents") == "Mes documents"


def test_french_catalogues_use_the_typographic_apostrophe():
    """« l’action », never « l'action », in every string the product writes (shared/ux.md)."""
    import re

    straight = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
    found = []
    for po_path in sorted(ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")):
        if any(part in SKIP for part in po_path.relative_to(ROOT).parts):
            continue
        for entry in polib.pofile(str(po_path)):
            texts = [entry.msgstr, *entry.msgstr_plural.values()]
            if not entry.obsolete and any(straight.search(text) for text in texts):
                found.append(f"{po_path.relative_to(ROOT)}: {entry.msgstr or entry.msgstr_plural}")
    assert not found, (
        "Apostrophes droites dans les traductions (scripts/po_fill.py --typographie) :\n"
        + "\n".join(found[:30])
    )
