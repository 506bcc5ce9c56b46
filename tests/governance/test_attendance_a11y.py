"""The attendance list, as RGAA 11 expects: each line's answers are a group named after its person
(« Présence — Marie Dupont »), each proxy list too, and a refused list is summarised at the top with a link
to the field concerned."""

import re

import pytest
from django.urls import reverse

from governance.models import Attendance
from tests.html import squeeze

from .test_attendance_quorum import _meeting_of, _rows, _writer

pytestmark = pytest.mark.django_db
S = Attendance.Status


def test_every_line_has_its_own_names(client_for, pilot):
    meeting = _meeting_of({"salaries": 3, "employeurs": 2})
    _writer(meeting, pilot)
    page = squeeze(
        client_for(pilot).get(reverse("governance:attendance_edit", args=[meeting.pk])).content.decode()
    )
    groups = re.findall(r'role="radiogroup" aria-label="([^"]+)"', page)
    proxies = re.findall(r'<label class="form-label small mb-1" for="id_proxy_\d+">([^<]+)</label>', page)
    rows = _rows(meeting)
    assert len(groups) == len(rows) and len(set(groups)) == len(rows)
    assert len(proxies) == len(rows) and len(set(proxies)) == len(rows)
    assert f"Présence — {rows[0].display_name}" in groups
    assert f"{rows[0].display_name} est représenté·e par" in proxies


def test_a_refused_list_is_summarised_with_a_link_to_the_field(client_for, pilot):
    meeting = _meeting_of({"salaries": 3})
    _writer(meeting, pilot)
    a, b, _c = _rows(meeting)
    response = client_for(pilot).post(
        reverse("governance:attendance_edit", args=[meeting.pk]),
        {
            f"status_{a.pk}": S.REPRESENTED,
            f"proxy_{a.pk}": b.pk,
            f"status_{b.pk}": S.ABSENT,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    summary = page[page.index("data-error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert "Le formulaire contient 1\u00a0erreur" in summary
    assert (
        f'href="#id_proxy_{a.pk}"' in summary and f"{a.display_name} est représenté·e par\u00a0:" in summary
    )
    select = re.search(rf'<select[^>]*id="id_proxy_{a.pk}"[^>]*>', page).group(0)
    assert f'aria-describedby="id_proxy_{a.pk}_error"' in select and 'aria-invalid="true"' in select
