import datetime
from decimal import Decimal

import pytest

from qunyan.core.spreadsheets import UNIT_KIND_WORDS
from qunyan.people.choices import (
    EDUCATION_ALIASES,
    EDUCATION_WORDS,
    POLITICAL_ALIASES,
    POLITICAL_WORDS,
    SOURCE_ALIASES,
    SOURCE_WORDS,
    Education,
    PoliticalStatus,
    SourceCategory,
)
from qunyan.spreadsheets.parsers import (
    CellError,
    choice_parser,
    date_value,
    id_text,
    is_blank,
    money,
    text,
    text_parser,
    year,
    yes_no,
)

pytestmark = pytest.mark.usefixtures("english")

education = choice_parser(EDUCATION_WORDS, EDUCATION_ALIASES)
political = choice_parser(POLITICAL_WORDS, POLITICAL_ALIASES)


@pytest.mark.parametrize("raw", ["2023-12-31", "2023/12/31", "2023年12月31日", " 2023-12-31 "])
def test_it_reads_the_three_text_forms_of_a_date(raw):
    """YYYY-MM-DD, YYYY/MM/DD and YYYY年M月D日 are the same day."""
    assert date_value(raw) == datetime.date(2023, 12, 31)


@pytest.mark.parametrize("raw", ["2023-1-5", "2023/1/5", "2023年1月5日", "２０２３年１月５日"])
def test_it_reads_dates_without_leading_zeros_and_in_full_width(raw):
    """Months and days may have one digit; full-width digits are folded."""
    assert date_value(raw) == datetime.date(2023, 1, 5)


def test_it_reads_date_cells():
    """A date cell (date or midnight datetime, as the reader gives it) is its day."""
    assert date_value(datetime.date(2021, 3, 20)) == datetime.date(2021, 3, 20)
    assert date_value(datetime.datetime(2021, 3, 20, 0, 0)) == datetime.date(2021, 3, 20)


def test_a_blank_date_cell_is_none():
    """Blank and whitespace-only cells are no date, not an error."""
    assert date_value(None) is None
    assert date_value("  ") is None


@pytest.mark.parametrize("raw", ["2023-02-29", "2023/13/01", "2023年4月31日", "2023-00-10"])
def test_it_rejects_impossible_dates(raw):
    """A well-formed text that is not a day of the calendar is an error naming the value."""
    with pytest.raises(CellError, match="is not a real date"):
        date_value(raw)


@pytest.mark.parametrize("raw", ["31/12/2023", "2023.12.31", "去年", "45291"])
def test_it_rejects_other_date_spellings(raw):
    """Other forms are refused with the accepted forms in the message."""
    with pytest.raises(CellError, match="2023-12-31, 2023/12/31 or 2023年12月31日"):
        date_value(raw)


def test_a_leap_day_is_a_real_date():
    """29 February of a leap year is accepted in every form."""
    assert date_value("2024年2月29日") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("小学", Education.PRIMARY),
        ("大专", Education.COLLEGE),
        ("硕士研究生", Education.MASTER),
        ("大学专科", Education.COLLEGE),
        ("大学本科", Education.BACHELOR),
        ("大学", Education.BACHELOR),
        ("硕士", Education.MASTER),
        ("研究生", Education.MASTER),
        ("博士", Education.DOCTOR),
        ("中技", Education.VOCATIONAL),
        ("职高", Education.VOCATIONAL),
        ("小学及以下", Education.PRIMARY),
        (" 本科 ", Education.BACHELOR),
    ],
)
def test_it_reads_education_words_and_their_aliases(raw, code):
    """学历 takes the contract's words and the aliases the contract lists."""
    assert education(raw) == code


def test_every_education_word_of_the_contract_is_known():
    """The eight levels of the contract, in its order."""
    assert list(EDUCATION_WORDS) == [
        "小学",
        "初中",
        "高中",
        "中专",
        "大专",
        "本科",
        "硕士研究生",
        "博士研究生",
    ]


def test_an_unknown_education_lists_the_allowed_words():
    """A wrong word is an error that tells which words are allowed (not the aliases)."""
    with pytest.raises(CellError) as caught:
        education("幼儿园")
    message = str(caught.value)
    assert "幼儿园" in message and "小学、初中、高中" in message and "大学专科" not in message


