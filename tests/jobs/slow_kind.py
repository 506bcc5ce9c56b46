"""A PDF kind whose render can be made to hang, so that a test can kill its worker mid-render.

Imported by the test process and by the worker process (`tests.jobs.worker_app`): both
must know the kind. The render hangs while the file `hang` exists in the folder named by
the environment variable COPILOTE_TEST_HANG_DIR, after writing `started-<pid>` there.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from reports import registry
from reports.registry import DocumentKind

KEY = "tests.slow"
HANG_DIR = "COPILOTE_TEST_HANG_DIR"


def _build_context(document):
    folder = os.environ.get(HANG_DIR)
    if folder and (Path(folder) / "hang").exists():
        (Path(folder) / f"started-{os.getpid()}").write_text(f"{document.pk} {os.getppid()}")
        deadline = time.monotonic() + 120
        while (Path(folder) / "hang").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
    return {}


def register() -> None:
    registry.register(
        DocumentKind(
            key=KEY,
            label="Document lent",
            template="reports/pdf_base.html",
            build_context=_build_context,
            can_view=lambda user, target: user.is_authenticated,
            filename=lambda document: f"document-lent-{document.pk}.pdf",
        )
    )


def unregister() -> None:
    registry.unregister(KEY)
