"""The Celery app as the production worker loads it, plus the test PDF kind and reminder rule.

Started by tests/jobs as `celery -A tests.jobs.worker_app worker …` in a separate process.
"""

from config.celery import app  # noqa: F401 — `celery -A` finds it here

from . import race_rule, slow_kind

slow_kind.register()
race_rule.register()
