"""At 390 × 844 (a phone), no page scrolls sideways (issue 16).

The pages are the permission matrix's, as for axe (tests/a11y/pages.py): every URL name a persona may
GET with the matrix's data set, plus the 404 and 403 pages. On each, the document may not be wider than
the viewport (`document.documentElement.scrollWidth` ≤ `innerWidth`, one pixel of rounding allowed);
a failure lists every page too wide with its width. Tables that must keep their key columns become
cards (`table-cards`), filters fold behind « Filtrer », charts fall back on their data table.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from core.accessibility import PHONE_VIEWPORT
from tests.conftest import login_in_browser
from tests.permissions.helpers import PERSONAS

from .pages import build_dataset, pages, session_cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = dict(zip(("width", "height"), PHONE_VIEWPORT, strict=True))  # the statement states it
WIDTHS = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport=PHONE, is_mobile=True)
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.mark.timeout(900)
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_scrolls_sideways_on_a_phone(phone, live_server, persona):
    data = build_dataset()
    visited = list(pages(data, personas=(persona,)))
    assert visited, f"Aucune page pour {persona}"
    phone.add_cookies(session_cookies(data, persona, urlsplit(live_server.url).hostname))
    page = phone.new_page()
    too_wide = []
    for visit in visited:
        page.goto(live_server.url + visit.path, wait_until="load")
        width, viewport = page.evaluate(WIDTHS)
        if width > viewport + 1:
            too_wide.append(f"{visit} : {width} px pour {viewport} px")
    assert not too_wide, (
        f"{len(too_wide)} page(s) sur {len(visited)} défilent de côté à 390 px :\n" + "\n".join(too_wide)
    )


def test_filters_fold_behind_one_button_with_the_active_count(page, pilot):
    """On a phone the action list's filters hide behind « Filtrer (n) »; from 768 px they are shown."""
    page.set_viewport_size(PHONE)
    login_in_browser(page, pilot.username)
    page.goto(f"{page.base_url}/actions/?q=qvt&phase=3&tri=code")  # the sort order is no filter
    button = page.get_by_role("button", name="Filtrer (2)")
    filters = page.get_by_role("search", name="Filtrer la liste")
    assert button.is_visible()
    assert filters.is_hidden()
    button.click()
    filters.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(f"{page.base_url}/actions/")
    assert page.get_by_role("search", name="Filtrer la liste").is_visible()
    assert page.get_by_role("button", name="Filtrer", exact=True).is_hidden()
