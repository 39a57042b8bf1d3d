"""Grade a quiz's answers on the server: pure functions over the quiz block's value."""

import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuestionResult:
    correct: bool
    feedback: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuizResult:
    score: int  # percent of questions answered right, 0–100
    passed: bool
    questions: dict[str, QuestionResult]


def normalise(text):
    """Return `text` without case, accents, punctuation at the ends and repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split()).strip(".,;:!?'\"«» ")


def grade(quiz, answers):
    """Return the QuizResult of `answers` ({question id: [values]}) to `quiz` (a QuizBlock value).

    Values are the indexes of chosen answers for choice questions, "true"/"false" for
    true-or-false, and the typed text for short answers. Missing answers are wrong.
    """
    results = {}
    for question in quiz["questions"]:
        given = [str(value) for value in answers.get(question.id, [])]
        results[question.id] = _grade_question(question.block_type, question.value, given)
    total = len(results)
    right = sum(1 for result in results.values() if result.correct)
    score = round(100 * right / total) if total else 0
    return QuizResult(score=score, passed=score >= quiz["pass_mark"], questions=results)


def _grade_question(kind, value, given):
    if kind in ("single_choice", "multiple_choice"):
        return _grade_choices(value, given)
    if kind == "true_false":
        correct = given == [("true" if value["answer"] else "false")]
    else:
        accepted = {normalise(answer) for answer in value["accepted_answers"]}
        correct = len(given) == 1 and normalise(given[0]) in accepted
    feedback = value["feedback_correct"] if correct else value["feedback_wrong"]
    return QuestionResult(correct=correct, feedback=[feedback] if feedback else [])


def _grade_choices(value, given):
    choices = list(value["choices"])
    chosen = {int(index) for index in given if index.isdigit() and int(index) < len(choices)}
    expected = {index for index, choice in enumerate(choices) if choice["correct"]}
    feedback = [
        choices[index]["feedback"] for index in sorted(chosen) if choices[index]["feedback"]
    ]
    return QuestionResult(correct=chosen == expected, feedback=feedback)
