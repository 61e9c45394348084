from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from birge.core.audit import record_event
from birge.core.backup import BackupError, read_manifest, restore_backup
from birge.core.events import Verb


class Command(BaseCommand):
    help = "Replace the database and media files with those of a `birge backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        archive: Path = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file")
        try:
            manifest = read_manifest(archive)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        if not options["yes"]:
            answer = input(f"Replace this site's data with the backup of {manifest['created_at']}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        record_event(
            None, Verb.BACKUP_RESTORED, None, new={"file": archive.name, "of": manifest["created_at"]}
        )
        self.stdout.write(f"Restored the backup of {manifest['created_at']}.")
