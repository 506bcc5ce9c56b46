"""The Celery app as the production worker loads it, plus the test kind `tests.slow`.

Started by tests/jobs as `celery -A tests.jobs.worker_app worker …` in a separate process.
"""

from config.celery import app  # noqa: F401 — `celery -A` finds it here

from .slow_kind import register

register()
