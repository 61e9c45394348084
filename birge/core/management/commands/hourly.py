import logging

from django.core.management.base import BaseCommand

from birge.core import registry

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run every app's hourly work (digests due now, calls to open or close on time). Run it every hour "
        "from cron or a timer; each job is safe to run twice, and one failing does not stop the others."
    )

    def handle(self, *args, **options):
        failed = 0
        for name, job in registry.HOURLY.items():
            try:
                result = job()
            except Exception:
                failed += 1
                logger.exception("hourly job %s failed", name)
                self.stderr.write(f"{name}: failed (see the log)")
            else:
                self.stdout.write(f"{name}: {result}")
        if failed:
            raise SystemExit(1)
