"""Which cache the embedded default (no REDIS_URL) should use: Django's database cache on the SQLite
database, or its file cache. Both are shared by every worker process, which local memory is not.

    .venv/bin/python bench/cache_backends.py [--operations 2000]

Times what a page and a login do to the cache — a get of a present key, a get of a missing key, a set, and
an `add` (allauth's lock and its "TOTP code used" mark) — in one process, then `add` of the same keys from
two processes at once, counting how many adds both processes won (must be 0: an add is the lock that keeps a
one-time code one-time). Prints microseconds per operation, p50 and p95."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BACKENDS = {
    "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "birge_cache"},
    "file": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"},
}


def _setup(name: str, folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "birge.settings.dev"
    os.environ["BIRGE_VAR_DIR"] = folder
    os.environ.pop("REDIS_URL", None)
    import django
    from django.conf import settings

    django.setup()
    config = dict(BACKENDS[name])
    if name == "file":
        config["LOCATION"] = str(Path(folder) / "cache")
    settings.CACHES = {"default": config}  # before the first use of the cache, which reads it once


def _time(operation, count: int) -> list[float]:
    samples = []
    for n in range(count):
        started = time.perf_counter()
        operation(n)
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def _racer(args) -> int:
    name, folder, keys = args
    _setup(name, folder)
    from django.core.cache import cache

    return sum(1 for key in keys if cache.add(key, "y", 300))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--operations", type=int, default=2000)
    count = parser.parse_args().operations
    print(f"{'backend':<9} {'operation':<12} {'p50 µs':>8} {'p95 µs':>8}")
    for name in BACKENDS:
        with tempfile.TemporaryDirectory() as folder:
            pid = os.fork()
            if pid == 0:
                _setup(name, folder)
                from django.core.cache import cache
                from django.core.management import call_command

                call_command("createcachetable", verbosity=0)
                cache.set("present", {"value": list(range(20))}, 300)
                for label, operation in [
                    ("get hit", lambda n: cache.get("present")),
                    ("get miss", lambda n: cache.get(f"missing:{n}")),
                    ("set", lambda n: cache.set(f"key:{n}", n, 300)),
                    ("add", lambda n: cache.add(f"lock:{n}", "y", 300)),
                ]:
                    samples = sorted(_time(operation, count))
                    p95 = samples[int(len(samples) * 0.95)]
                    print(f"{name:<9} {label:<12} {statistics.median(samples):>8.0f} {p95:>8.0f}", flush=True)
                keys = [f"race:{n}" for n in range(count // 4)]
                with Pool(2) as pool:
                    wins = pool.map(_racer, [(name, folder, keys), (name, folder, keys)])
                print(
                    f"{name:<9} {'add race':<12} both won {sum(wins) - len(keys)} of {len(keys)} keys",
                    flush=True,
                )
                os._exit(0)
            os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
