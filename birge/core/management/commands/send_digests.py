from django.core.management.base import BaseCommand

from birge.core.notifications.digests import send_digests


class Command(BaseCommand):
    help = (
        "Send the notification digests due now (daily, and Monday's weekly) to everyone whose local hour "
        "has come. Run it every hour (cron or a timer); running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued.")
