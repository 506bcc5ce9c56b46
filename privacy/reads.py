"""Who read what: the pages showing a member company's file are logged (who, when, which file).

An app declares its logged pages in its own `reads.py` (found at start-up, like `navigation.py`):
`register("adherents:visit_detail", ReadKind.VISIT, subject)`, where `subject` finds, from the URL's
arguments, the member file read. `ReadLogMiddleware` writes one `ReadLogEntry` for each such page
served (GET, 200) to a signed-in user; a page that was refused (404, redirection) was not read.
A registered name that is not a URL of the site fails at start-up (`copilote.E003`), not silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class ReadSubject:
    """The member file a page shows: its number, its service, and the company's name for the log."""

    member_file_id: int
    service_id: int | None
    label: str


@dataclass(frozen=True)
class LoggedRead:
    url_name: str
    kind: str  # a `privacy.models.ReadKind`
    subject: Callable[[dict[str, Any]], ReadSubject | None]  # from the URL's keyword arguments


_reads: dict[str, LoggedRead] = {}


def register(url_name: str, kind: str, subject: Callable[[dict[str, Any]], ReadSubject | None]) -> None:
    """Log the reads of the page `url_name` (one declaration per page: a second one is a mistake)."""
    if url_name in _reads:
        raise ImproperlyConfigured(f"The reads of {url_name!r} are declared twice.")
    _reads[url_name] = LoggedRead(url_name, kind, subject)


def logged_reads() -> dict[str, LoggedRead]:
    return dict(_reads)


def autodiscover() -> None:
    autodiscover_modules("reads")


def read_record(*, reader: Any, url_name: str, kwargs: dict[str, Any], path: str) -> None:
    """Log that `reader` was served the page `url_name` (a registered one) with these arguments."""
    from .models import ReadLogEntry

    read = _reads[url_name]
    subject = read.subject(kwargs)
    if subject is None:  # the file went away between the page and the log: nothing was read
        return
    ReadLogEntry.objects.create(
        reader=reader,
        kind=read.kind,
        service_id=subject.service_id,
        member_file_id=subject.member_file_id,
        subject=subject.label[:250],
        path=path[:300],
    )


class ReadLogMiddleware:
    """Logs each registered page served to a signed-in user (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        match = request.resolver_match
        if (
            request.method == "GET"
            and response.status_code == 200
            and match is not None
            and match.view_name in _reads
            and request.user.is_authenticated
        ):
            read_record(reader=request.user, url_name=match.view_name, kwargs=match.kwargs, path=request.path)
        return response


def _url_names(patterns: list, namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


@checks.register(checks.Tags.urls)
def logged_reads_exist(app_configs: Any, **kwargs: Any) -> list[checks.Error]:
    from .models import ReadKind

    names = set(_url_names(get_resolver().url_patterns))
    errors = []
    for read in _reads.values():
        if read.url_name not in names:
            errors.append(
                checks.Error(
                    f"The logged read {read.url_name!r} is not a URL name of the site.",
                    hint="Fix the name in the app's reads.py.",
                    id="copilote.E003",
                )
            )
        if read.kind not in ReadKind.values:
            errors.append(
                checks.Error(
                    f"The logged read {read.url_name!r} has an unknown kind {read.kind!r}.",
                    hint="Use a privacy.models.ReadKind.",
                    id="copilote.E003",
                )
            )
    return errors
