"""The production posture: `check --deploy` clean, a secret key required, secure cookies, CSP, HTTPS."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from .conftest import (
    _NOT_INHERITED,
    ROOT,
    copy_build_context,
    dockerfile_build_env,
    make_production_env,
    new_secret_key,
    run,
)
from .minimal_yaml import loads

HOST = "copilote.example.org"


def minimal_production_env(tmp_path, **extra):
    base = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
    return {
        **base,
        "COPILOTE_PRODUCTION": "true",
        "SECRET_KEY": new_secret_key(),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "CACHE_URL": "redis://127.0.0.1:6379/1",  # read by the settings, never reached by `check`
        **extra,
    }


# --- manage.py check --deploy ----------------------------------------------------------------
def test_check_deploy_passes_with_the_production_variables(tmp_path):
    env = minimal_production_env(tmp_path)
    assert len(env["SECRET_KEY"]) == 60
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_a_shared_cache(tmp_path):
    env = minimal_production_env(tmp_path)
    del env["CACHE_URL"]
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "copilote.E001" in result.stderr + result.stdout and "CACHE_URL" in result.stderr + result.stdout


def test_check_deploy_passes_with_the_example_env_file(production_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_when_the_production_switch_is_off(tmp_path):
    # Proves the check above can fail: the developer posture has no HSTS, no secure cookies…
    env = minimal_production_env(tmp_path, COPILOTE_PRODUCTION="false", DEBUG="false")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "django-insecure-copilote-dev-only", "trop-courte-0123456789"],
    ids=["absent", "empty", "development-key", "short"],
)
def test_production_refuses_to_start_without_a_real_secret_key(tmp_path, secret_key):
    env = minimal_production_env(tmp_path)
    if secret_key is None:
        del env["SECRET_KEY"]
    else:
        env["SECRET_KEY"] = secret_key
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _production_settings(tmp_path, names):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))"
    )
    result = run(["-c", code], minimal_production_env(tmp_path, DJANGO_SETTINGS_MODULE="config.settings"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_and_https_is_enforced(tmp_path):
    values = _production_settings(
        tmp_path,
        [
            "DEBUG",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "SECURE_SSL_REDIRECT",
            "SECURE_PROXY_SSL_HEADER",
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_REDIRECT_EXEMPT",
            "CELERY_TASK_ALWAYS_EAGER",
        ],
    )
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert any(re.match(pattern, "healthz/") for pattern in values["SECURE_REDIRECT_EXEMPT"])


def test_with_a_broker_tasks_go_to_the_worker(tmp_path):
    code = "import django; django.setup(); from config.celery import app; print(app.conf.task_always_eager, app.conf.broker_url)"
    env = minimal_production_env(tmp_path, CELERY_BROKER_URL="redis://redis:6379/0")
    result = run(["-c", code], {**env, "DJANGO_SETTINGS_MODULE": "config.settings"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "redis://redis:6379/0"]


# --- Content Security Policy ------------------------------------------------------------------
def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_pages_carry_a_csp_without_inline_scripts(client, pilot, client_for):
    for response in (client.get("/comptes/connexion/"), client_for(pilot).get("/documents/")):
        assert response.status_code == 200
        header = response["Content-Security-Policy"]
        directives = _directives(header)
        assert directives["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline <script> in the page"
        assert not re.search(r"\son[a-z]+\s*=", html), "an on…= handler attribute in the page"


# --- A real gunicorn, with the collected static files -------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """The image, rebuilt here: the build context (.dockerignore applied), the Dockerfile's build
    steps (catalogues, collectstatic with its build-only variables), then gunicorn run from it
    with the .env.example environment. Yields (base URL, port, env)."""
    tmp_path = tmp_path_factory.mktemp("production")
    app = tmp_path / "app"
    kept = copy_build_context(app)
    assert "manage.py" in kept and not any(name == ".env" or name.startswith("tests/") for name in kept)

    build_env = {**make_production_env(tmp_path), **dockerfile_build_env()}
    assert build_env["COPILOTE_PRODUCTION"] == "true" and len(build_env["SECRET_KEY"]) >= 50
    build_env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'build.sqlite3'}"
    compiled = run(["manage.py", "compile_catalogues"], build_env, cwd=app)
    assert compiled.returncode == 0, compiled.stderr
    collect = run(
        ["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], build_env, timeout=300, cwd=app
    )
    assert collect.returncode == 0, collect.stderr
    assert (tmp_path / "staticfiles" / "staticfiles.json").exists(), "the manifest of hashed names"
    production_env = make_production_env(tmp_path)

    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=app,
        env=production_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn n'a pas démarré")
        yield base, port, production_env
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_gunicorn_serves_the_production_site(production_site):
    base, _port, _env = production_site
    https = {"Host": HOST, "X-Forwarded-Proto": "https"}

    login = _get(f"{base}/comptes/connexion/", https)
    assert login.status == 200
    assert "max-age=31536000" in login.headers["Strict-Transport-Security"]
    assert "script-src 'self'" in login.headers["Content-Security-Policy"]
    cookies = login.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("csrftoken=") and "Secure" in c for c in cookies)
    html = login.read().decode()
    assert '<html lang="fr">' in html and "Se connecter" in html, "the catalogues were compiled in the build"
    stylesheet = re.search(r'href="(/static/vendor/bootstrap/css/[^"]+\.[0-9a-f]{12}\.[^"]*css)"', html)
    assert stylesheet, "static files are named by their hash in production"
    css = _get(base + stylesheet.group(1), https)
    assert css.status == 200
    assert "immutable" in css.headers.get("Cache-Control", "")

    plain_http = _get(f"{base}/comptes/connexion/", {"Host": HOST})
    assert plain_http.status == 301
    assert plain_http.headers["Location"] == f"https://{HOST}/comptes/connexion/"

    assert _get(f"{base}/healthz/", {"Host": "evil.example", "X-Forwarded-Proto": "https"}).status == 400


def test_the_web_health_check_of_the_compose_file_passes_against_gunicorn(production_site):
    base, port, production_env = production_site
    compose = loads((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    test = compose["services"]["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = test[3].replace("$$", "$").replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    assert code != test[3], "the health check targets the port gunicorn binds in the container"

    assert run(["-c", code], production_env, timeout=30).returncode == 0, "the health check fails"
    # Without the proxy header it is still answered (healthz is exempt from the HTTPS redirect).
    direct = _get(f"{base}/healthz/", {"Host": HOST})
    assert direct.status == 200
    assert json.loads(direct.read()) == {"status": "ok"}
    # A host outside ALLOWED_HOSTS fails the check: it would not hide a misconfigured .env.
    wrong = {**production_env, "ALLOWED_HOSTS": "autre.example.org"}
    wrong_code = code.replace("os.environ.get('ALLOWED_HOSTS', '')", "'autre.example.org'")
    assert run(["-c", wrong_code], wrong, timeout=30).returncode != 0
