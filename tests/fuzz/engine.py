"""Post hostile values to a form and judge the answer: no 500, no partial write, French errors."""

from __future__ import annotations

import html
import re
import traceback
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.permissions.expectations import KWARGS, QUERY

from .entries import Entry, NoForm, Page  # noqa: F401 — Page: the fuzz tests import it from here
from .htmlforms import Control, HtmlForm, parse_forms
from .values import RAW_MARKERS, plausible

# Tables a rejected submission may still touch: sessions, the login throttle, the admin log.
UNWATCHED_APPS = {"sessions", "axes", "admin", "contenttypes", "auth_permission"}

# Django's and its libraries' English messages: none may reach a French user.
ENGLISH = [
    "This field",
    "Enter a ",
    "Enter only",
    "Ensure this",
    "Ensure that",
    "Select a valid",
    "is not a valid",
    "is not one of the available",
    "Null characters",
    "Please submit",
    "Please correct",
    "has been tampered",
    "already exists",
    "does not exist",
    "must be",
    "cannot be",
    "is required",
    "Invalid ",
    "invalid literal",
    "The submitted",
    "No file was submitted",
    "Upload a valid",
    "Server Error",
    "Traceback",
    "Bad Request",
    "Forbidden",
    "Not Found",
]
ERROR_MARKERS = ("invalid-feedback", "alert-danger", "errorlist", "is-invalid", "text-danger")


def watched_tables() -> list[str]:
    tables = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in UNWATCHED_APPS or meta.db_table in UNWATCHED_APPS or not meta.managed:
            continue
        if meta.proxy:
            continue
        tables.append(meta.db_table)
    return sorted(set(tables))


_FINGERPRINT_SQL: str | None = None


def fingerprint() -> dict[str, str]:
    """One digest per table of the project (one query): any insert, update or delete shows."""
    global _FINGERPRINT_SQL
    if _FINGERPRINT_SQL is None:
        quote = connection.ops.quote_name
        parts = [
            f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} t)"
            for table in watched_tables()
        ]
        _FINGERPRINT_SQL = "SELECT " + ", ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        row = cursor.fetchone()
    return dict(zip(watched_tables(), row, strict=True))


