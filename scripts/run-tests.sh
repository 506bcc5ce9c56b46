#!/usr/bin/env bash
# The test command behind `make test`: real PostgreSQL and Redis, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
export CELERY_TASK_ALWAYS_EAGER=true
# The whole suite or nothing: a real part missing (Redis, Chromium…) fails its tests instead of skipping them.
export COPILOTE_FULL_SUITE=1
export DJANGO_ALLOW_ASYNC_UNSAFE=true
status=0
.venv/bin/python -m pytest "$@" || status=$?
exit $status
