"""Quiz grading and watched-time accounting: pure functions, no database."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from campus.blocks import MultipleChoiceQuestionBlock, QuizBlock, SingleChoiceQuestionBlock
from campus.grading import grade, normalise
from campus.watching import Report, credit, is_watched, merge, watched_seconds
from tests.campus.samples import QUIZ


@pytest.fixture
def quiz():
    return QuizBlock().to_python(QUIZ)


def _answers(**overrides):
    answers = {"q-single": ["0"], "q-multiple": ["0", "2"], "q-tf": ["true"], "q-short": ["Bach"]}
    return {**answers, **overrides}


def test_right_answers_score_100_and_pass(quiz):
    result = grade(quiz, _answers())

    assert (result.score, result.passed) == (100, True)
    assert all(question.correct for question in result.questions.values())


def test_a_multiple_choice_needs_every_right_answer_and_no_wrong_one(quiz):
    assert not grade(quiz, _answers(**{"q-multiple": ["0"]})).questions["q-multiple"].correct
    assert (
        not grade(quiz, _answers(**{"q-multiple": ["0", "1", "2"]})).questions["q-multiple"].correct
    )


def test_the_pass_mark_decides(quiz):
    two_wrong = grade(quiz, _answers(**{"q-single": ["1"], "q-tf": ["false"]}))
    one_wrong = grade(quiz, _answers(**{"q-single": ["1"]}))

    assert (two_wrong.score, two_wrong.passed) == (50, False)
    assert (one_wrong.score, one_wrong.passed) == (75, True)


def test_missing_or_garbage_answers_are_wrong_not_errors(quiz):
    result = grade(quiz, {"q-single": ["99"], "q-multiple": ["x"], "unknown": ["1"]})

    assert result.score == 0
    assert not result.passed


def test_feedback_is_given_per_answer_chosen(quiz):
    result = grade(quiz, _answers(**{"q-single": ["1"], "q-short": ["Mozart"]}))

    assert result.questions["q-single"].feedback == ["Non, écoutez encore."]
    assert result.questions["q-short"].feedback == ["C'est Bach."]
    assert result.questions["q-tf"].feedback == ["Exact."]


@pytest.mark.parametrize(
    "typed", ["bach", "  BACH ", "Jean-Sebastien Bach", "jean-sébastien   bach.", "«Bach»"]
)
def test_short_answers_are_compared_without_case_accents_or_spaces(quiz, typed):
    assert grade(quiz, _answers(**{"q-short": [typed]})).questions["q-short"].correct


def test_normalise_keeps_inner_punctuation():
    assert normalise("  Jean-Sébastien  BACH! ") == "jean-sebastien bach"


def test_a_report_credits_the_interval_played_in_real_time():
    assert credit(Report(position=10, at=100), Report(position=25, at=115)) == (10, 25)


@pytest.mark.parametrize(
    ("previous", "current"),
    [
        (Report(position=0, at=100), Report(position=60, at=105)),  # a seek or a forged jump
        (Report(position=30, at=100), Report(position=10, at=115)),  # rewinding
        (Report(position=10, at=100), Report(position=12, at=100)),  # no time passed
    ],
)
def test_a_jump_beyond_the_real_time_elapsed_credits_nothing(previous, current):
    assert credit(previous, current) is None


def test_intervals_merge_and_cover_the_recording():
    intervals = merge([[0, 10], [5, 20], [30, 40]])

    assert intervals == [[0, 20], [30, 40]]
    assert watched_seconds(intervals, 40) == 30
    assert not is_watched(intervals, 40)
    assert is_watched(merge([*intervals, [20, 37]]), 40)


def _choices(*correct):
    return {
        "prompt": "?",
        "choices": [{"text": str(i), "correct": c, "feedback": ""} for i, c in enumerate(correct)],
    }


def test_a_single_choice_question_needs_exactly_one_right_answer():
    single, multiple = SingleChoiceQuestionBlock(), MultipleChoiceQuestionBlock()
    with pytest.raises(StructBlockValidationError):
        single.clean(single.to_python(_choices(True, True)))
    with pytest.raises(StructBlockValidationError):
        multiple.clean(multiple.to_python(_choices(False, False)))
    assert multiple.clean(multiple.to_python(_choices(True, True)))
