"""The score parts of one cadre for one duty."""

from qunyan.duties.scoring import CadreFacts, DutyFacts, score_parts, words

FINANCE = DutyFacts(7, "财务报账", "senior", words("财会、会计"), frozenset({"steady"}))


def test_words_split_on_chinese_and_latin_separators() -> None:
    assert words("财会、电商, 农技；法律") == {"财会", "电商", "农技", "法律"}


def test_a_fitting_cadre_scores_every_part() -> None:
    """College education, accounting skills, first wish, a steady character, past experience."""
    cadre = CadreFacts(
        education="college",
        skills=words("财会"),
        traits=frozenset({"steady", "outgoing"}),
        wishes={7: 1},
        experience="曾任村会计五年",
    )
    assert score_parts(cadre, FINANCE) == {
        "education": 20,
        "skills": 15,
        "wishes": 30,
        "personality": 10,
        "experience": 10,
    }


def test_less_education_costs_points_per_level() -> None:
    """Junior middle school is one level below senior high: −10; primary −20."""
    assert score_parts(CadreFacts(education="junior"), FINANCE)["education"] == -10
    assert score_parts(CadreFacts(education="primary"), FINANCE)["education"] == -20
    assert score_parts(CadreFacts(education="vocational"), FINANCE)["education"] == 20


def test_lower_wishes_count_less_and_other_duties_nothing() -> None:
    assert score_parts(CadreFacts(wishes={7: 3}), FINANCE)["wishes"] == 10
    assert score_parts(CadreFacts(wishes={8: 1}), FINANCE)["wishes"] == 0


def test_holding_the_duty_now_counts_as_experience() -> None:
    assert score_parts(CadreFacts(held=frozenset({7})), FINANCE)["experience"] == 10
