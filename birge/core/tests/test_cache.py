"""The cache the settings chose: local memory by default, Redis when REDIS_URL is set (CI sets it)."""

import os

from django.conf import settings
from django.core.cache import cache


def test_cache_backend_follows_redis_url():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django_redis.cache.RedisCache"
    else:
        assert backend.endswith("LocMemCache")


def test_cache_round_trip_with_expiry_and_counters():
    cache.set("birge:test:key", {"слово": 1}, timeout=30)
    assert cache.get("birge:test:key") == {"слово": 1}
    assert cache.add("birge:test:counter", 1) is True
    assert cache.incr("birge:test:counter") == 2
    cache.delete_many(["birge:test:key", "birge:test:counter"])
    assert cache.get("birge:test:key") is None
