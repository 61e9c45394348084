from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from birge.core.audit import record_event
from birge.core.backup import BackupError, create_backup
from birge.core.events import Verb


class Command(BaseCommand):
    help = "Write one archive with a consistent database dump and the media files."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="Archive path (default: var/backups/…tar.gz).")

    def handle(self, *args, **options):
        output = options["output"] or Path(settings.VAR_DIR) / "backups" / (
            f"birge-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            path = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        record_event(None, Verb.BACKUP_CREATED, None, new={"file": path.name})
        self.stdout.write(str(path))
