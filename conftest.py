"""Fixtures shared by every app's tests: named users per role, reference data, the browser."""

import os

import pytest
from allauth.account.models import EmailAddress

# Playwright's sync API runs an event loop in the test thread; the ORM calls a test makes beside it are
# still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct horse battery staple"


def make_user(email: str, *, display_name: str = "", language: str = "ru", **flags):
    from birge.accounts.models import User

    user = User.objects.create_user(
        email=email, password=PASSWORD, display_name=display_name, language=language, **flags
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture(autouse=True)
def _mail_through_tasks(settings):
    """Django's test runner swaps in the in-memory mail backend; put Birge's task backend back in front
    of it, so every test that sends mail also sends it the way production does."""
    settings.EMAIL_BACKEND = "birge.core.mail.TaskEmailBackend"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request leaves its language active in the thread, and
    translated fields (and `.values()` of a translated model) follow the active language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def in_english():
    """For tests that check messages in the words of the code (and reverse /en/ addresses): a module asks
    for it with `pytestmark = pytest.mark.usefixtures("in_english")`."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _file_fields_keep_their_storage():
    """A model's FileField holds the storage instance it was given when the model was loaded. A test that
    changes `STORAGES` or `STATIC_ROOT` (the deployed static files, `birge.core.testing`) makes Django
    build every storage anew, on the change and again when the setting is restored: the fields would go
    on writing to the old "private" and "default" storages while `private_storage()` reads a new, empty
    one, and a later test comparing them would fail or pass by the order tests run in. So the instances
    the fields hold are put back after each such change."""
    from django.core.files.storage import storages
    from django.test.signals import setting_changed

    kept = {alias: storages[alias] for alias in ("default", "private")}

    def keep(setting, **kwargs):
        # The settings on which Django builds every storage anew (django.test.signals.storages_changed).
        if setting in ("STORAGES", "STATIC_ROOT", "STATIC_URL"):
            storages._storages.update(kept)

    setting_changed.connect(keep, weak=False)
    yield
    setting_changed.disconnect(keep)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, as the database is rolled back under it."""
    from django.core.cache import cache

    from birge.core.choices import forget_reference_choices

    forget_reference_choices()
    cache.clear()


@pytest.fixture
def reference(db):
    from birge.core.reference import load_reference_data

    return load_reference_data()


@pytest.fixture
def alice(db):
    """An ordinary member."""
    return make_user("alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    """Another ordinary member, for "someone else's account"."""
    return make_user("bob@example.org", display_name="Bob")


@pytest.fixture
def site_admin(db):
    return make_user("admin@example.org", is_staff=True, is_superuser=True)


def log_in(client, user) -> None:
    """Log in through the login form, as a person does (allauth then counts the login as recent, which
    two-factor set-up asks for)."""
    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session["_auth_user_id"] == str(user.pk)


def reauthenticate(client, next_url: str) -> None:
    """Confirm the password again, as allauth asks before two-factor settings change."""
    response = client.post(f"/en/accounts/reauthenticate/?next={next_url}", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


@pytest.fixture
def alice_client(client, alice):
    log_in(client, alice)
    return client
