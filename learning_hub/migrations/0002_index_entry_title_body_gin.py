"""A GIN index on the search index's `title || body`, the vector every full-text query of
Wagtail's database backend (and of the hub's search) matches on PostgreSQL.

The backend indexes `title` and `body` apart but searches their concatenation, which no
index covered: every search read the whole table.
"""

from django.db import migrations

INDEX = "learning_hub_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON "{table}" USING GIN ((title || body))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("learning_hub", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
