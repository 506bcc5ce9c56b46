"""Render an HTML template to PDF bytes with WeasyPrint, reading only static and media files.

Templates use `{% static %}` and media URLs as usual; they are resolved against a fake
base URL and served by `LocalOnlyFetcher` from disk. Any other URL (another host,
`file://`, `http://`, a path outside the two folders) is refused, so a template or a
user-typed value cannot make the renderer read `/etc/passwd` or reach the network.
"""

from __future__ import annotations

import mimetypes
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

BASE_URL = "https://copilote.invalid/"
_HOST = "copilote.invalid"


class ForbiddenResource(ValueError):
    pass


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def resolve_local_url(url: str) -> Path:
    """Map an allowed URL to a file on disk, or raise ForbiddenResource."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != _HOST:
        raise ForbiddenResource(f"URL refusée par le moteur PDF : {url}")
    path = unquote(parts.path)
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
    if path.startswith(static_prefix):
        relative = path[len(static_prefix):]
        if ".." in Path(relative).parts:
            raise ForbiddenResource(f"Chemin refusé : {url}")
        found = finders.find(relative)
        if not found:
            static_root = Path(settings.STATIC_ROOT) / relative
            if static_root.is_file() and _inside(Path(settings.STATIC_ROOT), static_root):
                return static_root
            raise ForbiddenResource(f"Fichier statique introuvable : {url}")
        return Path(found)
    if path.startswith(media_prefix):
        media_root = Path(settings.MEDIA_ROOT)
        candidate = media_root / path[len(media_prefix):]
        if not _inside(media_root, candidate) or not candidate.is_file():
            raise ForbiddenResource(f"Fichier média refusé : {url}")
        return candidate
    raise ForbiddenResource(f"URL refusée par le moteur PDF : {url}")


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = resolve_local_url(url)
            mime, _ = mimetypes.guess_type(path.name)
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": mime or "application/octet-stream"}
            )

    return LocalOnlyFetcher


def render_html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    fetcher = _fetcher_class()(allowed_protocols=("https", "data"))
    buffer = BytesIO()
    HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(buffer)
    return buffer.getvalue()


def render_template_to_pdf(template_name: str, context: dict) -> bytes:
    return render_html_to_pdf(render_to_string(template_name, context))
