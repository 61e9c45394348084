from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from birge.core.models import Country
from birge.orgs.hubs.services import hub_admin_assign, hub_admin_remove


class Command(BaseCommand):
    help = "Make an account the hub administrator of a country (or, with --remove, no longer)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("country", help="ISO code of a home country: KZ, KG, TJ, TM, AZ.")
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(email__iexact=options["email"].strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail {options['email']}.")
        country = Country.objects.filter(code=options["country"].upper(), is_home=True).first()
        if country is None:
            raise CommandError(f"{options['country']!r} is not one of the platform's countries.")
        try:
            if options["remove"]:
                hub_admin_remove(actor=None, user=user, country=country)
                self.stdout.write(f"{user.email} is no longer hub administrator of {country.code}.")
            else:
                hub_admin_assign(actor=None, user=user, country=country)
                self.stdout.write(f"{user.email} is hub administrator of {country.code}.")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
