import pytest
from django.core.exceptions import ValidationError

from calls.validators import validate_finess
from tests.calls.factories import finess


@pytest.mark.parametrize("prefix", ["75000001", "2A000001", "2B012345", "97100001"])
def test_valid_finess_numbers_pass(prefix):
    validate_finess(finess(prefix))


def test_spaces_are_ignored():
    validate_finess(" 750 712 184 ")


def test_real_finess_of_ap_hp_is_valid():
    validate_finess("750712184")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("75071218", "finess_format"),  # 8 characters
        ("7507121845", "finess_format"),  # 10 characters
        ("2C0000018", "finess_format"),  # only 2A and 2B are letters
        ("75A712184", "finess_format"),  # letters elsewhere
        ("750712185", "finess_key"),  # wrong key
    ],
)
def test_invalid_finess_numbers_are_refused_in_french(value, code):
    with pytest.raises(ValidationError) as error:
        validate_finess(value)
    assert error.value.code == code


def test_corsican_key_counts_2a_as_20():
    number = finess("2A000001")
    validate_finess(number)
    validate_finess(number.replace("2A", "20"))
    validate_finess(number.replace("2A", "2B"))


def test_corsican_number_with_a_wrong_key_is_refused():
    good = finess("2A000001")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        validate_finess(bad)
    assert error.value.code == "finess_key"
