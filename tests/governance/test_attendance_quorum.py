"""Attendance in one screen: present / excused / absent / represented (with a proxy among the members),
« Tous présents », and the committee's quorum shown before the meeting is recorded as held."""

import html
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Attendance, Committee, Meeting
from tests.factories import PersonFactory

from .factories import CommitteeFactory, MeetingFactory, MembershipFactory

S = Attendance.Status


def _meeting_of(members: dict[str, int], *, rule="", share=50, colleges=None, max_proxies=1, past=True):
    """A committee with `members` people per college and a meeting with every member invited."""
    committee = CommitteeFactory()
    for college, count in members.items():
        for _index in range(count):
            MembershipFactory(committee=committee, person=PersonFactory(), college=college)
    services.committee_quorum_set(
        committee=committee, rule=rule, share=share, colleges=colleges or {}, max_proxies=max_proxies, by=None
    )
    starts = timezone.now() + (timedelta(hours=-2) if past else timedelta(days=3))
    meeting = MeetingFactory(committee=committee, starts_at=starts)
    services.attendance_invite_members(meeting=meeting, by=None)
    return meeting


def _writer(meeting, user):
    """`user` pilots the committee from now on: they write, and are not on this meeting's list."""
    MembershipFactory(committee=meeting.committee, person=user.person, role="pilote", college="etat")


def _rows(meeting):
    return list(meeting.attendances.order_by("pk"))


def _set(meeting, statuses, proxies=None):
    return services.attendance_record(meeting=meeting, statuses=statuses, proxies=proxies or {}, by=None)


# --- Quorum rules -------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_share_of_the_members_counts_present_and_represented_and_rounds_up():
    meeting = _meeting_of({"employeurs": 6, "salaries": 6}, rule=Committee.QuorumRule.SHARE, share=50)
    rows = _rows(meeting)
    _set(
        meeting,
        {r.pk: S.PRESENT for r in rows[:6]}
        | {rows[6].pk: S.REPRESENTED}
        | {r.pk: S.EXCUSED for r in rows[7:]},
        {rows[6].pk: rows[0].pk},
    )
    quorum = services.meeting_quorum(meeting)
    assert (quorum.counted, quorum.members, quorum.required, quorum.reached) == (7, 12, 6, True)
    assert quorum.sentence == "Quorum atteint\u00a0: 7 présents ou représentés sur 12, il en faut 6."

    odd = _meeting_of({"salaries": 9}, rule=Committee.QuorumRule.SHARE, share=50)
    quorum = services.meeting_quorum(odd)
    assert quorum.required == 5  # half of 9, rounded up
    assert not quorum.reached and quorum.sentence.startswith("Quorum non atteint")


@pytest.mark.django_db
def test_guests_never_count_for_the_quorum():
    meeting = _meeting_of({"salaries": 2}, rule=Committee.QuorumRule.SHARE, share=100)
    services.attendance_add_guest(meeting=meeting, guest_name="Expert invité", by=None)
    services.attendance_all_present(meeting=meeting, by=None)
    quorum = services.meeting_quorum(meeting)
    assert (quorum.counted, quorum.members, quorum.reached) == (2, 2, True)


@pytest.mark.django_db
def test_a_minimum_per_college_must_be_met_in_every_college():
    meeting = _meeting_of(
        {"employeurs": 3, "salaries": 3, "etat": 1},
        rule=Committee.QuorumRule.PER_COLLEGE,
        colleges={"employeurs": 2, "salaries": 2},
    )
    by_college = {}
    for row in _rows(meeting):
        by_college.setdefault(row.college, []).append(row)
    # Seven of seven would make a share; here the employers lack one.
    _set(
        meeting,
        {r.pk: S.PRESENT for r in by_college["salaries"] + by_college["etat"]}
        | {by_college["employeurs"][0].pk: S.PRESENT},
    )
    quorum = services.meeting_quorum(meeting)
    assert [(c.college, c.counted, c.required, c.reached) for c in quorum.colleges] == [
        ("employeurs", 1, 2, False),
        ("salaries", 3, 2, True),
    ]
    assert not quorum.reached
    assert "Employeurs\u00a0: 1 sur 3, il en faut 2" in quorum.sentence

    _set(
        meeting,
        {by_college["employeurs"][1].pk: S.REPRESENTED},
        {by_college["employeurs"][1].pk: by_college["employeurs"][0].pk},
    )
    assert services.meeting_quorum(meeting).reached


