"""Render one PDF the way the Celery worker does, in a process of its own (used by bench/run.py).

Usage: DATABASE_URL=… MEDIA_ROOT=… python bench/render_one.py <kind> <target pk> <username> [--untagged]

Creates the queued `reports.Document` (after checking the requester may see the target,
as `document_request` does), then calls `reports.services.document_render`, the worker's
code path: build the HTML, lay it out with WeasyPrint, store the file. Prints on stdout one
JSON line: seconds (render only, Django start-up excluded), pages, bytes, status, error.
The parent reads this process's peak memory with os.wait4, so it is this render's own.
`--untagged`: the same render without the structure tree nor the PDF/UA or PDF/A variant
(`reports.pdf.TAGGED = False`), to tell what tagging costs in time and size.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "False")


def main(kind: str, target_pk: str, username: str, *flags: str) -> dict:
    import django

    django.setup()
    if "--untagged" in flags:
        from reports import pdf

        pdf.TAGGED = False
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from reports.models import Document
    from reports.registry import get_kind
    from reports.services import document_render

    models = {
        "actions.fiche": ("actions", "collectiveaction"),
        "evaluation.action_report": ("actions", "collectiveaction"),
        "evaluation.programme_synthesis": ("actions", "programme"),
        "governance.minutes": ("governance", "meeting"),
        "raci.matrix": ("raci", "matrix"),
        "adherents.restitution": ("adherents", "preventionvisit"),
        "governance.register": ("governance", "meeting"),  # the register of this meeting's committee
    }
    content_type = ContentType.objects.get_by_natural_key(*models[kind])
    target = content_type.get_object_for_this_type(pk=target_pk)
    if kind == "governance.register":
        target = target.committee
        content_type = ContentType.objects.get_for_model(target)
    user = get_user_model().objects.get(username=username)
    if not get_kind(kind).can_view(user, target):
        return {"status": "refused", "error": f"{username} ne peut pas voir ce document"}
    document = Document.objects.create(
        kind=kind,
        title=f"Banc d'essai — {kind}",
        target_type=content_type,
        target_id=str(target.pk),
        requested_by=user,
    )
    started = time.perf_counter()
    document = document_render(document_id=document.pk)
    seconds = time.perf_counter() - started
    return {
        "status": document.status,
        "seconds": round(seconds, 2),
        "pages": document.page_count,
        "bytes": document.file.size if document.file else 0,
        "error": document.error_summary,
        "vm_hwm_mb": _vm_hwm_mb(),
    }


def _vm_hwm_mb() -> float | None:
    """This process's own peak resident memory (Linux), to cross-check the parent's ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))
