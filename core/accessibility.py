"""The accessibility statement (« Déclaration d’accessibilité », RGAA 4.1): what it states, in one place.

The figures below are those of the last audit; tests/a11y/test_statement.py checks that the axe-core
version stated is the one pinned in tests/a11y/package-lock.json, so the statement cannot drift
from the test it describes.
"""

from datetime import date

RGAA_VERSION = "4.1"
# « totalement conforme » needs a full audit of the RGAA's 106 criteria; ours is automated (axe-core)
# plus keyboard and small-screen journeys: partial, stated as such.
CONFORMITY = "partial"
AUDIT_DATE = date(2026, 12, 4)
AXE_CORE_VERSION = "4.14.1"
# The browser tooling of the audit: Playwright's version is checked against the one installed for the
# tests (tests/a11y/test_statement.py); Chromium's is the Debian package's at the last audit.
PLAYWRIGHT_VERSION = "1.65.2"
CHROMIUM_VERSION = "156"
PHONE_VIEWPORT = (390, 844)  # the phone of the no-sideways-scroll test (tests/a11y/test_phones.py)
MIN_CHART_TEXT_PX = 12  # tests/actions/test_charts.py
# The keyboard-only journeys of the audit (browser tests, no mouse): what each does → its test.
KEYBOARD_JOURNEYS = {
    "monthly_entry": "tests/evaluation/test_monthly_entry_keyboard.py",
    "raci_grid": "tests/raci/test_browser_keyboard.py",
    "attendance": "tests/governance/test_attendance_keyboard.py",
}
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
DEFENSEUR_DES_DROITS_URL = "https://formulaire.defenseurdesdroits.fr/"
DEFENSEUR_DES_DROITS_DELEGATES_URL = "https://www.defenseurdesdroits.fr/carte-des-delegues"
DEFENSEUR_DES_DROITS_ADDRESS = "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07"

# Pages left out of the automated audit, each stated as non-compliant in the statement (URL name → why).
OUTSIDE_THE_AUDIT = {
    "api:docs": "the API's interactive documentation is Swagger UI, a third-party tool for developers",
}
