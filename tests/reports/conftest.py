"""A PDF kind defined by the tests, its templates, and a reliable real Celery worker."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

import pytest

from reports import registry
from reports.registry import DocumentKind

SAMPLE_TEMPLATE = """{% extends "reports/pdf_base.html" %}
{% block content %}
<h1>{{ document.title }}</h1>
<p>Organisation : {{ organisation.name }}</p>
{% if logo_url %}<img src="{{ logo_url }}" alt="logo" style="width: 20mm">{% endif %}
{% endblock %}
"""

# Every way a template (or a value typed by a user, if it ever reached the HTML unescaped)
# could ask WeasyPrint to read a local file or the network.
HOSTILE_TEMPLATE = """{% load static %}<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<link rel="stylesheet" href="{% static 'css/pdf.css' %}">
<link rel="stylesheet" href="file://{{ secret_css }}">
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="/static/../../../../{{ secret_css }}">
<link rel="attachment" href="file:///etc/passwd">
<link rel="attachment" href="file://{{ secret_css }}">
<style>@import url("file://{{ secret_css }}");</style>
</head><body>
<h1>Document piégé</h1>
<img src="file:///etc/passwd" alt="a">
<img src="file://{{ secret_png }}" alt="b">
<img src="http://127.0.0.1:9/x.png" alt="c">
<img src="https://copilote.invalid/media/../{{ secret_name }}" alt="d">
<object data="file://{{ secret_png }}"></object>
<svg width="10" height="10"><image href="file://{{ secret_png }}" width="10" height="10"/></svg>
<p>Fin du document.</p>
</body></html>
"""

SECRET_MARKER = "SECRET-COPILOTE-NE-DOIT-PAS-SORTIR"


def tiny_png(colour=(200, 30, 30)) -> bytes:
    """A valid 2×2 PNG, built by hand (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + bytes(colour) * 2
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * 2))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def pdf_templates(tmp_path, settings):
    """Test templates in a temporary folder added to the template search path."""
    folder = tmp_path / "templates"
    (folder / "tests_pdf").mkdir(parents=True)
    (folder / "tests_pdf" / "sample.html").write_text(SAMPLE_TEMPLATE, encoding="utf-8")
    (folder / "tests_pdf" / "hostile.html").write_text(HOSTILE_TEMPLATE, encoding="utf-8")
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], folder]
    settings.TEMPLATES = templates
    return folder


@dataclass
class SampleKind:
    """The test kind and the knobs the tests turn."""

    key: str = "tests.sample"
    failures_left: int = 0
    denied: set = field(default_factory=set)
    extra_context: dict = field(default_factory=dict)
    builds: int = 0

    def build_context(self, document):
        self.builds += 1
        if self.failures_left > 0:
            self.failures_left -= 1
            raise RuntimeError("Gabarit cassé : la fiche de test n'a pas pu être construite")
        return {"organisation": document.target, **self.extra_context}

    def can_view(self, user, organisation) -> bool:
        # Every member of the directory may see an organisation, except those the test denies.
        return user.is_authenticated and user.username not in self.denied and user.username != "exterieur"


@pytest.fixture
def sample_kind(pdf_templates):
    knobs = SampleKind()
    registry.register(
        DocumentKind(
            key=knobs.key,
            label="Fiche de test",
            template="tests_pdf/sample.html",
            build_context=knobs.build_context,
            can_view=knobs.can_view,
            filename=lambda document: f"fiche-test-{document.pk}.pdf",
        )
    )
    yield knobs
    registry.unregister(knobs.key)


@pytest.fixture
def hostile_kind(pdf_templates, tmp_path):
    """A kind whose template tries to read files outside static and media."""
    secret_css = tmp_path / "secret.css"
    secret_css.write_text(f'h1::after {{ content: "{SECRET_MARKER}"; }}', encoding="utf-8")
    secret_png = tmp_path / "secret.png"
    secret_png.write_bytes(tiny_png((1, 2, 3)))
    context = {"secret_css": str(secret_css), "secret_png": str(secret_png), "secret_name": secret_css.name}
    registry.register(
        DocumentKind(
            key="tests.hostile",
            label="Document piégé",
            template="tests_pdf/hostile.html",
            build_context=lambda document: dict(context),
            can_view=lambda user, target: user.is_authenticated,
        )
    )
    yield context
    registry.unregister("tests.hostile")
