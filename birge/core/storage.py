"""Where files live. Public files (logos) use the default storage; documents that only some people may
read (claims evidence, passport documents) use the "private" storage, served by permission-checked views."""

from django.core.files.storage import Storage, storages


def private_storage() -> Storage:
    # A callable, so that settings (and tests) choose the backend at run time, not at import.
    return storages["private"]
