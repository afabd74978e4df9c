import datetime

import pytest

from qunyan.people.idnumbers import (
    InvalidIdNumber,
    check_digit,
    make_id_number,
    mask_id_number,
    mask_phone,
    normalise,
    parse_id_number,
)
from qunyan.people.phones import is_valid_phone, normalise_phone

# The standard's own example (female, born 1949-12-31) and a Qiyang number ending in X.
EXAMPLE = "11010519491231002X"
QIYANG_X = "43118119850109123X"


def test_it_accepts_the_standards_example():
    """The GB 11643 example number is valid and keeps its X."""
    assert parse_id_number(EXAMPLE).value == EXAMPLE


def test_it_rejects_a_wrong_check_digit():
    """An ID whose 18th character is not the GB 11643 check digit is refused."""
    with pytest.raises(InvalidIdNumber, match="check_digit"):
        parse_id_number("110105194912310021")


@pytest.mark.parametrize("first17", ["11010519491231002", "43118119850109123", "43118119900101123"])
def test_the_check_digit_follows_the_iso_7064_weights(first17):
    """The check digit is (12 - Σ digit×weight mod 11) mod 11, written X for 10."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    value = (12 - sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11) % 11
    assert check_digit(first17) == ("X" if value == 10 else str(value))


def test_a_lower_case_x_is_read_as_upper_case():
    """x is accepted as X, and the stored value has the capital."""
    assert parse_id_number(QIYANG_X.lower()).value == QIYANG_X


def test_full_width_digits_and_letters_are_normalised():
    """Digits and X typed with a Chinese input method (full width) are folded to ASCII."""
    full_width = "４３１１８１１９８５０１０９１２３ｘ"
    assert parse_id_number(full_width).value == QIYANG_X


def test_spaces_inside_the_number_are_ignored():
    """A number typed in groups (431181 19850109 123X) is the same number."""
    assert normalise(" 431181 19850109 123x ") == QIYANG_X


@pytest.mark.parametrize("raw", [QIYANG_X[:17], QIYANG_X + "1", ""])
def test_it_rejects_a_number_that_is_not_18_characters(raw):
    """17 or 19 characters (an old 15/18 mix-up, a stray key) is a length error."""
    with pytest.raises(InvalidIdNumber, match="length"):
        parse_id_number(raw)


@pytest.mark.parametrize("raw", ["4311811985010912X3", "43118119850109A23X", "X3118119850109123X"])
def test_it_rejects_letters_anywhere_but_the_last_place(raw):
    """Only the 18th character may be X; everything else is a digit."""
    with pytest.raises(InvalidIdNumber, match="characters"):
        parse_id_number(raw)


@pytest.mark.parametrize("birth", ["19900230", "19891301", "19900000", "18991231"])
def test_it_rejects_an_impossible_birth_date(birth):
    """30 February, month 13, day 0 or a year before 1900 cannot be someone's birthday."""
    first17 = f"431181{birth}123"
    with pytest.raises(InvalidIdNumber, match="birth_date"):
        parse_id_number(first17 + check_digit(first17))


def test_it_rejects_a_birth_date_in_the_future():
    """Nobody registered can have been born after today."""
    first17 = f"431181{datetime.date.today().year + 1}0101123"
    with pytest.raises(InvalidIdNumber, match="birth_date"):
        parse_id_number(first17 + check_digit(first17))


def test_29_february_of_a_leap_year_is_a_real_birth_date():
    """Someone born on 29 February 1988 has a valid number."""
    first17 = "43118119880229123"
    assert parse_id_number(first17 + check_digit(first17)).birth_date == datetime.date(1988, 2, 29)


def test_it_derives_the_birth_date_from_digits_7_to_14():
    """The birth date is read from the number itself."""
    assert parse_id_number(EXAMPLE).birth_date == datetime.date(1949, 12, 31)


@pytest.mark.parametrize(("number", "gender"), [(EXAMPLE, "F"), (QIYANG_X, "M")])
def test_it_derives_the_sex_from_the_parity_of_the_17th_digit(number, gender):
    """An odd 17th digit is a man, an even one a woman."""
    assert parse_id_number(number).gender == gender


def test_a_masked_number_keeps_the_region_and_the_last_four():
    """431181********123X: nothing in the mask dates a birthday."""
    assert mask_id_number(QIYANG_X) == "431181********123X"


def test_a_masked_mobile_keeps_three_and_four_digits():
    """138****5678 for a mobile number."""
    assert mask_phone("13812345678") == "138****5678"


def test_a_masked_landline_keeps_its_area_code_and_last_four():
    """0746-1234567: the area code and the last four stay, the rest is hidden."""
    masked = mask_phone("0746-1234567")
    assert masked.startswith("0746")
    assert masked.endswith("4567")
    assert "123" not in masked


def test_a_short_value_is_masked_completely():
    """A value too short to keep both ends shows nothing of itself."""
    assert mask_phone("12345") == "*****"
    assert mask_id_number("123") == "***"


@pytest.mark.parametrize("gender", ["M", "F"])
def test_make_id_number_produces_valid_numbers(gender):
    """Every sequence gives a number the parser accepts, with the asked birth date and sex."""
    birth = datetime.date(1996, 2, 29)
    for sequence in (0, 1, 61, 250, 499):
        parsed = parse_id_number(make_id_number("431181", birth, sequence, gender))
        assert (parsed.birth_date, parsed.gender) == (birth, gender)


def test_make_id_number_gives_different_numbers_for_different_sequences():
    """Sequences are the distinguishing part for people born on the same day."""
    birth = datetime.date(1990, 1, 1)
    numbers = {make_id_number("431181", birth, n, "F") for n in range(500)}
    assert len(numbers) == 500


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("138 1234 5678", "13812345678"),
        ("＋86 138 1234 5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("(0746)1234567", "07461234567"),
    ],
)
def test_phone_numbers_are_normalised(raw, normalised):
    """Spaces, brackets, +86 and full-width digits are folded away."""
    assert normalise_phone(raw) == normalised


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("13812345678", True),
        ("19912345678", True),
        ("0746-1234567", True),
        ("010-12345678", True),
        ("12812345678", False),
        ("1381234567", False),
        ("1234567", False),
    ],
)
def test_it_accepts_mobiles_and_landlines_with_area_code_only(value, valid):
    """11-digit mainland mobiles and landlines with their area code; nothing else."""
    assert is_valid_phone(value) is valid
