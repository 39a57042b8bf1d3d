"""Write a backup archive of the database and the media (see core.backup)."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Back up the database rows and every media file into one tar archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Archive to write (default: VAR_DIR/backups/backup-<time>.tar).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"backup-{stamp}.tar"
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.exists():
            raise CommandError(f"{output} exists; choose another --output.")
        try:
            manifest = write_backup(output)
        except (BackupError, OSError) as error:
            output.unlink(missing_ok=True)
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(f"{output}: {rows} rows, {manifest['media_files']} media files")
