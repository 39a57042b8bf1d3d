from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("campus", "0004_quizattempt_number")]

    operations = [
        migrations.AlterField(
            model_name="quizattempt",
            name="number",
            field=models.PositiveSmallIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="quizattempt",
            constraint=models.UniqueConstraint(
                fields=("user", "lesson", "block_id", "number"), name="campus_one_attempt_number"
            ),
        ),
    ]
