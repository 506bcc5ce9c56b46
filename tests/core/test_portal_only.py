"""A member company's contact (portal-only account) reaches its portal and nothing else (issue 13).

Every view of the project is internal unless marked open (core/portal.py): the guard answers the
site's French 404 to a portal-only account on every other view, so a view added tomorrow is
closed to it without anybody thinking of it. The views below are read from the URL resolver,
never from a hand list; only the open ones are listed, so opening a view is a visible act.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core import navigation
from core.portal import PortalOnlyMiddleware, is_open_to_portal, is_portal_allowed, is_public, portal_allowed
from directory.models import Person
from tests.factories import make_account
from tests.permissions import conftest as permissions
from tests.permissions.expectations import EXPECTED, KWARGS, LOGIN, QUERY

# The permission matrix's data set (one object of every kind a URL needs, built once, rolled back).
media_dir, dataset, _media_root = permissions.media_dir, permissions.dataset, permissions._media_root

# Signed-in pages a portal account uses: its portal, its notices, the PDFs it asked for (its
# restitution letters go through the documents' pages), its password, the home page that sends
# it to its portal.
PORTAL_ALLOWED = {
    "core:home",
    "logout",
    "password_change",
    "password_change_done",
    "adherents:portal_home",
    "adherents:portal_contacts",
    "adherents:portal_survey",
    "adherents:portal_restitution_pdf",
    "reminders:notification_list",
    "reminders:notification_open",
    "reminders:notification_mark_all_read",
    "reminders:notification_group_read",
    "reminders:notification_preferences",
    "reports:document_list",
    "reports:document_detail",
    "reports:document_download",
    "reports:document_retry",
    "privacy:my_data",
    "privacy:my_data_export",
    "privacy:export_download",
}
# Public pages (Django's `login_not_required`): reachable without an account, so by a portal account too.
PUBLIC = {
    "core:accessibility",
    "core:healthz",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "adherents:apply",
    "adherents:apply_thanks",
    "calls:public_call",
    "calls:apply",
    "calls:application_edit",
    "governance:calendar_feed",
    "library:publication_detail",
    "library:download",
    "library:showcase",
    "library:unsubscribe",
    "api:schema",
    "api:docs",
    # The API: DRF marks its views `login_not_required`; a token is its only credential (401 without).
    "api:programme-list",
    "api:programme-detail",
    "api:indicator-list",
    "api:indicator-detail",
    "api:measurements",
    "api:action-list",
    "api:action-detail",
    "api:action-deliverables",
    "api:deliverable-file",
    "api:committee-list",
    "api:committee-detail",
    "api:meeting-list",
    "api:meeting-detail",
    "api:decision-list",
    "api:decision-detail",
    "api:matrix-list",
    "api:matrix-detail",
    # Open data: a programme's published indicators, without a token (Licence Ouverte 2.0).
    "api:open-indicators-json",
    "api:open-indicators-csv",
}


def project_views() -> dict[str, object]:
    """URL name → view, for every URL of the project but Django's admin (it guards itself)."""
    views = {}

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                if ns != "admin":
                    walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern):
                views[f"{namespace}:{pattern.name}" if namespace else str(pattern.name)] = pattern.callback

    walk(get_resolver().url_patterns)
    return views


VIEWS = project_views()
INTERNAL = sorted(name for name, view in VIEWS.items() if not is_open_to_portal(view))


def url_of(name, data) -> str:
    return reverse(name, kwargs=KWARGS[name](data)) + (QUERY[name](data) if name in QUERY else "")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    with transaction.atomic():
        response = client.get(url)
        transaction.set_rollback(True)
    return response


# --- Every view is classified ---------------------------------------------------------
def test_the_views_open_to_portal_accounts_are_exactly_these():
    assert {name for name, view in VIEWS.items() if is_portal_allowed(view)} == PORTAL_ALLOWED
    assert {name for name, view in VIEWS.items() if is_public(view)} == PUBLIC
    assert len(INTERNAL) == len(VIEWS) - len(PORTAL_ALLOWED | PUBLIC)
    assert "actions:action_list" in INTERNAL and "directory:index" in INTERNAL  # internal is the default


def test_every_page_an_anonymous_visitor_reaches_is_marked_public():
    reached = {
        name
        for name in VIEWS
        if any(EXPECTED[name][method]["anonymous"] in (200, 302) for method in ("GET", "POST"))
    }
    assert reached - PUBLIC == set()
    # …and no page marked public asks an anonymous visitor to log in.
    assert [
        name
        for name in PUBLIC
        if LOGIN in (EXPECTED[name]["GET"]["anonymous"], EXPECTED[name]["POST"]["anonymous"])
    ] == []


def test_the_permission_matrix_expects_404_for_the_member_contact_on_every_internal_url():
    wrong = [
        f"{name} {method}: {EXPECTED[name][method]['member_contact']}"
        for name in INTERNAL
        for method in ("GET", "POST")
        if EXPECTED[name][method]["member_contact"] != 404
    ]
    assert wrong == []


