"""Row locks for the services: the row a service changes is locked and read afresh before it is checked.

A doubled click, a retried request or two people acting at once then wait for each other, and the
second one sees what the first did (an approval, a circulation, a new number) instead of acting twice.
On PostgreSQL this is `SELECT … FOR UPDATE`; on SQLite, which locks the whole database for a writing
transaction (`transaction_mode = IMMEDIATE` in the settings), the lock is already held.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def locked(instance: M) -> M:
    """Lock `instance`'s row until the current transaction ends and reload its fields in place.

    Call it inside `transaction.atomic()`. Raises `Model.DoesNotExist` if the row was deleted meanwhile.
    The caller's object is the one refreshed, so what it holds afterwards is what is stored.
    """
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "locked() holds a row until the transaction ends: open one."
        )
    queryset = type(instance)._base_manager.select_for_update(of=("self",))
    instance.refresh_from_db(from_queryset=queryset)
    return instance
