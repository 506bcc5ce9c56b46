"""The PDF renderer reads static and media files from disk, and nothing else."""

from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from pypdf import PdfReader

from reports.models import Document
from reports.pdf import ForbiddenResource, render_html_to_pdf, render_pdf, resolve_local_url
from reports.services import document_render, document_request

from .conftest import SECRET_MARKER, tiny_png

BASE = "https://copilote.invalid"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/x.png",
        "https://example.org/static/css/pdf.css",
        "http://copilote.invalid/static/css/pdf.css",
        "https://copilote.invalid:8443/static/css/pdf.css",
        "https://user@copilote.invalid/static/css/pdf.css",
        f"{BASE}/static/../../etc/passwd",
        f"{BASE}/static/css/../../../etc/passwd",
        f"{BASE}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{BASE}/static//etc/passwd",
        f"{BASE}/static/",
        f"{BASE}/static/css",
        f"{BASE}/static/css/absent.css",
        f"{BASE}/media/../settings.py",
        f"{BASE}/media/%2e%2e/settings.py",
        f"{BASE}/media//etc/passwd",
        f"{BASE}/media/",
        f"{BASE}/etc/passwd",
        f"{BASE}/config/settings.py",
        "data:text/plain,not-a-file-url",
    ],
)
def test_the_fetcher_refuses_anything_but_static_and_media_files(url):
    with pytest.raises(ForbiddenResource):
        resolve_local_url(url)


def test_the_fetcher_reads_the_static_files_a_template_names():
    html = engines["django"].from_string("{% load static %}{% static 'css/pdf.css' %}").render()
    assert html == "/static/css/pdf.css"
    path = resolve_local_url(BASE + html)
    assert path == Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"


def test_the_fetcher_reads_collected_static_files(settings, tmp_path):
    # In production `{% static %}` names hashed copies that exist only in STATIC_ROOT.
    settings.STATIC_ROOT = tmp_path / "collected"
    hashed = settings.STATIC_ROOT / "css" / "pdf.0123456789ab.css"
    hashed.parent.mkdir(parents=True)
    hashed.write_text("h1 { color: red }")
    assert resolve_local_url(f"{BASE}/static/css/pdf.0123456789ab.css") == hashed


def test_the_fetcher_reads_media_files_but_not_through_a_link_outside(settings, tmp_path):
    media = Path(settings.MEDIA_ROOT)
    (media / "logos").mkdir(parents=True)
    logo = media / "logos" / "aract.png"
    logo.write_bytes(tiny_png())
    assert resolve_local_url(f"{BASE}/media/logos/aract.png") == logo

    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    (media / "link.txt").symlink_to(outside)
    with pytest.raises(ForbiddenResource):
        resolve_local_url(f"{BASE}/media/link.txt")


def test_a_media_image_is_embedded_in_the_pdf(settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    (media / "logo.png").write_bytes(tiny_png())
    result = render_pdf('<h1>Logo</h1><img src="/media/logo.png" style="width: 20mm">')
    page = PdfReader(BytesIO(result.content)).pages[0]
    assert len(page.images) == 1
    assert result.page_count == 1


def test_a_template_that_points_at_local_files_renders_without_them(hostile_kind, pilot, caplog):
    document = document_request(kind="tests.hostile", target=None, requested_by=pilot)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.DONE, document.error

    with document.file.open("rb") as handle:
        content = handle.read()
    reader = PdfReader(BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Document piégé" in text and "Fin du document." in text
    assert "Page 1 / 1" in text, "the allowed stylesheet was read"
    assert SECRET_MARKER not in text, "a stylesheet outside static/ was read"
    assert "root:" not in text
    assert b"root:x:0:0" not in content
    assert reader.attachments == {}, "a local file was attached to the PDF"
    assert all(len(page.images) == 0 for page in reader.pages), "a local image was embedded"
    refused = [r.getMessage() for r in caplog.records if "ForbiddenResource" in r.getMessage()]
    assert refused, "WeasyPrint reported the refused URLs"


def test_the_renderer_never_reaches_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    pdf = render_html_to_pdf(
        '<link rel="stylesheet" href="https://example.org/evil.css">'
        '<img src="http://169.254.169.254/latest/meta-data/">'
        '<img src="//example.org/x.png"><p>Réseau coupé</p>'
    )
    assert pdf.startswith(b"%PDF-")
