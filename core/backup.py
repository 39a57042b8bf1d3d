"""Back up the database and the media into one archive, and restore it on an empty install.

The archive is a tar file (media files are already compressed) holding:

- `manifest.json`: format version, creation time, the applied migrations, rows per model;
- `data.json`: every model's rows as Django serializes them, with their primary keys, except
  that references to content types and permissions use natural keys: another installation
  numbers those differently;
- `media/<name>`: every file of the default storage (local disk or S3 alike).

It works the same on SQLite and PostgreSQL and through any storage backend; very large
databases are better served by `pg_dump` (see docs/operators/backup.md).
"""

import io
import json
import tarfile
from datetime import UTC, datetime, time

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
# Rebuilt on restore, or meaningless on another installation.
EXCLUDED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailcore.referenceindex",
}
DATA_NAME = "data.json"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
# Only these are referenced by natural key. Others (pages, users) keep primary keys: log
# entries legitimately point at deleted pages and users, which a natural key cannot name.
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why and what to do."""


def backed_up_models():
    """Return the concrete models whose rows a backup holds, referenced models first."""
    app_list = [
        (
            app_config,
            [
                model
                for model in app_config.get_models()
                if not model._meta.proxy
                and model._meta.managed
                and model._meta.label_lower not in EXCLUDED_MODELS
            ],
        )
        for app_config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies(app_list, allow_cycles=True)


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, keeping microseconds that it would round to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime | time):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


class _Serializer(JSONSerializer):
    """Django's JSON serializer, with natural keys for content types and permissions only,
    and times to the microsecond, so that a restored row equals the one backed up."""

    def _init_options(self):
        self.options.setdefault("cls", _Encoder)
        super()._init_options()

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = _by_natural_key(field)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = _by_natural_key(field)
        super().handle_m2m_field(obj, field)


def _by_natural_key(field):
    return field.remote_field.model._meta.label_lower in NATURAL_KEY_MODELS


def serialize_data():
    """Return every backed-up row as the JSON text of Django's serializer."""
    objects = (
        instance
        for model in backed_up_models()
        for instance in model._base_manager.order_by("pk").iterator()
    )
    return _Serializer().serialize(objects)


def media_names(storage=default_storage, directory=""):
    """Yield the name of every file in `storage`, walking its directories."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        # A local storage whose root was never created holds no file.
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from media_names(storage, f"{directory}/{name}" if directory else name)


def write_backup(path, *, storage=default_storage):
    """Write the archive to `path`; return its manifest."""
    data = serialize_data().encode()
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(),
        "migrations": sorted(
            f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
        ),
        "rows": {
            model._meta.label_lower: model._base_manager.count() for model in backed_up_models()
        },
        "media_files": 0,
    }
    with tarfile.open(path, "w") as archive:
        _add_bytes(archive, DATA_NAME, data)
        for name in media_names(storage):
            with storage.open(name, "rb") as source:
                info = tarfile.TarInfo(MEDIA_PREFIX + name)
                info.size = storage.size(name)
                archive.addfile(info, source)
            manifest["media_files"] += 1
        _add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, indent=2).encode())
    return manifest


def _add_bytes(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def read_manifest(path):
    """Return the manifest of the archive at `path`; raise BackupError if it is not one."""
    try:
        with tarfile.open(path, "r") as archive:
            member = archive.extractfile(MANIFEST_NAME)
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} has backup format {manifest.get('format')}, expected {FORMAT}.")
    return manifest


def restore_backup(path, *, storage=default_storage):
    """Replace the database's rows and the storage's files by those of the archive.

    The database must be migrated to the same migrations as the one backed up (raise
    BackupError naming the differences otherwise). Rows are restored in one transaction:
    if anything fails, the database is left as it was.
    """
    manifest = read_manifest(path)
    _check_migrations(manifest)
    with tarfile.open(path, "r") as archive:
        data = archive.extractfile(DATA_NAME).read().decode()
        with transaction.atomic():
            empty_database()
            with connection.constraint_checks_disabled():
                _load_rows(data)
            connection.check_constraints()
            _reset_sequences()
        for member in archive:
            if member.isfile() and member.name.startswith(MEDIA_PREFIX):
                _restore_file(storage, member.name.removeprefix(MEDIA_PREFIX), archive, member)
    call_command("update_index", verbosity=0)
    call_command("rebuild_references_index", verbosity=0)
    return manifest


def _load_rows(data):
    deferred = []
    for restored in serializers.deserialize("json", data, handle_forward_references=True):
        restored.save()
        if restored.deferred_fields:
            deferred.append(restored)
    for restored in deferred:
        restored.save_deferred_fields()


def _check_migrations(manifest):
    applied = {f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()}
    missing = sorted(set(manifest["migrations"]) - applied)
    if missing:
        raise BackupError(
            "Run `manage.py migrate` first; this database lacks migrations the backup has: "
            + ", ".join(missing[:10])
        )


def empty_database():
    """Delete every row except content types and permissions, which keep their numbers.

    Keeping them avoids renumbering content types under caches that remember their ids
    (the search index's among them); the archive names them by natural key anyway.
    """
    kept = {ContentType._meta.db_table, Permission._meta.db_table}
    tables = [
        table
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if table not in kept
    ]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    connection.ops.execute_sql_flush(statements)
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)


def _reset_sequences():
    models = backed_up_models()
    # PostgreSQL's sequences do not follow rows inserted with their primary keys.
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _restore_file(storage, name, archive, member):
    if ".." in name.split("/") or name.startswith("/"):
        raise BackupError(f"Refusing the unsafe file name {name!r} in the archive.")
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(archive.extractfile(member), name=name))
    if saved != name:
        raise BackupError(f"The storage renamed {name!r} to {saved!r}; restore onto empty media.")
