"""Where deliverable files live: a private folder beside MEDIA_ROOT, with no public URL.

`config.urls` serves MEDIA_URL in DEBUG; deliverables must never be reachable that
way, so they are stored under `PRIVATE_MEDIA_ROOT` (default: a `private` folder next
to MEDIA_ROOT) and only the permission-checked download view reads them.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):  # read at each use: tests move MEDIA_ROOT to a temporary folder
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return str(configured or Path(settings.MEDIA_ROOT).parent / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage


def file_download(file, *, kind: str, stem: str):
    """A stored deliverable file as an attachment named `<stem>.<kind>`; 404 when it is missing on disk."""
    from django.http import FileResponse, Http404

    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=f"{stem[:80]}.{kind or 'bin'}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
