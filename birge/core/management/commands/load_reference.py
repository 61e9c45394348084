from django.core.management.base import BaseCommand

from birge.core.reference import load_reference_data


class Command(BaseCommand):
    help = "Load or update countries, regions and thematic areas."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(
            "Reference data: {countries} countries, {regions} regions, {themes} themes.".format(**counts)
        )
