from django.db import migrations, models


def number_attempts(apps, schema_editor):
    """Number each student's attempts at each quiz in the order they were made."""
    QuizAttempt = apps.get_model("campus", "QuizAttempt")
    counts = {}
    attempts = QuizAttempt.objects.order_by("created_at", "pk")
    for attempt in attempts.only("pk", "user_id", "lesson_id", "block_id").iterator():
        key = (attempt.user_id, attempt.lesson_id, attempt.block_id)
        counts[key] = counts.get(key, 0) + 1
        QuizAttempt.objects.filter(pk=attempt.pk).update(number=counts[key])


class Migration(migrations.Migration):
    dependencies = [("campus", "0003_lesson_documents")]

    operations = [
        migrations.AddField(
            model_name="quizattempt",
            name="number",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.RunPython(number_attempts, migrations.RunPython.noop),
    ]
