"""Restore a backup archive onto a migrated installation (see core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace every row of the database and the media files by those of a backup archive. "
        "Run `migrate` first. Everything the database holds now is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask for confirmation (scripts)."
        )

    def handle(self, *args, archive, yes=False, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        if not yes:
            answer = input("Every row of this database will be replaced. Type 'restore': ")
            if answer.strip() != "restore":
                raise CommandError("Nothing restored.")
        try:
            manifest = restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"Restored {rows} rows and {manifest['media_files']} media files.")
