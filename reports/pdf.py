"""Render an HTML template to PDF bytes with WeasyPrint, reading only static and media files.

Templates use `{% static %}` and media URLs as usual; they are resolved against a fake
base URL and served by `LocalOnlyFetcher` from disk. Any other URL (another host,
`file://`, `http://`, a path outside the two folders) is refused, so a template or a
user-typed value cannot make the renderer read `/etc/passwd` or reach the network.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string

BASE_URL = "https://copilote.invalid/"
_HOST = "copilote.invalid"


class ForbiddenResource(ValueError):
    pass


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def _clean_relative(relative: str, url: str) -> str:
    """The part after /static/ or /media/: a plain relative path, or refused."""
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        raise ForbiddenResource(f"Chemin refusé : {url}")
    if ".." in PurePosixPath(relative).parts:
        raise ForbiddenResource(f"Chemin refusé : {url}")
    return relative


def _static_file(relative: str) -> Path | None:
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found)
    static_root = Path(settings.STATIC_ROOT)
    candidate = static_root / relative
    return candidate if _inside(static_root, candidate) else None


def _media_file(relative: str) -> Path | None:
    media_root = Path(settings.MEDIA_ROOT)
    candidate = media_root / relative
    return candidate if _inside(media_root, candidate) else None


def resolve_local_url(url: str) -> Path:
    """Map an allowed URL to a file on disk, or raise ForbiddenResource.

    Allowed: `https://copilote.invalid/static/<file>` (found by the staticfiles finders,
    or in STATIC_ROOT) and `https://copilote.invalid/media/<file>` (inside MEDIA_ROOT,
    symbolic links resolved). Anything else — another scheme or host, `..`, an absolute
    path, a folder, a missing file — is refused.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != _HOST:
        raise ForbiddenResource(f"URL refusée par le moteur PDF : {url}")
    path = unquote(parts.path)
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
    for prefix, locate in ((static_prefix, _static_file), (media_prefix, _media_file)):
        if path.startswith(prefix):
            found = locate(_clean_relative(path[len(prefix) :], url))
            if found is None or not found.is_file():
                raise ForbiddenResource(f"Fichier introuvable ou refusé : {url}")
            return found
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


# Every PDF is tagged (structure tree, /Lang, title shown, header cells): PDF/UA-1. An archive kind
# (approved minutes, decision register, final report, synthesis, letter) is PDF/A-3a instead: tagged
# too, sRGB output intent, fonts embedded, XMP identification, and it may carry data files (CSV).
ACCESSIBLE_VARIANT = "pdf/ua-1"
ARCHIVE_VARIANT = "pdf/a-3a"
TAGGED = True
"""Off only in the benchmark, to measure what tagging costs (bench/render_one.py --untagged)."""


@dataclass(frozen=True)
class PdfAttachment:
    """A file carried inside an archive PDF (a PDF/A-3 associated file, relationship « Data »)."""

    name: str
    content: bytes
    description: str = ""


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


_PDFUA_ID = b'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"'


def _object(pdf, reference):
    if isinstance(reference, bytes):
        reference = reference.decode()
    return pdf.objects[int(str(reference).split()[0])]


def _finish_archive(document, pdf) -> None:
    """Finisher of a PDF/A-3a file: it is tagged as PDF/UA-1 asks, so say so in its XMP too;
    list each associated file once in the catalogue's /AF.

    WeasyPrint writes one variant's identification; the PDF/UA one is added to the first
    rdf:Description (the one carrying pdfaid:part)."""
    if "AF" in pdf.catalog:
        unique = []
        for reference in pdf.catalog["AF"]:
            if reference not in unique:
                unique.append(reference)
        pdf.catalog["AF"][:] = unique
    reference = pdf.catalog.get("Metadata")
    if not reference:
        return
    stream = _object(pdf, reference)
    content = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in stream.stream)
    marker = b"pdfaid:part="
    position = content.find(marker)
    if position < 0 or b"pdfuaid:part" in content:
        return
    stream.stream = [content[:position] + _PDFUA_ID + b" " + content[position:]]


def _options(archive: bool, attachments) -> dict:
    from weasyprint import Attachment

    if not TAGGED:
        return {}
    if not archive:
        return {"pdf_variant": ACCESSIBLE_VARIANT, "pdf_tags": True}
    return {
        "pdf_variant": ARCHIVE_VARIANT,
        "pdf_tags": True,
        "attachments": [
            Attachment(
                string=item.content, name=item.name, description=item.description or None, relationship="Data"
            )
            for item in attachments
        ],
    }


def render_pdf(html: str, *, archive: bool = False, attachments=()) -> RenderedPdf:
    """Lay out the HTML, then write it: the page count comes from the layout itself
    (the written file compresses its objects, so counting "/Type /Page" in it fails).

    `archive`: PDF/A-3a (tagged) with `attachments` (PdfAttachment) embedded as data files;
    otherwise PDF/UA-1. Title, language, author (the sender), subject and date come from the
    HTML head (`<title>`, `<html lang>`, `<meta name="author|description|dcterms.created">`)."""
    from weasyprint import HTML

    fetcher = _fetcher_class()(allowed_protocols=("https", "data"))
    options = _options(archive, attachments)
    variant = {"pdf_variant": options["pdf_variant"]} if options else {}
    laid_out = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(**variant)
    buffer = BytesIO()
    finisher = _finish_archive if options and archive else None
    laid_out.write_pdf(buffer, finisher=finisher, **options)
    return RenderedPdf(content=buffer.getvalue(), page_count=len(laid_out.pages))


def render_html_to_pdf(html: str) -> bytes:
    return render_pdf(html).content


def render_template_to_pdf(template_name: str, context: dict) -> bytes:
    return render_html_to_pdf(render_to_string(template_name, context))
