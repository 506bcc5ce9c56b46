"""axe-core on every page each persona reaches: no violation of the WCAG 2.1 A and AA rules (issue 16).

The pages are the permission matrix's (tests/a11y/pages.py): every URL name a persona may GET, with the
matrix's data set, plus the 404 and 403 pages. axe-core is test tooling only, pinned in
tests/a11y/package-lock.json and installed by `make test` (`npm ci --prefix tests/a11y`); it is injected
into each page here, never served to users. The page's Content-Security-Policy forbids an injected
script, so this test's browser context (and only it) bypasses the CSP.

A failure lists, for each failing element: the rule, the page, the persona and the element's selector.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.accessibility import AXE_TAGS
from tests.permissions.helpers import PERSONAS

from .pages import build_dataset, pages, session_cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TAGS = list(AXE_TAGS)

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return results.violations.map((rule) => ({
    id: rule.id,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({target: node.target.join(" "), summary: node.failureSummary || ""})),
  }));
}"""


def axe_violations(page, tags=TAGS) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, tags)


@pytest.fixture
def axe_context(browser, live_server):
    if not AXE.exists():
        pytest.fail(f"axe-core manque ({AXE}) : lancez `make test` ou `npm ci --prefix tests/a11y`.")
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1366, "height": 900}, bypass_csp=True
    )
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.mark.timeout(900)
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_axe_violation_on_any_page(axe_context, live_server, persona):
    data = build_dataset()
    visited = list(pages(data, personas=(persona,)))
    assert visited, f"Aucune page pour {persona}"
    axe_context.add_cookies(session_cookies(data, persona, urlsplit(live_server.url).hostname))
    page = axe_context.new_page()
    failures = []
    for visit in visited:
        page.goto(live_server.url + visit.path, wait_until="load")
        for rule in axe_violations(page):
            for node in rule["nodes"]:
                why = " ".join(node["summary"].split())[:240]
                failures.append(f"[{rule['id']}] {visit} — {node['target']} — {rule['help']} — {why}")
    print(f"axe-core : {len(visited)} pages vérifiées en tant que {persona}")
    summary = f"{len(failures)} violation(s) axe sur {len(visited)} pages :"
    assert not failures, "\n".join([summary, *failures])
