"""The campus's data migrations on rows made before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from campus.models import QuizAttempt

BEFORE_NUMBERS = [("campus", "0003_lesson_documents")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_attempts_made_before_numbering_are_numbered_in_order(demo_site, course_setup, student):
    lesson = course_setup["lessons"][1]
    old_apps = _migrate(BEFORE_NUMBERS)
    OldAttempt = old_apps.get_model("campus", "QuizAttempt")
    for block_id, score in [("quiz-1", 10), ("other", 5), ("quiz-1", 20), ("quiz-1", 30)]:
        OldAttempt.objects.create(
            user_id=student.pk, lesson_id=lesson.pk, block_id=block_id, score=score
        )

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes("campus")
    _migrate(leaves)

    numbered = QuizAttempt.objects.filter(user=student).order_by("block_id", "number")
    assert [(a.block_id, a.number, a.score) for a in numbered] == [
        ("other", 1, 5),
        ("quiz-1", 1, 10),
        ("quiz-1", 2, 20),
        ("quiz-1", 3, 30),
    ]