def test_a_blank_choice_is_empty():
    """An optional choice left blank is no value, not an error."""
    assert education(None) == ""
    assert education(" ") == ""


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("中共党员", PoliticalStatus.CPC_MEMBER),
        ("中共预备党员", PoliticalStatus.CPC_PROBATIONARY),
        ("共青团员", PoliticalStatus.CYL_MEMBER),
        ("群众", PoliticalStatus.MASSES),
        ("中国国民党革命委员会", PoliticalStatus.RCCK),
        ("中国民主同盟", PoliticalStatus.CDL),
        ("中国民主建国会", PoliticalStatus.CNDCA),
        ("中国民主促进会", PoliticalStatus.CAPD),
        ("中国农工民主党", PoliticalStatus.CPWDP),
        ("中国致公党", PoliticalStatus.CZGP),
        ("九三学社", PoliticalStatus.JIUSAN),
        ("台湾民主自治同盟", PoliticalStatus.TDSL),
        ("民盟", PoliticalStatus.CDL),
        ("九三学社社员", PoliticalStatus.JIUSAN),
        ("党员", PoliticalStatus.CPC_MEMBER),
    ],
)
def test_it_reads_political_status_including_the_democratic_parties(raw, code):
    """政治面貌: the four statuses, the eight 民主党派 by full and short name."""
    assert political(raw) == code


def test_an_unknown_political_status_is_refused():
    """A status that is none of the words is an error."""
    with pytest.raises(CellError, match="无党派人士 is not one of"):
        political("无党派人士")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("退役军人", SourceCategory.VETERAN),
        ("退伍军人", SourceCategory.VETERAN),
        ("其他", SourceCategory.OTHER),
        ("返乡创业大学生", SourceCategory.RETURNING_GRADUATE),
    ],
)
def test_it_reads_source_categories(raw, code):
    """来源类别: the contract's five words and the 退伍军人 alias."""
    assert choice_parser(SOURCE_WORDS, SOURCE_ALIASES)(raw) == code


def test_it_reads_village_kinds():
    """类型 is 村 or 社区 and nothing else."""
    kind = choice_parser(UNIT_KIND_WORDS)
    assert (kind("村"), kind("社区")) == ("village", "community")
    with pytest.raises(CellError):
        kind("村委会")


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        (36000, Decimal("36000.00")),
        (36000.0, Decimal("36000.00")),
        (24000.5, Decimal("24000.50")),
        ("1,234.56", Decimal("1234.56")),
        ("１２３４.５", Decimal("1234.50")),
        ("0", Decimal("0.00")),
    ],
)
def test_it_reads_money_to_the_fen(raw, amount):
    """Yuan as numbers or text (thousands separators, full width) exact to two decimals."""
    value = money(raw)
    assert value == amount
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize("raw", ["12.345", "-100", "-0.01"])
def test_it_refuses_fractions_of_a_fen_and_negative_amounts(raw):
    """More than two decimals or a negative amount is an error."""
    with pytest.raises(CellError, match="not negative and has at most two decimals"):
        money(raw)


def test_it_refuses_money_that_is_not_a_number():
    """A word in an amount column is an error naming the value."""
    with pytest.raises(CellError, match="三万 is not an amount of money"):
        money("三万")


def test_blank_money_is_none():
    """An optional amount left blank is no amount."""
    assert money(None) is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [(2023, 2023), (2023.0, 2023), ("2023", 2023), ("2023年", 2023), ("２０２３", 2023)],
)
def test_it_reads_years(raw, value):
    """A year as a number, as text, or with 年."""
    assert year(raw) == value


@pytest.mark.parametrize("raw", ["1948", "2101", "二〇二三", "23"])
def test_it_refuses_years_outside_1949_to_2100(raw):
    """Years before the People's Republic, far in the future or not digits are refused."""
    with pytest.raises(CellError, match="is not a year"):
        year(raw)


@pytest.mark.parametrize("raw", ["是", "Y", "1", 1, True])
def test_it_reads_yes(raw):
    """是 and its common spellings are True."""
    assert yes_no(raw) is True


@pytest.mark.parametrize("raw", ["否", "N", "0", 0, False])
def test_it_reads_no(raw):
    """否 and its common spellings are False."""
    assert yes_no(raw) is False


def test_it_refuses_other_answers_to_yes_or_no():
    """Anything but yes or no is an error asking for 是 or 否."""
    with pytest.raises(CellError, match="write 是 or 否"):
        yes_no("也许")
    assert yes_no(None) is None


def test_text_is_trimmed_and_integers_lose_their_point():
    """Cells are trimmed; a whole number read as 13812345678.0 is written without .0."""
    assert text("  张三 ") == "张三"
    assert text(13812345678.0) == "13812345678"
    assert is_blank("   ") and is_blank(None) and not is_blank(0)


def test_text_longer_than_the_column_allows_is_refused():
    """A too-long value is an error with both lengths."""
    with pytest.raises(CellError, match="at most 2 characters, this has 3"):
        text_parser(2)("张三丰")


def test_an_id_typed_as_a_number_is_refused():
    """A number cell has lost digits beyond 15 and cannot be trusted as an ID."""
    with pytest.raises(CellError, match="stored as a number"):
        id_text(431181198501091230)
    with pytest.raises(CellError):
        id_text(4.3118119850109e17)


def test_an_id_as_text_is_folded():
    """Full-width characters, spaces and a lower-case x are normalised."""
    assert id_text(" ４３１１８１ 19850109123x ") == "43118119850109123X"
