"""Exporting any matrix to XLSX or CSV and importing the file gives back the same matrix."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci.letters import WorkloadError, parse_workload
from raci.models import LETTER_SETS
from raci.sheet import ActivityData, MatrixData, export_csv, export_xlsx, is_reserved_header, read_upload

# What people type in a cell: letters, digits, punctuation (formula signs and apostrophes
# included), symbols, spaces and line breaks inside the text, never at its ends.
CHARACTERS = st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029")
FORMULA_STARTS = st.sampled_from(["", "", "", "=", "+", "-", "@", "'", "'="])


def cell_text(max_size=40, newlines=True):
    alphabet = st.one_of(CHARACTERS, st.just("\n")) if newlines else CHARACTERS
    return st.builds(
        lambda start, body: (start + body).strip(), FORMULA_STARTS, st.text(alphabet, max_size=max_size)
    )


role_names = cell_text(30, newlines=False).filter(
    lambda name: name and not is_reserved_header(name) and name.count(",") < 3 and ";" not in name
)


def _is_free_text(text: str) -> bool:
    """Text the workload column keeps as typed (not hours, nor hours it would refuse)."""
    try:
        return bool(text) and parse_workload(text) == (None, text)
    except WorkloadError:
        return False


workloads = st.one_of(
    st.just((None, "")),
    st.decimals(min_value=0, max_value=Decimal("9999.99"), places=2).map(lambda d: (d, "")),
    cell_text(60).filter(_is_free_text).map(lambda t: (None, t)),
)


@st.composite
def matrices(draw):
    roles = draw(st.lists(role_names, min_size=1, max_size=5, unique_by=str.casefold))
    letters = st.sampled_from(["", "", *LETTER_SETS])
    activities = []
    axes = draw(st.lists(cell_text(30).filter(bool), min_size=1, max_size=3))
    previous_axis = None
    for axis in axes:
        if axis == previous_axis:
            continue
        previous_axis = axis
        steps = draw(st.lists(cell_text(30), min_size=1, max_size=3))
        previous_step = None
        for index, step in enumerate(steps):
            if step == previous_step or (not step and index > 0):
                continue  # a blank step only opens an axis: below a step it means « same as above »
            previous_step = step
            for _ in range(draw(st.integers(1, 3))):
                texts = draw(st.tuples(cell_text(), cell_text(), cell_text(), cell_text()).filter(any))
                hours, text = draw(workloads)
                activities.append(
                    ActivityData(
                        axis=axis,
                        step=step,
                        name=texts[0],
                        description=texts[1],
                        method=texts[2],
                        objective=texts[3],
                        workload_hours=hours,
                        workload_text=text,
                        meeting_label=draw(cell_text(20, newlines=False)),
                        letters=tuple(draw(letters) for _role in roles),
                    )
                )
    return MatrixData(roles=tuple(roles), activities=tuple(activities))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrices())
def test_xlsx_round_trip(data):
    assert read_upload(SimpleUploadedFile("raci.xlsx", export_xlsx(data))) == data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(matrices())
def test_csv_round_trip(data):
    assert read_upload(SimpleUploadedFile("raci.csv", export_csv(data).encode("utf-8"))) == data
