"""Text of uploaded PDF and DOCX files, for the full-text search.

PDF: pypdf when installed, else `pdftotext` (poppler-utils). DOCX: the XML of the body
read with defusedxml (safe against entity bombs), paragraph by paragraph. The text is
capped: a search index needs the words, not a 500-page annex in full.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO

from defusedxml import ElementTree

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
MAX_DOCX_XML = 20 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pdf_text(data: bytes) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:
        return _pdftotext(data)
    try:
        reader = PdfReader(BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages[:300])
    except Exception as exc:  # a damaged PDF: no text rather than a failed publication
        logger.warning("PDF text extraction failed: %s", exc)
        return ""


def _pdftotext(data: bytes) -> str:
    binary = shutil.which("pdftotext")
    if not binary:
        return ""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        try:
            result = subprocess.run(
                [binary, "-q", "-l", "300", "-enc", "UTF-8", handle.name, "-"],
                capture_output=True,
                timeout=60,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return ""
    return result.stdout.decode("utf-8", "ignore")


def _docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML:
                return ""
            root = ElementTree.fromstring(archive.read(info))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as exc:
        logger.warning("DOCX text extraction failed: %s", exc)
        return ""
    except Exception as exc:  # defusedxml refuses entities and DTDs: no text
        logger.warning("DOCX refused: %s", exc)
        return ""
    paragraphs = []
    for paragraph in root.iter(f"{_W}p"):
        paragraphs.append("".join(node.text or "" for node in paragraph.iter(f"{_W}t")))
    return "\n".join(p for p in paragraphs if p)


def extract_text(data: bytes, kind: str) -> str:
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    else:
        return ""
    return " ".join(text.split())[:MAX_CHARS] if text else ""
