"""Demo accounts: the site administrator and an ordinary member; each app adds the people of its own
roles (the directory its hub administrators). The README lists them all; every one has the password
DEMO_PASSWORD."""

from allauth.account.models import EmailAddress

from .models import User

DEMO_PASSWORD = "birge-demo-2026"


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
    demo_account("member@birge.demo", "Dilnoza Karimova", "ru")
    stdout.write(f"Demo accounts ready; password for all: {DEMO_PASSWORD}")
