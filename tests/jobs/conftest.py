"""Real Celery worker processes on the real Redis broker, started and killed by the tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests.conftest import _forget_broker_connections

from . import race_rule, slow_kind

ROOT = Path(__file__).resolve().parents[2]


def wait_until(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what}: still not true after {timeout:.0f} s")


def database_url_for_workers() -> str:
    """The URL of the database pytest-django created, for the worker processes."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """`celery worker` in its own process group, as production runs it (prefork pool, acks late)."""

    def __init__(self, env: dict, name: str, log: Path):
        self.log = log
        self.handle = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.jobs.worker_app",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--loglevel=INFO",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        if not self.handle.closed:
            self.handle.flush()
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL to the whole group: the machine lost the worker, nothing is cleaned up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(20)

    def stop(self) -> None:
        """Warm shutdown, as `docker compose stop` does: the main process finishes its task first."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self.handle.close()


@pytest.fixture
def hang_dir(tmp_path):
    folder = tmp_path / "hang"
    folder.mkdir()
    return folder


@pytest.fixture
def race_dir(tmp_path):
    folder = tmp_path / "race"
    folder.mkdir()
    return folder


@pytest.fixture
def mail_dir(tmp_path):
    """Where the worker processes write the e-mails they send (Django's file backend)."""
    folder = tmp_path / "mails"
    folder.mkdir()
    return folder


@pytest.fixture
def slow_documents():
    slow_kind.register()
    yield slow_kind.KEY
    slow_kind.unregister()


@pytest.fixture
def broker(redis_url, transactional_db, settings):
    """The test process sends its jobs to the real Redis broker (not eagerly)."""
    from config.celery import app

    previous = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    _forget_broker_connections(app)
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.control.purge()
    try:
        yield app
    finally:
        app.control.purge()
        _forget_broker_connections(app)
        app.conf.update(**previous)


@pytest.fixture
def start_worker(broker, redis_url, hang_dir, race_dir, mail_dir, tmp_path):
    """Start worker processes on the test database and broker; all are stopped at the end."""
    started: list[WorkerProcess] = []
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_workers(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT or ""),
        slow_kind.HANG_DIR: str(hang_dir),
        race_rule.RACE_DIR: str(race_dir),
        "EMAIL_URL": f"filemail:///{mail_dir}",
    }

    def start(name: str) -> WorkerProcess:
        worker = WorkerProcess(env, name, tmp_path / f"{name}.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
