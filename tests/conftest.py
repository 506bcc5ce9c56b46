"""Shared fixtures: the personas of the house style and the real services.

Personas are accounts with their coarse role only; each app's tests attach them to
their objects (the pilot to an action's team, the committee member to a committee…).
"""

import os
import shutil

import pytest

from directory.models import Organisation, Person
from tests.factories import PASSWORD, OrganisationFactory, make_account

Role = Person.Role


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.AXES_ENABLED = True
    # Hashing passwords with PBKDF2 dominates the suite's time; tests do not need its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield


@pytest.fixture(autouse=True)
def _axes_reset(db):
    yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the public forms' rate-limit counters (a
    per-process memory cache under test) must not carry over from the fuzz tests' posts."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def pilot(db):
    return make_account(
        "pilote_test", Role.PILOT, organisation=OrganisationFactory(kind=Organisation.Kind.BRANCH)
    )


@pytest.fixture
def other_pilot(db):
    return make_account("autre_pilote", Role.PILOT)


@pytest.fixture
def consultant(db):
    return make_account(
        "consultant_test", Role.CONSULTANT, organisation=OrganisationFactory(kind=Organisation.Kind.ARACT)
    )


@pytest.fixture
def committee_member(db):
    return make_account("croct_test", Role.COMMITTEE_MEMBER, college="salaries")


@pytest.fixture
def service_organisation(db):
    return OrganisationFactory(name="Service de santé au travail test", kind=Organisation.Kind.SSTI)


@pytest.fixture
def service_staff(db, service_organisation):
    return make_account("service_test", Role.SERVICE_STAFF, organisation=service_organisation)


@pytest.fixture
def member_contact(db):
    return make_account(
        "adherent_test", Role.MEMBER_CONTACT, organisation=OrganisationFactory(name="Entreprise adhérente")
    )


@pytest.fixture
def admin_user(db):
    return make_account("admin_test", Role.OTHER, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    return make_account("exterieur", Role.OTHER)


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


# --- Real services -----------------------------------------------------------------
def services_required() -> bool:
    """In CI and under `make test` (scripts/run-tests.sh), a missing real part fails: the suite never runs degraded."""
    return os.environ.get("CI") == "true" or os.environ.get("COPILOTE_FULL_SUITE") == "1"


def _missing_parts() -> list[str]:
    missing = []
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        missing.append("PostgreSQL")
    if not os.environ.get("TEST_REDIS_URL"):
        missing.append("Redis")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        missing.append("Chromium")
    return missing


def pytest_unconfigure(config):
    """pytest run by hand without the real parts: the last line says the suite was not the whole suite."""
    missing = _missing_parts()
    reporter = config.pluginmanager.getplugin("terminalreporter")
    if missing and reporter is not None:
        reporter.write_line(
            f"SUITE INCOMPLÈTE : sans {', '.join(missing)}, des tests ont été sautés ou lancés sur SQLite. "
            "La suite entière : make test",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if services_required():
            pytest.fail("TEST_REDIS_URL manque : Redis est requis en CI.")
        pytest.skip("Redis absent : test Celery réel sauté (lancez `make test`).")
    return url


def _forget_broker_connections(app) -> None:
    """Drop the connection and producer pools Celery caches on the app.

    Any eager `.delay()` earlier in the session builds them for the broker configured
    then (none: amqp://localhost); without this, the worker would publish there.
    """
    app._pool = None  # Not closed: kombu keeps one pool per broker URL and hands it out again.
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def celery_worker(redis_url, transactional_db, settings):
    """A real Celery worker thread consuming from the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    keys = ("broker_url", "task_always_eager")
    previous = {key: app.conf[key] for key in keys}
    _forget_broker_connections(app)
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()  # Nothing left over from an earlier test reaches this worker.
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        _forget_broker_connections(app)
        app.conf.update(**previous)


# --- Browser -----------------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if services_required():
            pytest.fail("Chromium (/usr/bin/chromium) est requis en CI.")
        pytest.skip("Chromium absent : parcours navigateur sauté.")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Chromium takes the language of its date and time inputs from LANGUAGE (with Debian's
        # chromium-l10n): « jj/mm/aaaa » as our users see them. LANG stays a UTF-8 locale the machine
        # has (C.UTF-8): under a missing fr_FR locale, Chromium falls back to ASCII and cannot upload
        # a file named « pré-projet.pdf ».
        french = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": "fr"}
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=french
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page; the test fails on any console error (CSP violations included)."""
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.base_url = live_server.url
    yield page
    context.close()
    assert not errors, f"Erreurs dans la console du navigateur : {errors}"


def login_in_browser(page, username: str, password: str = PASSWORD):
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def open_as(browser, live_server, username: str, errors: list, *, width: int = 1366, height: int = 900):
    """A second (third…) person in their own browser context, logged in: for two people on one object.

    Console errors and page errors are appended to `errors`; the caller closes the returned context.
    """
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.base_url = live_server.url
    page.goto(f"{page.base_url}/comptes/connexion/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return context, page
