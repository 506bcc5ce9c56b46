"""docker-compose.yml, Dockerfile and .env.example describe a stack that can start."""

import importlib
import re
import shlex

import environ
import pytest
from celery.app.utils import find_app
from django.conf import settings
from django.core.management import get_commands

from config.celery import app as celery_app

from .conftest import ROOT, read_env_file
from .minimal_yaml import UnsupportedYaml, loads

COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE = loads(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]
APP_SERVICES = ("migrate", "web", "worker", "beat")
LONG_RUNNING = ("db", "redis", "mailpit", "web", "worker", "beat")
ENV_EXAMPLE = read_env_file(ROOT / ".env.example")
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def command_of(service: str) -> list[str]:
    command = SERVICES[service]["command"]
    return command if isinstance(command, list) else shlex.split(command)


def test_the_minimal_reader_agrees_with_pyyaml():
    yaml = pytest.importorskip("yaml", reason="PyYAML absent: the minimal reader alone is used")
    assert yaml.safe_load(COMPOSE_TEXT) == COMPOSE


def test_the_minimal_reader_refuses_what_it_does_not_understand():
    for text in ("a: &x 1\nb: *x\n", "a: {b: 1}\n", "a: |\n  texte\n", "a:\n  - b: 1\n", "a: 1\n    b: 2\n"):
        with pytest.raises(UnsupportedYaml):
            loads(text)


# --- Services ---------------------------------------------------------------------------------
def test_the_stack_has_its_services():
    assert set(SERVICES) == {"db", "redis", "mailpit", "migrate", "web", "worker", "beat"}
    assert SERVICES["db"]["image"] == "postgres:15"
    assert SERVICES["redis"]["image"].startswith("redis:")
    assert SERVICES["mailpit"]["image"].startswith("axllent/mailpit")
    for name in APP_SERVICES:
        service = SERVICES[name]
        assert service["build"] == "." and service["image"] == "copilote:latest", name
        assert service["env_file"] == ".env", name
    for name in LONG_RUNNING:
        assert SERVICES[name]["restart"] == "unless-stopped", name
    assert SERVICES["migrate"]["restart"] == "no"


def test_there_is_exactly_one_beat():
    beats = [name for name in SERVICES if "command" in SERVICES[name] and "beat" in command_of(name)]
    assert beats == ["beat"]
    assert SERVICES["beat"]["deploy"]["replicas"] == 1
    worker = command_of("worker")
    assert "-B" not in worker and "--beat" not in worker, "the worker must not embed a second beat"


