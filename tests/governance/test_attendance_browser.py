"""Entering the attendance of nine members from the meeting page: at most four clicks.

Before this screen it took 1 + 2 per member (open the drop-down, choose) + 1 = 20 clicks at the very
least (23 counted in issue 15). Now: « Saisir les présences », « Tous présents », the one exception,
« Enregistrer les présences ». The screen is shown at 1366 and 390 px wide, without sideways scroll.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance import services
from governance.models import Attendance, Committee, Membership
from tests.factories import PersonFactory

from .factories import CommitteeFactory, MeetingFactory, MembershipFactory, add_member
from .test_browser_journey import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/copilote-attendance-{}.png"


class Clicks:
    """Every click of the journey goes through here, so the count is the user's."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


@pytest.fixture
def nine_members(pilot):
    committee = CommitteeFactory(name="CROCT test", kind=Committee.Kind.CROCT)
    for college in ("employeurs", "salaries", "etat"):
        for _index in range(3):
            MembershipFactory(committee=committee, person=PersonFactory(), college=college)
    services.committee_quorum_set(
        committee=committee,
        rule=Committee.QuorumRule.PER_COLLEGE,
        colleges={"employeurs": 2, "salaries": 2, "etat": 1},
        by=None,
    )
    meeting = MeetingFactory(
        committee=committee, title="CROCT plénier", starts_at=timezone.now() - timedelta(hours=2)
    )
    services.attendance_invite_members(meeting=meeting, by=None)
    add_member(committee, pilot, Membership.Role.PILOT, college="etat")  # writes; not on this meeting's list
    return meeting


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_nine_members_in_four_clicks_with_the_quorum(page, pilot, nine_members):
    meeting = nine_members
    rows = list(meeting.attendances.select_related("person").order_by("pk"))
    assert len(rows) == 9
    excused = next(r for r in rows if r.college == "salaries").person.full_name
    login(page, pilot.username)
    page.goto(f"{page.base_url}{meeting.get_absolute_url()}")
    click = Clicks()

    click(page.get_by_role("link", name="Saisir les présences"))
    quorum = page.get_by_test_id("quorum")
    expect(quorum).to_contain_text("Quorum non atteint par collège")
    click(page.get_by_role("button", name="Tous présents"))
    expect(quorum).to_contain_text("Quorum atteint par collège")
    click(page.get_by_role("radiogroup", name=excused).get_by_text("Excusé·e"))
    expect(quorum).to_contain_text("Salariés\u00a0: 2 sur 3, il en faut 2")
    page.screenshot(path=SHOTS.format("1366"), full_page=True)
    click(page.get_by_role("button", name="Enregistrer les présences"))

    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text("présences sont enregistrées")
    assert click.count <= 4
    statuses = sorted(meeting.attendances.values_list("status", flat=True))
    assert statuses == sorted([Attendance.Status.PRESENT] * 8 + [Attendance.Status.EXCUSED])
    expect(page.get_by_test_id("quorum")).to_contain_text("Quorum atteint par collège")


def test_a_member_represented_by_another_and_the_phone_screen(page, pilot, nine_members):
    meeting = nine_members
    rows = list(meeting.attendances.select_related("person").order_by("pk"))
    represented, proxy = rows[0].person.full_name, rows[1].person.full_name
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, pilot.username)
    page.goto(f"{page.base_url}/gouvernance/reunions/{meeting.pk}/presences/")
    proxy_select = page.get_by_label(f"{represented} est représenté·e par")
    expect(proxy_select).to_be_hidden()  # shown only for « représenté »
    page.get_by_role("button", name="Tous présents").click()
    # Keyboard: the answers of a line are one radio group (arrows move between them).
    page.get_by_role("radiogroup", name=represented).get_by_role("radio", name="Présent·e").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(
        page.get_by_role("radiogroup", name=represented).get_by_role("radio", name="Représenté·e")
    ).to_be_checked()
    expect(proxy_select).to_be_visible()
    proxy_select.select_option(label=proxy)
    assert _no_sideways_scroll(page)
    page.screenshot(path=SHOTS.format("390"), full_page=True)
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_be_visible()
    row = meeting.attendances.get(pk=rows[0].pk)
    assert row.status == Attendance.Status.REPRESENTED and row.represented_by_id == rows[1].pk
    expect(page.locator("#presences")).to_contain_text(f"Représenté·e par {proxy}")
    assert _no_sideways_scroll(page)

    # Recording it as held: a confirmation with the quorum first.
    page.get_by_role("link", name="Enregistrer comme tenue").click()
    expect(page.get_by_test_id("quorum")).to_contain_text("Quorum atteint")
    assert _no_sideways_scroll(page)
    page.screenshot(path=SHOTS.format("tenue-390"), full_page=True)
    page.get_by_role("button", name="Enregistrer comme tenue").click()
    expect(page.locator("h1 .badge")).to_have_text("Tenue")
