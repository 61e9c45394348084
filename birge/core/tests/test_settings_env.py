import pytest
from django.core.exceptions import ImproperlyConfigured

from birge.settings.env import env_bool, env_count, env_database, env_int, env_list, env_redis_url, env_str


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False


def test_env_bool_names_the_variable_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe'"):
        env_bool("DEBUG", False)


def test_env_int_rejects_words_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25)
    monkeypatch.setenv("EMAIL_PORT", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum"):
        env_int("EMAIL_PORT", 25, minimum=1)
    monkeypatch.setenv("EMAIL_PORT", "587")
    assert env_int("EMAIL_PORT", 25, minimum=1) == 587


@pytest.mark.parametrize(
    ("value", "count"), [("", 0), ("0", 0), ("false", 0), ("1", 1), ("true", 1), ("2", 2)]
)
def test_env_count_takes_a_number_or_a_switch(monkeypatch, value, count):
    monkeypatch.setenv("BEHIND_PROXY", value)
    assert env_count("BEHIND_PROXY", 0) == count


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_env_count_names_the_variable_on_a_bad_value(monkeypatch, value):
    monkeypatch.setenv("BEHIND_PROXY", value)
    with pytest.raises(ImproperlyConfigured, match="BEHIND_PROXY"):
        env_count("BEHIND_PROXY", 0)


def test_required_string_stops_start_up_when_missing(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY", required=True)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "birge.example, www.birge.example ,")
    assert env_list("ALLOWED_HOSTS", []) == ["birge.example", "www.birge.example"]


def test_database_url_sqlite_gets_wal_and_immediate_transactions(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/sub/db.sqlite3")
    config = env_database("DATABASE_URL", "sqlite:///unused")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert (tmp_path / "sub").is_dir()


def test_database_url_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://birge:secret@db.internal:5433/birge")
    config = env_database("DATABASE_URL", "sqlite:///unused")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "birge")
    assert config["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=0"


@pytest.mark.parametrize("url", ["mysql://root@localhost/birge", "not a url", "postgres://localhost"])
def test_database_url_unsupported_or_incomplete_is_refused(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///unused")


def test_redis_url_must_be_redis(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_redis_url("REDIS_URL")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/1")
    assert env_redis_url("REDIS_URL") == "redis://127.0.0.1:6379/1"


@pytest.mark.parametrize("url", ["postgres://[::1/birge", "http://[db/x"])
def test_a_malformed_database_url_is_named_not_a_traceback(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL="):
        env_database("DATABASE_URL", "sqlite:///x.sqlite3")
    monkeypatch.setenv("REDIS_URL", url)
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL="):
        env_redis_url("REDIS_URL")
