"""Demo accounts, one per role. The README lists them; every one has the password DEMO_PASSWORD."""

from allauth.account.models import EmailAddress

from birge.core.models import Country
from birge.orgs.hubs.models import HubAdministrator

from .models import User

DEMO_PASSWORD = "birge-demo-2026"

HUB_ADMINS = {
    "KZ": ("hub.kz@birge.demo", "Айгерім Сейітқызы"),
    "KG": ("hub.kg@birge.demo", "Нурлан Абдыкеримов"),
    "TJ": ("hub.tj@birge.demo", "Нигора Раҳимова"),
    "TM": ("hub.tm@birge.demo", "Merjen Annaýewa"),
    "AZ": ("hub.az@birge.demo", "Leyla Məmmədova"),
}


def demo_account(email: str, display_name: str, language: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "language": language, **flags}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(stdout) -> None:
    demo_account("admin@birge.demo", "Site administrator", "ru", is_staff=True, is_superuser=True)
    languages = {"KZ": "kk", "KG": "ky", "TJ": "tg", "TM": "tk", "AZ": "az"}
    for code, (email, name) in HUB_ADMINS.items():
        user = demo_account(email, name, languages[code])
        # Straight to the table, not through the service: the demo sends no appointment e-mails.
        HubAdministrator.objects.get_or_create(user=user, country=Country.objects.get(code=code))
    demo_account("member@birge.demo", "Dilnoza Karimova", "ru")
    stdout.write(f"Demo accounts ready; password for all: {DEMO_PASSWORD}")
