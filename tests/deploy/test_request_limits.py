"""The limits the production stack puts on requests, and the client address it trusts, are stated
where the operator reads them (docs/production.md, .env.example) and agree with what runs."""

import json
import re

from .conftest import ROOT, read_env_file, run
from .minimal_yaml import loads

COMPOSE = loads((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
DOCS = (ROOT / "docs" / "production.md").read_text(encoding="utf-8")
ENV_EXAMPLE = read_env_file(ROOT / ".env.example")
WEB = COMPOSE["services"]["web"]["command"]


def flag(name: str) -> str:
    return WEB[WEB.index(name) + 1]


def test_gunicorn_states_its_header_limits():
    assert flag("--limit-request-line") == "4094"
    assert flag("--limit-request-fields") == "100"
    assert flag("--limit-request-field_size") == "8190"
    for name in ("--limit-request-line", "--limit-request-fields", "--limit-request-field_size"):
        assert name in DOCS, name


def test_gunicorn_accepts_the_web_command(production_env):
    # The very command of the web service, checked by gunicorn itself (misspelt flags fail here).
    result = run(["-m", "gunicorn", "--check-config", *WEB[1:]], production_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_proxy_body_cap_leaves_room_for_the_largest_document():
    largest = int(ENV_EXAMPLE["UPLOAD_MAX_BYTES"])
    nginx = int(re.search(r"client_max_body_size (\d+)m;", DOCS).group(1)) * 1024 * 1024
    caddy = int(re.search(r"max_size (\d+)MB", DOCS).group(1)) * 1000 * 1000
    for cap in (nginx, caddy):
        assert largest < cap <= largest + 10 * 1024 * 1024


def test_the_production_posture_trusts_the_one_documented_proxy(production_env):
    assert ENV_EXAMPLE["PROXY_COUNT"] == "1"
    assert "proxy_add_x_forwarded_for" in DOCS and "PROXY_COUNT=1" in DOCS
    code = (
        "from django.conf import settings as s; "
        "print(s.PROXY_COUNT, s.AXES_IPWARE_PROXY_COUNT, s.AXES_CLIENT_IP_CALLABLE, s.DATA_UPLOAD_MAX_MEMORY_SIZE)"
    )
    result = run(["manage.py", "shell", "-c", code], production_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "1",
        "1",
        "core.client.client_ip",
        str(10 * 1024 * 1024),
    ]


def test_the_image_alone_runs_the_same_web_command():
    """`docker run copilote` without compose gets the same limits as the compose web service."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1))
    assert cmd == WEB
