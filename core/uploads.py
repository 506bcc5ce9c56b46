"""Uploaded documents: the type is checked from the content, the size is capped."""

from __future__ import annotations

import uuid
import zipfile
from io import BytesIO
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# What people in the field exchange: PDF, Word/LibreOffice documents, spreadsheets, images.
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
}


def _zip_kind(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        names = set(archive.namelist())
        if sum(i.file_size for i in archive.infolist()) > 200 * 1024 * 1024:
            return None
        if "mimetype" in names:
            mimetype = archive.read("mimetype").decode("ascii", "ignore").strip()
            if mimetype == ALLOWED_TYPES["odt"]:
                return "odt"
            if mimetype == ALLOWED_TYPES["ods"]:
                return "ods"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def detect_kind(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    guess = filetype.guess(data[:8192])
    if guess and guess.extension in ("png", "jpg"):
        return guess.extension
    return None


def validate_document_upload(upload: UploadedFile, *, allowed: tuple[str, ...] = tuple(ALLOWED_TYPES)) -> str:
    """Return the detected kind, or raise a French ValidationError."""
    max_bytes = getattr(settings, "UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
    if (upload.size or 0) > max_bytes:
        raise ValidationError(
            _("The file is too large (at most %(size)s MB).") % {"size": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = detect_kind(data)
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("This file type is not accepted (accepted: %(types)s), whatever its name says.")
            % {"types": ", ".join(k.upper() for k in allowed)}
        )
    return kind


def generated_name(prefix: str, original_name: str, kind: str) -> str:
    """Store under a generated name: the user's file name is never used as a path."""
    stem = PurePath(original_name or "fichier").stem[:40]
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem).strip("-") or "fichier"
    return f"{prefix}/{uuid.uuid4().hex}-{safe}.{kind}"
