"""The load test's plumbing (bench/load_client.py): a stdlib HTTP browser, the timing of each
request, the ledgers of what was sent, the parsing of the forms, the summary per request kind."""

from __future__ import annotations

import html
import http.client
import http.cookiejar
import math
import re
import statistics
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


# --- HTTP ---------------------------------------------------------------------------
class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the server's answer to a form: keep it, do not follow it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str
    content_type: str


class ConnectionFailure(Exception):
    pass


class Browser:
    """A cookie jar and the CSRF token, as a browser tab keeps them."""

    def __init__(self, base_url: str, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    @property
    def csrf_token(self) -> str:
        return next((c.value for c in self.cookies if c.name == "csrftoken"), "")

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Answer:
        body = None
        all_headers = {"User-Agent": "copilote-charge/1.0", "Accept-Language": "fr"}
        if method == "POST":
            fields = dict(data or {})
            fields.setdefault("csrfmiddlewaretoken", self.csrf_token)
            body = urllib.parse.urlencode(fields).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["X-CSRFToken"] = self.csrf_token
        all_headers.update(headers or {})
        request = urllib.request.Request(self.base_url + path, data=body, method=method, headers=all_headers)
        try:
            response = self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:  # 3xx (not followed), 4xx and 5xx arrive here
            response = exc
        except (TimeoutError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise ConnectionFailure(f"{type(exc).__name__}: {exc}") from exc
        try:
            raw = response.read()
        except (OSError, http.client.HTTPException) as exc:
            raise ConnectionFailure(f"{type(exc).__name__}: {exc}") from exc
        finally:
            response.close()
        content_type = response.headers.get("Content-Type", "")
        text = (
            raw.decode("utf-8", "replace") if content_type.startswith(("text/", "application/json")) else ""
        )
        if content_type.startswith("application/pdf"):
            text = raw[:8].decode("latin-1")
        return Answer(
            response.status if hasattr(response, "status") else response.code,
            text,
            response.headers.get("Location", ""),
            content_type,
        )


# --- Measurements of the run ------------------------------------------------------------
@dataclass
class Sample:
    kind: str
    status: int
    seconds: float
    error: str = ""


class Recorder:
    """Every request of every user (thread-safe), and the global request cap."""

    def __init__(self, max_requests: int):
        self.max_requests = max_requests
        self.samples: list[Sample] = []
        self._lock = threading.Lock()
        self._reserved = 0

    def reserve(self) -> bool:
        with self._lock:
            if self._reserved >= self.max_requests:
                return False
            self._reserved += 1
            return True

    def add(self, sample: Sample) -> None:
        with self._lock:
            self.samples.append(sample)

    @property
    def errors(self) -> list[Sample]:
        with self._lock:
            return [s for s in self.samples if s.error]


class UnexpectedAnswer(Exception):
    """The server answered, but not what the browser expects (status or content)."""


# --- Ledgers: what each client sent and what the server acknowledged ---------------------
@dataclass
class Ledger:
    # Own RACI cells: the letters of the last acknowledged write, and how many writes changed a cell.
    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    cell_changes: int = 0
    cell_writes: int = 0
    # Own measurements: (indicator pk, period) -> value of the last acknowledged create or correction.
    measurements: dict[tuple[int, date], Decimal] = field(default_factory=dict)
    measurement_creates: int = 0
    measurement_corrections: int = 0
    # Own meeting: attendance pk -> status of the last acknowledged save.
    attendance: dict[int, str] = field(default_factory=dict)
    attendance_saves: int = 0
    # Shared objects.
    shared_cells: list[tuple[tuple[int, int], str]] = field(default_factory=list)
    shared_validations: int = 0
    shared_creates: dict[date, Decimal] = field(default_factory=dict)
    shared_refusals: list[date] = field(default_factory=list)
    shared_attendance: str | None = None
    shared_attendance_saves: int = 0
    # PDFs asked for (document pks).
    documents: list[int] = field(default_factory=list)
    # Reads that did not show what this user had written just before.
    stale_reads: list[str] = field(default_factory=list)


_SHOWN_STATUS = re.compile(r'<input type="hidden" name="initial-status_(\d+)" value="([^"]*)"')
_CORRECT_LINK = re.compile(r"/evaluation/mesures/(\d+)/corriger/")
_DOCUMENT = re.compile(r"/documents/(\d+)/$")
_HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
_HIDDEN_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_attendance_form(body: str) -> tuple[dict[int, str], dict[str, str]]:
    """The status shown on each line (pk → status) and the hidden fields the browser sends back with them."""
    # Each line is a radio group (nothing checked while only « invited »): the hidden « shown » value is the status.
    rows = {int(pk): html.unescape(status) for pk, status in _SHOWN_STATUS.findall(body)}
    hidden = {
        name: html.unescape(value)
        for name, value in _HIDDEN_INPUT.findall(body)
        if name != "csrfmiddlewaretoken"
    }
    return rows, hidden


def french_decimal(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def french_display(value: Decimal) -> str:
    """How the pages show a number (evaluation.models.format_number): 1 234,5, no trailing zeros."""
    text = f"{value.quantize(Decimal('0.01')):,.2f}".replace(",", "\u202f").replace(".", ",")
    if text.endswith(",00"):
        return text[:-3]
    return text[:-1] if text.endswith("0") else text


def summarise(samples: list[Sample]) -> dict[str, dict]:
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    return {kind: _stats(items) for kind, items in sorted(by_kind.items())}


def _stats(items: list[Sample]) -> dict:
    times = sorted(s.seconds * 1000 for s in items)
    return {
        "count": len(items),
        "errors": sum(1 for s in items if s.error),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, math.ceil(0.95 * len(times)) - 1)], 1),  # nearest rank
        "max_ms": round(times[-1], 1),
    }


def _is_page(answer: Answer) -> str:
    if "</html>" not in answer.body:
        return "page HTML incomplète"
    return ""


def _no_check(answer: Answer) -> str:
    return ""


def _redirects_to(prefix: str):
    def check(answer: Answer) -> str:
        path = urllib.parse.urlsplit(answer.location).path
        return "" if path.startswith(prefix) else f"redirigé vers {answer.location!r} au lieu de {prefix}"

    return check
