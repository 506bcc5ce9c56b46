"""Compile every French .po catalogue to .mo with polib (no gettext tools needed)."""

from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]  # no stubs published
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po → .mo)."

    def handle(self, *args: Any, **options: Any) -> None:
        base = Path(settings.BASE_DIR)
        count = 0
        for po_path in base.glob("*/locale/*/LC_MESSAGES/*.po"):
            if ".venv" in po_path.parts:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        for po_path in base.glob("locale/*/LC_MESSAGES/*.po"):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            count += 1
        self.stdout.write(f"{count} catalogues compilés.")