@pytest.mark.django_db
def test_without_a_rule_there_is_no_quorum_to_meet():
    meeting = _meeting_of({"salaries": 3})
    quorum = services.meeting_quorum(meeting)
    assert not quorum.applies and quorum.reached


# --- Proxies ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_proxy_is_another_member_present_holding_at_most_what_the_committee_allows():
    meeting = _meeting_of({"salaries": 4})
    a, b, c, _d = _rows(meeting)
    with pytest.raises(ValidationError) as error:
        _set(meeting, {a.pk: S.REPRESENTED})
    assert "Choisissez" in error.value.message_dict[str(a.pk)][0]
    with pytest.raises(ValidationError) as error:
        _set(meeting, {a.pk: S.REPRESENTED}, {a.pk: a.pk})
    assert str(a.pk) in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # the proxy is not marked present
        _set(meeting, {a.pk: S.REPRESENTED, b.pk: S.EXCUSED}, {a.pk: b.pk})
    assert "présent" in error.value.message_dict[str(a.pk)][0]
    with pytest.raises(ValidationError) as error:  # one proxy per member by default
        _set(meeting, {a.pk: S.REPRESENTED, b.pk: S.REPRESENTED, c.pk: S.PRESENT}, {a.pk: c.pk, b.pk: c.pk})
    assert set(error.value.message_dict) == {str(a.pk), str(b.pk)}
    assert set(meeting.attendances.values_list("status", flat=True)) == {S.INVITED}  # nothing written

    meeting.committee.max_proxies = 2
    meeting.committee.save()
    meeting.refresh_from_db()
    assert (
        _set(meeting, {a.pk: S.REPRESENTED, b.pk: S.REPRESENTED, c.pk: S.PRESENT}, {a.pk: c.pk, b.pk: c.pk})
        == 3
    )
    a.refresh_from_db()
    assert a.represented_by_id == c.pk and a.status_text == f"Représenté·e par {c.display_name}"


@pytest.mark.django_db
def test_a_proxy_cannot_stop_being_present_while_holding_a_proxy_and_a_status_change_clears_the_proxy():
    meeting = _meeting_of({"salaries": 3})
    a, b, _c = _rows(meeting)
    _set(meeting, {a.pk: S.REPRESENTED, b.pk: S.PRESENT}, {a.pk: b.pk})
    with pytest.raises(ValidationError):
        _set(meeting, {b.pk: S.ABSENT})
    _set(meeting, {a.pk: S.EXCUSED})
    a.refresh_from_db()
    assert a.status == S.EXCUSED and a.represented_by is None


@pytest.mark.django_db
def test_a_guest_cannot_be_represented_nor_hold_a_proxy():
    meeting = _meeting_of({"salaries": 1})
    member = _rows(meeting)[0]
    guest = services.attendance_add_guest(meeting=meeting, guest_name="Invitée", by=None)
    _set(meeting, {guest.pk: S.PRESENT})
    with pytest.raises(ValidationError):
        _set(meeting, {guest.pk: S.REPRESENTED}, {guest.pk: member.pk})
    with pytest.raises(ValidationError):
        _set(meeting, {member.pk: S.REPRESENTED}, {member.pk: guest.pk})


@pytest.mark.django_db
def test_recording_keeps_its_author_in_the_history(pilot):
    meeting = _meeting_of({"salaries": 2})
    row = _rows(meeting)[0]
    services.attendance_record(meeting=meeting, statuses={row.pk: S.PRESENT}, by=pilot)
    assert row.history.latest().history_user == pilot


