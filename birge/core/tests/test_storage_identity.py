"""The storages file fields hold stay the ones `private_storage()` returns when a test changes STORAGES
(the root conftest puts them back): otherwise tests that compare them fail or pass by the order they run
in."""

from birge.core.storage import private_storage
from birge.orgs.passport.models import Passport


def test_the_private_storage_stays_the_one_file_fields_hold(settings):
    field = Passport._meta.get_field("registration_document")
    assert field.storage is private_storage()
    settings.STORAGES = {**settings.STORAGES}  # what collect_static_as_deployed does
    assert private_storage() is field.storage
