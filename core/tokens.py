"""Secrets handed out in URLs (a call's private link, a calendar feed): only their SHA-256 is stored,
so a leaked database opens nothing. The plain token is shown to its owner once, when drawn."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
