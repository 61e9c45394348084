"""Time of one hourly digest run over many people, its memory, and the size of a digest e-mail.

    .venv/bin/python bench/digests.py [--users 10000] [--per-user 20] [--engine postgres|sqlite] [--keep]
                                      [--profile]

A database of its own (PostgreSQL `birge_bench_digests` on 127.0.0.1, SQLite var/bench/digests.sqlite3),
dropped and migrated from scratch unless `--keep` finds the same seed there already. It holds `--users`
people spread over the five countries' time zones and languages, each with `--per-user` notifications
waiting for the daily digest: three kinds (announcements, new members, verification), several subjects
each, written with bulk_create as notify() would have left them.

`send_digests(now)` is then called with a `now` at which every seeded zone is inside the sending hours
(BIRGE_DIGEST_HOUR and the catch-up hours after it); when no single hour fits every zone, it is called
once per group of zones and the results are added up, and the output says so. E-mail goes through the real
path — the task e-mail backend, the immediate task backend, `deliver_email` — to Django's dummy mail
backend, so no message is kept in memory.

Printed: wall time, digests sent and delivered, queries and their time, max RSS of the process; a second
run at once (it must send 0); a run at an hour when no zone is due (what most hourly runs find); the first
run again, the seed put back to pending, under tracemalloc for the peak of Python memory (tracing slows it:
that time is not the one judged); the size in bytes of one digest with `--per-user` items, one with 500
items, and one with 500 items at the longest title a notification holds. Budget: ≤ 60 s for 10,000 × 20 on
PostgreSQL, each e-mail well under 100 KB. `--profile` runs the timed run under cProfile, prints the top
functions and writes var/bench/digests.prof.

Seeding and the runs happen in two child processes, so the run's max RSS is not the seeding's.
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "birge_bench_digests"
SQLITE = ROOT / "var" / "bench" / "digests.sqlite3"
PROFILE = ROOT / "var" / "bench" / "digests.prof"

BUDGET_SECONDS = 60
BUDGET_EMAIL_BYTES = 100 * 1024
ZONES = ["Asia/Almaty", "Asia/Bishkek", "Asia/Dushanbe", "Asia/Ashgabat", "Asia/Baku"]
LANGUAGES = ["ru", "ru", "ru", "kk", "ky", "tg", "tk", "az", "en", "uz"]  # Russian the most common
KINDS = ["core.announcement", "orgs.member_joined", "orgs.verification"]
EMAIL_PREFIX = "bench-digest-"
HEAVY_ITEMS = 500
CEILING = f"{HEAVY_ITEMS} items with 300-character titles (the column's limit)"
CHUNK = 5000
ORGANIZATIONS = ["Береке", "Жасыл Әлем", "Шапагат", "Достук", "Галкыныш", "Тараққиёт", "Ümid", "Кайрымдуулук"]


# The database, before Django ------------------------------------------------------------------------------


def prepare_database(engine: str, keep: bool) -> None:
    """A fresh database (or, with --keep, the one there, created if missing)."""
    if engine == "sqlite":
        SQLITE.parent.mkdir(parents=True, exist_ok=True)
        if not keep:
            SQLITE.unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if exists and not keep:
            connection.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
            exists = False
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")


def setup_django(engine: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "birge.settings.test"
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}" if engine == "postgres" else f"sqlite:///{SQLITE}"
    os.environ.pop("REDIS_URL", None)  # the local-memory cache, as on one machine
    from django.conf import settings

    # Set before setup, so that nothing has read them yet: tasks run at once, in this process, and hand the
    # messages to a backend that drops them (the test settings' locmem backend would keep every one).
    settings.DEBUG = False  # DEBUG keeps every query's text: memory that grows with the run
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "birge.core.mail.TaskEmailBackend"
    settings.BIRGE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    import django

    django.setup()


# Seeding --------------------------------------------------------------------------------------------------


def bench_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(email__startswith=EMAIL_PREFIX)


def bench_notifications():
    from birge.core.notifications.models import Notification

    return Notification.objects.filter(recipient__email__startswith=EMAIL_PREFIX)


def put_back_to_pending() -> int:
    """Undo a run: every bench notification waits again and no digest is recorded."""
    from birge.core.notifications.models import DigestDelivery

    DigestDelivery.objects.filter(user__email__startswith=EMAIL_PREFIX).delete()
    return bench_notifications().exclude(emailed_at=None).update(emailed_at=None)


def title_of(kind: str, language: str, item: int, organization: str, longest: bool = False) -> str:
    russian = language != "en"
    if kind == "core.announcement":
        text = (
            f"Плановые работы: Birge будет недоступна ночью ({item % 28 + 1} числа, с 02:00 до 03:00)"
            if russian
            else f"Planned maintenance: Birge will be unavailable at night (day {item % 28 + 1}, 02:00–03:00)"
        )
    elif kind == "orgs.member_joined":
        text = (
            f"Новый участник в организации «Общественный фонд {organization}»: Айгерим Сейткалиева-{item}"
            if russian
            else f"A new member joined “Public Foundation {organization}”: Aigerim Seitkaliyeva-{item}"
        )
    else:
        text = (
            f"Хаб подтвердил организацию «Общественное объединение {organization}»"
            if russian
            else f"The hub verified “Public Association {organization}”"
        )
    if longest:  # the most a notification's title holds, in Cyrillic (two bytes a letter)
        text = (text + " — Жамоат ташкилоти ва маҳаллий ҳамкорон") * 10
    return text[:300]


def notifications_for(user, per_user: int, types: dict, now, longest: bool = False):
    """`per_user` daily-digest notifications of `user`, in three kinds, each kind about a few subjects."""
    from birge.core.notifications.kinds import Delivery
    from birge.core.notifications.models import Notification

    for item in range(per_user):
        kind = KINDS[item % len(KINDS)]
        if kind == "core.announcement":
            about_id = 1 + item % 2  # the site's last two announcements
            url = f"/{user.language}/announcements/{about_id}/"
        else:
            about_id = 1 + (user.pk * 7 + item) % 5000  # one of the few organizations the person is in
            url = f"/{user.language}/orgs/bench-{about_id}/"
        organization = f"{ORGANIZATIONS[about_id % len(ORGANIZATIONS)]}-{about_id}"
        yield Notification(
            recipient_id=user.pk,
            kind=kind,
            about_type_id=types[kind],
            about_id=str(about_id),
            title=title_of(kind, user.language, item, organization, longest),
            body="",
            url=url,
            delivery=Delivery.DAILY,
            emailed_at=None,
            created_at=now,
        )


def content_types() -> dict:
    from django.contrib.contenttypes.models import ContentType

    from birge.core.announcements.models import Announcement
    from birge.orgs.profiles.models import Organization

    announcement = ContentType.objects.get_for_model(Announcement).pk
    organization = ContentType.objects.get_for_model(Organization).pk
    return {kind: announcement if kind == "core.announcement" else organization for kind in KINDS}


def seed(users: int, per_user: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from birge.core.notifications.kinds import NOTICE_KINDS, Delivery
    from birge.core.notifications.models import NoticePreference, Notification

    missing = [kind for kind in KINDS if kind not in NOTICE_KINDS]
    assert not missing, f"no app registers {missing}"
    User = get_user_model()
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, users, CHUNK):
            User.objects.bulk_create(
                User(
                    email=f"{EMAIL_PREFIX}{index:06d}@example.org",
                    password="!",  # no password: nobody logs in as them
                    language=LANGUAGES[index % len(LANGUAGES)],
                    time_zone=ZONES[index % len(ZONES)],
                    display_name=f"Bench {index}",
                )
                for index in range(start, min(users, start + CHUNK))
            )
        people = list(bench_users().only("pk", "language").order_by("pk"))
        # The directory's kinds reach people at once by default: these people chose the daily digest.
        # Every 50th has since turned announcements to "only in the inbox" (their pending ones leave the
        # e-mail, the rest still goes).
        choices = [
            NoticePreference(user_id=person.pk, kind=kind, delivery=Delivery.DAILY)
            for person in people
            for kind in KINDS[1:]
        ]
        choices += [
            NoticePreference(user_id=person.pk, kind=KINDS[0], delivery=Delivery.INBOX)
            for person in people[::50]
        ]
        NoticePreference.objects.bulk_create(choices, batch_size=CHUNK)
        types = content_types()
        rows = []
        for person in people:
            rows.extend(notifications_for(person, per_user, types, now))
            if len(rows) >= CHUNK:
                Notification.objects.bulk_create(rows)
                rows = []
        Notification.objects.bulk_create(rows)


def seed_stage(engine: str, users: int, per_user: int, keep: bool) -> int:
    setup_django(engine)
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"{engine}: migrated in {time.monotonic() - started:.1f} s", flush=True)
    present = bench_users().count(), bench_notifications().count()
    if keep and present == (users, users * per_user):
        pending = put_back_to_pending()
        print(f"{engine}: kept the seed of {users} people × {per_user}; {pending} put back to pending")
        return 0
    if any(present):
        bench_notifications().delete()
        bench_users().delete()
    started = time.monotonic()
    seed(users, per_user)
    if engine == "postgres":
        with connection.cursor() as cursor:
            # What autovacuum would soon do after 200,000 inserts: the planner sees the table as it is.
            cursor.execute("VACUUM ANALYZE core_notification, core_noticepreference, accounts_user")
    print(
        f"{engine}: seeded {users} people × {per_user} pending daily notifications "
        f"in {time.monotonic() - started:.1f} s",
        flush=True,
    )
    return 0


# The run --------------------------------------------------------------------------------------------------


def sending_times(zones: list[str]) -> list[datetime]:
    """Times (tomorrow, UTC, at half past an hour) at which every zone's digest is due: one if an hour fits
    all zones, else one per group of zones that share an hour."""
    import zoneinfo

    from birge.core.notifications.digests import due_period
    from birge.core.notifications.kinds import Delivery

    midnight = datetime.now(UTC).replace(hour=0, minute=30, second=0, microsecond=0) + timedelta(days=1)
    candidates = [midnight + timedelta(hours=hour) for hour in range(24)]

    def fits(now: datetime) -> set[str]:
        return {zone for zone in zones if due_period(Delivery.DAILY, now.astimezone(zoneinfo.ZoneInfo(zone)))}

    left, chosen = set(zones), []
    while left:  # greedy: the hour that covers most of the zones still left
        best = max(candidates, key=lambda now: len(fits(now) & left))
        if not fits(best) & left:
            raise SystemExit(f"No hour sends the digest to {sorted(left)}")
        chosen.append(best)
        left -= fits(best)
    return chosen


def off_hours(zones: list[str]) -> datetime | None:
    """A time at which no zone's digest is due: what most of the day's hourly runs find."""
    import zoneinfo

    from birge.core.notifications.digests import due_period
    from birge.core.notifications.kinds import DIGESTS

    midnight = datetime.now(UTC).replace(hour=0, minute=30, second=0, microsecond=0) + timedelta(days=1)
    for hour in range(24):
        now = midnight + timedelta(hours=hour)
        local = [now.astimezone(zoneinfo.ZoneInfo(zone)) for zone in zones]
        if not any(due_period(delivery, when) for delivery in DIGESTS for when in local):
            return now
    return None


class Counter:
    """Queries (how many, their time, the slowest) and delivered messages during a run."""

    def __init__(self) -> None:
        self.queries = self.delivered = self.failed = 0
        self.query_seconds = 0.0
        self.slowest: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.queries += 1
            self.query_seconds += elapsed
            self.slowest = sorted([*self.slowest, (elapsed, sql)], reverse=True)[:3]

    def task_finished(self, sender, task_result, **kwargs) -> None:
        if task_result.task.name == "deliver_email":
            if task_result.status == "SUCCESSFUL":
                self.delivered += 1
            else:
                self.failed += 1


def run(nows: list[datetime], *, trace: bool = False, profile: cProfile.Profile | None = None) -> dict:
    from django.db import connection
    from django_tasks.signals import task_finished

    from birge.core.notifications.digests import send_digests

    counter = Counter()
    task_finished.connect(counter.task_finished)
    gc.collect()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        if profile:
            profile.enable()
        sent = sum(send_digests(now) for now in nows)
        if profile:
            profile.disable()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    tracemalloc.stop()
    task_finished.disconnect(counter.task_finished)
    return {
        "seconds": elapsed,
        "sent": sent,
        "delivered": counter.delivered,
        "failed": counter.failed,
        "queries": counter.queries,
        "query_seconds": counter.query_seconds,
        "slowest": counter.slowest,
        "peak_mb": peak / 2**20,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # kilobytes on Linux
    }


def email_bytes(user, notices) -> int:
    from birge.core.notifications.digests import digest_email
    from birge.core.notifications.kinds import Delivery

    return len(digest_email(user, Delivery.DAILY, notices).message().as_bytes())


def email_sizes() -> dict[str, int]:
    """One digest rendered as send_digests renders it: a seeded person's own items, then 500 items, then
    500 at the longest title. Russian, the most common language and the one of most bytes a letter."""
    from birge.core.notifications.models import Notification

    user = bench_users().filter(language="ru").order_by("pk").first()
    own = list(
        Notification.objects.filter(recipient=user).order_by(
            "recipient_id", "kind", "about_type_id", "about_id", "created_at"
        )
    )
    types = content_types()
    many = list(notifications_for(user, HEAVY_ITEMS, types, None))
    longest = list(notifications_for(user, HEAVY_ITEMS, types, None, longest=True))
    return {
        f"{len(own)} items": email_bytes(user, own),
        f"{HEAVY_ITEMS} items": email_bytes(user, many),
        CEILING: email_bytes(user, longest),
    }


def print_profile(profile: cProfile.Profile) -> None:
    PROFILE.parent.mkdir(parents=True, exist_ok=True)
    profile.dump_stats(PROFILE)
    print(f"\ncProfile of the timed run written to {PROFILE.relative_to(ROOT)} (python -m pstats)")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order).print_stats(25)
        print(f"\ncProfile, top 25 by {order}:")
        print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])


def send_stage(engine: str, users: int, per_user: int, profile_run: bool) -> int:
    setup_django(engine)
    from django.db.models import Count

    from birge.core.notifications.digests import BATCH, MAX_ITEMS

    by_zone = dict(bench_users().values_list("time_zone").annotate(n=Count("pk")).order_by())
    pending = bench_notifications().filter(emailed_at=None).count()
    nows = sending_times(sorted(by_zone))
    if len(nows) == 1:
        how = f"one call at {nows[0]:%Y-%m-%d %H:%M} UTC, inside every zone's sending hours"
    else:
        how = f"{len(nows)} calls, one per group of zones sharing an hour, added up: " + ", ".join(
            f"{now:%H:%M}" for now in nows
        )
    zones = ", ".join(f"{zone} {count}" for zone, count in sorted(by_zone.items()))
    print(
        f"{engine}: {users} people in {len(by_zone)} zones ({zones}), {pending} pending; {how}; "
        f"batches of {BATCH} people",
        flush=True,
    )
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    profile = cProfile.Profile() if profile_run else None
    first = run(nows, profile=profile)
    seconds_ok = first["seconds"] <= BUDGET_SECONDS
    print(
        f"send_digests: {first['seconds']:.1f} s wall, {first['sent']} digests sent, "
        f"{first['delivered']} delivered by the task ({first['failed']} failed), {first['queries']} queries "
        f"taking {first['query_seconds']:.1f} s; "
        f"max RSS {first['rss_mb']:.0f} MB ({before_mb:.0f} MB before the run)"
        f" — {'OK' if seconds_ok else 'OVER'} (budget ≤ {BUDGET_SECONDS} s for 10,000 × 20 on PostgreSQL)"
        + (" [under cProfile]" if profile else ""),
        flush=True,
    )
    for elapsed, sql in first["slowest"]:
        print(f"  slowest query {elapsed * 1000:.0f} ms: {' '.join(sql.split())[:150]}")
    again = run(nows)
    idempotent = again["sent"] == 0 and again["delivered"] == 0
    print(
        f"run again at once: {again['sent']} sent, {again['delivered']} delivered, {again['seconds']:.2f} s, "
        f"{again['queries']} queries — {'OK' if idempotent else 'NOT IDEMPOTENT'}",
        flush=True,
    )
    put_back_to_pending()
    idle = off_hours(sorted(by_zone))
    if idle:
        quiet = run([idle])
        print(
            f"an hourly run when no zone is due ({idle:%H:%M} UTC), all still pending: {quiet['sent']} sent, "
            f"{quiet['seconds']:.2f} s, {quiet['queries']} queries",
            flush=True,
        )
    traced = run(nows, trace=True)
    print(
        f"same run under tracemalloc: peak Python memory {traced['peak_mb']:.1f} MB "
        f"({traced['sent']} sent, {traced['seconds']:.1f} s: tracing slows it)",
        flush=True,
    )
    sizes = email_sizes()
    ceiling = sizes.pop(CEILING)
    sizes_ok = all(size < BUDGET_EMAIL_BYTES for size in sizes.values())
    print(
        f"digest e-mail as sent (headers, text and HTML; at most {MAX_ITEMS} items listed): "
        + ", ".join(f"{label} {size:,} bytes" for label, size in sizes.items())
        + f" — {'OK' if sizes_ok else 'OVER'} (budget < {BUDGET_EMAIL_BYTES:,} bytes)",
        flush=True,
    )
    print(
        f"  ceiling, {CEILING}: {ceiling:,} bytes — {'under' if ceiling < BUDGET_EMAIL_BYTES else 'OVER'} "
        f"the budget (not in the exit status: it takes {MAX_ITEMS} pending items each naming an organization "
        "whose name is near its 255-character limit)",
        flush=True,
    )
    if profile:
        print_profile(profile)
    counted = first["sent"] == users and first["delivered"] == users
    if not counted:
        print(f"expected {users} digests sent and delivered")
    return 0 if seconds_ok and idempotent and sizes_ok and counted else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--per-user", type=int, default=20)
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--keep", action="store_true", help="reuse the seed if the database holds the same")
    parser.add_argument("--profile", action="store_true", help="run the timed run under cProfile")
    parser.add_argument("--child", choices=["seed", "send"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "seed":
        return seed_stage(args.engine, args.users, args.per_user, args.keep)
    if args.child == "send":
        return send_stage(args.engine, args.users, args.per_user, args.profile)
    prepare_database(args.engine, args.keep)
    common = ["--users", str(args.users), "--per-user", str(args.per_user), "--engine", args.engine]
    common += ["--keep"] if args.keep else []
    common += ["--profile"] if args.profile else []
    for stage in ("seed", "send"):
        code = subprocess.call([sys.executable, __file__, "--child", stage, *common], cwd=ROOT)
        if code and stage == "seed":
            return code
    return code


if __name__ == "__main__":
    sys.exit(main())
