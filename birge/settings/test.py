"""The test suite. DATABASE_URL chooses SQLite (default) or PostgreSQL; REDIS_URL the Redis cache."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import CACHES

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests make many users
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
BIRGE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Without Redis, tests keep the cache in local memory rather than the embedded database cache: a cache
# read is then not a query, and query counts measure the pages (test_settings_modes proves the default).
if not CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
# SQLite in a file, as the demo runs it (WAL, a busy timeout), not Django's shared in-memory database:
# there two requests at once (a double click on "submit" in a browser test) fail with "table is locked"
# instead of waiting their turn as they do on a real site.
# One file per test run, so two runs at once (two terminals, an editor's runner) never share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"{tempfile.gettempdir()}/birge-test-{os.getpid()}.sqlite3"}  # noqa: F405
