"""What the actions app tells other apps, sent once the transaction is committed.

- `action_closed(sender=CollectiveAction, action, by)`: the action has just been closed.
- `action_reopened(sender=CollectiveAction, action, by, reason)`: a closed action was reopened
  (its last phase is open again); what was frozen at closing may thaw.
"""

from django.dispatch import Signal

action_closed = Signal()
action_reopened = Signal()
