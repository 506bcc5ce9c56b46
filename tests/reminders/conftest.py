"""A reminder rule defined by the tests: registered for one test, then removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from reminders import registry
from reminders.registry import DueReminder

RULE_KEY = "tests.deadline"


@dataclass
class DeadlineRule:
    """Yields one reminder per (organisation, due date, recipients) the test adds."""

    items: list = field(default_factory=list)
    seen_days: list = field(default_factory=list)
    before_yield: object = None  # A hook (a barrier in the race test).

    def add(self, obj, due_date: date, recipients, url: str = ""):
        self.items.append((obj, due_date, list(recipients), url))

    def collect(self, today: date):
        self.seen_days.append(today)
        if self.before_yield is not None:
            self.before_yield()
        for obj, due_date, recipients, url in self.items:
            yield DueReminder(
                obj=obj,
                due_date=due_date,
                recipients=recipients,
                subject=f"Échéance du {due_date:%d/%m/%Y} : {obj}",
                message=f"Le livrable de {obj} est attendu le {due_date:%d/%m/%Y}.",
                url=url,
            )


@pytest.fixture
def deadline_rule():
    rule = DeadlineRule()
    registry.register(RULE_KEY, "Échéance de test")(rule.collect)
    yield rule
    registry.unregister(RULE_KEY)
