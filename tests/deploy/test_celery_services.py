"""The worker and beat services of docker-compose.yml, started with their own commands on the real Redis."""

import socket
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, make_production_env, run
from .minimal_yaml import loads

pytestmark = pytest.mark.celery

SERVICES = loads((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]


def compose_to_local(argv: list[str]) -> list[str]:
    """`celery …` as the container runs it → the same command with this interpreter."""
    assert argv[0] == "celery"
    return [sys.executable, "-m", "celery", *argv[1:]]


@pytest.fixture
def celery_env(redis_url, tmp_path):
    # Database 1 of the test Redis: nothing shared with the worker tests on database 0.
    broker = redis_url.rsplit("/", 1)[0] + "/1"
    env = make_production_env(tmp_path)
    return {**env, "CELERY_BROKER_URL": broker, "HOSTNAME": socket.gethostname(), "PYTHONUNBUFFERED": "1"}


def start(argv, env, log_path):
    log = log_path.open("w")
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, log


def stop(process, log):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def test_the_worker_service_starts_and_passes_its_health_check(celery_env, tmp_path):
    command = compose_to_local(SERVICES["worker"]["command"])
    check = SERVICES["worker"]["healthcheck"]["test"]
    assert check[0] == "CMD-SHELL"
    shell_check = check[1].replace("$$", "$").replace("celery -A", f"{sys.executable} -m celery -A", 1)

    def health() -> int:
        return subprocess.run(
            ["sh", "-c", shell_check], cwd=ROOT, env=celery_env, capture_output=True, timeout=60
        ).returncode

    process, log = start(command, celery_env, tmp_path / "worker.log")
    try:
        deadline = time.monotonic() + 60
        while health() != 0:
            assert process.poll() is None, (tmp_path / "worker.log").read_text()
            assert time.monotonic() < deadline, "the worker never answered its health check"
            time.sleep(1)
        output = (tmp_path / "worker.log").read_text()
        for task in ("reports.tasks.render_document", "reminders.tasks.scan_reminders"):
            assert task in output, f"{task} not registered by the worker"
    finally:
        stop(process, log)
    assert health() != 0, "the health check fails once the worker is gone"


def test_the_beat_service_starts_and_passes_its_health_check(celery_env, tmp_path):
    schedule = tmp_path / "beat" / "celerybeat-schedule"
    schedule.parent.mkdir()
    command = compose_to_local(SERVICES["beat"]["command"])
    command[command.index("--schedule") + 1] = str(schedule)

    process, log = start(command, celery_env, tmp_path / "beat.log")
    try:
        deadline = time.monotonic() + 60
        while not list(schedule.parent.glob("celerybeat-schedule*")):
            assert process.poll() is None, (tmp_path / "beat.log").read_text()
            assert time.monotonic() < deadline, "beat never wrote its schedule"
            time.sleep(0.5)
        assert process.poll() is None
    finally:
        stop(process, log)
    assert "beat: Starting" in (tmp_path / "beat.log").read_text()

    check = SERVICES["beat"]["healthcheck"]["test"]
    assert check[:3] == ["CMD", "python", "-c"]
    assert run(["-c", check[3]], celery_env, timeout=60).returncode == 0
    unreachable = {**celery_env, "CELERY_BROKER_URL": "redis://127.0.0.1:9/0"}
    assert run(["-c", check[3]], unreachable, timeout=60).returncode != 0, "a broker down fails the check"
