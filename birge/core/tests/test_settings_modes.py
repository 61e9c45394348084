"""Each settings mode started in a fresh interpreter, as a server would start it."""

import os
import subprocess
import sys

from django.conf import settings

GOOD_KEY = "q8Vw-3nZ_t0pL9xR2mK7yB4cH6jD1fG5sA0eU8iO3wE7rT2yN4mQ9vX6zC1bJ5kL"


def run_check(mode: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": f"birge.settings.{mode}", **env})
    return subprocess.run(
        [sys.executable, "-m", "birge.cli", "check", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_stops_with_the_variable_named(tmp_path):
    result = run_check("prod", SECRET_KEY="", ALLOWED_HOSTS="birge.example", BIRGE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_bad_value_stops_start_up_with_the_variable_named(tmp_path):
    result = run_check("dev", EMAIL_PORT="lots", BIRGE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "EMAIL_PORT='lots' is not a whole number" in result.stderr


def test_production_deploy_check_is_clean(tmp_path):
    result = run_check(
        "prod",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="birge.example",
        REDIS_URL="redis://127.0.0.1:6379/9",
        BIRGE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_redis(tmp_path):
    result = run_check(
        "prod", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="birge.example", BIRGE_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def _birge(tmp_path, *args: str) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    environment["BIRGE_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "birge.cli", *args],  # `shell` first prints what it imported
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_the_embedded_cache_is_shared_by_every_process(tmp_path):
    """Two worker processes of the demo see one cache: a one-time mark made by one (allauth's "this TOTP
    code was used", its throttle's lock) is refused to the other, and a counter adds up across both."""
    _birge(tmp_path, "migrate", "--verbosity", "0")
    add = "from django.core.cache import cache; print(cache.add('totp-used:123456', 'y', 60))"
    assert _birge(tmp_path, "shell", "-c", add) == "True"
    assert _birge(tmp_path, "shell", "-c", add) == "False"
    backend = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    assert _birge(tmp_path, "shell", "-c", backend) == "django.core.cache.backends.db.DatabaseCache"


def test_production_behind_proxies_reads_their_count_and_trusts_their_https_header(tmp_path):
    show = (
        "from django.conf import settings as s; "
        "print(s.BEHIND_PROXY, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    production = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    production.update(
        DJANGO_SETTINGS_MODULE="birge.settings.prod",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="birge.example",
        REDIS_URL="redis://127.0.0.1:6379/9",
        BIRGE_VAR_DIR=str(tmp_path),
    )
    seen = {}
    for value in ("0", "true", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "birge.cli", "shell", "-c", show],
            cwd=settings.BASE_DIR,
            env={**production, "BEHIND_PROXY": value},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        seen[value] = result.stdout.strip().splitlines()[-1]
    assert seen == {
        "0": "0 None",
        "true": "1 ('HTTP_X_FORWARDED_PROTO', 'https')",
        "2": "2 ('HTTP_X_FORWARDED_PROTO', 'https')",
    }