def test_the_guard_sits_right_after_authentication():
    middleware = settings.MIDDLEWARE
    guard = middleware.index("core.portal.PortalOnlyMiddleware")
    assert middleware[guard - 1] == "django.contrib.auth.middleware.AuthenticationMiddleware"


def test_a_mark_is_found_under_other_decorators():
    from django.contrib.auth.decorators import login_required
    from django.views.decorators.http import require_GET

    def view(request):
        raise AssertionError

    assert is_portal_allowed(login_required(require_GET(portal_allowed(view))))
    assert not is_open_to_portal(login_required(require_GET(lambda request: None)))


# --- What the portal account gets -------------------------------------------------------
@pytest.mark.parametrize("name", INTERNAL)
def test_a_portal_account_gets_the_french_404_on_every_internal_page(db, dataset, name):
    response = get(as_user(dataset["users"]["member_contact"]), url_of(name, dataset))
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page introuvable" in response.content.decode()


def test_the_guard_itself_refuses_before_any_view_runs(db, dataset):
    """The 404s above come from the guard, not from each view's own rules: asked directly, it
    refuses the portal account on every internal view and lets the pilot through."""
    from django.http import Http404

    guard = PortalOnlyMiddleware(lambda request: None)
    refused = []
    for name in INTERNAL:
        for persona in ("member_contact", "pilot"):
            request = RequestFactory().get(url_of(name, dataset))
            request.user = dataset["users"][persona]
            request.resolver_match = None
            try:
                allowed = guard.process_view(request, VIEWS[name], (), {}) is None
            except Http404:
                allowed = False
            if allowed == (persona == "member_contact"):
                refused.append((name, persona, allowed))
    assert refused == []


def test_internal_list_pages_that_answered_200_now_answer_404(db, dataset):
    client = as_user(dataset["users"]["member_contact"])
    for name in (
        "actions:action_list",
        "governance:committee_list",
        "governance:calendar",
        "evaluation:indicator_list",
        "calls:call_list",
        "library:search",
        "raci:matrix_list",
    ):
        assert get(client, reverse(name)).status_code == 404, name
        assert get(as_user(dataset["users"]["pilot"]), reverse(name)).status_code == 200, name


def test_a_post_to_an_internal_page_is_refused_too(db, dataset):
    client = as_user(dataset["users"]["member_contact"])
    with transaction.atomic():
        response = client.post(reverse("governance:calendar_token", kwargs={"op": "create"}))
        transaction.set_rollback(True)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "adherents:portal_home",
        "adherents:portal_contacts",
        "adherents:portal_survey",
        "reminders:notification_list",
        "password_change",
        "password_change_done",
        "calls:public_call",
        "library:showcase",
        "adherents:apply",
        "core:healthz",
    ],
)
def test_the_portal_and_public_pages_answer(db, dataset, name):
    assert get(as_user(dataset["users"]["member_contact"]), url_of(name, dataset)).status_code == 200


def test_the_home_page_sends_the_portal_account_to_its_portal(db, dataset):
    response = get(as_user(dataset["users"]["member_contact"]), reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("adherents:portal_home")


def test_a_restitution_letter_asked_from_the_portal_is_reachable(db, dataset):
    """The portal's PDF button leads to the document's page and file, which stay open to it."""
    client = as_user(dataset["users"]["member_contact"])
    with transaction.atomic():
        response = client.post(
            reverse("adherents:portal_restitution_pdf", kwargs={"pk": dataset["visit"].pk})
        )
        assert response.status_code == 302
        document_page = client.get(response["Location"])
        transaction.set_rollback(True)
    assert document_page.status_code == 200
    assert document_page.resolver_match.view_name == "reports:document_detail"


def test_the_navigation_shows_the_portal_only(db, dataset):
    response = get(as_user(dataset["users"]["member_contact"]), reverse("adherents:portal_home"))
    assert [area["key"] for area in response.context["nav_areas"]] == ["adherents"]
    assert response.context["nav_areas"][0]["url"] == reverse("adherents:portal_home")
    assert response.context["nav_more"] == []
    content = response.content.decode()
    for area in navigation.areas():
        if area.group != "portal":
            assert f'href="{reverse(area.url_name)}"' not in content, area.url_name


# --- Who the guard leaves alone ------------------------------------------------------------
def test_an_administrator_with_a_member_contact_role_is_not_portal_only(db, dataset):
    admin = make_account("admin_adherent", Person.Role.MEMBER_CONTACT, is_staff=True)
    assert get(as_user(admin), reverse("actions:action_list")).status_code == 200


def test_anonymous_visitors_are_still_asked_to_log_in(db, dataset):
    response = get(Client(), reverse("actions:action_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_django_admin_guards_itself(db, dataset):
    response = get(as_user(dataset["users"]["member_contact"]), reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