def write_count() -> int:
    """Rows inserted, updated or deleted so far in this transaction (rolled-back ones included).

    Cheap: when it did not move, nothing was written and the digests need not be computed.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            " WHERE relname = ANY(%s)",
            [watched_tables()],
        )
        return cursor.fetchone()[0]


def changed_tables(before: dict, after: dict) -> list[str]:
    return [table for table, digest in before.items() if after.get(table) != digest]


_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def visible_text(content: str) -> str:
    return html.unescape(_TAGS.sub(" ", content))


def english_in(content: str) -> list[str]:
    text = visible_text(content)
    return [phrase for phrase in ENGLISH if phrase in text]


def raw_markers_in(content: str) -> list[str]:
    return [marker for marker in RAW_MARKERS if marker in content]


def shows_error(content: str) -> bool:
    return any(marker in content for marker in ERROR_MARKERS)


# --- Where the form of an endpoint comes from (Entry, Page, NoForm: entries.py) ------
@dataclass
class Target:
    name: str
    url: str
    persona: str
    forms: list[HtmlForm]
    form_classes: set[str]
    page_url: str
    # Choice controls → the pk of an object of the same model that the form does not offer
    # (another pilot's action, a committee elsewhere…): posting it must not be accepted.
    outside: dict[str, str] = field(default_factory=dict)
    has_form: bool = True


def url_name(key: str) -> str:
    return key.split("#")[0]


def url_for(name: str, dataset, kwargs: dict | None = None) -> str:
    name = url_name(name)
    kwargs = kwargs if kwargs is not None else KWARGS[name](dataset)
    return reverse(name, kwargs=kwargs) + (QUERY[name](dataset) if name in QUERY else "")


def apply_setup(entry: Entry, dataset) -> dict | None:
    return entry.setup(dataset) if entry.setup else None


def client_for(dataset, persona: str) -> Client:
    client = Client()
    user = dataset["users"][persona]
    if user is not None:
        client.force_login(user)
    return client


def _form_classes(context) -> set[str]:
    """Form classes a page holds, with their bases (AxisForm through the formset's own subclass)."""
    from django import forms

    classes = set()
    if context is None:
        return set()
    for sub in context:
        for value in sub.flatten().values():
            if isinstance(value, forms.BaseForm):
                classes.add(type(value))
            elif isinstance(value, forms.BaseFormSet):
                classes.add(value.form)
                classes.update(type(form) for form in value.forms)
    return {f"{base.__module__}.{base.__qualname__}" for cls in classes for base in cls.__mro__}


def _outside_choices(context, names: set[str]) -> dict[str, str]:
    from django import forms

    found = {}
    if context is None:
        return found
    bound = []
    for sub in context:
        for value in sub.flatten().values():
            if isinstance(value, forms.BaseForm):
                bound.append(value)
            elif isinstance(value, forms.BaseFormSet):
                bound.extend(value.forms)
    for form in bound:
        for name, form_field in form.fields.items():
            html_name = form.add_prefix(name)
            if html_name in names and isinstance(form_field, forms.ModelChoiceField):
                model = form_field.queryset.model
                other = (
                    model._default_manager.exclude(pk__in=form_field.queryset.values("pk"))
                    .order_by("pk")
                    .first()
                )
                if other is not None:
                    found[html_name] = str(other.pk)
    return found


def _context_value(context, key):
    for sub in context:
        flat = sub.flatten()
        if key in flat:
            return flat[key]
    raise KeyError(key)


def _posts_to(form: HtmlForm, page_path: str, target_path: str) -> bool:
    if form.method != "post":
        return False
    action = (form.action or page_path).split("?")[0].split("#")[0]
    return action == target_path


def prepare(name: str, entry: Entry, dataset) -> Target:
    """GET the page showing the form (in a rolled-back savepoint) and read its controls."""
    url = url_for(name, dataset, apply_setup(entry, dataset))
    client = client_for(dataset, entry.persona)
    source = entry.source
    if isinstance(source, NoForm):
        controls = [Control(name=n, kind="text") for n in source.fields]
        form = HtmlForm(action=url, method="post", enctype="", controls=controls)
        return Target(name, url, entry.persona, [form], set(), url, has_form=False)
    page_url = url_for(source.host, dataset) if source.host else url
    if source.query:
        query = source.query(dataset)
        page_url += query
        url += query if not source.host else ""
    with transaction.atomic():
        response = client.get(page_url)
        transaction.set_rollback(True)
    assert response.status_code == 200, f"{name} : la page {page_url} répond {response.status_code}"
    content = response.content.decode()
    target_path = url.split("?")[0]
    forms = [f for f in parse_forms(content) if _posts_to(f, page_url.split("?")[0], target_path)]
    if source.context:
        rendered = _context_value(response.context, source.context)
        controls = parse_forms(f"<form method='post'>{rendered}</form>")[0].controls
        forms.append(HtmlForm(action=url, method="post", enctype="", controls=controls))
    assert forms, f"{name} : aucun formulaire de {page_url} ne poste vers {url}"
    names = {control.name for form in forms for control in form.controls}
    outside = _outside_choices(response.context, names)
    return Target(name, url, entry.persona, forms, _form_classes(response.context), page_url, outside)


def check_answer(
    target: Target, client: Client, data: dict, described: str, before: dict, tampered: bool = False
) -> None:
    """POST data, then judge: never a 500; rejected → nothing written and French errors shown.

    `before` is the data set's fingerprint (each example runs in a savepoint rolled back after it).
    `tampered`: a hidden control was changed (no browser does that): a refusal may go unexplained.
    """
    writes = write_count()
    try:
        response = client.post(target.url, data)
    except Exception:
        raise AssertionError(
            f"{target.name} ({target.persona}) : exception sur {described}\n{traceback.format_exc()}"
        ) from None
    after = before if write_count() == writes else fingerprint()
    where = f"{target.name} ({target.persona}) POST {target.url} avec {described}"
    assert response.status_code < 500, f"{where} : erreur {response.status_code}"
    textual = not response.streaming and response.get("Content-Type", "").startswith("text/")
    content = response.content.decode(errors="replace") if textual else ""
    english = english_in(content)
    assert not english, f"{where} : message anglais {english}"
    raw = raw_markers_in(content)
    assert not raw, f"{where} : HTML saisi rendu tel quel {raw}"
    changed = changed_tables(before, after)
    if response.status_code == 200 and shows_error(content):
        assert not changed, f"{where} : formulaire refusé mais tables modifiées {changed}"
    elif response.status_code == 200 and target.has_form and textual and not changed and not tampered:
        raise AssertionError(
            f"{where} : rien n'est enregistré et la page ne montre aucune erreur (refus silencieux)"
        )
    elif response.status_code in (400, 403, 404, 405):
        assert not changed, f"{where} : refus {response.status_code} mais tables modifiées {changed}"
    elif response.status_code == 302 and changed:
        # Accepted: what was stored is shown escaped on the next page and on the form's page.
        location = response["Location"]
        try:
            resolve(location.split("?")[0].split("#")[0])
        except Resolver404:
            return
        for url in (location, target.page_url):
            try:
                page = client.get(url)
            except Exception:
                raise AssertionError(
                    f"{where} : la page suivante {url} échoue\n{traceback.format_exc()}"
                ) from None
            assert page.status_code < 500, f"{where} : la page suivante {url} répond {page.status_code}"
            if not page.streaming and page.get("Content-Type", "").startswith("text/html"):
                page_content = page.content.decode()
                assert not raw_markers_in(page_content), f"{where} : {url} affiche le HTML saisi tel quel"
                assert not english_in(page_content), f"{where} : {url} affiche {english_in(page_content)}"


def baseline(form) -> dict[str, list[str]]:
    """The form as shown, empty inputs filled as a careful user would."""
    data = form.data()
    for name, control in form.fields().items():
        if control.kind in ("file", "submit", "button", "reset", "image"):
            continue
        if not data.get(name) or data[name] == [""]:
            value = plausible(control.kind, control.options, name, control.inputmode)
            if value is not None and "-__prefix__-" not in name:
                data[name] = [value]
    return data
