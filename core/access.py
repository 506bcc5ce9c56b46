"""The one lookup views use to reach an object, from the access module of the app that owns it.

Each domain app answers "who may" in its own `access.py`, and only there:
`<things>_visible_to(user)` and `<things>_editable_by(user)` querysets, the `can_<verb>_<thing>`
checks derived from them, and one `register(Model, visible=…, <verb>=…)` call per model its
views fetch. `rules.py` merely registers those checks as django-rules permissions.

A view then asks one question (the healthchecks `_get_check_for_user` idea, made generic):

    action = object_for(request.user, CollectiveAction, pk=pk, may="change")

- the object is looked up in what the user may read: anything else is a 404, so a stranger
  never learns that it exists;
- `may` names a verb of the model's policy: a reader who may not do it gets a 403.

`core` imports no domain app: the policies are registered by the apps (autodiscovered, like
`admin.py`), and a model without one cannot be fetched this way (a `LookupError` at once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .types import Viewer

VisibleTo = Callable[[object], QuerySet]
M = TypeVar("M", bound=Model)
Check = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Policy:
    """What a model's access module says: the readable queryset, and a check per verb."""

    model: type[Model]
    visible: VisibleTo
    verbs: dict[str, Check] = field(default_factory=dict)
    messages: dict[str, str] = field(default_factory=dict)

    def refusal(self, verb: str) -> str:
        """What the 403 page says when `verb` is refused: the policy's own message, else a generic one."""
        if verb in self.messages:
            return str(self.messages[verb])
        name = self.model._meta.verbose_name
        if verb == "change":
            return _("You can view this item (%(name)s) but not change it.") % {"name": name}
        return _("You can view this item (%(name)s) but you do not have the right to do this.") % {
            "name": name
        }


_policies: dict[type[Model], Policy] = {}


def register(
    model: type[Model],
    *,
    visible: VisibleTo,
    messages: dict[str, str] | None = None,
    **verbs: Check,
) -> Policy:
    """Declare who may read `model` (a queryset per user) and who may do each verb to one of them.

    `messages` optionally says, per verb, what the 403 page tells a reader who may not do it
    (who may do it instead); without one, a generic sentence names the model.
    """
    policy = Policy(model=model, visible=visible, verbs=dict(verbs), messages=dict(messages or {}))
    existing = _policies.get(model)
    if existing is not None and existing != policy:
        raise ImproperlyRegistered(
            f"{model.__name__} already has an access policy ({existing.visible.__module__})."
        )
    _policies[model] = policy
    return policy


class ImproperlyRegistered(Exception):
    pass


def policy_for(model: type[Model]) -> Policy:
    try:
        return _policies[model]
    except KeyError:
        raise LookupError(
            f"No access policy is registered for {model.__name__}: declare it in its app's access.py."
        ) from None


def registered_models() -> list[type[Model]]:
    return list(_policies)


def visible_to(user: Viewer, model: type[M]) -> QuerySet[M]:
    """What `user` may read of `model`, as its app's access module says."""
    return policy_for(model).visible(user)


def may(user: Viewer, verb: str, obj: Model) -> bool:
    """May `user` do `verb` to `obj`? "view" is answered by the readable queryset itself."""
    policy = policy_for(type(obj))
    if verb == "view":
        return policy.visible(user).filter(pk=obj.pk).exists()
    try:
        check = policy.verbs[verb]
    except KeyError:
        raise LookupError(f"{type(obj).__name__} has no verb « {verb} » in its access policy.") from None
    return bool(check(user, obj))


def object_for(
    user: Viewer,
    model: type[M],
    *,
    may: str | None = None,
    select_related: Iterable[str] = (),
    prefetch_related: Iterable[Any] = (),
    **lookup: Any,
) -> M:
    """The object matching `lookup` if `user` may read it (else 404), and may do `may` to it (else 403)."""
    policy = policy_for(model)
    queryset = policy.visible(user)
    if select_related:
        queryset = queryset.select_related(*select_related)
    if prefetch_related:
        queryset = queryset.prefetch_related(*prefetch_related)
    obj = get_visible_or_404(queryset, **lookup)
    if may is not None and may != "view":
        try:
            check = policy.verbs[may]
        except KeyError:
            raise LookupError(f"{model.__name__} has no verb « {may} » in its access policy.") from None
        if not check(user, obj):
            raise PermissionDenied(policy.refusal(may))
    return obj


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The object from a queryset already scoped to the user, or 404 (its existence is not revealed)."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def require(allowed: bool) -> None:
    """403 unless `allowed`: for the few writes that are not about one fetched object."""
    if not allowed:
        raise PermissionDenied


def require_perm(user: Viewer, perm: str, obj: Model | None = None) -> None:
    """403 unless `user` has the django-rules permission `perm` (derived from an access module)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def object_predicate(check: Check) -> Any:
    """A django-rules predicate from an access module's `can_*` check: no object, no permission."""
    import rules

    def predicate(user: Viewer, obj: Model | None = None) -> bool:
        return obj is not None and bool(check(user, obj))

    predicate.__name__ = check.__name__
    return rules.predicate(predicate)


def autodiscover() -> None:
    """Import every app's `access.py`, so each registers its policies at start-up."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("access")