def test_every_long_running_service_has_a_health_check():
    for name in LONG_RUNNING:
        check = SERVICES[name].get("healthcheck")
        assert check and check["test"][0] in ("CMD", "CMD-SHELL"), name
        assert check.get("interval") and check.get("retries"), name
    assert any("/healthz/" in part for part in SERVICES["web"]["healthcheck"]["test"])
    assert "pg_isready" in SERVICES["db"]["healthcheck"]["test"][1]
    assert SERVICES["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert "inspect ping" in SERVICES["worker"]["healthcheck"]["test"][1]


def test_python_health_checks_compile():
    for name in ("web", "beat"):
        test = SERVICES[name]["healthcheck"]["test"]
        assert test[:3] == ["CMD", "python", "-c"], name
        compile(test[3], f"{name}-healthcheck", "exec")


def test_services_start_in_order():
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
        assert depends["redis"]["condition"] == "service_healthy", name
    for name in ("migrate", "web", "worker"):
        assert SERVICES[name]["depends_on"]["db"]["condition"] == "service_healthy", name


def test_volumes_keep_the_data_and_share_the_media():
    declared = COMPOSE["volumes"]
    mounts = {name: dict(v.split(":", 1) for v in SERVICES[name].get("volumes", [])) for name in SERVICES}
    assert mounts["db"]["postgres-data"] == "/var/lib/postgresql/data"
    assert mounts["redis"]["redis-data"] == "/data"
    media_root = ENV_EXAMPLE["MEDIA_ROOT"]
    assert mounts["web"]["media"] == mounts["worker"]["media"] == media_root, (
        "the worker writes the PDFs web serves"
    )
    assert mounts["beat"]["beat-schedule"] == "/data/beat"
    for service_mounts in mounts.values():
        for volume in service_mounts:
            assert volume in declared, f"volume {volume} not declared"


def test_only_loopback_ports_are_published():
    for name, service in SERVICES.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


# --- Commands name things that exist ----------------------------------------------------------
def test_the_web_command_names_the_wsgi_application():
    command = command_of("web")
    assert command[0] == "gunicorn"
    module_name, _, attribute = command[1].partition(":")
    assert (module_name, attribute) == ("config.wsgi", "application")
    application = getattr(importlib.import_module(module_name), attribute)
    assert callable(application)
    assert settings.WSGI_APPLICATION == "config.wsgi.application"
    assert "0.0.0.0:8000" in command


def test_the_celery_commands_name_the_project_app():
    assert find_app("config") is celery_app
    assert celery_app.main == "copilote"
    from celery.bin.celery import celery as cli

    for name, subcommand in (("worker", "worker"), ("beat", "beat")):
        command = command_of(name)
        assert command[:4] == ["celery", "-A", "config", subcommand], name
        assert subcommand in cli.commands
    assert "inspect" in cli.commands
    assert "--schedule" in command_of("beat")


def test_manage_py_commands_exist():
    commands = get_commands()
    for name in SERVICES:
        if "command" not in SERVICES[name]:
            continue
        command = command_of(name)
        if command[:2] == ["python", "manage.py"]:
            assert command[2] in commands, f"{name}: manage.py {command[2]} does not exist"
    assert command_of("migrate")[:3] == ["python", "manage.py", "migrate"]
    for needed in ("migrate", "collectstatic", "compile_catalogues", "send_reminders", "check"):
        assert needed in commands


def test_every_scheduled_task_is_registered():
    celery_app.loader.import_default_modules()  # What a worker does at start-up: autodiscover tasks.py.
    missing = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        task = entry["task"]
        if task in celery_app.tasks:
            continue
        # An app that has not written its tasks.py yet is tolerated; once it has, the task must exist.
        module = task.rsplit(".", 1)[0]
        if (ROOT / (module.replace(".", "/") + ".py")).exists():
            missing.append(task)
    assert not missing, f"scheduled but not registered: {missing}"
    assert "reminders.tasks.scan_reminders" in celery_app.tasks
    assert "reports.tasks.requeue_stuck_documents" in celery_app.tasks
    assert "reports.tasks.render_document" in celery_app.tasks


def test_celery_serialises_json_with_time_limits():
    conf = celery_app.conf
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.task_acks_late is True


# --- Environment --------------------------------------------------------------------------------
def test_the_example_env_file_documents_every_variable_the_settings_read():
    source = (ROOT / "config" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env\.[a-z_]+\(\s*"([A-Z0-9_]+)"', source))
    test_only = {"TEST_DATABASE_NAME"}
    undocumented = read - test_only - set(ENV_EXAMPLE)
    assert not undocumented, f"variables absent from .env.example: {sorted(undocumented)}"


def test_the_example_env_file_describes_this_stack():
    env = ENV_EXAMPLE
    assert env["COPILOTE_PRODUCTION"] == "true"
    assert env["DEBUG"] == "false"
    assert env["SECRET_KEY"] == "", "no usable key is shipped: the operator must generate one"
    assert env["EMAIL_URL"] == "smtp://mailpit:1025"
    assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert env["CELERY_TASK_ALWAYS_EAGER"] == "false"
    assert env["CACHE_URL"] == "redis://redis:6379/1", (
        "one cache shared by the web processes, beside the broker"
    )
    assert (
        environ.Env.cache_url_config(env["CACHE_URL"])["BACKEND"]
        == "django.core.cache.backends.redis.RedisCache"
    )
    database = re.fullmatch(r"postgres://([^:]+):([^@]+)@db:5432/(\w+)", env["DATABASE_URL"])
    assert database, env["DATABASE_URL"]
    assert database.groups() == (env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_DB"])
    assert env["STATIC_ROOT"] in DOCKERFILE, "STATIC_ROOT is where the image collected the files"
    assert env["MEDIA_ROOT"] in DOCKERFILE
    assert env["SITE_URL"].startswith("https://")
    assert all(origin.startswith("https://") for origin in env["CSRF_TRUSTED_ORIGINS"].split(","))


def test_secrets_stay_out_of_git_and_of_the_image():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    ignored = (ROOT / ".dockerignore").read_text().split()
    for pattern in (".env", ".git", ".venv", "var", "tests"):
        assert pattern in ignored


# --- Dockerfile ---------------------------------------------------------------------------------
def test_the_dockerfile_builds_a_production_image():
    assert re.search(r"^FROM python:3\.11-slim", DOCKERFILE, re.M)
    for package in (
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "libharfbuzz0b",
        "libharfbuzz-subset0",
        "fonts-dejavu-core",
    ):
        assert package in DOCKERFILE, package
    assert "pip install --require-hashes -r requirements/runtime.lock" in DOCKERFILE
    assert "manage.py compile_catalogues" in DOCKERFILE
    assert "manage.py collectstatic --noinput" in DOCKERFILE
    user = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert user and user[-1] not in ("root", "0"), "the processes run as a non-root user"
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M)
    assert cmd and '"gunicorn", "config.wsgi:application"' in cmd.group(1)
