"""Demo accounts: the site administrator and an ordinary member; each app adds the people of its own
roles (the directory its hub administrators). The README lists them all; every one has the password
DEMO_PASSWORD."""

from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from .models import User

DEMO_PASSWORD = "birge-demo-2026"


@cache
def _password_hash() -> str:
    # A hash of the demo password takes most of a second by design (PBKDF2); made once, it serves every
    # demo account (the funding demo alone makes some seventy), which keeps the demo's loading to seconds.
    return make_password(DEMO_PASSWORD)


def demo_account(email: str, display_name: str, language: str, **flags) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": display_name, "language": language, **flags}
    )
    if created:
        user.password = _password_hash()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(stdout) -> None:
    demo_account("admin@birge.demo", "Site administrator", "ru", is_staff=True, is_superuser=True)
    demo_account("member@birge.demo", "Dilnoza Karimova", "ru")
    stdout.write(f"Demo accounts ready; password for all: {DEMO_PASSWORD}")
