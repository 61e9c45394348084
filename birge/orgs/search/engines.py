"""The engine behind the one search interface, chosen by the database in use."""

from __future__ import annotations

from types import ModuleType

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from birge.orgs.search import engine_postgres, engine_sqlite

ENGINES: dict[str, ModuleType] = {"sqlite": engine_sqlite, "postgresql": engine_postgres}


def engine() -> ModuleType:
    try:
        return ENGINES[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"The directory search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None