# --- Holding the meeting ------------------------------------------------------------------------
@pytest.mark.django_db
def test_holding_without_the_quorum_needs_a_note_which_is_kept(pilot):
    meeting = _meeting_of({"salaries": 4}, rule=Committee.QuorumRule.SHARE, share=75)
    a, *_others = _rows(meeting)
    _set(meeting, {a.pk: S.PRESENT})
    with pytest.raises(ValidationError, match="quorum"):
        services.meeting_mark_held(meeting=meeting, by=pilot)
    services.meeting_mark_held(
        meeting=meeting, by=pilot, without_quorum_note="Séance d'information seulement."
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.held_quorum.startswith("Quorum non atteint\u00a0: 1 présent ou représenté sur 4")
    assert meeting.held_without_quorum_note == "Séance d'information seulement."
    assert meeting.history.latest().history_user == pilot


@pytest.mark.django_db
def test_holding_with_the_quorum_needs_no_note():
    meeting = _meeting_of({"salaries": 2}, rule=Committee.QuorumRule.SHARE, share=50)
    services.attendance_all_present(meeting=meeting, by=None)
    services.meeting_mark_held(meeting=meeting, without_quorum_note="ignored", by=None)
    meeting.refresh_from_db()
    assert meeting.held_quorum.startswith("Quorum atteint") and meeting.held_without_quorum_note == ""


# --- The committee's rule -----------------------------------------------------------------------
@pytest.mark.django_db
def test_the_quorum_rule_is_checked():
    committee = CommitteeFactory()
    with pytest.raises(ValidationError):
        services.committee_quorum_set(committee=committee, rule="nimporte", by=None)
    with pytest.raises(ValidationError):
        services.committee_quorum_set(
            committee=committee, rule=Committee.QuorumRule.PER_COLLEGE, colleges={}, by=None
        )
    services.committee_quorum_set(
        committee=committee,
        rule=Committee.QuorumRule.PER_COLLEGE,
        colleges={"salaries": 2, "inconnu": 4},
        max_proxies=2,
        by=None,
    )
    committee.refresh_from_db()
    assert committee.quorum_colleges == {"salaries": 2} and committee.max_proxies == 2


# --- Pages --------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_one_post_records_nine_members(client_for, pilot):
    meeting = _meeting_of(
        {"employeurs": 3, "salaries": 3, "etat": 3}, rule=Committee.QuorumRule.SHARE, share=50
    )
    _writer(meeting, pilot)
    rows = _rows(meeting)
    assert len(rows) == 9
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    client = client_for(pilot)
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 9 * 4 and "Tous présents" in page and 'data-testid="quorum"' in page
    data = {f"status_{r.pk}": S.PRESENT for r in rows} | {f"initial-status_{r.pk}": S.INVITED for r in rows}
    data |= {
        f"status_{rows[7].pk}": S.EXCUSED,
        f"status_{rows[8].pk}": S.REPRESENTED,
        f"proxy_{rows[8].pk}": rows[0].pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(meeting.attendances.values_list("status", flat=True)) == sorted(
        [S.PRESENT] * 7 + [S.EXCUSED, S.REPRESENTED]
    )
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert f"Représenté·e par {rows[0].display_name}" in detail
    assert "Quorum atteint\u00a0: 8 présents ou représentés sur 9, il en faut 5." in detail


@pytest.mark.django_db
def test_a_refused_proxy_is_shown_next_to_its_line_and_nothing_is_saved(client_for, pilot):
    meeting = _meeting_of({"salaries": 3})
    _writer(meeting, pilot)
    a, b, _c = _rows(meeting)
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    response = client_for(pilot).post(
        url, {f"status_{a.pk}": S.REPRESENTED, f"proxy_{a.pk}": b.pk, f"status_{b.pk}": S.ABSENT}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-error-summary" in page and f'id="id_proxy_{a.pk}_error"' in page
    assert set(meeting.attendances.values_list("status", flat=True)) == {S.INVITED}


@pytest.mark.django_db
def test_everybody_present_without_script_is_done_by_the_server(client_for, pilot):
    meeting = _meeting_of({"salaries": 3})
    _writer(meeting, pilot)
    url = reverse("governance:attendance_edit", args=[meeting.pk])
    response = client_for(pilot).post(url, {"all_present": "1"})
    assert response.status_code == 302 and response.url == url
    assert set(meeting.attendances.values_list("status", flat=True)) == {S.PRESENT}


@pytest.mark.django_db
def test_recording_as_held_asks_first_and_shows_the_quorum(client_for, pilot):
    meeting = _meeting_of({"salaries": 3}, rule=Committee.QuorumRule.SHARE, share=50)
    _writer(meeting, pilot)
    client = client_for(pilot)
    url = reverse("governance:meeting_held", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Quorum non atteint\u00a0: 0 présent ou représenté sur 3, il en faut 2." in page
    assert 'name="note"' in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED  # a GET changes nothing
    assert client.post(url, {}).status_code == 200  # no note: refused, said on the page
    response = client.post(url, {"note": "Réunion d'information."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (
        meeting.status == Meeting.Status.HELD and meeting.held_without_quorum_note == "Réunion d'information."
    )
    assert "Réunion d'information." in html.unescape(client.get(meeting.get_absolute_url()).content.decode())


@pytest.mark.django_db
def test_the_committee_rule_page_sets_the_quorum(client_for, pilot, committee):
    url = reverse("governance:composition_rule_edit", args=[committee.pk])
    response = client_for(pilot).post(
        url, {"quorum_rule": "college", "quorum_salaries": "2", "max_proxies": "1", "quorum_share": "50"}
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.quorum_rule == "college" and committee.quorum_colleges == {"salaries": 2}


@pytest.mark.django_db
def test_the_attendance_sheet_and_the_minutes_say_the_status_in_french():
    from reports.models import Document
    from reports.services import build_html

    meeting = _meeting_of({"salaries": 3}, rule=Committee.QuorumRule.SHARE, share=50)
    a, b, c = _rows(meeting)
    _set(meeting, {a.pk: S.REPRESENTED, b.pk: S.PRESENT, c.pk: S.EXCUSED}, {a.pk: b.pk})

    for kind in ("governance.attendance", "governance.minutes"):
        document = Document(kind=kind, title="Document", target=meeting)
        text = html.unescape(build_html(document))
        assert f"Représenté·e par {b.display_name}" in text and "Excusé·e" in text
        assert "Quorum atteint" in text


# --- The data migration -------------------------------------------------------------------------
def _quorum_migration():
    """This change's migration and the one before it (found by name: the numbers may be reconciled later)."""
    graph = MigrationExecutor(connection).loader.graph
    node = next(
        key for key in graph.nodes if key[0] == "governance" and key[1].endswith("attendance_proxies_quorum")
    )
    before = next(parent.key for parent in graph.node_map[node].parents if parent.key[0] == "governance")
    return node, before


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_row_and_notes_absent_who_was_only_invited_at_a_held_meeting():
    _node, before = _quorum_migration()
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    try:
        apps = executor.loader.project_state([before]).apps
        programme = apps.get_model("actions", "Programme").objects.create(name="P", code="p-mig")
        committee = apps.get_model("governance", "Committee").objects.create(
            kind="copil", name="C", programme=programme
        )
        Meeting_ = apps.get_model("governance", "Meeting")
        held = Meeting_.objects.create(
            committee=committee, title="Tenue", starts_at=timezone.now(), status="tenue"
        )
        planned = Meeting_.objects.create(
            committee=committee, title="Prévue", starts_at=timezone.now(), status="prevue"
        )
        Attendance_ = apps.get_model("governance", "Attendance")
        for meeting, statuses in (
            (held, ["invite", "present", "excuse", "absent"]),
            (planned, ["invite", "excuse"]),
        ):
            for index, status in enumerate(statuses):
                Attendance_.objects.create(
                    meeting=meeting, guest_name=f"P{index}", is_guest=True, status=status
                )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert sorted(Attendance.objects.filter(meeting__title="Tenue").values_list("status", flat=True)) == [
        "absent",
        "absent",
        "excuse",
        "present",
    ]
    assert sorted(Attendance.objects.filter(meeting__title="Prévue").values_list("status", flat=True)) == [
        "excuse",
        "invite",
    ]


@pytest.mark.django_db
def test_a_member_represented_counts_for_the_quorum_but_not_as_present_in_the_attendance_rate():
    from governance.selectors import attendance_rates

    meeting = _meeting_of({"salaries": 2}, rule=Committee.QuorumRule.SHARE, share=100)
    a, b = _rows(meeting)
    _set(meeting, {a.pk: S.PRESENT, b.pk: S.REPRESENTED}, {b.pk: a.pk})
    assert services.meeting_quorum(meeting).reached
    total = attendance_rates(_rows(meeting))[-1]
    assert (total.present, total.expected, total.rate) == (1, 2, 50)
