"""Server time of the directory search over a large synthetic directory, on SQLite and on PostgreSQL.

    .venv/bin/python bench/directory_search.py [--orgs 100000] [--engine sqlite|postgres|both] [--repeat 3]

For each engine: a bench database (SQLite: var/bench/directory.sqlite3; PostgreSQL: `birge_bench` on
127.0.0.1, created if missing), seeded with `birge seed-bench` unless it already holds the same number of
bench organizations; then 50 representative searches through the full view, `GET /<lang>/orgs/?...` with
Django's test client (middleware, view, template; no network): Cyrillic names, Latin transliterations of
them, Turkic Latin spellings, typos, filters, filters without text, sorts, later pages. One warm-up pass,
then `--repeat` timed passes; prints p50 and p95 per engine against the budget in docs/budgets.md
(p95 ≤ 50 ms).
If the directory view is not wired yet, it times `search_organizations` directly and says so.

`--cold` clears the cache before every request, so facet counts of large results are counted afresh each
time instead of coming from the cache (see birge/orgs/search/counting.py). `--sqlite-cache-mb N` adds
`PRAGMA cache_size` to the SQLite connection, to measure that setting before adopting it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MS = 50
POSTGRES = "postgres://postgres@127.0.0.1:5432/birge_bench"
SQLITE = ROOT / "var" / "bench" / "directory.sqlite3"

# (language of the URL, query string)
SEARCHES = [
    ("ru", {"q": "Береке"}),
    ("ru", {"q": "Қазына"}),
    ("ru", {"q": "Жасыл"}),
    ("ru", {"q": "Шапагат"}),
    ("ru", {"q": "Достук"}),
    ("ru", {"q": "Ассоциация"}),
    ("ru", {"q": "Общественный фонд"}),
    ("ru", {"q": "поддержки молодёжи"}),
    ("ru", {"q": "Ташкилоти ҷамъиятии"}),
    ("ru", {"q": "фонд"}),
    ("ru", {"q": "Bereke"}),
    ("ru", {"q": "Qazyna"}),
    ("ru", {"q": "Kazyna"}),
    ("ru", {"q": "Zhasyl"}),
    ("ru", {"q": "Jasyl"}),
    ("ru", {"q": "Shapagat"}),
    ("ru", {"q": "Assotsiatsiya"}),
    ("ru", {"q": "Obshchestvennyy fond"}),
    ("ru", {"q": "Galkynyş"}),
    ("ru", {"q": "Ýaşlar"}),
    ("ru", {"q": "jemgyýetçilik birleşigi"}),
    ("ru", {"q": "İctimai Birliyi"}),
    ("ru", {"q": "jamgʻarmasi"}),
    ("ru", {"q": "Taraqqiyot"}),
    ("ru", {"q": "Berekke"}),
    ("ru", {"q": "Asociatsiya"}),
    ("ru", {"q": "Shapagt"}),
    ("ru", {"q": "Galkynysh"}),
    ("ru", {"q": "Tumarr"}),
    ("ru", {}),
    ("ru", {"country": "KZ"}),
    ("ru", {"country": "TJ", "kind": "cso"}),
    ("ru", {"theme": "health"}),
    ("ru", {"theme": "legal-aid-access-to-justice"}),
    ("ru", {"language": "ru"}),
    ("ru", {"verified": "1"}),
    ("ru", {"region": "KZ-75"}),
    ("ru", {"kind": "donor"}),
    ("ru", {"sort": "updated"}),
    ("ru", {"country": "KG", "sort": "name"}),
    ("ru", {"verified": "1", "sort": "updated"}),
    ("ru", {"theme": "education", "language": "en"}),
    ("ru", {"q": "фонд", "country": "KZ"}),
    ("ru", {"q": "Bereke", "verified": "1"}),
    ("ru", {"q": "Foundation", "sort": "updated"}),
    ("ru", {"country": "AZ", "page": "2"}),
    ("ru", {"q": "Ассоциация", "page": "2"}),
    ("ru", {"page": "50"}),
    ("en", {"q": "Argo"}),
    ("kk", {"country": "KZ", "theme": "children-youth"}),
]


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def prepare_postgres() -> None:
    import psycopg

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = 'birge_bench'").fetchone():
            connection.execute("CREATE DATABASE birge_bench")


def child(engine: str, orgs: int, repeat: int, cold: bool, cache_mb: int) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "birge.settings.test"
    if engine == "postgres":
        prepare_postgres()
        os.environ["DATABASE_URL"] = POSTGRES
    else:
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE}"
    os.environ.pop("REDIS_URL", None)  # the local-memory cache, as on one machine

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connections

    if engine == "sqlite" and cache_mb:
        options = connections["default"].settings_dict.setdefault("OPTIONS", {})
        options["init_command"] = f"{options.get('init_command', '')} PRAGMA cache_size = -{cache_mb * 1024};"
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import Resolver404, resolve
    from django.utils import translation

    from birge.orgs.profiles.models import Organization
    from birge.orgs.search import counting, parse_query, search_organizations
    from birge.orgs.search.models import SearchCount, SearchEntry

    call_command("migrate", verbosity=0)
    seeded = Organization.objects.filter(slug__startswith="bench-").count()
    if seeded != orgs or SearchEntry.objects.count() < orgs:
        started = time.monotonic()
        call_command("seed_bench", orgs=orgs, reset=True)
        print(f"{engine}: seeded {orgs} organizations in {time.monotonic() - started:.0f} s", flush=True)
    if not SearchCount.objects.filter(scope=counting.DIRECTORY, total__gte=0).exists():
        # A database seeded before the stored counts existed: what the queued recount would do.
        started = time.monotonic()
        counting.recount()
        print(f"{engine}: counted the stored facet counts in {time.monotonic() - started:.1f} s", flush=True)
    if engine == "postgres":
        # As autovacuum would soon after a seed or a rebuild (whose ANALYZE runs inside its transaction,
        # where VACUUM cannot): index-only scans skip the table only for pages the visibility map marks.
        with connection.cursor() as cursor:
            tables = "orgs_searchentry, orgs_searchmatch, orgs_searchtag, orgs_searchcode"
            cursor.execute(f"VACUUM ANALYZE {tables}")

    # No setup_test_environment(): it instruments template rendering so that the test client can keep a
    # copy of every template's context, which costs more than rendering and is no part of server time.
    try:
        resolve("/ru/orgs/")
        through_view = True
    except Resolver404:
        through_view = False
    client = Client()
    inside: list[float] = []  # time spent in search_organizations, to tell it from the rest of the view
    if through_view:
        from birge.orgs.directory import views as directory

        searched = directory.search_organizations

        def timed(*args, **kwargs):
            started = time.perf_counter()
            result = searched(*args, **kwargs)
            inside.append((time.perf_counter() - started) * 1000)
            return result

        directory.search_organizations = timed

    def run(language: str, params: dict) -> float:
        if cold:
            cache.clear()
        started = time.perf_counter()
        if through_view:
            response = client.get(f"/{language}/orgs/", params)
            assert response.status_code == 200, (language, params, response.status_code)
        else:
            with translation.override(language):
                query, _problems = parse_query(params)
                search_organizations(query, user=None, page=params.get("page", 1))
        return (time.perf_counter() - started) * 1000

    most_queries = 0
    for language, params in SEARCHES:  # warm-up: imports, templates, database pages; and the query count
        with CaptureQueriesContext(connection) as queries:
            run(language, params)
        most_queries = max(most_queries, len(queries.captured_queries))
    samples: list[float] = []
    slowest: dict[str, float] = {}
    inside.clear()
    for _round in range(repeat):
        for language, params in SEARCHES:
            elapsed = run(language, params)
            samples.append(elapsed)
            key = f"/{language}/orgs/?" + "&".join(f"{k}={v}" for k, v in params.items())
            slowest[key] = max(slowest.get(key, 0), elapsed)
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    mode = "full view GET /<lang>/orgs/" if through_view else "search_organizations() only (no view yet)"
    notes = (" (cold cache)" if cold else "") + (f" (SQLite cache {cache_mb} MB)" if cache_mb else "")
    print(
        f"{engine:9} {orgs} orgs, {len(SEARCHES)} searches x {repeat}{notes}, {mode}: "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(samples):.1f} ms, "
        f"at most {most_queries} queries a request — {'OK' if p95 <= BUDGET_MS else 'OVER'} "
        f"(budget p95 ≤ {BUDGET_MS} ms)"
    )
    if inside:
        print(
            f"          of which search_organizations(): p50 {statistics.median(inside):.1f} ms, "
            f"p95 {percentile(inside, 0.95):.1f} ms; the rest is the view, its other queries and its template"
        )
    for key, elapsed in sorted(slowest.items(), key=lambda item: -item[1])[:5]:
        print(f"          slowest: {elapsed:6.1f} ms  {key}")
    return 0 if p95 <= BUDGET_MS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    parser.add_argument("--sqlite-cache-mb", type=int, default=0, help="PRAGMA cache_size for SQLite")
    parser.add_argument("--child", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.orgs, args.repeat, args.cold, args.sqlite_cache_mb)
    # One process per engine: Django's settings, and so the database, are fixed once set up.
    failed = 0
    for engine in ["sqlite", "postgres"] if args.engine == "both" else [args.engine]:
        command = [sys.executable, __file__, "--child", engine, "--orgs", str(args.orgs)]
        command += ["--repeat", str(args.repeat), "--sqlite-cache-mb", str(args.sqlite_cache_mb)]
        command += ["--cold"] if args.cold else []
        failed |= subprocess.call(command, cwd=ROOT)
    return failed


if __name__ == "__main__":
    sys.exit(main())
