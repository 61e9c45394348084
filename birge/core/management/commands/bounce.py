from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from birge.core.notifications.services import address_failing


class Command(BaseCommand):
    help = (
        "Mark an e-mail address as failing (a bounce reported after delivery): Birge stops e-mailing it and "
        "its owner's settings page says why. A mail server's bounce handler can pipe addresses here."
    )

    def add_arguments(self, parser):
        parser.add_argument("address")
        parser.add_argument(
            "--reason", default="bounced", help="What the bounce said (kept, at most 300 characters)."
        )

    def handle(self, *args, address: str, reason: str, **options):
        try:
            validate_email(address)
        except ValidationError:
            raise CommandError(f"{address!r} is not an e-mail address.") from None
        address_failing(email=address, reason=reason)
        self.stdout.write(f"{address} is marked as failing.")
