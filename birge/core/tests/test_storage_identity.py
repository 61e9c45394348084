"""The storages that file fields hold stay the ones `private_storage()` returns when a test changes
STORAGES or STATIC_ROOT (the root conftest puts them back): otherwise tests that compare them fail or
pass by the order they run in."""

from birge.core.storage import private_storage
from birge.orgs.passport.models import Passport


def test_the_private_storage_stays_the_one_file_fields_hold(settings, tmp_path):
    field = Passport._meta.get_field("registration_document")
    assert field.storage is private_storage()
    # What collect_static_as_deployed changes, in the order its undoing may come in.
    settings.STORAGES = {**settings.STORAGES}
    settings.STATIC_ROOT = tmp_path
    assert private_storage() is field.storage
